//===- TrainingTest.cpp - losses, optimizers and metrics, eagerly ---------===//
//
// SPEC 8.5 with Keras 2's formulas. Expected values: by hand, or computed
// in float64 by PyTorch 1.13 (losses: torch.nn.functional.cross_entropy,
// binary_cross_entropy[_with_logits]) and by an independent Python
// transcription of Keras 2's Adam (tf2-training-facts.md section 3):
//
//   alpha = lr*sqrt(1-b2**t)/(1-b1**t); m += (g-m)*(1-b1);
//   v += (g*g-v)*(1-b2); var -= m*alpha/(sqrt(v)+eps)
//
//===----------------------------------------------------------------------===//
#include "autograph/autograph.h"

#include "TensorTestUtil.h"

#include <gtest/gtest.h>

#include <optional>

#include <functional>
#include <string>
#include <vector>

namespace {

using agtest::errorOf;

using ag::Tensor;

TEST(TrainingTest, Losses) {
  // (0.25 + 0 + 1 + 1) / 4, by hand.
  EXPECT_FLOAT_EQ(ag::losses::mean_squared_error(ag::constant({{1.f, 2.f}, {3.f, 4.f}}),
                                                 ag::constant({{1.5f, 2.f}, {2.f, 5.f}}))
                      .item<float>(),
                  0.5625f);
  Tensor logits = ag::constant({{2.0, 1.0, 0.1}, {0.5, 2.5, 0.3}});
  Tensor labels = ag::constant(std::vector<std::int64_t>{0, 2});
  // PyTorch: cross_entropy = 1.4185397696491857.
  EXPECT_NEAR(ag::losses::sparse_categorical_crossentropy(labels, logits).item<double>(),
              1.4185397696491857, 1e-12);
  EXPECT_NEAR(ag::losses::sparse_categorical_crossentropy(labels, ag::softmax(logits, 1), false)
                  .item<double>(),
              1.4185397696491857, 1e-12);
  // Stable for huge logits (a naive softmax overflows): log-sum-exp.
  Tensor huge = ag::constant({{1000.f, 0.f}});
  EXPECT_FLOAT_EQ(ag::losses::sparse_categorical_crossentropy(
                      ag::constant(std::vector<std::int64_t>{1}), huge)
                      .item<float>(),
                  1000.f);
  // PyTorch: 0.164252033486018 and, from logits, 0.22009484928059775.
  Tensor y = ag::constant({1.0, 0.0});
  EXPECT_NEAR(ag::losses::binary_crossentropy(y, ag::constant({0.9, 0.2})).item<double>(),
              0.164252033486018, 1e-12);
  EXPECT_NEAR(ag::losses::binary_crossentropy(y, ag::constant({2.0, -1.0}), true).item<double>(),
              0.22009484928059775, 1e-12);
  EXPECT_EQ(errorOf([&] {
              ag::losses::sparse_categorical_crossentropy(
                  ag::constant(std::vector<std::int64_t>{0, 3}), logits);
            }),
            "sparse_categorical_crossentropy: labels must be in [0, 3)");
}

TEST(TrainingTest, SGDWithMomentumAndNesterov) {
  // By hand (Keras 2): m = m * 0.9 - 0.1 g; var += m (nesterov: var +=
  // 0.9 m - 0.1 g). g1 = [0.5 -1], g2 = [0.2 0.3] from var = [1 2].
  for (bool nesterov : {false, true}) {
    ag::Variable w(ag::constant({1.0, 2.0}), "w");
    ag::optimizers::SGD sgd(0.1f, 0.9f, nesterov);
    sgd.apply_gradients({ag::constant({0.5, -1.0})}, {w});
    sgd.apply_gradients({ag::constant({0.2, 0.3})}, {w});
    std::vector<double> got = w.value().to_vector<double>();
    std::vector<double> expected = nesterov ? std::vector<double>{0.8265, 2.214}
                                            : std::vector<double>{0.885, 2.16};
    EXPECT_NEAR(got[0], expected[0], 1e-6) << nesterov;
    EXPECT_NEAR(got[1], expected[1], 1e-6) << nesterov;
    EXPECT_EQ(sgd.iterations().value().item<std::int64_t>(), 2);
  }
  ag::Variable plain(ag::constant(1.f), "plain");
  ag::optimizers::SGD(0.5f).apply_gradients({ag::constant(2.f)}, {plain});
  EXPECT_FLOAT_EQ(plain.value().item<float>(), 0.f);
  EXPECT_EQ(errorOf([] { ag::optimizers::SGD(0.1f, 1.5f); }),
            "SGD: `momentum` must be between [0, 1], got 1.500000");
}

TEST(TrainingTest, AdamKeepsEpsilonOutsideTheRoot) {
  // The Python transcription gives [0.9000006324515321, -1.9000031621776634]
  // then [0.8000010797749726, -1.8000053987548446].
  ag::Variable w(ag::constant({1.0, -2.0}), "w");
  ag::optimizers::Adam adam(0.1f);
  adam.apply_gradients({ag::constant({0.5, -0.1})}, {w});
  std::vector<double> first = w.value().to_vector<double>();
  EXPECT_NEAR(first[0], 0.9000006324515321, 1e-7);
  EXPECT_NEAR(first[1], -1.9000031621776634, 1e-7);
  adam.apply_gradients({ag::constant({0.5, -0.1})}, {w});
  std::vector<double> second = w.value().to_vector<double>();
  EXPECT_NEAR(second[0], 0.8000010797749726, 1e-7);
  EXPECT_NEAR(second[1], -1.8000053987548446, 1e-7);
}

// Slots belong to a variable (keyed by its id, never reused), not to an
// address: variables made and destroyed one after another each get their
// own, named as Keras names them. (Whether malloc hands the new variable
// the old one's block is up to malloc: here it did not, so this test does
// not fail with address keys.)
TEST(TrainingTest, EachVariableGetsItsOwnSlots) {
  ag::optimizers::Adam adam(0.1f);
  std::optional<ag::Variable> previous;
  for (std::int64_t n = 1; n <= 3; ++n) {
    // The new variable made right after the old one is destroyed.
    ag::Tensor initial = ag::zeros({n});
    previous.reset();
    ag::Variable v = previous.emplace(initial, "v");
    adam.apply_gradients({ag::ones({n})}, {v});
    ag::Variable m = adam.slot(v, 0);
    EXPECT_EQ(m.name(), "v/m");
    EXPECT_EQ(m.shape(), (ag::Shape{n}));
    // A fresh m after one step: (1 - beta_1) * g = 0.1.
    EXPECT_NEAR(m.value().to_vector<float>().back(), 0.1f, 1e-6f) << n;
  }
  EXPECT_EQ(adam.config(), "Adam(learning_rate=0.1, beta_1=0.9, beta_2=0.999, epsilon=1e-07)");
}

TEST(TrainingTest, UndefinedGradientsAndBadInput) {
  ag::Variable a(ag::constant(1.f), "a"), b(ag::constant(2.f), "b");
  ag::optimizers::SGD sgd(0.5f);
  testing::internal::CaptureStderr();
  sgd.apply_gradients({ag::constant(2.f), Tensor()}, {a, b});
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "WARNING: Gradients do not exist for variables [b] when minimizing the loss.\n");
  EXPECT_FLOAT_EQ(a.value().item<float>(), 0.f);
  EXPECT_FLOAT_EQ(b.value().item<float>(), 2.f);
  EXPECT_EQ(errorOf([&] { sgd.apply_gradients({Tensor(), Tensor()}, {a, b}); }),
            "SGD.apply_gradients: No gradients provided for any variable: (a, b)");
  EXPECT_EQ(errorOf([&] { sgd.apply_gradients({ag::constant(1.f)}, {a, b}); }),
            "SGD.apply_gradients: 1 gradients for 2 variables");
  // A wrong gradient anywhere: nothing is updated.
  EXPECT_NE(errorOf([&] {
              sgd.apply_gradients({ag::constant(1.f), ag::constant({1.f, 2.f})}, {a, b});
            }).find("the gradient of variable 'b' is f32[2]"),
            std::string::npos);
  EXPECT_FLOAT_EQ(a.value().item<float>(), 0.f);
  EXPECT_EQ(sgd.iterations().value().item<std::int64_t>(), 1);
}

