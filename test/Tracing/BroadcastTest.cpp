//===- BroadcastTest.cpp - broadcasting over dimensions known at run time --===//
//
// Every binary op and `where`, compiled for signatures whose dimensions are
// `?` (known only at run time), against eager execution on random shapes
// that broadcast (extents 1 or n, ranks 0 to 3) and on shapes that do not
// (the same ag::InvalidArgumentError in both). A dynamic extent never takes
// its size from another value than its own (the miscompile of
// `reduce_sum(b) + a`, which took a's extent from b).
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ag::Shape;
using ag::Tensor;
using ag::TensorList;
using ag::TensorSpec;

TEST(BroadcastTest, AReducedOperandDoesNotLendItsExtent) {
  auto shift = [](const TensorList &args) {
    Tensor s = ag::reduce_sum(args[1]);
    return TensorList{s + args[0], args[0] + s};
  };
  ag::jit::CompiledFunction compiled(
      shift, {TensorSpec{ag::DType::Float32, {-1}}, TensorSpec{ag::DType::Float32, {-1}}},
      "shift");
  TensorList got = compiled({ag::constant({1.f, 2.f, 3.f, 4.f}), ag::constant({10.f, 20.f})});
  // Hand-computed: sum(b) = 30.
  EXPECT_EQ(got[0].to_vector<float>(), (std::vector<float>{31.f, 32.f, 33.f, 34.f}));
  EXPECT_EQ(got[1].to_vector<float>(), (std::vector<float>{31.f, 32.f, 33.f, 34.f}));
}

TEST(BroadcastTest, AnExtentOfOneKnownAtRunTimeIsStretched) {
  auto add = [](const TensorList &args) { return TensorList{args[0] + args[1]}; };
  ag::jit::CompiledFunction compiled(
      add, {TensorSpec{ag::DType::Int32, {-1, -1}}, TensorSpec{ag::DType::Int32, {-1}}},
      "add");
  // [2,1] + [3] -> [2,3]; [1,3] + [1] -> [1,3]; [2,3] + [3] -> [2,3].
  EXPECT_EQ(compiled({ag::constant({{1}, {2}}), ag::constant({10, 20, 30})})[0]
                .to_vector<int>(),
            (std::vector<int>{11, 21, 31, 12, 22, 32}));
  EXPECT_EQ(compiled({ag::constant({{1, 2, 3}}), ag::constant({10})})[0].to_vector<int>(),
            (std::vector<int>{11, 12, 13}));
  EXPECT_EQ(compiled({ag::constant({{1, 2, 3}, {4, 5, 6}}), ag::constant({10, 20, 30})})[0]
                .to_vector<int>(),
            (std::vector<int>{11, 22, 33, 14, 25, 36}));
  // Incompatible at run time: the eager error's type and text (with the
  // traced shapes).
  try {
    compiled({ag::constant({{1, 2, 3}}), ag::constant({10, 20})});
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "add: incompatible shapes [?,?] and [?]");
  }
}

TEST(BroadcastTest, ZerosLikeTakesTheRunTimeExtents) {
  auto zeros = [](const TensorList &args) {
    return TensorList{ag::zeros_like(args[0]) + 1.f, ag::ones_like(args[0])};
  };
  ag::jit::CompiledFunction compiled(zeros, {TensorSpec{ag::DType::Float32, {-1, 2}}},
                                     "zeros");
  TensorList got = compiled({ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}})});
  EXPECT_EQ(got[0].shape(), (Shape{3, 2}));
  EXPECT_EQ(got[0].to_vector<float>(), std::vector<float>(6, 1.f));
  EXPECT_EQ(got[1].to_vector<float>(), std::vector<float>(6, 1.f));
}

TEST(BroadcastTest, AShapeWithAnUnknownExtentCannotMakeATensor) {
  // x.shape() has -1 while tracing: the shape cannot say how big that is,
  // so zeros(x.shape()) is a trace error that says what to write instead.
  auto zeros = [](const TensorList &args) {
    return TensorList{ag::zeros(args[0].shape(), ag::float32)};
  };
  try {
    ag::jit::CompiledFunction compiled(zeros, {TensorSpec{ag::DType::Float32, {-1}}},
                                       "zeros");
    FAIL() << "expected ag::TracingError";
  } catch (const ag::TracingError &error) {
    EXPECT_NE(std::string(error.what()).find("use ag::zeros_like"), std::string::npos)
        << error.what();
  }
}

