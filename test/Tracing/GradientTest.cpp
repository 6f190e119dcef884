//===- GradientTest.cpp - GradientTape inside compiled functions ----------===//
//
// SPEC 8.4: a tape inside a traced function records the traced ops, and its
// gradient, written in ag ops, is traced into the same compiled function
// (no tape at run time). Compiled training steps must equal eager ones
// (within 1e-5 relative); the binary runs with AG_FALLBACK=error and each
// test checks the compiled module, so no eager fallback passes. What cannot
// be differentiated yet (staged control flow, TensorArrays) is an error,
// never a silent zero.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/GradientTape.h"
#include "autograph/autograph.h"

#include "../runtime/TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <tuple>
#include <string>
#include <vector>

namespace {

using agtest::errorOf;
using agtest::expectClose;

using ag::Tensor;
using ag::TensorList;

Tensor counting(ag::Shape shape, float scale, float offset) {
  std::int64_t n = 1;
  for (std::int64_t d : shape)
    n *= d;
  std::vector<float> v(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = offset + scale * std::sin(1.3f * static_cast<float>(i) + 0.4f);
  return ag::constant(v, shape);
}

struct Model {
  ag::Variable w{ag::constant({{0.5f, -0.2f}, {0.1f, 0.3f}, {-0.4f, 0.2f}}), "w"};
  ag::Variable b{ag::constant({0.1f, -0.1f}), "b"};

  /// One step of gradient descent on the mean squared error.
  Tensor step(const Tensor &x, const Tensor &y) {
    ag::GradientTape tape;
    Tensor prediction = ag::tanh(ag::matmul(x, w) + b);
    Tensor loss = ag::reduce_mean(ag::square(prediction - y));
    std::vector<Tensor> grads = tape.gradient(loss, std::vector<ag::Variable>{w, b});
    w.assign_sub(grads[0] * 0.5f);
    b.assign_sub(grads[1] * 0.5f);
    return loss;
  }
};

TEST(GradientTest, ACompiledTrainingStepEqualsTheEagerOne) {
  Tensor x = ag::constant({{1.f, 2.f, 3.f}, {-1.f, 0.5f, 2.f}, {0.f, -1.f, 1.f}, {2.f, 1.f, 0.f}});
  Tensor y = ag::constant({{0.5f, -0.5f}, {0.2f, 0.1f}, {-0.3f, 0.4f}, {0.f, 0.2f}});
  Model eager, compiled;
  auto step = ag::function([&](const Tensor &xs, const Tensor &ys) { return compiled.step(xs, ys); },
                           "train_step");
  for (int i = 0; i < 5; ++i) {
    Tensor expected = eager.step(x, y);
    Tensor got = step(x, y);
    expectClose(got, expected);
  }
  expectClose(compiled.w, eager.w);
  expectClose(compiled.b, eager.b);
  EXPECT_EQ(step.trace_count(), 1);
  // The loss decreased: the step trains.
  EXPECT_LT(eager.step(x, y).item<float>(), Model().step(x, y).item<float>());
  // The backward pass is in the compiled module: a matmul for the forward
  // pass and one per gradient (x^T g for w; g w^T is not needed: x is no
  // source) plus the tanh adjoint's 1 - y * y.
  std::string mlir = step.mlir();
  std::size_t matmuls = 0;
  for (std::size_t at = mlir.find("ag.matmul"); at != std::string::npos;
       at = mlir.find("ag.matmul", at + 1))
    ++matmuls;
  EXPECT_GE(matmuls, 2u) << mlir;
}

TEST(GradientTest, SecondDerivativesInACompiledFunction) {
  // d2/dx2 of x^3 = 6x; at x = [1 2]: [6 12].
  auto f = ag::function(
      [](const Tensor &x) {
        ag::GradientTape outer;
        outer.watch(x);
        ag::GradientTape inner;
        inner.watch(x);
        Tensor dy = inner.gradient(ag::reduce_sum(x * x * x), x);
        return outer.gradient(ag::reduce_sum(dy), x);
      },
      "second_derivative");
  EXPECT_EQ(f(ag::constant({1.f, 2.f})).to_vector<float>(), (std::vector<float>{6.f, 12.f}));
  EXPECT_NE(f.mlir().find("ag.mul"), std::string::npos);
}

TEST(GradientTest, GradientsThroughAStagedCond) {
  // y = x * x * w if x > 0 else -x * 3: dy/dx = 2 x w or -3; dy/dw = x * x or
  // 0 (w is used by the then branch only).
  auto f = [](const Tensor &x, const Tensor &w) {
    ag::GradientTape tape;
    tape.watch(x);
    tape.watch(w);
    TensorList out = ag::cond(
        x > 0.f, [&] { return TensorList{x * x * w}; }, [&] { return TensorList{-x * 3.f}; },
        {"y"});
    std::vector<Tensor> g = tape.gradient(out[0], std::vector<Tensor>{x, w},
                                          ag::UnconnectedGradients::zero);
    return std::make_tuple(out[0], g[0], g[1]);
  };
  auto compiled = ag::function(f, "grad_through_cond");
  for (float x : {3.f, -2.f}) {
    auto [y, dx, dw] = compiled(ag::constant(x), ag::constant(0.5f));
    auto [ey, edx, edw] = f(ag::constant(x), ag::constant(0.5f));
    float expectedDx = x > 0 ? 2.f * x * 0.5f : -3.f;
    float expectedDw = x > 0 ? x * x : 0.f;
    EXPECT_FLOAT_EQ(dx.item<float>(), expectedDx) << x;
    EXPECT_FLOAT_EQ(dw.item<float>(), expectedDw) << x;
    EXPECT_FLOAT_EQ(edx.item<float>(), expectedDx) << x;
    EXPECT_FLOAT_EQ(edw.item<float>(), expectedDw) << x;
    EXPECT_FLOAT_EQ(y.item<float>(), ey.item<float>());
  }
  EXPECT_EQ(compiled.trace_count(), 1);
  // The gradient is a second ag.cond in the compiled function.
  std::string mlir = compiled.mlir();
  EXPECT_NE(mlir.find("ag.cond"), mlir.rfind("ag.cond")) << mlir;
}

TEST(GradientTest, AVariableUsedOnlyInTheBranchNotTaken) {
  // TF's one eager/compiled difference, kept: eagerly the branch not taken
  // leaves the source unconnected (undefined), compiled it gets zeros.
  auto f = [](const Tensor &x, const Tensor &w) {
    ag::GradientTape tape;
    tape.watch(w);
    TensorList out = ag::cond(
        x > 0.f, [&] { return TensorList{x * w}; }, [&] { return TensorList{x * 2.f}; }, {"y"});
    Tensor g = tape.gradient(out[0], w);
    return g.defined() ? g : ag::constant(-1.f); // -1: undefined
  };
  EXPECT_FLOAT_EQ(f(ag::constant(-1.f), ag::constant(4.f)).item<float>(), -1.f);
  auto compiled = ag::function(f, "branch_not_taken");
  EXPECT_FLOAT_EQ(compiled(ag::constant(-1.f), ag::constant(4.f)).item<float>(), 0.f);
  EXPECT_FLOAT_EQ(compiled(ag::constant(2.f), ag::constant(4.f)).item<float>(), 2.f);
}

TEST(GradientTest, GradientsThroughAStagedWhileLoop) {
  // x doubles until it reaches 100: from 3, six doublings (192): dy/dx = 64.
  auto doubling = ag::function(
      [](const Tensor &x) {
        ag::GradientTape tape;
        tape.watch(x);
        TensorList out = ag::while_loop(
            [](const TensorList &v) { return v[0] < 100.f; },
            [](const TensorList &v) { return TensorList{v[0] * 2.f}; }, {x}, {"x"});
        return std::make_tuple(out[0], tape.gradient(out[0], x));
      },
      "grad_through_loop");
  auto [y, dx] = doubling(ag::constant(3.f));
  EXPECT_FLOAT_EQ(y.item<float>(), 192.f);
  EXPECT_FLOAT_EQ(dx.item<float>(), 64.f);
  auto [y2, dx2] = doubling(ag::constant(30.f)); // 30 60 120: two doublings
  EXPECT_FLOAT_EQ(y2.item<float>(), 120.f);
  EXPECT_FLOAT_EQ(dx2.item<float>(), 4.f);
  EXPECT_EQ(doubling.trace_count(), 1);
}

/// v <- tanh(v * w + x) for n iterations (n known at run time), then the
/// gradients of sum(v) with respect to x, w and v0.
std::vector<Tensor> recurrence(const Tensor &v0, const Tensor &w, const Tensor &x,
                               const Tensor &n) {
  ag::GradientTape tape;
  tape.watch(v0);
  tape.watch(w);
  tape.watch(x);
  TensorList out = ag::for_range(
      ag::constant(std::int64_t{0}), n, ag::constant(std::int64_t{1}),
      [&](const Tensor &i, const TensorList &v) {
        return TensorList{ag::tanh(v[0] * w + x * ag::cast(i + std::int64_t{1}, ag::DType::Float32))};
      },
      {v0}, {"v"});
  std::vector<Tensor> g = tape.gradient(ag::reduce_sum(out[0]), std::vector<Tensor>{v0, w, x},
                                        ag::UnconnectedGradients::zero);
  g.push_back(out[0]);
  return g;
}

TEST(GradientTest, GradientsThroughAStagedForLoopEqualEagerAndFiniteDifferences) {
  Tensor v0 = ag::constant({0.1f, -0.2f, 0.3f});
  Tensor w = ag::constant({0.5f, 0.8f, -0.3f});
  Tensor x = ag::constant({0.2f, 0.1f, -0.1f});
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return recurrence(a[0], a[1], a[2], a[3]); },
      {ag::TensorSpec{ag::DType::Float32, {-1}}, ag::TensorSpec{ag::DType::Float32, {-1}},
       ag::TensorSpec{ag::DType::Float32, {-1}}, ag::TensorSpec{ag::DType::Int64, {}}},
      "recurrence");
  EXPECT_NE(compiled.mlir().find("ag.for"), std::string::npos);
  for (std::int64_t n : {0, 1, 5, 40}) {
    SCOPED_TRACE(n);
    Tensor steps = ag::constant(n);
    TensorList got = compiled({v0, w, x, steps});
    std::vector<Tensor> eager = recurrence(v0, w, x, steps);
    for (std::size_t k = 0; k < 4; ++k)
      expectClose(got[k], eager[k]);
    // Central differences of sum(v_n) with respect to w[1], in float64 by
    // running the recurrence eagerly without a tape.
    auto objective = [&](double w1) {
      std::vector<double> v{0.1, -0.2, 0.3}, ww{0.5, w1, -0.3}, xx{0.2, 0.1, -0.1};
      for (std::int64_t i = 0; i < n; ++i)
        for (int e = 0; e < 3; ++e)
          v[e] = std::tanh(v[e] * ww[e] + xx[e] * static_cast<double>(i + 1));
      return v[0] + v[1] + v[2];
    };
    double numeric = (objective(0.8 + 1e-6) - objective(0.8 - 1e-6)) / 2e-6;
    EXPECT_NEAR(got[1].to_vector<float>()[1], numeric, 1e-4);
  }
}

