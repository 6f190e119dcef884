//===- GradientTapeTest.cpp - ag::GradientTape's semantics (TF's) ---------===//
//
// SPEC 8.4 and tf2-training-facts.md section 1: what is watched, what an
// unconnected source gets, persistent and non-persistent tapes, nested
// tapes, stop_gradient, and the errors. Expected values by hand.
//
//===----------------------------------------------------------------------===//
#include "autograph/GradientTape.h"
#include "autograph/autograph.h"

#include "TensorTestUtil.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace {

using agtest::errorOf;

using ag::Tensor;

TEST(GradientTapeTest, WatchedTensorsAndNonScalarTargets) {
  Tensor x = ag::constant({1.f, 2.f, 3.f});
  ag::GradientTape tape;
  tape.watch(x);
  Tensor y = x * x; // a non-scalar target: the gradient of its sum, 2x
  EXPECT_EQ(tape.gradient(y, x).to_vector<float>(), (std::vector<float>{2.f, 4.f, 6.f}));
}

TEST(GradientTapeTest, TrainableVariablesAreWatchedWhenRead) {
  ag::Variable w(ag::constant(3.f), "w");
  ag::Variable frozen(ag::constant(5.f), "frozen", /*trainable=*/false);
  ag::GradientTape tape;
  Tensor loss = w * w * frozen; // d/dw = 2 w frozen = 30
  std::vector<Tensor> g = tape.gradient(loss, std::vector<ag::Variable>{w, frozen});
  EXPECT_FLOAT_EQ(g[0].item<float>(), 30.f);
  EXPECT_FALSE(g[1].defined()); // not trainable: not watched
  ASSERT_EQ(tape.watched_variables().size(), 1u);
  EXPECT_EQ(tape.watched_variables()[0].name(), "w");
}

TEST(GradientTapeTest, WatchAccessedVariablesFalseWatchesOnlyWhatIsAsked) {
  ag::Variable a(ag::constant(2.f), "a"), b(ag::constant(4.f), "b");
  ag::GradientTape tape(/*persistent=*/false, /*watch_accessed_variables=*/false);
  tape.watch(b);
  Tensor y = a * b;
  std::vector<Tensor> g = tape.gradient(y, std::vector<ag::Variable>{a, b});
  EXPECT_FALSE(g[0].defined());
  EXPECT_FLOAT_EQ(g[1].item<float>(), 2.f);
}

TEST(GradientTapeTest, UnconnectedSourcesAreUndefinedOrZeros) {
  Tensor x = ag::constant(1.f), z = ag::constant({1.f, 2.f});
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(x);
  tape.watch(z);
  Tensor y = x * 2.f;
  EXPECT_FALSE(tape.gradient(y, z).defined());
  EXPECT_EQ(tape.gradient(y, z, ag::UnconnectedGradients::zero).to_vector<float>(),
            (std::vector<float>{0.f, 0.f}));
}

TEST(GradientTapeTest, ANonPersistentTapeComputesOneSetOfGradients) {
  Tensor x = ag::constant(3.f);
  ag::GradientTape tape;
  tape.watch(x);
  Tensor y = x * x;
  EXPECT_FLOAT_EQ(tape.gradient(y, x).item<float>(), 6.f);
  EXPECT_EQ(errorOf([&] { tape.gradient(y, x); }),
            "GradientTape.gradient: a non-persistent GradientTape can only be used to "
            "compute one set of gradients (create it with persistent = true)");
}

TEST(GradientTapeTest, APersistentTapeComputesSeveral) {
  // TF's example: x = 3, y = x * x, z = y * y: dz/dx = 108, dy/dx = 6.
  Tensor x = ag::constant(3.f);
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(x);
  Tensor y = x * x;
  Tensor z = y * y;
  EXPECT_FLOAT_EQ(tape.gradient(z, x).item<float>(), 108.f);
  EXPECT_FLOAT_EQ(tape.gradient(y, x).item<float>(), 6.f);
}