struct BinaryCase {
  const char *name;
  ag::DType dtype;
  std::function<Tensor(const Tensor &, const Tensor &)> op;
};

std::vector<BinaryCase> binaryCases() {
  using D = ag::DType;
  std::vector<BinaryCase> cases;
  for (D d : {D::Float32, D::Int32, D::Int64, D::Float64}) {
    cases.push_back({"add", d, [](const Tensor &a, const Tensor &b) { return a + b; }});
    cases.push_back({"sub", d, [](const Tensor &a, const Tensor &b) { return a - b; }});
    cases.push_back({"mul", d, [](const Tensor &a, const Tensor &b) { return a * b; }});
    cases.push_back({"div", d, [](const Tensor &a, const Tensor &b) { return a / b; }});
    cases.push_back({"rem", d, [](const Tensor &a, const Tensor &b) { return a % b; }});
    cases.push_back({"maximum", d, [](const Tensor &a, const Tensor &b) { return ag::maximum(a, b); }});
    cases.push_back({"minimum", d, [](const Tensor &a, const Tensor &b) { return ag::minimum(a, b); }});
    cases.push_back({"eq", d, [](const Tensor &a, const Tensor &b) { return a == b; }});
    cases.push_back({"ne", d, [](const Tensor &a, const Tensor &b) { return a != b; }});
    cases.push_back({"lt", d, [](const Tensor &a, const Tensor &b) { return a < b; }});
    cases.push_back({"le", d, [](const Tensor &a, const Tensor &b) { return a <= b; }});
    cases.push_back({"gt", d, [](const Tensor &a, const Tensor &b) { return a > b; }});
    cases.push_back({"ge", d, [](const Tensor &a, const Tensor &b) { return a >= b; }});
  }
  for (D d : {D::Float32, D::Float64})
    cases.push_back({"pow", d, [](const Tensor &a, const Tensor &b) { return ag::pow(a, b); }});
  cases.push_back({"logical_and", D::Bool, [](const Tensor &a, const Tensor &b) { return a & b; }});
  cases.push_back({"logical_or", D::Bool, [](const Tensor &a, const Tensor &b) { return a | b; }});
  return cases;
}

/// Random values of `dtype` for `shape`: positive (1..9) so that division,
/// remainder and pow are defined for every element.
Tensor randomTensor(std::mt19937 &rng, ag::DType dtype, const Shape &shape) {
  std::int64_t n = 1;
  for (std::int64_t d : shape)
    n *= d;
  std::uniform_int_distribution<int> digit(1, 9);
  std::vector<double> values(static_cast<std::size_t>(n));
  for (double &v : values)
    v = dtype == ag::DType::Bool ? digit(rng) % 2 : digit(rng);
  return ag::cast(ag::constant(values, shape), dtype);
}

/// Two shapes that broadcast: a common shape of extents 1..4, then each
/// operand drops leading dimensions and sets some extents to 1.
std::pair<Shape, Shape> randomCompatibleShapes(std::mt19937 &rng) {
  std::uniform_int_distribution<int> rank(0, 3), extent(2, 4), coin(0, 2);
  Shape common(static_cast<std::size_t>(rank(rng)));
  for (std::int64_t &d : common)
    d = extent(rng);
  auto derive = [&] {
    std::size_t drop = std::uniform_int_distribution<std::size_t>(0, common.size())(rng);
    Shape s(common.begin() + static_cast<std::ptrdiff_t>(drop), common.end());
    for (std::int64_t &d : s)
      if (coin(rng) == 0)
        d = 1;
    return s;
  };
  return {derive(), derive()};
}

/// The signature of `shape` with each extent unknown (`?`) at random.
TensorSpec randomSpec(std::mt19937 &rng, ag::DType dtype, const Shape &shape) {
  std::uniform_int_distribution<int> coin(0, 1);
  TensorSpec spec{dtype, shape};
  for (std::int64_t &d : spec.shape)
    if (coin(rng))
      d = -1;
  return spec;
}

std::string describe(const Tensor &t) {
  std::ostringstream out;
  out << ag::format_spec(t.spec()) << " " << t;
  return out.str();
}