/// The recurrent cell of examples/models/rows.cc over the rows of a
/// sequence, and the gradients of its final state's sum.
std::vector<Tensor> rowsGradients(const Tensor &sequence, const Tensor &w_x, const Tensor &w_h) {
  ag::GradientTape tape;
  tape.watch(sequence);
  tape.watch(w_x);
  tape.watch(w_h);
  TensorList h = ag::for_rows(
      sequence,
      [&](const Tensor &x, const TensorList &v) { return TensorList{ag::tanh(x * w_x + v[0] * w_h)}; },
      {ag::zeros({2})}, {"h"});
  return tape.gradient(ag::reduce_sum(h[0]), std::vector<Tensor>{sequence, w_x, w_h},
                       ag::UnconnectedGradients::zero);
}

TEST(GradientTest, GradientsThroughALoopOverRows) {
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return rowsGradients(a[0], a[1], a[2]); },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}, ag::TensorSpec{ag::DType::Float32, {2}},
       ag::TensorSpec{ag::DType::Float32, {2}}},
      "rows_gradients");
  Tensor w_x = ag::constant({0.5f, -1.f}), w_h = ag::constant({0.8f, 0.3f});
  for (std::int64_t steps : {1, 3, 12}) {
    SCOPED_TRACE(steps);
    Tensor sequence = counting({steps, 2}, 0.7f, 0.1f);
    TensorList got = compiled({sequence, w_x, w_h});
    std::vector<Tensor> eager = rowsGradients(sequence, w_x, w_h);
    for (std::size_t k = 0; k < 3; ++k)
      expectClose(got[k], eager[k]);
  }
}

