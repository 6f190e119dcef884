//===- ExamplesBench.cpp - the example models: eager, JIT, AOT, C++ --------===//
//
// Times one call of each example model's AG_FUNCTION in one process, four
// ways: eager (the source as written), JIT (autograph-cc's output, traced
// and compiled on the first call, which is not timed), AOT (the function
// compiled ahead of time, ag::aot::) and, where it is meaningful, the same
// computation hand-written in C++. bench/compare-with-pytorch.sh puts these
// next to PyTorch eager and TorchScript.
//
//   autograph-examples-bench [--json FILE]
//
//===----------------------------------------------------------------------===//
#include "MlpBackwardByHand.h"
#include "Timing.h"

#include <autograph/Function.h>
#include <autograph/GradientTape.h>
#include <autograph/autograph.h>

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <tuple>
#include <vector>

// Each model twice, in its own namespace: as written (eager) and converted.
#define AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
namespace eager {
#include "../examples/models/collatz.cc"
#include "../examples/models/datasets.cc"
#include "../examples/models/dynamic_rnn.cc"
#include "../examples/models/loops.cc"
#include "../examples/models/mlp.cc"
#include "../examples/models/rows.cc"
} // namespace eager
namespace jit {
#include "collatz.converted.cc"
#include "datasets.converted.cc"
#include "dynamic_rnn.converted.cc"
#include "loops.converted.cc"
#include "mlp.converted.cc"
#include "rows.converted.cc"
} // namespace jit
#line 48 "bench/ExamplesBench.cpp"
#include "collatz_aot.h"
#include "datasets_aot.h"
#include "dynamic_rnn_aot.h"
#include "loops_aot.h"
#include "mlp_aot.h"
#include "rows_aot.h"

namespace {

struct Case {
  std::string name;
  std::string input;
  std::function<void()> eager, jit, aot, cpp; // aot and cpp may be empty
};


/// dynamic_rnn of examples/models/dynamic_rnn.cc by hand: per step, one
/// [batch, 4] x [4, 3] and one [batch, 3] x [3, 3] product, tanh, and the
/// output copied into the [batch, time, 3] result.
void dynamicRnnEigen(const std::vector<float> &input, std::int64_t batch,
                     std::int64_t time, const RowMajor &kernel, const RowMajor &recurrent,
                     const Eigen::RowVectorXf &bias, std::vector<float> &outputs) {
  RowMajor state = RowMajor::Zero(batch, 3), x(batch, 4);
  outputs.resize(static_cast<std::size_t>(batch * time * 3));
  for (std::int64_t t = 0; t < time; ++t) {
    for (std::int64_t b = 0; b < batch; ++b)
      for (int f = 0; f < 4; ++f)
        x(b, f) = input[static_cast<std::size_t>((b * time + t) * 4 + f)];
    RowMajor next = ((x * kernel + state * recurrent).rowwise() + bias).array().tanh();
    state = next;
    for (std::int64_t b = 0; b < batch; ++b)
      for (int u = 0; u < 3; ++u)
        outputs[static_cast<std::size_t>((b * time + t) * 3 + u)] = state(b, u);
  }
}

/// The loss and gradients of an MLP 64-128-10 (relu, mean squared error),
/// with a tape: the forward and backward pass of a training step.
std::vector<ag::Tensor> mlpGradients(const std::vector<ag::Tensor> &p) {
  // p: x, y, w1, b1, w2, b2
  ag::GradientTape tape;
  for (std::size_t i = 2; i < p.size(); ++i)
    tape.watch(p[i]);
  ag::Tensor h = ag::relu(ag::matmul(p[0], p[2]) + p[3]);
  ag::Tensor logits = ag::matmul(h, p[4]) + p[5];
  ag::Tensor loss = ag::reduce_mean(ag::square(logits - p[1]));
  std::vector<ag::Tensor> grads =
      tape.gradient(loss, std::vector<ag::Tensor>(p.begin() + 2, p.end()));
  grads.push_back(loss);
  return grads;
}

/// The same by hand with Eigen: forward, then the backward pass derived by
/// hand.
struct MlpEigen {
  RowMajor x, y, w1, w2, h, logits, dlogits;
  Eigen::RowVectorXf b1, b2;
  MlpBackwardByHand gradients;
  void step() {
    h = ((x * w1).rowwise() + b1).cwiseMax(0.f);
    logits = (h * w2).rowwise() + b2;
    dlogits = (logits - y) * (2.f / static_cast<float>(logits.size()));
    gradients.run(x, h, w2, dlogits);
  }
};

/// `n` TensorArray writes of i * i, then the stack, as converted code
/// writes `for (Tensor i : ag::range(n)) squares = squares.write(i, i * i);`.
ag::Tensor fillSquares(const ag::Tensor &n) {
  ag::TensorArray squares(ag::DType::Int64, n, false, "squares");
  ag::for_range(ag::constant(std::int64_t{0}), n, ag::constant(std::int64_t{1}),
                [&](const ag::Tensor &i, const ag::TensorList &v) {
                  squares = squares.write(i, i * i);
                  return v;
                },
                {}, {});
  return squares.stack();
}

std::int64_t collatzCpp(std::int64_t n) {
  std::int64_t steps = 0;
  while (n > 1) {
    n = n % 2 == 0 ? n / 2 : 3 * n + 1;
    ++steps;
  }
  return steps;
}

/// sgd of examples/models/datasets.cc by hand: two passes over row blocks
/// of 64.
void sgdEigen(const std::vector<float> &x, const std::vector<float> &y,
              std::int64_t n, std::int64_t k, std::vector<float> &w) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const Matrix> xs(x.data(), n, k), ys(y.data(), n, 1);
  Eigen::Map<Matrix> ws(w.data(), k, 1);
  for (int epoch = 0; epoch < 2; ++epoch)
    for (std::int64_t start = 0; start < n; start += 64) {
      std::int64_t rows = std::min<std::int64_t>(64, n - start);
      Matrix error = xs.middleRows(start, rows) * ws - ys.middleRows(start, rows);
      ws -= (xs.middleRows(start, rows).transpose() * error) * (0.5f / 64);
    }
}