TEST(GradientTapeTest, NestedTapesGiveSecondDerivatives) {
  // TF's example: x = 5: d(x*x)/dx = 10, and its derivative 2.
  Tensor x = ag::constant(5.f);
  ag::GradientTape outer;
  outer.watch(x);
  Tensor dy_dx;
  {
    ag::GradientTape inner;
    inner.watch(x);
    Tensor y = x * x;
    dy_dx = inner.gradient(y, x);
  }
  EXPECT_FLOAT_EQ(dy_dx.item<float>(), 10.f);
  EXPECT_FLOAT_EQ(outer.gradient(dy_dx, x).item<float>(), 2.f);
  // Third order: d3/dx3 of x^4 at 2 is 24 * 2 = 48.
  Tensor t = ag::constant(2.f);
  ag::GradientTape t1;
  t1.watch(t);
  ag::GradientTape t2;
  t2.watch(t);
  ag::GradientTape t3;
  t3.watch(t);
  Tensor f = t * t * t * t;
  Tensor d1 = t3.gradient(f, t);  // 4 t^3 = 32
  Tensor d2 = t2.gradient(d1, t); // 12 t^2 = 48
  Tensor d3 = t1.gradient(d2, t); // 24 t = 48
  EXPECT_FLOAT_EQ(d1.item<float>(), 32.f);
  EXPECT_FLOAT_EQ(d2.item<float>(), 48.f);
  EXPECT_FLOAT_EQ(d3.item<float>(), 48.f);
}

TEST(GradientTapeTest, StopGradientAndStopRecordingCutThePath) {
  // z = x^2 + stop_gradient(y^2): dz/dy undefined.
  Tensor x = ag::constant(2.f), y = ag::constant(3.f);
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(x);
  tape.watch(y);
  Tensor z = x * x + ag::stop_gradient(y * y);
  EXPECT_FLOAT_EQ(z.item<float>(), 13.f);
  EXPECT_FLOAT_EQ(tape.gradient(z, x).item<float>(), 4.f);
  EXPECT_FALSE(tape.gradient(z, y).defined());
  Tensor w;
  {
    auto pause = tape.stop_recording();
    w = x * 10.f;
  }
  EXPECT_FALSE(tape.gradient(w, x).defined());
}

TEST(GradientTapeTest, IntegerPathsCarryNoGradient) {
  Tensor x = ag::constant(2.f);
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(x);
  Tensor through_int = ag::cast(ag::cast(x, ag::DType::Int32), ag::DType::Float32);
  EXPECT_FALSE(tape.gradient(through_int * 3.f, x).defined());
  EXPECT_EQ(errorOf([&] { tape.gradient(ag::cast(x, ag::DType::Int32), x); }),
            "GradientTape.gradient: the target must be a floating tensor (float32 or "
            "float64), got i32[]: integer and boolean values carry no gradient");
}

TEST(GradientTapeTest, AnOpWithoutAGradientIsAnError) {
  // range has no gradient: a loss through it is an error, not a zero.
  Tensor limit = ag::constant(4.f);
  ag::GradientTape tape;
  tape.watch(limit);
  Tensor steps = ag::range(ag::constant(0.f), limit, ag::constant(1.f));
  EXPECT_EQ(errorOf([&] { tape.gradient(ag::reduce_sum(steps), limit); }),
            "GradientTape.gradient: no gradient is defined for op 'range', which is "
            "on the path from the target to a source");
}

TEST(GradientTapeTest, AVariableReadTwiceAndAssignedBetween) {
  // y = w * (w after w += 1): both reads are the variable, dy/dw sums them:
  // y = w0 * (w0 + 1) read as two values a = w0, b = w0 + 1 => dy/da + dy/db
  // = b + a = 2 w0 + 1 = 5 for w0 = 2. (TF gives the same: each read is an
  // op of the variable.)
  ag::Variable w(ag::constant(2.f), "w");
  ag::GradientTape tape;
  Tensor a = w;
  w.assign_add(ag::constant(1.f));
  Tensor b = w;
  EXPECT_FLOAT_EQ(tape.gradient(a * b, w).item<float>(), 5.f);
}

} // namespace