TEST(GradientTest, BadInputRaisesTheEagerErrorsWhileTracing) {
  // The tape runs while tracing, so a compiled function raises the eager
  // message (never a fallback: InvalidArgumentError is not one).
  auto twice = ag::function(
      [](const Tensor &x) {
        ag::GradientTape tape;
        tape.watch(x);
        Tensor y = x * x;
        tape.gradient(y, x);
        return tape.gradient(y, x);
      },
      "gradient_twice");
  EXPECT_EQ(errorOf([&] { twice(ag::constant(1.f)); }),
            "GradientTape.gradient: a non-persistent GradientTape can only be used to "
            "compute one set of gradients (create it with persistent = true)");
  auto integer = ag::function(
      [](const Tensor &x) {
        ag::GradientTape tape;
        tape.watch(x);
        return tape.gradient(ag::cast(x, ag::DType::Int32), x);
      },
      "integer_target");
  EXPECT_EQ(errorOf([&] { integer(ag::constant(2.f)); }),
            "GradientTape.gradient: the target must be a floating tensor (float32 or "
            "float64), got i32[]: integer and boolean values carry no gradient");
  auto noGradient = ag::function(
      [](const Tensor &limit) {
        ag::GradientTape tape;
        tape.watch(limit);
        return tape.gradient(ag::reduce_sum(ag::range(ag::constant(0.f), limit, ag::constant(1.f))),
                             limit);
      },
      "no_gradient");
  EXPECT_EQ(errorOf([&] { noGradient(ag::constant(4.f)); }),
            "GradientTape.gradient: no gradient is defined for op 'range', which is on the "
            "path from the target to a source");
}

