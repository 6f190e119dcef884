//===- VariableTest.cpp - ag::Variable, eagerly and in compiled code ------===//
//
// SPEC 8.2. Eagerly: a handle that converts to its value, assignments
// checked against its dtype and shape. Compiled (the binary runs with
// AG_FALLBACK=error, so every call of an ag::function runs native code):
// reads are inputs (a value changed between calls is seen; nothing is a
// constant), assignments are outputs written back after the call, also
// from inside ag.cond, ag.while_loop and ag.for. Expected values are
// computed by hand.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/Variable.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

std::vector<float> values(const ag::Tensor &t) { return t.to_vector<float>(); }

std::string errorOf(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const ag::InvalidArgumentError &e) {
    return e.what();
  }
  return "";
}

//===--- Eager --------------------------------------------------------------===//

TEST(VariableTest, IsAHandleThatConvertsToItsValue) {
  ag::Variable w(ag::constant({1.f, 2.f}), "w");
  ag::Variable alias = w; // shares the variable
  EXPECT_EQ(w.name(), "w");
  EXPECT_EQ(w.dtype(), ag::DType::Float32);
  EXPECT_EQ(w.shape(), (ag::Shape{2}));
  EXPECT_TRUE(w.trainable());
  EXPECT_FALSE(ag::Variable(ag::constant(0.f), "c", false).trainable());
  // In ops, operators and prints, through the implicit conversion.
  EXPECT_EQ(values(w * 2.f), (std::vector<float>{2.f, 4.f}));
  EXPECT_EQ(values(ag::add(w, w)), (std::vector<float>{2.f, 4.f}));
  EXPECT_EQ(values(ag::square(w)), (std::vector<float>{1.f, 4.f}));
  testing::internal::CaptureStdout();
  ag::print("w =", w);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "w = [1 2]\n");
  alias.assign(ag::constant({5.f, 6.f}));
  EXPECT_EQ(values(w), (std::vector<float>{5.f, 6.f}));
  w.assign_add(ag::constant({1.f, 1.f})).assign_sub(ag::constant({0.5f, 2.f}));
  EXPECT_EQ(values(alias), (std::vector<float>{5.5f, 5.f}));
}

TEST(VariableTest, AssignAddUpdatesInPlaceWhenNothingElseSharesTheValue) {
  ag::Variable v(ag::zeros({1000}), "v");
  const void *before = v.value().raw_data();
  v.assign_add(ag::ones({1000}));
  EXPECT_EQ(v.value().raw_data(), before);
  // A value someone holds is never written: the variable moves to a new
  // buffer, the held value keeps its elements.
  ag::Tensor held = v.value();
  v.assign_add(ag::ones({1000}));
  EXPECT_EQ(held.to_vector<float>()[0], 1.f);
  EXPECT_EQ(v.value().to_vector<float>()[0], 2.f);
}

TEST(VariableTest, AssignmentsKeepDtypeAndShapeAndNameTheVariable) {
  ag::Variable w(ag::zeros({2, 3}), "weights");
  EXPECT_EQ(errorOf([&] { w.assign(ag::zeros({3, 2})); }),
            "assign: variable 'weights' is f32[2,3], the value is f32[3,2] "
            "(a variable keeps its dtype and shape)");
  EXPECT_EQ(errorOf([&] { w.assign_add(ag::zeros({2, 3}, ag::DType::Float64)); }),
            "assign_add: variable 'weights' is f32[2,3], the value is f64[2,3] "
            "(a variable keeps its dtype and shape)");
  EXPECT_EQ(errorOf([&] { w.assign_sub(ag::Tensor()); }),
            "assign_sub: variable 'weights': the value is an undefined tensor");
  EXPECT_EQ(errorOf([] { ag::Variable(ag::Tensor(), "u"); }),
            "Variable 'u': the initial value is an undefined tensor");
}

//===--- Compiled ----------------------------------------------------------===//

TEST(VariableTest, ACompiledFunctionReadsTheCurrentValueAtEachCall) {
  ag::Variable scale(ag::constant(2.f), "scale");
  auto f = ag::function([&](const ag::Tensor &x) { return x * scale; }, "scaled");
  EXPECT_EQ(values(f(ag::constant({1.f, 3.f}))), (std::vector<float>{2.f, 6.f}));
  scale.assign(ag::constant(10.f));
  EXPECT_EQ(values(f(ag::constant({1.f, 3.f}))), (std::vector<float>{10.f, 30.f}));
  EXPECT_EQ(f.trace_count(), 1);
  // An input of the function, named, and never a constant.
  EXPECT_NE(f.mlir().find("%arg1: tensor<f32> {ag.variable = \"scale\", "
                          "ag.variable_index = 0 : i64}"),
            std::string::npos)
      << f.mlir();
  EXPECT_EQ(f.mlir().find("dense<2.0"), std::string::npos) << f.mlir();
}

