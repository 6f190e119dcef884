#include "TensorTestUtil.h"


#include <cstdint>
#include <limits>

using agtest::expect_invalid;

TEST(ErrorPathsTest, ShapeMismatchNamesTheOpAndShapes) {
  ag::Tensor a = ag::zeros({2, 3}), b = ag::zeros({4});
  expect_invalid([&] { a + b; }, "add: incompatible shapes [2,3] and [4]");
  expect_invalid([&] { a - b; }, "sub: incompatible shapes [2,3] and [4]");
  expect_invalid([&] { a * b; }, "mul: incompatible shapes [2,3] and [4]");
  expect_invalid([&] { a / b; }, "div: incompatible shapes [2,3] and [4]");
  expect_invalid([&] { (void)(a < b); }, "less: incompatible shapes [2,3] and [4]");
  expect_invalid([&] { ag::maximum(a, b); },
                 "maximum: incompatible shapes [2,3] and [4]");
}

TEST(ErrorPathsTest, DTypeMixIsAnError) {
  ag::Tensor f = ag::zeros({2}), i = ag::zeros({2}, ag::int32);
  expect_invalid([&] { f + i; }, "add: dtype mismatch float32 vs int32 (use ag::cast)");
  expect_invalid([&] { (void)(i == f); }, "equal: dtype mismatch int32 vs float32 (use ag::cast)");
  expect_invalid([&] { ag::where(ag::constant({true, false}), f, i); },
                 "where: dtype mismatch float32 vs int32");
}

TEST(ErrorPathsTest, UnsupportedDTypes) {
  expect_invalid([] { ag::exp(ag::constant({1})); },
                 "exp: unsupported dtype int32 (needs float32 or float64; use ag::cast)");
  expect_invalid([] { ag::constant({true}) + ag::constant({false}); },
                 "add: unsupported dtype bool");
  expect_invalid([] { ag::constant({1}) & ag::constant({1}); },
                 "logical_and: unsupported dtype int32 (needs bool)");
  expect_invalid([] { ~ag::constant({1.f}); }, "logical_not: unsupported dtype float32");
  expect_invalid([] { -ag::constant(true); }, "neg: unsupported dtype bool");
}

TEST(ErrorPathsTest, IntegerDivisionByZero) {
  expect_invalid([] { ag::constant({1, 2}) / ag::constant({1, 0}); },
                 "div: integer division by zero");
  expect_invalid([] { ag::constant(std::int64_t{5}) / std::int64_t{0}; },
                 "div: integer division by zero");
  expect_invalid([] { ag::constant({4, 5}) / 0; }, "div: integer division by zero");
  expect_invalid([] { ag::constant({4, 5}) % 0; }, "rem: integer division by zero");
  expect_invalid([] { ag::pow(ag::constant({2}), ag::constant({-1})); },
                 "pow: integers to negative integer powers are not allowed");
  // Floating division by zero is IEEE, not an error.
  EXPECT_TRUE(std::isinf(ag::div(ag::constant(1.f), ag::constant(0.f)).item<float>()));
}

TEST(ErrorPathsTest, OutOfRangeIndex) {
  ag::Tensor m = ag::zeros({2, 3});
  expect_invalid([&] { m[2]; }, "index: index 2 is out of range for shape [2,3]");
  expect_invalid([&] { m[-3]; }, "index: index -3 is out of range for shape [2,3]");
  expect_invalid([&] { m[ag::constant(5)]; }, "index: index 5 is out of range");
  expect_invalid([&] { m[ag::constant(1.f)]; },
                 "index: the index must be a 0-d int32 or int64 tensor, got float32[]");
  expect_invalid([] { ag::constant(1)[0]; }, "index: cannot index a scalar (shape [])");
  expect_invalid([&] { m.dim(2); }, "dim: axis 2 is out of range for shape [2,3]");
}