/// A loop with an if inside (staged: a cond nested in a while body):
/// while (v < 50) { if (v < 10) v = v * v * w; else v = v * 2; }, then
/// the gradients of v with respect to the start and w.
std::vector<Tensor> nestedGradients(const Tensor &v0, const Tensor &w) {
  ag::GradientTape tape;
  tape.watch(v0);
  tape.watch(w);
  TensorList out = ag::while_loop(
      [](const TensorList &v) { return v[0] < 50.f; },
      [&](const TensorList &v) {
        return ag::cond(
            v[0] < 10.f, [&] { return TensorList{v[0] * v[0] * w}; },
            [&] { return TensorList{v[0] * 2.f}; }, {"v"});
      },
      {v0}, {"v"});
  std::vector<Tensor> g = tape.gradient(out[0], std::vector<Tensor>{v0, w},
                                        ag::UnconnectedGradients::zero);
  g.push_back(out[0]);
  return g;
}

TEST(GradientTest, GradientsThroughACondInsideALoop) {
  // From v0 = 3, w = 1: 3 -> 9 (v*v*w) -> 81 (v*v*w). y = (v0^2 w)^2 w =
  // v0^4 w^3: dy/dv0 = 4 v0^3 w^3 = 108, dy/dw = 3 v0^4 w^2 = 243.
  auto compiled = ag::function(
      [](const Tensor &v0, const Tensor &w) {
        std::vector<Tensor> g = nestedGradients(v0, w);
        return std::make_tuple(g[0], g[1], g[2]);
      },
      "nested");
  auto [dv0, dw, y] = compiled(ag::constant(3.f), ag::constant(1.f));
  EXPECT_FLOAT_EQ(y.item<float>(), 81.f);
  EXPECT_FLOAT_EQ(dv0.item<float>(), 108.f);
  EXPECT_FLOAT_EQ(dw.item<float>(), 243.f);
  // From 20: 20 -> 40 -> 80 (the else branch): dy/dv0 = 4, dy/dw = 0.
  auto [dv0b, dwb, yb] = compiled(ag::constant(20.f), ag::constant(1.f));
  EXPECT_FLOAT_EQ(yb.item<float>(), 80.f);
  EXPECT_FLOAT_EQ(dv0b.item<float>(), 4.f);
  EXPECT_FLOAT_EQ(dwb.item<float>(), 0.f);
  // The eager tape agrees.
  std::vector<Tensor> eager = nestedGradients(ag::constant(3.f), ag::constant(1.f));
  EXPECT_FLOAT_EQ(eager[0].item<float>(), 108.f);
  EXPECT_FLOAT_EQ(eager[1].item<float>(), 243.f);
}