TEST(TrainingTest, Metrics) {
  ag::metrics::Mean mean("loss");
  EXPECT_FLOAT_EQ(mean.result().item<float>(), 0.f); // nothing seen
  mean.update_state(ag::constant({1.f, 3.f}));
  mean.update_state(ag::constant({5.f, 7.f}));
  EXPECT_FLOAT_EQ(mean.result().item<float>(), 4.f);
  mean.reset_state();
  EXPECT_FLOAT_EQ(mean.result().item<float>(), 0.f);
  ag::metrics::SparseCategoricalAccuracy accuracy;
  // argmax rows: 0, 1, 1 against labels 0, 2, 1: two of three.
  accuracy.update_state(ag::constant(std::vector<std::int64_t>{0, 2, 1}),
                        ag::constant({{3.f, 1.f, 0.f}, {0.f, 2.f, 1.f}, {0.f, 5.f, 1.f}}));
  EXPECT_FLOAT_EQ(accuracy.result().item<float>(), 2.f / 3.f);
}

} // namespace

namespace {

// Keras's loss classes: their from_logits defaults to false (the functions'
// sparse cross entropy takes logits by default, as SPEC says).
TEST(TrainingTest, LossClassesFollowKerasDefaults) {
  ag::Tensor labels = ag::constant(std::vector<std::int32_t>{0, 1}, {2});
  ag::Tensor probabilities = ag::constant({{0.75f, 0.25f}, {0.5f, 0.5f}});
  // -(log 0.75 + log 0.5) / 2, by hand.
  float expected = -(std::log(0.75f) + std::log(0.5f)) / 2.f;
  EXPECT_NEAR(ag::losses::SparseCategoricalCrossentropy()(labels, probabilities).item<float>(),
              expected, 1e-6);
  ag::Tensor logits = ag::constant({{1.f, 0.f}, {0.f, 0.f}});
  // -(log(e / (e + 1)) + log(1/2)) / 2.
  float fromLogits = -(1.f - std::log(std::exp(1.f) + 1.f) + std::log(0.5f)) / 2.f;
  EXPECT_NEAR(ag::losses::SparseCategoricalCrossentropy(true)(labels, logits).item<float>(),
              fromLogits, 1e-6);
  ag::Tensor y = ag::constant({1.f, 0.f}), p = ag::constant({0.8f, 0.4f});
  EXPECT_NEAR(ag::losses::BinaryCrossentropy()(y, p).item<float>(),
              -(std::log(0.8f) + std::log(0.6f)) / 2.f, 1e-6);
  EXPECT_NEAR(ag::losses::MeanSquaredError()(y, p).item<float>(), (0.04f + 0.16f) / 2.f, 1e-6);
}

// Mean with sample weights (Keras's sample_weight, broadcast to the values).
TEST(TrainingTest, WeightedMean) {
  ag::metrics::Mean mean("m");
  mean.update_state(ag::constant(2.f), ag::constant(3.f));                  // 2 x 3
  mean.update_state(ag::constant({1.f, 4.f}), ag::constant({1.f, 0.5f}));  // 1 + 2
  EXPECT_FLOAT_EQ(mean.result().item<float>(), (6.f + 1.f + 2.f) / 4.5f);
  mean.update_state(ag::constant({5.f, 5.f}), ag::constant(2.f)); // a weight for each
  EXPECT_FLOAT_EQ(mean.result().item<float>(), (9.f + 20.f) / 8.5f);
}

} // namespace
