//===- CompiledPrintAssertTest.cpp - compiled print/assert vs eager -------===//
//
// print_assert.mlir is compiled to native code (as AOT compilation does) and
// run; its printed text and its errors must be those of eager execution.
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledCodeABI.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <sstream>

using ag::compiled::MemRef;

extern "C" {
void _mlir_ciface_print_values(MemRef<float, 2> *x, MemRef<int64_t, 0> *i,
                               MemRef<bool, 1> *b);
void _mlir_ciface_print_long_vector(MemRef<int32_t, 1> *v);
// A 0-d result is written where the caller says (CompiledCodeABI.h).
void _mlir_ciface_checked_sqrt(MemRef<float, 0> *x, MemRef<float, 0> *result);
}

namespace {

TEST(CompiledPrintTest, PrintsExactlyWhatEagerCodePrints) {
  float x[] = {1.f, 2.5f, -3.f, 4.f};
  int64_t i = 7;
  bool b[] = {true, false, true};
  MemRef<float, 2> xRef{x, x, 0, {2, 2}, {2, 1}};
  MemRef<int64_t, 0> iRef{&i, &i, 0};
  MemRef<bool, 1> bRef{b, b, 0, {3}, {1}};

  testing::internal::CaptureStdout();
  _mlir_ciface_print_values(&xRef, &iRef, &bRef);
  std::string compiled = testing::internal::GetCapturedStdout();

  std::ostringstream eager;
  eager << "x = " << ag::constant({{1.f, 2.5f}, {-3.f, 4.f}})
        << ", i = " << ag::constant(int64_t{7})
        << " b = " << ag::constant({true, false, true}) << "\n";
  EXPECT_EQ(compiled, eager.str());
  EXPECT_EQ(compiled, "x = [[1 2.5]\n [-3 4]], i = 7 b = [true false true]\n");
}

TEST(CompiledPrintTest, SummarisesLongDimensionsLikeEagerCode) {
  int32_t v[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  MemRef<int32_t, 1> vRef{v, v, 0, {10}, {1}};
  testing::internal::CaptureStdout();
  _mlir_ciface_print_long_vector(&vRef);
  std::string compiled = testing::internal::GetCapturedStdout();
  EXPECT_EQ(compiled, "[0 1 2 ... 7 8 9]\n");
  EXPECT_EQ(compiled, ag::format_tensor(ag::constant({0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) + "\n");
}

TEST(CompiledAssertTest, PassingAssertLeavesNoError) {
  float x = 6.25f;
  float root = 0.f;
  MemRef<float, 0> xRef{&x, &x, 0}, result{&root, &root, 0};
  testing::internal::CaptureStdout();
  _mlir_ciface_checked_sqrt(&xRef, &result);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "after the assert\n");
  EXPECT_FALSE(ag::compiled::has_pending_error());
  EXPECT_EQ(root, 2.5f);
}

TEST(CompiledAssertTest, FailingAssertIsRaisedByTheCallerWithItsLocation) {
  float x = -1.f;
  float root = 0.f;
  MemRef<float, 0> xRef{&x, &x, 0}, result{&root, &root, 0};
  testing::internal::CaptureStdout();
  _mlir_ciface_checked_sqrt(&xRef, &result);
  // Eager execution stops at the assert: nothing after it is printed.
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  ASSERT_TRUE(ag::compiled::has_pending_error());
  try {
    ag::compiled::raise_pending_error();
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_EQ(std::string(error.what()),
              ag::format_assert_message("x must be non-negative", {"model.cc", 42}));
    EXPECT_NE(std::string(error.what()).find("model.cc:42"), std::string::npos)
        << error.what();
  }
  // Raised once: the next call starts clean.
  EXPECT_FALSE(ag::compiled::has_pending_error());
  EXPECT_NO_THROW(ag::compiled::raise_pending_error());
}

} // namespace