/// An RNN whose weights are variables read inside the loop over rows (and
/// in a branch), with the tape outside the loop: the gradients with respect
/// to the variables.
std::vector<Tensor> variableRnnGradients(ag::Variable &w, ag::Variable &u, const Tensor &rows) {
  ag::GradientTape tape;
  TensorList h = ag::for_rows(
      rows,
      [&](const Tensor &x, const TensorList &v) {
        Tensor next = ag::tanh(x * w.value() + v[0] * u.value());
        return ag::cond(ag::reduce_sum(x) > 0.f, [&] { return TensorList{next}; },
                        [&] { return TensorList{next * u.value()}; }, {"h"});
      },
      {ag::zeros({2})}, {"h"});
  return tape.gradient(ag::reduce_sum(h[0]), std::vector<ag::Variable>{w, u},
                       ag::UnconnectedGradients::zero);
}

TEST(GradientTest, VariablesReadInsideLoopsAndBranches) {
  ag::Variable w(ag::constant({0.5f, -0.4f}), "w"), u(ag::constant({0.3f, 0.6f}), "u");
  Tensor rows = ag::constant({{1.f, 2.f}, {-2.f, 0.5f}, {0.3f, -1.f}, {1.f, 1.f}});
  std::vector<Tensor> eager = variableRnnGradients(w, u, rows);
  ag::jit::CompiledFunction compiled(
      [&](const TensorList &a) { return variableRnnGradients(w, u, a[0]); },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}}, "variable_rnn");
  TensorList got = compiled({rows});
  ASSERT_EQ(got.size(), 2u);
  expectClose(got[0], eager[0]);
  expectClose(got[1], eager[1]);
  EXPECT_NE(eager[0].to_vector<float>()[0], 0.f);
}

/// Mean squared error of a linear model over a dataset's batches (a
/// staged loop over the dataset), and its gradient with respect to w.
std::vector<Tensor> datasetGradient(const Tensor &x, const Tensor &y, const Tensor &w) {
  ag::GradientTape tape;
  tape.watch(w);
  auto ds = ag::data::from_tensor_slices(x, y).batch(2);
  TensorList total = ag::data::for_dataset(
      ds,
      [&](const std::tuple<Tensor, Tensor> &batch, const TensorList &v) {
        auto &[xb, yb] = batch;
        return TensorList{v[0] + ag::reduce_sum(ag::square(ag::matmul(xb, w) - yb))};
      },
      {ag::constant(0.f)}, {"total"});
  return {total[0], tape.gradient(total[0], w)};
}

TEST(GradientTest, GradientsThroughALoopOverADataset) {
  // loss = sum (x w - y)^2 over all rows: dloss/dw = 2 x^T (x w - y).
  Tensor x = ag::constant({{1.f, 0.f}, {0.f, 1.f}, {1.f, 1.f}, {2.f, -1.f}, {0.5f, 0.5f}});
  Tensor y = ag::constant({{1.f}, {2.f}, {2.f}, {0.f}, {1.f}});
  Tensor w = ag::constant({{0.5f}, {1.5f}});
  Tensor residual = ag::matmul(x, w) - y;
  Tensor expected = ag::matmul(ag::transpose(x), residual) * 2.f;
  std::vector<Tensor> eager = datasetGradient(x, y, w);
  expectClose(eager[1], expected);
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return datasetGradient(a[0], a[1], a[2]); },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}, ag::TensorSpec{ag::DType::Float32, {-1, 1}},
       ag::TensorSpec{ag::DType::Float32, {2, 1}}},
      "dataset_gradient");
  EXPECT_NE(compiled.mlir().find("ag.while_loop"), std::string::npos);
  TensorList got = compiled({x, y, w});
  expectClose(got[0], eager[0]);
  expectClose(got[1], expected);
}

TEST(GradientTest, TensorArrayReadsAndWritesAreEachOthersAdjoint) {
  Tensor x = ag::constant(2.f);
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(x);
  ag::TensorArray ta(ag::DType::Float32, 2);
  ta.write(0, x * 3.f).write(1, x * x);
  EXPECT_FLOAT_EQ(tape.gradient(ta.read(0), x).item<float>(), 3.f);
  // stack: d/dx sum([3x, x^2]) = 3 + 2x = 7; read twice: 2 * 4 = 8.
  EXPECT_FLOAT_EQ(tape.gradient(ag::reduce_sum(ta.stack()), x).item<float>(), 7.f);
  EXPECT_FLOAT_EQ(tape.gradient(ta.read(1) + ta.read(1), x).item<float>(), 8.f);
}

