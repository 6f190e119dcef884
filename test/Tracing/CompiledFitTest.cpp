//===- CompiledFitTest.cpp - Module::fit's step compiled by the JIT -------===//
//
// Linked with autograph::jit, fit traces its training step once per batch
// shape and runs native code for every other batch: a module's forward runs
// only while a step is traced (counted below), never per batch. The
// compiled history and weights equal an eager fit's (run_functions_eagerly)
// within 1e-5 relative. AG_FALLBACK=error.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include "../runtime/TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <vector>

namespace {

using ag::Tensor;

/// A two-layer classifier that counts how often its forward runs in C++.
struct CountingClassifier : ag::nn::Module {
  ag::nn::Dense hidden{16, ag::tanh}, out{4};
  int forwardCalls = 0;
  CountingClassifier() : Module("classifier") {
    register_module(hidden);
    register_module(out);
  }
  Tensor forward(const Tensor &x) override {
    ++forwardCalls;
    return out(hidden(x));
  }
};

ag::nn::Batches classificationData() {
  std::vector<float> xs;
  std::vector<std::int64_t> labels;
  for (int i = 0; i < 50; ++i) {
    float a = std::sin(0.37f * static_cast<float>(i)), b = std::cos(0.91f * static_cast<float>(i));
    xs.insert(xs.end(), {a, b, a * b});
    labels.push_back((a > 0) * 2 + (b > 0));
  }
  return ag::data::from_tensor_slices(ag::constant(xs, {50, 3}), ag::constant(labels, {50}))
      .batch(8);
}

struct FitResult {
  ag::nn::History history;
  std::vector<Tensor> weights;
  std::map<std::string, float> evaluation;
  int forwardCalls;
};

FitResult fitOnce(bool eagerly) {
  ag::run_functions_eagerly(eagerly);
  ag::random::set_seed(5);
  CountingClassifier model;
  ag::optimizers::Adam adam(0.02f);
  model.compile(adam, ag::losses::SparseCategoricalCrossentropy(/*from_logits=*/true),
                {"accuracy"});
  auto data = classificationData();
  FitResult result;
  result.history = model.fit(data, 3, ag::nn::Verbosity::Silent, data);
  result.evaluation = model.evaluate(data, ag::nn::Verbosity::Silent);
  for (const ag::Variable &v : model.variables())
    result.weights.push_back(v.value());
  result.forwardCalls = model.forwardCalls;
  ag::run_functions_eagerly(false);
  return result;
}

TEST(CompiledFitTest, TheStepIsTracedPerBatchShapeAndEqualsEagerFit) {
  FitResult eager = fitOnce(true), compiled = fitOnce(false);
  // 7 batches (6 of 8, 1 of 2) per epoch, 3 epochs, validation and evaluate.
  EXPECT_EQ(eager.forwardCalls, 3 * 7 * 2 + 7);
  // Compiled: traced for 8 and 2 rows, by the train step and by the test step.
  EXPECT_EQ(compiled.forwardCalls, 4);

  ASSERT_EQ(compiled.history.history.size(), 4u);
  for (const auto &[key, values] : eager.history.history)
    for (std::size_t e = 0; e < values.size(); ++e)
      EXPECT_NEAR(compiled.history.history.at(key)[e], values[e],
                  1e-5 * std::max(1.f, std::fabs(values[e])))
          << key << " epoch " << e;
  ASSERT_EQ(compiled.weights.size(), eager.weights.size());
  for (std::size_t i = 0; i < eager.weights.size(); ++i)
    agtest::expectClose(compiled.weights[i], eager.weights[i]);
  EXPECT_NEAR(compiled.evaluation.at("loss"), eager.evaluation.at("loss"), 1e-5);
  EXPECT_EQ(compiled.evaluation.at("accuracy"), eager.evaluation.at("accuracy"));
  // It learned something: the loss fell.
  EXPECT_LT(compiled.history.history.at("loss")[2], compiled.history.history.at("loss")[0]);
}

// predict runs a compiled forward pass per batch shape.
TEST(CompiledFitTest, PredictIsCompiledPerBatchShape) {
  ag::random::set_seed(6);
  CountingClassifier model;
  std::vector<float> xs;
  for (int i = 0; i < 30; ++i)
    xs.push_back(std::sin(0.1f * static_cast<float>(i)));
  Tensor x = ag::constant(xs, {10, 3});
  model(x); // builds it (one eager forward)
  Tensor predicted = model.predict(x, 4); // batches of 4, 4, 2
  EXPECT_EQ(model.forwardCalls, 1 + 2);
  model.predict(x, 4);
  EXPECT_EQ(model.forwardCalls, 3);
  agtest::expectClose(predicted, model(x));
}

// A checkpoint restored into a model not built yet: its variables are
// created while fit's step is traced, and take the checkpoint's values
// then (not a traced assignment that would run on every step), with the
// optimizer's slots; the compiled run continues exactly as uninterrupted.
TEST(CompiledFitTest, TrainingResumedFromACheckpointContinuesExactly) {
  std::string dir = testing::TempDir() + "ag_compiled_resume";
  std::filesystem::remove_all(dir);
  auto data = classificationData();
  ag::random::set_seed(8);
  CountingClassifier model;
  ag::optimizers::Adam adam(0.02f);
  model.compile(adam, ag::losses::SparseCategoricalCrossentropy(true));
  model.fit(data, 1, ag::nn::Verbosity::Silent);
  std::string path = ag::train::Checkpoint({{"model", model}, {"optimizer", adam}}).save(dir + "/c");
  std::vector<float> uninterrupted =
      model.fit(data, 2, ag::nn::Verbosity::Silent).history.at("loss");

  ag::random::set_seed(123);
  CountingClassifier resumed;
  ag::optimizers::Adam adam2(0.02f);
  ag::train::Checkpoint({{"model", resumed}, {"optimizer", adam2}}).restore(path);
  resumed.compile(adam2, ag::losses::SparseCategoricalCrossentropy(true));
  EXPECT_EQ(resumed.fit(data, 2, ag::nn::Verbosity::Silent).history.at("loss"), uninterrupted);
  EXPECT_EQ(resumed.forwardCalls, 2); // compiled: traced for 8 and 2 rows only
}

} // namespace