TEST(VariableTest, AssignmentsInACompiledFunctionPersist) {
  ag::Variable count(ag::constant(std::int64_t{0}), "count");
  ag::Variable total(ag::zeros({2}), "total");
  auto step = ag::function(
      [&](const ag::Tensor &x) {
        count.assign_add(ag::constant(std::int64_t{1}));
        total.assign(total + x); // reads the value before this call's update
        return total * 1.f;      // and later reads see the assignment
      },
      "step");
  ag::Tensor last;
  for (float k : {1.f, 2.f, 3.f})
    last = step(ag::constant({k, 10.f * k}));
  EXPECT_EQ(count.value().item<std::int64_t>(), 3);
  EXPECT_EQ(values(total), (std::vector<float>{6.f, 60.f}));
  EXPECT_EQ(values(last), (std::vector<float>{6.f, 60.f}));
  EXPECT_EQ(step.trace_count(), 1);
  EXPECT_NE(step.mlir().find("{ag.variable = \"count\", ag.variable_index = 0"),
            std::string::npos)
      << step.mlir();
}

TEST(VariableTest, AssignmentsInsideStagedControlFlow) {
  ag::Variable positives(ag::constant(0.f), "positives");
  ag::Variable sum(ag::constant(0.f), "sum");
  ag::Variable rows(ag::constant(0.f), "rows");
  auto f = ag::function(
      [&](const ag::Tensor &x, const ag::Tensor &n) {
        // if (x[0] > 0) positives += 1;  (a symbolic predicate: ag.cond)
        ag::cond(
            x[0] > 0.f,
            [&] {
              positives.assign_add(ag::constant(1.f));
              return ag::TensorList{};
            },
            [&] { return ag::TensorList{}; });
        // i = 0; while (i < n) { sum += x[i]; i += 1; }
        ag::while_loop(
            [&](const ag::TensorList &v) { return v[0] < n; },
            [&](const ag::TensorList &v) {
              sum.assign_add(x[v[0]]);
              return ag::TensorList{v[0] + std::int64_t{1}};
            },
            {ag::constant(std::int64_t{0})});
        // for (row : x) rows += 1;  (over a symbolic tensor: ag.for)
        ag::for_rows(
            x,
            [&](const ag::Tensor &, const ag::TensorList &) {
              rows.assign_add(ag::constant(1.f));
              return ag::TensorList{};
            },
            {});
      },
      "accumulate");
  f(ag::constant({2.f, -1.f, 4.f}), ag::constant(std::int64_t{2}));
  f(ag::constant({-3.f, 5.f, 1.f}), ag::constant(std::int64_t{3}));
  EXPECT_EQ(positives.value().item<float>(), 1.f); // only the first x[0] > 0
  EXPECT_EQ(sum.value().item<float>(), (2.f - 1.f) + (-3.f + 5.f + 1.f));
  EXPECT_EQ(rows.value().item<float>(), 6.f);
  EXPECT_EQ(f.trace_count(), 1);
  std::string mlir = f.mlir();
  EXPECT_NE(mlir.find("ag.cond"), std::string::npos) << mlir;
  EXPECT_NE(mlir.find("ag.while_loop"), std::string::npos) << mlir;
  EXPECT_NE(mlir.find("ag.for"), std::string::npos) << mlir;
}

TEST(VariableTest, ALoopThatOnlyReadsAVariableSeesItsValue) {
  ag::Variable step(ag::constant(3.f), "step");
  auto f = ag::function(
      [&](const ag::Tensor &limit) {
        return ag::while_loop(
            [&](const ag::TensorList &v) { return v[0] < limit; },
            [&](const ag::TensorList &v) { return ag::TensorList{v[0] + step}; },
            {ag::constant(0.f)})[0];
      },
      "count_up");
  EXPECT_EQ(f(ag::constant(10.f)).item<float>(), 12.f); // 0 3 6 9 12
  step.assign(ag::constant(5.f));
  EXPECT_EQ(f(ag::constant(10.f)).item<float>(), 10.f); // 0 5 10
}

