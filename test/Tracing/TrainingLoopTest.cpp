//===- TrainingLoopTest.cpp - a whole training loop in one compiled function -===//
//
// SPEC 8.5: losses, optimizers (slots created while tracing) and metrics
// inside an ag::function, as the guide's `train(model, optimizer, dataset)`:
// one compiled function runs every step of an epoch over a dataset. The
// compiled run must equal the eager one (1e-5 relative) for the losses, the
// variables and the optimizer's state. AG_FALLBACK=error: compiled code ran.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include "../runtime/TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {

using agtest::expectClose;

using ag::Tensor;
using ag::TensorList;

/// A softmax classifier trained for one epoch over batches of 4.
struct Classifier {
  ag::Variable w{ag::constant({{0.1f, -0.2f, 0.05f}, {0.3f, 0.1f, -0.1f}}), "w"};
  ag::Variable b{ag::zeros({3}), "b"};
  ag::optimizers::Adam optimizer{0.05f};
  ag::metrics::Mean loss{"loss"};
  ag::metrics::SparseCategoricalAccuracy accuracy;

  Tensor epoch(const Tensor &x, const Tensor &labels) {
    auto ds = ag::data::from_tensor_slices(x, labels).batch(4);
    return ag::data::for_dataset(
        ds,
        [&](const std::tuple<Tensor, Tensor> &batch, const TensorList &v) {
          auto &[xb, yb] = batch;
          ag::GradientTape tape;
          Tensor logits = ag::matmul(xb, w) + b;
          Tensor l = ag::losses::sparse_categorical_crossentropy(yb, logits);
          std::vector<Tensor> g = tape.gradient(l, std::vector<ag::Variable>{w, b});
          optimizer.apply_gradients(g, {w, b});
          loss.update_state(l);
          accuracy.update_state(yb, logits);
          return TensorList{v[0] + l};
        },
        {ag::constant(0.f)}, {"total"})[0];
  }
};

TEST(TrainingLoopTest, ACompiledEpochEqualsTheEagerOne) {
  std::vector<float> xs;
  std::vector<std::int64_t> ys;
  for (int i = 0; i < 10; ++i) {
    xs.push_back(std::sin(0.7f * static_cast<float>(i)));
    xs.push_back(std::cos(0.3f * static_cast<float>(i)));
    ys.push_back(i % 3);
  }
  Tensor x = ag::constant(xs, {10, 2});
  Tensor labels = ag::constant(ys, {10});
  Classifier eager, compiled;
  auto epoch = ag::function([&](const Tensor &xv, const Tensor &lv) { return compiled.epoch(xv, lv); },
                            "epoch");
  for (int e = 0; e < 3; ++e) {
    expectClose(epoch(x, labels), eager.epoch(x, labels));
    expectClose(compiled.loss.result(), eager.loss.result());
    expectClose(compiled.accuracy.result(), eager.accuracy.result());
  }
  expectClose(compiled.w, eager.w);
  expectClose(compiled.b, eager.b);
  // 3 epochs of 3 batches (4, 4, 2 rows).
  EXPECT_EQ(compiled.optimizer.iterations().value().item<std::int64_t>(), 9);
  EXPECT_EQ(eager.optimizer.iterations().value().item<std::int64_t>(), 9);
  EXPECT_EQ(epoch.trace_count(), 1);
  // The loss went down.
  EXPECT_LT(compiled.epoch(x, labels).item<float>(), Classifier().epoch(x, labels).item<float>());
}

TEST(TrainingLoopTest, LabelsOutOfRangeFailInCompiledCodeToo) {
  auto f = ag::function(
      [](const Tensor &labels, const Tensor &logits) {
        return ag::losses::sparse_categorical_crossentropy(labels, logits);
      },
      "scce");
  Tensor logits = ag::constant({{1.f, 2.f}, {0.f, 1.f}});
  try {
    f(ag::constant(std::vector<std::int64_t>{0, 2}), logits);
    FAIL() << "label 2 of 2 classes";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "sparse_categorical_crossentropy: labels must be in [0, 2)");
  }
}

TEST(TrainingLoopTest, ASequentialModelBuiltWhileTracingTrainsAsEagerly) {
  // The same seed gives both models the same Glorot weights (drawn on
  // their first call: eagerly, and while tracing for the compiled one).
  auto makeModel = [] {
    return ag::nn::Sequential({ag::nn::Dense(8, ag::relu, true, "hidden"),
                               ag::nn::Dense(3, nullptr, true, "logits")});
  };
  Tensor x = ag::random::uniform({12, 4}, -1, 1, 11);
  Tensor labels = ag::constant(std::vector<std::int64_t>{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
  ag::random::set_seed(21);
  auto eagerModel = makeModel();
  ag::optimizers::SGD eagerSgd(0.1f, 0.9f);
  auto eagerStep = [&](ag::nn::Sequential &model, ag::optimizers::SGD &sgd) {
    ag::GradientTape tape;
    Tensor loss = ag::losses::sparse_categorical_crossentropy(labels, model(x));
    sgd.apply_gradients(tape.gradient(loss, model.trainable_variables()),
                        model.trainable_variables());
    return loss;
  };
  std::vector<Tensor> eagerLosses;
  for (int i = 0; i < 4; ++i)
    eagerLosses.push_back(eagerStep(eagerModel, eagerSgd));
  ag::random::set_seed(21);
  auto model = makeModel();
  ag::optimizers::SGD sgd(0.1f, 0.9f);
  auto step = ag::function(
      [&](const Tensor &xs, const Tensor &ys) {
        ag::GradientTape tape;
        Tensor loss = ag::losses::sparse_categorical_crossentropy(ys, model(xs));
        sgd.apply_gradients(tape.gradient(loss, model.trainable_variables()),
                            model.trainable_variables());
        return loss;
      },
      "train_step");
  for (int i = 0; i < 4; ++i)
    expectClose(step(x, labels), eagerLosses[static_cast<std::size_t>(i)]);
  EXPECT_EQ(step.trace_count(), 1);
  std::vector<ag::Variable> got = model.variables(), expected = eagerModel.variables();
  ASSERT_EQ(got.size(), 4u);
  for (std::size_t k = 0; k < got.size(); ++k)
    expectClose(got[k], expected[k]);
}

} // namespace
