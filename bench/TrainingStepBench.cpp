//===- TrainingStepBench.cpp - one training step of the digits MLP --------===//
//
// Issue 17's measurement: one training step of the 64-128-10 MLP on a batch
// of 32 digits (forward, loss, gradients, Adam update):
//   compiled   the step as an ag::function (traced and JIT-compiled once)
//   eager      the same step run eagerly
//   Eigen      the same step written by hand (backward pass derived by hand)
//   fit        Module::train_on_batch, fit's compiled step with its metrics
// and whole-epoch figures: Module::fit over the training four fifths
// (45 batches, shuffled), 20 epochs, compiled and eager, with the test
// accuracy. One thread everywhere (the runtime and Eigen here;
// bench/pytorch_training_step.py sets PyTorch to one). --json FILE writes
// the figures for bench/compare-training-step.sh; --profile compiled|eager|
// eigen runs only that step for 5 seconds (for perf record).
//
//===----------------------------------------------------------------------===//
#include "MlpBackwardByHand.h"
#include "Timing.h"

#include <autograph/Function.h>
#include <autograph/autograph.h>

#include "digits_data.h"

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>

namespace {

using ag::Tensor;

RowMajor toMatrix(const Tensor &t) {
  std::vector<float> v = t.to_vector<float>();
  return Eigen::Map<RowMajor>(v.data(), t.dim(0), t.dim(1));
}

/// The step by hand: softmax cross entropy from logits, Keras's Adam.
struct EigenStep {
  RowMajor x, w1, w2, h, logits, dlogits, m1, v1, m2, v2;
  Eigen::RowVectorXf b1, b2, mb1, vb1, mb2, vb2;
  MlpBackwardByHand gradients;
  std::vector<int> labels;
  long long t = 0;

  template <class P, class G, class M, class V>
  static void adam(P &p, const G &g, M &m, V &v, float alpha) {
    m.array() += (g.array() - m.array()) * (1.f - 0.9f);
    v.array() += (g.array().square() - v.array()) * (1.f - 0.999f);
    p.array() -= m.array() * alpha / (v.array().sqrt() + 1e-7f);
  }