/// The DynamicRNN pattern: a for over time writing each step's state to a
/// TensorArray, stacked; the gradient of the stack's sum with respect to
/// the recurrent weight and the inputs.
std::vector<Tensor> arrayRnnGradients(const Tensor &steps, const Tensor &u) {
  ag::GradientTape tape;
  tape.watch(steps);
  tape.watch(u);
  Tensor time = ag::dim(steps, 0);
  ag::TensorArray outputs(ag::DType::Float32, time, false, "outputs");
  ag::for_range(ag::constant(std::int64_t{0}), time, ag::constant(std::int64_t{1}),
                [&](const Tensor &i, const TensorList &v) {
                  Tensor state = ag::tanh(steps[i] + v[0] * u);
                  outputs = outputs.write(i, state);
                  return TensorList{state};
                },
                {ag::zeros({2})}, {"state"});
  return tape.gradient(ag::reduce_sum(ag::square(outputs.stack())), std::vector<Tensor>{steps, u},
                       ag::UnconnectedGradients::zero);
}

TEST(GradientTest, GradientsThroughATensorArrayInACompiledLoop) {
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return arrayRnnGradients(a[0], a[1]); },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}, ag::TensorSpec{ag::DType::Float32, {2}}},
      "array_rnn");
  Tensor u = ag::constant({0.7f, -0.4f});
  for (std::int64_t time : {1, 4, 9}) {
    SCOPED_TRACE(time);
    Tensor steps = counting({time, 2}, 0.8f, 0.f);
    std::vector<Tensor> eager = arrayRnnGradients(steps, u);
    TensorList got = compiled({steps, u});
    expectClose(got[0], eager[0]);
    expectClose(got[1], eager[1]);
  }
  // Finite differences of the eager computation, for u[0] at 4 steps.
  Tensor steps = counting({4, 2}, 0.8f, 0.f);
  auto loss = [&](float u0) {
    std::vector<float> s = steps.to_vector<float>();
    float h[2] = {0.f, 0.f}, uu[2] = {u0, -0.4f}, total = 0.f;
    for (int t = 0; t < 4; ++t)
      for (int e = 0; e < 2; ++e) {
        h[e] = std::tanh(s[static_cast<std::size_t>(t * 2 + e)] + h[e] * uu[e]);
        total += h[e] * h[e];
      }
    return static_cast<double>(total);
  };
  double numeric = (loss(0.7f + 1e-3f) - loss(0.7f - 1e-3f)) / 2e-3;
  EXPECT_NEAR(compiled({steps, u})[1].to_vector<float>()[0], numeric, 1e-3);
}

//===--- Every op: compiled gradients equal eager ones ------------------------===//

using OpFn = std::function<Tensor(const std::vector<Tensor> &)>;

struct OpCase {
  const char *name;
  OpFn fn;
  std::vector<Tensor> inputs;
};

/// The gradients of sum(fn(inputs) * weights) with respect to every input.
TensorList gradientsOf(const OpFn &fn, const TensorList &inputs, const Tensor &weights) {
  ag::GradientTape tape;
  for (const Tensor &input : inputs)
    tape.watch(input);
  Tensor y = ag::reduce_sum(fn(inputs) * weights);
  return tape.gradient(y, inputs, ag::UnconnectedGradients::zero);
}