TEST(VariableTest, AVariableArgumentIsPartOfTheSignature) {
  auto bump = ag::function(
      [](ag::Variable &v, const ag::Tensor &by) { v.assign_add(by); }, "bump");
  ag::Variable a(ag::constant(1.f), "a"), b(ag::constant(100.f), "b");
  bump(a, ag::constant(1.f));
  bump(b, ag::constant(1.f));
  bump(a, ag::constant(1.f));
  EXPECT_EQ(a.value().item<float>(), 3.f);
  EXPECT_EQ(b.value().item<float>(), 101.f);
  EXPECT_EQ(bump.trace_count(), 2); // one per variable
}

TEST(VariableTest, AVariableCreatedWhileTracingIsCapturedWhenItOutlivesTheTrace) {
  // A layer-like object that builds its variable on the first call.
  std::optional<ag::Variable> kernel;
  auto f = ag::function(
      [&](const ag::Tensor &x) {
        if (!kernel)
          kernel.emplace(ag::ones({2}), "kernel");
        ag::Variable local(ag::constant({5.f, 5.f}), "local"); // dies here
        local.assign_add(x);
        kernel->assign_add(x);
        return kernel->value() + local;
      },
      "build_on_first_call");
  EXPECT_EQ(values(f(ag::constant({1.f, 2.f}))), (std::vector<float>{8.f, 10.f}));
  EXPECT_EQ(values(f(ag::constant({1.f, 2.f}))), (std::vector<float>{9.f, 12.f}));
  EXPECT_EQ(values(*kernel), (std::vector<float>{3.f, 5.f}));
  EXPECT_EQ(f.mlir().find("\"local\""), std::string::npos) << f.mlir();
}

TEST(VariableTest, CallingAfterACapturedVariableIsDestroyedIsAnError) {
  auto holder = std::make_unique<ag::Variable>(ag::constant(1.f), "gone");
  ag::Variable &v = *holder;
  auto f = ag::function([&](const ag::Tensor &x) { return x + v; }, "reads_gone");
  EXPECT_EQ(f(ag::constant(1.f)).item<float>(), 2.f);
  holder.reset();
  EXPECT_EQ(errorOf([&] { f(ag::constant(1.f)); }),
            "reads_gone: variable 'gone' no longer exists, but the compiled "
            "function uses it (it was traced with it); keep the variable alive "
            "while the function is called");
}

TEST(VariableTest, AWrongAssignmentInACompiledFunctionNamesTheVariable) {
  ag::Variable w(ag::zeros({2}), "w");
  auto f = ag::function([&](const ag::Tensor &x) { w.assign(x); }, "bad_assign");
  EXPECT_EQ(errorOf([&] { f(ag::zeros({3})); }),
            "assign: variable 'w' is f32[2], the value is f32[3] (a variable "
            "keeps its dtype and shape)");
  EXPECT_EQ(errorOf([&] {
              ag::function([&](const ag::Tensor &x) { ag::Variable v(x * 2.f); },
                           "init_from_input")(ag::zeros({2}));
            }),
            "Variable 'Variable': the initial value depends on the inputs of the "
            "function being traced; create the variable from a value computed "
            "outside the function, or from constants");
}

TEST(VariableTest, CompiledAndEagerUpdatesAgree) {
  // One step of gradient descent on f(w) = sum((w - target)^2), whose
  // gradient is 2 (w - target): w <- w - 0.1 * 2 (w - target).
  auto sgdStep = [](ag::Variable &w, const ag::Tensor &target) {
    w.assign_sub(0.1f * (2.f * (w - target)));
  };
  ag::Variable eager(ag::constant({0.f, 10.f}), "w");
  ag::Variable compiled(ag::constant({0.f, 10.f}), "w");
  auto compiledStep = ag::function(sgdStep, "sgd_step");
  ag::Tensor target = ag::constant({1.f, 5.f});
  for (int i = 0; i < 3; ++i) {
    sgdStep(eager, target);
    compiledStep(compiled, target);
  }
  // By hand: each step moves w 20% of the way to the target.
  std::vector<float> expected{1.f - 0.512f, 5.f + 5.f * 0.512f};
  for (int i = 0; i < 2; ++i) {
    EXPECT_NEAR(values(eager)[i], expected[i], 1e-5);
    EXPECT_FLOAT_EQ(values(compiled)[i], values(eager)[i]);
  }
}

} // namespace
