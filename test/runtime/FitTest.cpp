//===- FitTest.cpp - Module::compile, fit and evaluate, eagerly -----------===//
//
// The runtime alone (no JIT linked): fit runs its step eagerly. Expected
// values come from a plain C++ reference of the same SGD steps on a linear
// model (MSE gradients derived by hand), and Keras's progress line format.
//
//===----------------------------------------------------------------------===//
#include "autograph/autograph.h"

#include "TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

using ag::Tensor;

constexpr float kX[5][2] = {{1.f, 2.f}, {-1.f, 0.5f}, {0.f, -1.f}, {2.f, 1.f}, {0.5f, 0.5f}};
constexpr float kY[5] = {1.f, -2.f, 0.5f, 3.f, 0.f};

/// y = x w + b with w = [0.5, -0.25], b = 0.1, built and set.
ag::nn::Dense linearModel() {
  ag::nn::Dense model(1);
  model(ag::zeros({1, 2}));
  std::vector<ag::Variable> v = model.variables();
  v[0].assign(ag::constant({{0.5f}, {-0.25f}}));
  v[1].assign(ag::constant({0.1f}));
  return model;
}

ag::nn::Batches batches(int n, int batchSize) {
  std::vector<float> xs, ys;
  for (int i = 0; i < n; ++i) {
    xs.push_back(kX[i][0]);
    xs.push_back(kX[i][1]);
    ys.push_back(kY[i]);
  }
  return ag::data::from_tensor_slices(ag::constant(xs, {n, 2}), ag::constant(ys, {n, 1}))
      .batch(batchSize);
}

/// The reference: SGD(lr) on mean((x w + b - y)^2) per batch; returns the
/// per-epoch loss means weighted by batch size (Keras's loss tracker).
std::vector<double> referenceFit(int n, int batchSize, int epochs, double lr, double w[2],
                                 double &b) {
  std::vector<double> epochLoss;
  for (int e = 0; e < epochs; ++e) {
    double total = 0;
    for (int start = 0; start < n; start += batchSize) {
      int end = std::min(n, start + batchSize), m = end - start;
      double loss = 0, gw0 = 0, gw1 = 0, gb = 0;
      for (int i = start; i < end; ++i) {
        double r = kX[i][0] * w[0] + kX[i][1] * w[1] + b - kY[i];
        loss += r * r / m;
        gw0 += 2 * r * kX[i][0] / m;
        gw1 += 2 * r * kX[i][1] / m;
        gb += 2 * r / m;
      }
      w[0] -= lr * gw0;
      w[1] -= lr * gw1;
      b -= lr * gb;
      total += loss * m;
    }
    epochLoss.push_back(total / n);
  }
  return epochLoss;
}

TEST(FitTest, FitEqualsAHandWrittenSgdLoopWithAPartialLastBatch) {
  ag::nn::Dense model = linearModel();
  ag::optimizers::SGD sgd(0.1f);
  model.compile(sgd, ag::losses::MeanSquaredError());
  ag::nn::History history = model.fit(batches(5, 2), /*epochs=*/3, ag::nn::Verbosity::Silent);

  double w[2] = {0.5, -0.25}, b = 0.1;
  std::vector<double> expected = referenceFit(5, 2, 3, 0.1, w, b);
  ASSERT_EQ(history.history.at("loss").size(), 3u);
  for (int e = 0; e < 3; ++e)
    EXPECT_NEAR(history.history.at("loss")[e], expected[e], 1e-5) << "epoch " << e;
  EXPECT_EQ(history.epoch, (std::vector<int>{0, 1, 2}));
  agtest::expect_tensor<float>(model.variables()[0].value(), ag::DType::Float32, {2, 1},
                               {static_cast<float>(w[0]), static_cast<float>(w[1])}, 1e-5);
  agtest::expect_tensor<float>(model.variables()[1].value(), ag::DType::Float32, {1},
                               {static_cast<float>(b)}, 1e-5);
  // The caller's optimizer is the one that trained: 3 steps per epoch.
  EXPECT_EQ(sgd.iterations().value().item<std::int64_t>(), 9);

  // evaluate: the mean loss over every sample, no update.
  double loss = 0;
  for (int i = 0; i < 5; ++i) {
    double r = kX[i][0] * w[0] + kX[i][1] * w[1] + b - kY[i];
    loss += r * r / 5;
  }
  std::map<std::string, float> results = model.evaluate(batches(5, 5), ag::nn::Verbosity::Silent);
  EXPECT_NEAR(results.at("loss"), loss, 1e-5);
  EXPECT_EQ(sgd.iterations().value().item<std::int64_t>(), 9);
}