TEST(GradientTest, EveryOpsGradientCompiledEqualsEager) {
  auto r = [](ag::Shape s) { return counting(s, 0.9f, 0.f); };
  auto pos = [](ag::Shape s) { return counting(s, 0.4f, 1.f); };
  std::vector<OpCase> cases = {
      {"neg", [](auto &in) { return -in[0]; }, {r({2, 3})}},
      {"abs", [](auto &in) { return ag::abs(in[0]); }, {r({2, 3})}},
      {"square", [](auto &in) { return ag::square(in[0]); }, {r({2, 3})}},
      {"relu", [](auto &in) { return ag::relu(in[0]); }, {r({2, 3})}},
      {"exp", [](auto &in) { return ag::exp(in[0]); }, {r({2, 3})}},
      {"log", [](auto &in) { return ag::log(in[0]); }, {pos({2, 3})}},
      {"sqrt", [](auto &in) { return ag::sqrt(in[0]); }, {pos({2, 3})}},
      {"tanh", [](auto &in) { return ag::tanh(in[0]); }, {r({2, 3})}},
      {"sigmoid", [](auto &in) { return ag::sigmoid(in[0]); }, {r({2, 3})}},
      {"add broadcast", [](auto &in) { return in[0] + in[1]; }, {r({2, 3}), r({3})}},
      {"sub broadcast", [](auto &in) { return in[0] - in[1]; }, {r({2, 1}), r({2, 3})}},
      {"mul", [](auto &in) { return in[0] * in[1]; }, {r({2, 3}), r({2, 3})}},
      {"div", [](auto &in) { return in[0] / in[1]; }, {r({2, 3}), pos({2, 3})}},
      {"pow", [](auto &in) { return ag::pow(in[0], in[1]); }, {pos({2, 3}), r({2, 3})}},
      {"maximum", [](auto &in) { return ag::maximum(in[0], in[1]); }, {r({2, 3}), r({3})}},
      {"minimum", [](auto &in) { return ag::minimum(in[0], in[1]); }, {r({2, 3}), r({3})}},
      {"matmul", [](auto &in) { return ag::matmul(in[0], in[1]); }, {r({2, 3}), r({3, 4})}},
      {"transpose", [](auto &in) { return ag::transpose(in[0]); }, {r({2, 3})}},
      {"reshape", [](auto &in) { return ag::reshape(in[0], {3, 2}); }, {r({2, 3})}},
      {"reduce_sum", [](auto &in) { return ag::reduce_sum(in[0], {1}); }, {r({2, 3})}},
      {"reduce_mean", [](auto &in) { return ag::reduce_mean(in[0], {0}, true); }, {r({2, 3})}},
      {"reduce_max", [](auto &in) { return ag::reduce_max(in[0], {1}); }, {r({2, 3})}},
      {"softmax", [](auto &in) { return ag::softmax(in[0], -1); }, {r({2, 3})}},
      {"concat", [](auto &in) { return ag::concat({in[0], in[1]}, 1); }, {r({2, 3}), r({2, 1})}},
      {"stack", [](auto &in) { return ag::stack({in[0], in[1]}); }, {r({2, 3}), r({2, 3})}},
      {"where", [](auto &in) { return ag::where(in[0] > 0.f, in[0], in[1] * 2.f); },
       {r({2, 3}), r({2, 3})}},
      {"cast", [](auto &in) { return ag::cast(ag::cast(in[0], ag::DType::Float64), ag::DType::Float32); },
       {r({2, 3})}},
      {"index", [](auto &in) { return in[0][std::int64_t{1}]; }, {r({2, 3})}},
      {"gather", [](auto &in) {
         return ag::gather(in[0], ag::constant(std::vector<std::int64_t>{1, 1, 0}));
       }, {r({2, 3})}},
  };
  for (const OpCase &c : cases) {
    SCOPED_TRACE(c.name);
    Tensor weights = counting(c.fn(c.inputs).shape(), 0.5f, 1.f);
    TensorList eager = gradientsOf(c.fn, c.inputs, weights);
    // Static shapes, then every extent known only at run time.
    for (bool dynamic : {false, true}) {
      SCOPED_TRACE(dynamic ? "dynamic" : "static");
      std::vector<ag::TensorSpec> specs;
      for (const Tensor &input : c.inputs) {
        ag::TensorSpec spec = input.spec();
        if (dynamic)
          for (std::int64_t &d : spec.shape)
            d = -1;
        specs.push_back(spec);
      }
      try {
        ag::jit::CompiledFunction compiled(
            [&](const TensorList &in) { return gradientsOf(c.fn, in, weights); }, specs,
            std::string("grad_") + c.name);
        TensorList got = compiled(c.inputs);
        ASSERT_EQ(got.size(), eager.size());
        for (std::size_t i = 0; i < got.size(); ++i)
          expectClose(got[i], eager[i]);
      } catch (const ag::Error &error) {
        // What is not supported yet says so (docs/gradients.md).
        std::string what = error.what();
        bool known = dynamic && (what.find("was broadcast from 1") != std::string::npos ||
                                 what.find("more than one -1 extent") != std::string::npos ||
                                 what.find("its gradient needs") != std::string::npos);
        if (!known)
          ADD_FAILURE() << what;
      }
    }
  }
}

} // namespace