TEST(ErrorPathsTest, ReshapeToADifferentSize) {
  expect_invalid([] { ag::reshape(ag::zeros({2, 3}), {4}); },
                 "reshape: cannot reshape a tensor of shape [2,3] (6 elements) to "
                 "shape [4] (4 elements)");
  expect_invalid([] { ag::reshape(ag::zeros({2, 3}), {4, -1}); },
                 "reshape: cannot reshape a tensor of shape [2,3] (6 elements) to "
                 "shape [4,-1]");
  expect_invalid([] { ag::reshape(ag::zeros({6}), {-1, -1}); },
                 "has more than one -1 extent");
  expect_invalid([] { ag::reshape(ag::zeros({6}), {-2, 3}); },
                 "reshape: invalid target shape");
}

TEST(ErrorPathsTest, NonScalarCondition) {
  ag::Tensor v = ag::constant({true, false});
  expect_invalid([&] { (void)static_cast<bool>(v); },
                 "bool: the truth value of a tensor of shape [2] is ambiguous");
  expect_invalid([&] { if (v) {} }, "ambiguous");
  expect_invalid([&] { ag::Assert(v, "never"); },
                 "the condition must be a scalar (0-d) tensor, got shape [2]");
}

TEST(ErrorPathsTest, AssertCarriesMessageAndSourceLine) {
  const int line = __LINE__ + 2;
  try {
    ag::Assert(ag::constant(1) > 2, "x must exceed 2");
    ADD_FAILURE() << "no exception";
  } catch (const ag::InvalidArgumentError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("ErrorPathsTest.cpp:" + std::to_string(line) +
                        ": Assert failed: x must exceed 2"),
              std::string::npos)
        << what;
  }
  EXPECT_NO_THROW(ag::Assert(ag::constant(3) > 2, "fine"));
  EXPECT_NO_THROW(ag::Assert(true, "fine"));
  expect_invalid([] { ag::Assert(false, "plain bool"); }, "Assert failed: plain bool");
}

TEST(ErrorPathsTest, UndefinedTensor) {
  ag::Tensor u;
  EXPECT_FALSE(u.defined());
  expect_invalid([&] { u.dtype(); }, "dtype: use of an undefined ag::Tensor");
  expect_invalid([&] { u + ag::constant(1); }, "add: use of an undefined ag::Tensor");
  expect_invalid([&] { u + 1; }, "add: use of an undefined ag::Tensor");
  expect_invalid([&] { ag::print(u); }, "print: use of an undefined ag::Tensor");
  expect_invalid([&] { (void)static_cast<bool>(u); }, "use of an undefined");
  expect_invalid([&] { ag::reduce_sum(u); }, "reduce_sum: use of an undefined");
}

TEST(ErrorPathsTest, BadShapesNeverCrash) {
  const std::int64_t huge = std::numeric_limits<std::int64_t>::max() / 2;
  expect_invalid([] { ag::zeros({-1, 2}); }, "fill: invalid shape [-1,2] (extents must be non-negative)");
  expect_invalid([&] { ag::zeros({huge, huge}); }, "has too many elements");
  expect_invalid([&] { ag::zeros({huge}); }, "");
  expect_invalid([&] { ag::broadcast_to(ag::constant(1), {huge, 4}); },
                 "has too many elements");
  expect_invalid([&] { ag::reshape(ag::zeros({2}), {huge, huge}); },
                 "reshape: target shape");
  expect_invalid([] { ag::transpose(ag::zeros({2, 3}), {0, 0}); },
                 "transpose: perm [0,0] is not a permutation of the axes of shape [2,3]");
  expect_invalid([] { ag::transpose(ag::zeros({2, 3}), {0, 1, 2}); },
                 "is not a permutation");
  expect_invalid([] { ag::constant(std::vector<float>{1, 2}, {-2, -1}); },
                 "constant: invalid shape");
  expect_invalid([] { ag::constant(2.f).item<float>(), ag::zeros({2}).item<float>(); },
                 "item: needs a tensor with 1 element(s), got shape [2]");
  expect_invalid([] { ag::zeros({2}).data<int>(); },
                 "data: requested int32 elements of a float32 tensor");
}

TEST(ErrorPathsTest, ErrorsDeriveFromAgError) {
  try {
    ag::zeros({2}) + ag::zeros({3});
    FAIL();
  } catch (const ag::Error &e) {
    SUCCEED();
  }
  EXPECT_THROW(ag::zeros({2}) + ag::zeros({3}), std::runtime_error);
}
