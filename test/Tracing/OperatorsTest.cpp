//===- OperatorsTest.cpp - operators that dispatch on the type ------------===//
//
// The operators of autograph/Operators.h, as autograph-cc writes them in a
// converted template: the same generic code runs as plain C++ for C++
// values, eagerly for concrete tensors and staged in a trace (JIT), with the
// same results.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

namespace {

using ag::Tensor;

// template <class T> T clip_and_halve(T x, T hi) {
//   if (x > hi && !(x > hi * 10)) x = hi; else x = x > 0 ? x : -x;
//   while (x > 1 || x < -1) x = x / 2;
//   return x;
// }
template <class T> T clip_and_halve(T x, T hi) {
  ag::if_stmt(
      ag::and_(x > hi, [&] { return ag::not_(x > hi * 10); }),
      [&](auto &x) { x = hi; },
      [&](auto &x) { x = ag::if_exp(x > 0, [&] { return x; }, [&] { return -x; }); },
      {"x"}, x);
  ag::while_stmt([&](auto &x) { return ag::or_(x > 1, [&] { return x < -1; }); },
                 [&](auto &x) { x = x / 2; }, {"x"}, x);
  return x;
}

TEST(OperatorsTest, CxxValuesRunAsPlainCxx) {
  // Hand-computed: 5 > 2 and not > 20: x = 2 -> 1. 30 > 20: |30| = 30 -> 15
  // -> 7 -> 3 -> 1. -3: |-3| = 3 -> 1.
  EXPECT_EQ(clip_and_halve(5, 2), 1);
  EXPECT_EQ(clip_and_halve(30, 2), 1);
  EXPECT_EQ(clip_and_halve(-3, 2), 1);
  EXPECT_DOUBLE_EQ(clip_and_halve(30.0, 2.0), 0.9375);
  // The short-circuit is C++'s: the right operand is not evaluated.
  int evaluated = 0;
  EXPECT_FALSE(ag::and_(false, [&] { return ++evaluated > 0; }));
  EXPECT_TRUE(ag::or_(true, [&] { return ++evaluated > 0; }));
  EXPECT_EQ(evaluated, 0);
}

TEST(OperatorsTest, TensorsStageAndMatchEagerExecution) {
  auto compiled = ag::function(
      [](Tensor x, Tensor hi) { return clip_and_halve(x, hi); }, "clip_and_halve");
  for (float x : {5.f, 30.f, -3.f, 0.5f, 100.f}) {
    float eager = clip_and_halve(ag::constant(x), ag::constant(2.f)).item<float>();
    EXPECT_FLOAT_EQ(eager, static_cast<float>(clip_and_halve(double(x), 2.0))) << x;
    EXPECT_FLOAT_EQ(compiled(ag::constant(x), ag::constant(2.f)).item<float>(), eager)
        << x;
  }
  EXPECT_EQ(compiled.trace_count(), 1);
  // Staged: one ag.cond for the if, and the loop.
  EXPECT_NE(compiled.mlir().find("ag.while_loop"), std::string::npos);
  EXPECT_NE(compiled.mlir().find("ag.cond"), std::string::npos);
}

// do { x = x - 3; } while (x > 0);
template <class T> T count_down(T x) {
  ag::do_while_stmt([&](auto &x) { return x > 0; }, [&](auto &x) { x = x - 3; },
                    {"x"}, x);
  return x;
}

TEST(OperatorsTest, DoWhileRunsTheBodyFirstInEveryForm) {
  // Hand-computed: 7 -> 4 -> 1 -> -2; -5 -> -8 (the body runs once).
  EXPECT_EQ(count_down(7), -2);
  EXPECT_EQ(count_down(-5), -8);
  auto compiled = ag::function([](Tensor x) { return count_down(x); }, "count_down");
  for (int x : {7, -5, 0})
    EXPECT_EQ(compiled(ag::constant(x)).item<int>(), count_down(x)) << x;
}

TEST(OperatorsTest, AMixedConditionShortCircuitsOnTheCxxSide) {
  // `verbose && x > 0` with a C++ bool first: a tensor result either way.
  Tensor t = ag::and_(false, [&] { return ag::constant(1.f) > 0.f; });
  EXPECT_FALSE(t.item<bool>());
  EXPECT_TRUE(ag::not_(ag::constant(0)).item<bool>());
  EXPECT_FALSE(ag::not_(3));
}

} // namespace