TEST(FitTest, TrainOnBatchGivesThatBatchsLossAndUpdates) {
  ag::nn::Dense model = linearModel();
  model.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
  double w[2] = {0.5, -0.25}, b = 0.1;
  // Two single-batch epochs of the first 2 samples: the reference's losses.
  std::vector<double> expected = referenceFit(2, 2, 2, 0.1, w, b);
  ag::Tensor x = ag::constant({{kX[0][0], kX[0][1]}, {kX[1][0], kX[1][1]}});
  ag::Tensor y = ag::constant({{kY[0]}, {kY[1]}});
  EXPECT_NEAR(model.train_on_batch(x, y).at("loss"), expected[0], 1e-5);
  // The metrics are reset per call: the second batch's loss alone.
  EXPECT_NEAR(model.train_on_batch(x, y).at("loss"), expected[1], 1e-5);
  // test_on_batch updates nothing: the loss after both steps, twice.
  double r0 = kX[0][0] * w[0] + kX[0][1] * w[1] + b - kY[0];
  double r1 = kX[1][0] * w[0] + kX[1][1] * w[1] + b - kY[1];
  for (int i = 0; i < 2; ++i)
    EXPECT_NEAR(model.test_on_batch(x, y).at("loss"), (r0 * r0 + r1 * r1) / 2, 1e-5);
}

TEST(FitTest, AccuracyAndValidationMetricsAreComputedAsKerasDoes) {
  ag::random::set_seed(11);
  ag::nn::Sequential model({ag::nn::Dense(8, ag::relu), ag::nn::Dense(3)});
  std::vector<float> xs;
  std::vector<std::int32_t> labels;
  for (int i = 0; i < 12; ++i) {
    xs.push_back(std::sin(1.3f * static_cast<float>(i)));
    xs.push_back(std::cos(0.4f * static_cast<float>(i)));
    labels.push_back(i % 3);
  }
  Tensor x = ag::constant(xs, {12, 2});
  Tensor y = ag::constant(labels, {12});
  auto data = ag::data::from_tensor_slices(x, y).batch(4);
  model.compile(ag::optimizers::Adam(0.05f), ag::losses::SparseCategoricalCrossentropy(true),
                {"accuracy"});
  ag::nn::History history = model.fit(data, 2, ag::nn::Verbosity::Silent, data);
  for (const char *key : {"loss", "accuracy", "val_loss", "val_accuracy"})
    EXPECT_EQ(history.history.at(key).size(), 2u) << key;

  // val_accuracy after the last epoch: the trained model's argmax, by hand.
  std::vector<ag::Variable> v = model.variables();
  std::vector<float> k1 = v[0].value().to_vector<float>(), b1 = v[1].value().to_vector<float>(),
                     k2 = v[2].value().to_vector<float>(), b2 = v[3].value().to_vector<float>();
  int correct = 0;
  for (int i = 0; i < 12; ++i) {
    float h[8];
    for (int j = 0; j < 8; ++j)
      h[j] = std::max(0.f, xs[2 * i] * k1[j] + xs[2 * i + 1] * k1[8 + j] + b1[j]);
    int best = 0;
    float bestLogit = -1e30f;
    for (int c = 0; c < 3; ++c) {
      float logit = b2[c];
      for (int j = 0; j < 8; ++j)
        logit += h[j] * k2[j * 3 + c];
      if (logit > bestLogit)
        bestLogit = logit, best = c;
    }
    correct += best == labels[i];
  }
  EXPECT_FLOAT_EQ(history.history.at("val_accuracy")[1], static_cast<float>(correct) / 12);
  EXPECT_FLOAT_EQ(model.evaluate(data, ag::nn::Verbosity::Silent).at("accuracy"),
                  static_cast<float>(correct) / 12);
}

TEST(FitTest, PrintsKerasProgressLines) {
  ag::nn::Dense model = linearModel();
  model.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
  double w[2] = {0.5, -0.25}, b = 0.1;
  std::vector<double> expected = referenceFit(5, 2, 2, 0.1, w, b);
  char losses[2][32];
  for (int e = 0; e < 2; ++e)
    std::snprintf(losses[e], sizeof losses[e], "%.4f", expected[e]);

  testing::internal::CaptureStdout();
  model.fit(batches(5, 2), 2);
  std::string bar = testing::internal::GetCapturedStdout();
  // Not a terminal: the final bar once per epoch.
  std::regex barLines(std::string("Epoch 1/2\n3/3 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - "
                                  "loss: ") + losses[0] +
                      "\nEpoch 2/2\n3/3 \\[={30}\\] - \\d+s \\d+(us|ms|s)/step - loss: " +
                      losses[1] + "\n");
  EXPECT_TRUE(std::regex_match(bar, barLines)) << bar;

  testing::internal::CaptureStdout();
  model.evaluate(batches(5, 5), ag::nn::Verbosity::OneLinePerEpoch);
  std::string line = testing::internal::GetCapturedStdout();
  EXPECT_TRUE(std::regex_match(
      line, std::regex("1/1 - \\d+s - loss: \\d\\.\\d{4} - \\d+(us|ms|s)/epoch - "
                       "\\d+(us|ms|s)/step\n")))
      << line;
}