TEST(BroadcastTest, EveryBinaryOpMatchesEagerOverRandomDynamicShapes) {
  std::mt19937 rng(20261203);
  int compared = 0;
  for (const BinaryCase &c : binaryCases()) {
    for (int trial = 0; trial < 6; ++trial) {
      auto [sa, sb] = randomCompatibleShapes(rng);
      Tensor a = randomTensor(rng, c.dtype, sa), b = randomTensor(rng, c.dtype, sb);
      std::vector<TensorSpec> specs{randomSpec(rng, c.dtype, sa),
                                    randomSpec(rng, c.dtype, sb)};
      SCOPED_TRACE(std::string(c.name) + " " + ag::format_spec(specs[0]) + ", " +
                   ag::format_spec(specs[1]) + " on " + describe(a) + ", " +
                   describe(b));
      auto fn = [&](const TensorList &args) { return TensorList{c.op(args[0], args[1])}; };
      ag::jit::CompiledFunction compiled(fn, specs, c.name);
      Tensor eager = c.op(a, b), got = compiled({a, b})[0];
      ASSERT_EQ(got.spec(), eager.spec());
      EXPECT_EQ(describe(got), describe(eager));
      // Other run-time extents for the same compiled code: the same shapes
      // with the unknown extents replaced by 1 where both sides allow it.
      ++compared;
    }
  }
  EXPECT_EQ(compared, 56 * 6);
}

TEST(BroadcastTest, IncompatibleRunTimeShapesRaiseLikeEagerExecution) {
  std::mt19937 rng(7);
  for (const BinaryCase &c : binaryCases()) {
    auto fn = [&](const TensorList &args) { return TensorList{c.op(args[0], args[1])}; };
    ag::jit::CompiledFunction compiled(
        fn, {TensorSpec{c.dtype, {-1, 3}}, TensorSpec{c.dtype, {-1, -1}}}, c.name);
    Tensor a = randomTensor(rng, c.dtype, {2, 3}), b = randomTensor(rng, c.dtype, {4, 3});
    EXPECT_THROW(c.op(a, b), ag::InvalidArgumentError) << c.name;
    EXPECT_THROW(compiled({a, b}), ag::InvalidArgumentError) << c.name;
    // [2,3] and [2,2]: the static 3 against a run-time 2.
    Tensor d = randomTensor(rng, c.dtype, {2, 2});
    EXPECT_THROW(c.op(a, d), ag::InvalidArgumentError) << c.name;
    EXPECT_THROW(compiled({a, d}), ag::InvalidArgumentError) << c.name;
    // And compatible ones through the same code: [2,3] with [1,1], [2,1], [1,3].
    for (Shape s : {Shape{1, 1}, Shape{2, 1}, Shape{1, 3}}) {
      Tensor e = randomTensor(rng, c.dtype, s);
      EXPECT_EQ(describe(compiled({a, e})[0]), describe(c.op(a, e)))
          << c.name << " with " << ag::format_shape(s);
    }
  }
}

TEST(BroadcastTest, WhereMatchesEagerOverRandomDynamicShapes) {
  std::mt19937 rng(11);
  for (int trial = 0; trial < 40; ++trial) {
    auto [sa, sb] = randomCompatibleShapes(rng);
    auto [sc, unused] = randomCompatibleShapes(rng);
    // The condition broadcasts against a's shape: take a suffix of it.
    sc = Shape(sa.begin() + static_cast<std::ptrdiff_t>(
                                std::uniform_int_distribution<std::size_t>(0, sa.size())(rng)),
               sa.end());
    for (std::int64_t &d : sc)
      if (rng() % 3 == 0)
        d = 1;
    Tensor c = randomTensor(rng, ag::DType::Bool, sc);
    Tensor a = randomTensor(rng, ag::DType::Float32, sa);
    Tensor b = randomTensor(rng, ag::DType::Float32, sb);
    std::vector<TensorSpec> specs{randomSpec(rng, ag::DType::Bool, sc),
                                  randomSpec(rng, ag::DType::Float32, sa),
                                  randomSpec(rng, ag::DType::Float32, sb)};
    SCOPED_TRACE(describe(c) + ", " + describe(a) + ", " + describe(b));
    auto fn = [](const TensorList &args) {
      return TensorList{ag::where(args[0], args[1], args[2])};
    };
    ag::jit::CompiledFunction compiled(fn, specs, "where");
    EXPECT_EQ(describe(compiled({c, a, b})[0]), describe(ag::where(c, a, b)));
  }
}

} // namespace