  void step() {
    h = ((x * w1).rowwise() + b1).cwiseMax(0.f);
    logits = (h * w2).rowwise() + b2;
    // d(mean CE)/dlogits = (softmax - one_hot) / batch
    const float scale = 1.f / static_cast<float>(x.rows());
    dlogits.resize(logits.rows(), logits.cols());
    for (Eigen::Index r = 0; r < logits.rows(); ++r) {
      float max = logits.row(r).maxCoeff();
      auto e = (logits.row(r).array() - max).exp();
      float sum = e.sum();
      dlogits.row(r) = (e / sum * scale).matrix();
      dlogits(r, labels[static_cast<std::size_t>(r)]) -= scale;
    }
    gradients.run(x, h, w2, dlogits);
    ++t;
    float alpha = 1e-3f * std::sqrt(1.f - std::pow(0.999f, static_cast<float>(t))) /
                  (1.f - std::pow(0.9f, static_cast<float>(t)));
    adam(w1, gradients.dw1, m1, v1, alpha);
    adam(b1, gradients.db1, mb1, vb1, alpha);
    adam(w2, gradients.dw2, m2, v2, alpha);
    adam(b2, gradients.db2, mb2, vb2, alpha);
  }
};

struct Mlp {
  ag::nn::Sequential model{ag::nn::Dense(128, ag::relu), ag::nn::Dense(10)};
  ag::optimizers::Adam adam{0.001f};
};

/// Forward, loss, gradients, Adam: the step fit runs, without metrics.
void mlpStep(Mlp &mlp, const Tensor &x, const Tensor &y) {
  ag::GradientTape tape;
  Tensor loss = ag::losses::sparse_categorical_crossentropy(y, mlp.model(x));
  std::vector<ag::Variable> variables = mlp.model.trainable_variables();
  mlp.adam.apply_gradients(tape.gradient(loss, variables), variables);
}

double seconds(const std::function<void()> &run) {
  auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv) {
  std::string json = argc > 2 && std::string(argv[1]) == "--json" ? argv[2] : "";
  std::string profiled = argc > 2 && std::string(argv[1]) == "--profile" ? argv[2] : "";
  // One thread, as the PyTorch side (torch.set_num_threads(1)).
  ag::set_num_threads(1);
  Digits digits = load_digits(AUTOGRAPH_DIGITS_CSV);
  std::vector<std::int64_t> first32;
  for (std::int64_t i = 0; i < 32; ++i)
    first32.push_back(i);
  Tensor rows = ag::constant(first32, {32});
  Tensor x = ag::gather(digits.train.images, rows), y = ag::gather(digits.train.labels, rows);

  ag::random::set_seed(1);
  Mlp eager, compiled;
  auto step = ag::function([&compiled](const Tensor &xb, const Tensor &yb) {
    mlpStep(compiled, xb, yb);
  }, "digits_step");
  EigenStep byHand;
  mlpStep(eager, x, y); // builds the model
  {
    std::vector<ag::Variable> v = eager.model.variables();
    byHand.x = toMatrix(x);
    byHand.w1 = toMatrix(v[0].value());
    byHand.w2 = toMatrix(v[2].value());
    byHand.b1 = Eigen::RowVectorXf::Zero(128);
    byHand.b2 = Eigen::RowVectorXf::Zero(10);
    for (auto *m : {&byHand.m1, &byHand.v1})
      *m = RowMajor::Zero(64, 128);
    for (auto *m : {&byHand.m2, &byHand.v2})
      *m = RowMajor::Zero(128, 10);
    byHand.mb1 = byHand.vb1 = Eigen::RowVectorXf::Zero(128);
    byHand.mb2 = byHand.vb2 = Eigen::RowVectorXf::Zero(10);
    for (std::int32_t label : y.to_vector<std::int32_t>())
      byHand.labels.push_back(label);
  }
  ag::nn::Sequential fitModel({ag::nn::Dense(128, ag::relu), ag::nn::Dense(10)});
  fitModel.compile(ag::optimizers::Adam(0.001f), ag::losses::SparseCategoricalCrossentropy(true),
                   {"accuracy"});

  if (!profiled.empty()) {
    std::function<void()> run;
    if (profiled == "compiled")
      run = [&] { step(x, y); };
    else if (profiled == "eager")
      run = [&] { mlpStep(eager, x, y); };
    else if (profiled == "eigen")
      run = [&] { byHand.step(); };
    else {
      std::fprintf(stderr, "--profile takes compiled, eager or eigen, not %s\n", profiled.c_str());
      return 2;
    }
    run(); // traces and compiles, outside the profile's bulk
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    long long steps = 0;
    while (std::chrono::steady_clock::now() < end) {
      for (int i = 0; i < 100; ++i)
        run();
      steps += 100;
    }
    std::printf("%s: %lld steps in 5 s\n", profiled.c_str(), steps);
    return 0;
  }
  double compiledUs = microsecondsPerCall([&] { step(x, y); });
  if (step.fallback_count() != 0) {
    std::fprintf(stderr, "digits_step was not compiled: %s\n", step.fallback_reason().c_str());
    return 1;
  }
  double eagerUs = microsecondsPerCall([&] { mlpStep(eager, x, y); });
  double eigenUs = microsecondsPerCall([&] { byHand.step(); });
  double fitStepUs = microsecondsPerCall([&] { fitModel.train_on_batch(x, y); });

  // Whole epochs: fit on the shuffled four fifths, then the test accuracy.
  auto train = ag::data::from_tensor_slices(digits.train.images, digits.train.labels)
                   .shuffle(1024, 7)
                   .batch(32);
  auto test = ag::data::from_tensor_slices(digits.test.images, digits.test.labels).batch(100);
  struct EpochFigures {
    double firstEpoch, epoch, accuracy;
  } figures[2];
  for (int mode = 0; mode < 2; ++mode) {
    ag::run_functions_eagerly(mode == 1);
    ag::random::set_seed(1);
    ag::nn::Sequential model({ag::nn::Dense(128, ag::relu), ag::nn::Dense(10)});
    model.compile(ag::optimizers::Adam(0.001f), ag::losses::SparseCategoricalCrossentropy(true),
                  {"accuracy"});
    figures[mode].firstEpoch = seconds([&] { model.fit(train, 1, ag::nn::Verbosity::Silent); });
    figures[mode].epoch =
        seconds([&] { model.fit(train, 19, ag::nn::Verbosity::Silent); }) / 19;
    figures[mode].accuracy = model.evaluate(test, ag::nn::Verbosity::Silent)["accuracy"];
  }
  ag::run_functions_eagerly(false);

  std::printf("one training step, MLP 64-128-10, batch 32, Adam (one thread)\n");
  std::printf("  ag compiled      %8.1f us\n", compiledUs);
  std::printf("  ag eager         %8.1f us   %.2fx compiled\n", eagerUs, eagerUs / compiledUs);
  std::printf("  Eigen by hand    %8.1f us   compiled is %.2fx it\n", eigenUs,
              compiledUs / eigenUs);
  std::printf("  train_on_batch   %8.1f us   (fit's compiled step with its loss and accuracy)\n",
              fitStepUs);
  std::printf("fit, 20 epochs of 45 batches on 1438 digits, test on 359\n");
  for (int mode = 0; mode < 2; ++mode)
    std::printf("  %-9s first epoch %7.1f ms, then %6.2f ms per epoch, test accuracy %.4f\n",
                mode ? "eager" : "compiled", figures[mode].firstEpoch * 1e3,
                figures[mode].epoch * 1e3, figures[mode].accuracy);
  if (!json.empty()) {
    std::ofstream out(json);
    out << "{\"compiled_us\": " << compiledUs << ", \"eager_us\": " << eagerUs
        << ", \"eigen_us\": " << eigenUs << ", \"train_on_batch_us\": " << fitStepUs
        << ", \"epoch_compiled_ms\": " << figures[0].epoch * 1e3
        << ", \"epoch_eager_ms\": " << figures[1].epoch * 1e3
        << ", \"accuracy_compiled\": " << figures[0].accuracy
        << ", \"accuracy_eager\": " << figures[1].accuracy << "}\n";
  }
  return 0;
}