TEST(FitTest, FitOnTensorsSplitsValidationDataAsKeras) {
  std::vector<float> xs, ys;
  for (int i = 0; i < 5; ++i) {
    xs.insert(xs.end(), {kX[i][0], kX[i][1]});
    ys.push_back(kY[i]);
  }
  Tensor x = ag::constant(xs, {5, 2}), y = ag::constant(ys, {5, 1});
  ag::nn::Dense model = linearModel();
  model.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
  // split_at = floor(5 * 0.6) = 3: rows 0-2 train (batches of 2), 3-4 validate.
  ag::nn::History history =
      model.fit(x, y, /*batch_size=*/2, /*epochs=*/2, ag::nn::Verbosity::Silent,
                /*validation_split=*/0.4, /*shuffle=*/false);
  double w[2] = {0.5, -0.25}, b = 0.1;
  std::vector<double> expected = referenceFit(3, 2, 2, 0.1, w, b);
  for (int e = 0; e < 2; ++e)
    EXPECT_NEAR(history.history.at("loss")[e], expected[e], 1e-5);
  double val = 0;
  for (int i = 3; i < 5; ++i) {
    double r = kX[i][0] * w[0] + kX[i][1] * w[1] + b - kY[i];
    val += r * r / 2;
  }
  EXPECT_NEAR(history.history.at("val_loss")[1], val, 1e-5);
  EXPECT_NEAR(model.evaluate(ag::constant({{kX[3][0], kX[3][1]}, {kX[4][0], kX[4][1]}}),
                             ag::constant({{kY[3]}, {kY[4]}}), 32, ag::nn::Verbosity::Silent)
                  .at("loss"),
              val, 1e-5);
  // predict in batches of 2 equals the model on all rows at once.
  agtest::expectClose(model.predict(x, 2), model(x));
  // Shuffled training is repeatable under ag::random::set_seed.
  auto shuffledLosses = [&] {
    ag::random::set_seed(21);
    ag::nn::Dense m = linearModel();
    m.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
    return m.fit(x, y, 2, 3, ag::nn::Verbosity::Silent).history.at("loss");
  };
  EXPECT_EQ(shuffledLosses(), shuffledLosses());
  ag::nn::Dense inOrder = linearModel();
  inOrder.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
  EXPECT_NE(shuffledLosses(),
            inOrder.fit(x, y, 2, 3, ag::nn::Verbosity::Silent, 0.0, false).history.at("loss"));
  EXPECT_NE(agtest::errorOf([&] { model.fit(x, ag::zeros({4, 1})); }).find("cardinality"),
            std::string::npos);
  EXPECT_NE(agtest::errorOf([&] { model.fit(x, y, 2, 1, ag::nn::Verbosity::Silent, 1.0); })
                .find("validation_split"),
            std::string::npos);
}

TEST(FitTest, EpochValuesGoToTheDefaultSummaryWriter) {
  std::string dir = testing::TempDir() + "ag_fit_summaries";
  std::filesystem::remove_all(dir);
  ag::nn::Dense model = linearModel();
  model.compile(ag::optimizers::SGD(0.1f), ag::losses::MeanSquaredError());
  auto writer = ag::summary::create_file_writer(dir);
  {
    auto as_default = writer.as_default();
    model.fit(batches(5, 2), 3, ag::nn::Verbosity::Silent, batches(5, 5));
  }
  auto count = [&](const std::string &tag) {
    writer.flush();
    std::ifstream in(writer.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    int n = 0;
    for (std::size_t at = bytes.find(tag); at != std::string::npos; at = bytes.find(tag, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("epoch_loss"), 3);
  EXPECT_EQ(count("epoch_val_loss"), 3);
  // Without a default writer, fit writes no summary.
  model.fit(batches(5, 2), 1, ag::nn::Verbosity::Silent);
  EXPECT_EQ(count("epoch_loss"), 3);
}

TEST(FitTest, BadUseIsAnInvalidArgumentError) {
  ag::nn::Dense model(1);
  EXPECT_NE(agtest::errorOf([&] { model.fit(batches(4, 2)); }).find("compile()"),
            std::string::npos);
  EXPECT_NE(agtest::errorOf([&] {
              model.compile(ag::optimizers::SGD(), ag::losses::MeanSquaredError(), {"auc"});
            }).find("Unknown metric function: 'auc'"),
            std::string::npos);
  model.compile(ag::optimizers::SGD(), ag::losses::MeanSquaredError());
  EXPECT_NE(agtest::errorOf([&] { model.fit(batches(4, 2).repeat(), 1, ag::nn::Verbosity::Silent); })
                .find("infinite"),
            std::string::npos);
  // A loss that is not a mean over the batch.
  model.compile(ag::optimizers::SGD(), [](const Tensor &y, const Tensor &p) { return p - y; });
  EXPECT_NE(agtest::errorOf([&] { model.fit(batches(4, 2), 1, ag::nn::Verbosity::Silent); })
                .find("must be a 0-d tensor"),
            std::string::npos);
}

} // namespace