volatile std::int64_t sink;
volatile float floatSink;

} // namespace

int main(int argc, char **argv) {
  std::string json;
  // One thread, as the PyTorch side (torch.set_num_threads(1)).
  ag::set_num_threads(1);
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--json")
      json = argv[i + 1];

  ag::Tensor n = ag::constant(std::int64_t{837799});
  ag::Tensor big = ag::constant(std::int64_t{100000});
  ag::Tensor huge = ag::constant(1e30f);
  const std::int64_t batch = 4096, steps = 10000;
  std::vector<float> xs(batch * 2), seq(steps * 2);
  for (std::size_t i = 0; i < xs.size(); ++i)
    xs[i] = std::sin(0.01f * static_cast<float>(i));
  for (std::size_t i = 0; i < seq.size(); ++i)
    seq[i] = std::cos(0.003f * static_cast<float>(i));
  ag::Tensor x = ag::constant(xs, {batch, 2});
  ag::Tensor sequence = ag::constant(seq, {steps, 2});
  ag::Tensor w1 = ag::constant({{1.f, 0.f}, {0.f, 1.f}});
  ag::Tensor b1 = ag::constant({0.5f, -0.5f});
  ag::Tensor w2 = ag::constant({{1.f}, {2.f}});
  ag::Tensor b2 = ag::constant({0.25f});
  ag::Tensor w_x = ag::constant({0.5f, -1.f});
  ag::Tensor w_h = ag::constant({0.8f, 0.3f});
  ag::Tensor b = ag::constant({0.1f, 0.f});
  const std::int64_t samples = 4096, features = 16;
  std::vector<float> fx(samples * features), fy(samples), fw(features, 0.f);
  for (std::size_t i = 0; i < fx.size(); ++i)
    fx[i] = std::sin(0.37f * static_cast<float>(i));
  for (std::size_t i = 0; i < fy.size(); ++i)
    fy[i] = std::cos(0.11f * static_cast<float>(i));
  ag::Tensor fit_x = ag::constant(fx, {samples, features});
  ag::Tensor fit_y = ag::constant(fy, {samples, 1});
  ag::Tensor fit_w = ag::zeros({features, 1});

  // DynamicRNN: batch 32, 100 steps.
  const std::int64_t rnnBatch = 32, rnnTime = 100;
  std::vector<float> rnnInput(rnnBatch * rnnTime * 4);
  for (std::size_t i = 0; i < rnnInput.size(); ++i)
    rnnInput[i] = std::sin(0.013f * static_cast<float>(i));
  ag::Tensor rnn_input = ag::constant(rnnInput, {rnnBatch, rnnTime, 4});
  ag::Tensor rnn_state = ag::zeros({rnnBatch, 3});
  auto toMatrix = [](const ag::Tensor &t) {
    std::vector<float> v = t.to_vector<float>();
    return RowMajor(Eigen::Map<RowMajor>(v.data(), t.dim(0), t.dim(1)));
  };
  RowMajor rnnKernel = toMatrix(eager::kernel), rnnRecurrent = toMatrix(eager::recurrent_kernel);
  std::vector<float> biasValues = eager::bias.value().to_vector<float>();
  Eigen::RowVectorXf rnnBias = Eigen::Map<Eigen::RowVectorXf>(biasValues.data(), 3);
  std::vector<float> rnnOutputs;
  // TensorArray writes: one compiled function for every n.
  const std::int64_t fills = 100000;
  ag::Tensor fill_n = ag::constant(fills);
  ag::jit::CompiledFunction fillCompiled(
      [](const ag::TensorList &args) { return ag::TensorList{fillSquares(args[0])}; },
      {ag::TensorSpec{ag::DType::Int64, {}}}, "fill_squares");

  // An MLP 64-128-10 on a batch of 32: loss and gradients.
  auto pseudo = [](ag::Shape shape, float scale) {
    std::int64_t n = 1;
    for (std::int64_t d : shape)
      n *= d;
    std::vector<float> v(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < v.size(); ++i)
      v[i] = scale * std::sin(0.7f * static_cast<float>(i) + 0.3f);
    return ag::constant(v, shape);
  };
  std::vector<ag::Tensor> mlpParams = {pseudo({32, 64}, 1.f), pseudo({32, 10}, 1.f),
                                       pseudo({64, 128}, 0.1f), pseudo({128}, 0.1f),
                                       pseudo({128, 10}, 0.1f), pseudo({10}, 0.1f)};
  std::vector<ag::TensorSpec> mlpSpecs;
  for (const ag::Tensor &t : mlpParams)
    mlpSpecs.push_back(t.spec());
  ag::jit::CompiledFunction mlpCompiled(mlpGradients, mlpSpecs, "mlp_gradients");
  MlpEigen mlpEigen;
  mlpEigen.x = toMatrix(mlpParams[0]);
  mlpEigen.y = toMatrix(mlpParams[1]);
  mlpEigen.w1 = toMatrix(mlpParams[2]);
  mlpEigen.w2 = toMatrix(mlpParams[4]);
  std::vector<float> b1v = mlpParams[3].to_vector<float>(), b2v = mlpParams[5].to_vector<float>();
  mlpEigen.b1 = Eigen::Map<Eigen::RowVectorXf>(b1v.data(), 128);
  mlpEigen.b2 = Eigen::Map<Eigen::RowVectorXf>(b2v.data(), 10);
  {
    // The hand-written backward pass agrees with the tape's.
    mlpEigen.step();
    std::vector<float> dw1 = mlpCompiled(mlpParams)[0].to_vector<float>();
    float worst = 0.f;
    for (std::size_t i = 0; i < dw1.size(); ++i)
      worst = std::max(worst, std::fabs(dw1[i] - mlpEigen.gradients.dw1.data()[i]));
    if (worst > 1e-5f) {
      std::fprintf(stderr, "mlp_gradients: compiled and hand-written dw1 differ by %g\n", worst);
      return 1;
    }
  }

  std::vector<Case> cases = {
      {"collatz_steps", "n = 837799 (524 iterations)",
       [&] { eager::collatz_steps(n); }, [&] { jit::collatz_steps(n); },
       [&] { ag::aot::collatz_steps(n); }, [&] { sink = collatzCpp(837799); }},
      {"triangle", "n = 100000 (for loop on a tensor counter)",
       [&] { eager::triangle(big); }, [&] { jit::triangle(big); },
       [&] { ag::aot::triangle(big); },
       [&] {
         std::int64_t total = 0;
         for (std::int64_t i = 1; i <= 100000; i = i + 1)
           total += i;
         sink = total;
       }},
      {"halve_at_least_once", "x = 1e30 (100 iterations)",
       [&] { eager::halve_at_least_once(huge); },
       [&] { jit::halve_at_least_once(huge); },
       [&] { ag::aot::halve_at_least_once(huge); }, nullptr},
      {"mlp", "x f32[4096,2], a tensor branch",
       [&] { eager::mlp(x, w1, b1, w2, b2); }, [&] { jit::mlp(x, w1, b1, w2, b2); },
       [&] { ag::aot::mlp(x, w1, b1, w2, b2); }, nullptr},
      {"recurrent_cell", "sequence f32[10000,2] (for over rows)",
       [&] { eager::recurrent_cell(sequence, w_x, w_h, b); },
       [&] { jit::recurrent_cell(sequence, w_x, w_h, b); },
       [&] { ag::aot::recurrent_cell(sequence, w_x, w_h, b); }, nullptr},
      {"sgd", "x f32[4096,16], 2 epochs of batches of 64",
       [&] { eager::sgd(fit_x, fit_y, fit_w); }, [&] { jit::sgd(fit_x, fit_y, fit_w); },
       [&] { ag::aot::sgd(fit_x, fit_y, fit_w); },
       [&] {
         std::vector<float> w = fw;
         sgdEigen(fx, fy, samples, features, w);
         floatSink = w[0];
       }},
      {"dynamic_rnn", "input f32[32,100,4] (TensorArray of 100 steps)",
       [&] { eager::dynamic_rnn(rnn_input, rnn_state); },
       [&] { jit::dynamic_rnn(rnn_input, rnn_state); },
       [&] {
         ag::aot::dynamic_rnn(rnn_input, rnn_state, eager::bias, eager::kernel,
                              eager::recurrent_kernel);
       },
       [&] {
         dynamicRnnEigen(rnnInput, rnnBatch, rnnTime, rnnKernel, rnnRecurrent, rnnBias,
                         rnnOutputs);
         floatSink = rnnOutputs[0];
       }},
      {"mlp_gradients", "MLP 64-128-10, batch 32: loss and 4 gradients",
       [&] { mlpGradients(mlpParams); }, [&] { mlpCompiled(mlpParams); }, nullptr,
       [&] {
         mlpEigen.step();
         floatSink = mlpEigen.gradients.dw1(0, 0);
       }},
      {"tensor_array_fill", "100000 writes of i * i, then stack",
       [&] { fillSquares(fill_n); }, [&] { fillCompiled({fill_n}); }, nullptr,
       [&] {
         // std::vector push_back, then the values as a tensor (the stack).
         std::vector<std::int64_t> squares;
         for (std::int64_t i = 0; i < fills; ++i)
           squares.push_back(i * i);
         sink = ag::Tensor::from_data(ag::DType::Int64, {fills}, squares.data())
                    .num_elements();
       }},
  };

  std::printf("%-20s %-42s %12s %12s %12s %12s %10s\n", "function", "input",
              "eager us", "JIT us", "AOT us", "C++ us", "eager/AOT");
  std::string records;
  for (const Case &c : cases) {
    double eagerUs = microsecondsPerCall(c.eager);
    double jitUs = microsecondsPerCall(c.jit);
    double aotUs = c.aot ? microsecondsPerCall(c.aot) : NAN;
    double cppUs = c.cpp ? microsecondsPerCall(c.cpp) : NAN;
    std::printf("%-20s %-42s %12.2f %12.2f %12.2f %12.3f %9.1fx\n", c.name.c_str(),
                c.input.c_str(), eagerUs, jitUs, aotUs, cppUs, eagerUs / aotUs);
    auto number = [](bool present, double value) {
      return present ? std::to_string(value) : std::string("null");
    };
    char line[384];
    std::snprintf(line, sizeof line,
                  "%s  {\"name\": \"%s\", \"eager_us\": %.3f, \"jit_us\": %.3f, "
                  "\"aot_us\": %s, \"cpp_us\": %s}",
                  records.empty() ? "" : ",\n", c.name.c_str(), eagerUs, jitUs,
                  number(bool(c.aot), aotUs).c_str(), number(bool(c.cpp), cppUs).c_str());
    records += line;
  }
  if (!json.empty())
    std::ofstream(json) << "[\n" << records << "\n]\n";
  return 0;
}
