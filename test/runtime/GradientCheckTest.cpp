//===- GradientCheckTest.cpp - every op's gradient against finite differences -===//
//
// For each differentiable op of the registry (include/autograph/Ops.def),
// in float64 on random inputs of several shapes (with broadcasting where the
// op broadcasts): the tape's gradient of sum(op(x...) * w), for random
// weights w, against central finite differences of the same function,
// element by element. The finite differences are computed by evaluating the
// function eagerly at x +- h, independently of any gradient code.
//
//===----------------------------------------------------------------------===//
#include "autograph/GradientTape.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

// The row ops datasets and staged loops use (runtime/RowOps.h, not public).
namespace ag::detail {
Tensor slice_rows(const Tensor &x, const Tensor &start, const Tensor &limit);
Tensor update_row(const Tensor &x, const Tensor &index, const Tensor &row);
} // namespace ag::detail

namespace {

using ag::Tensor;
using Fn = std::function<Tensor(const std::vector<Tensor> &)>;

Tensor randomTensor(std::mt19937 &rng, const ag::Shape &shape, double low, double high) {
  std::uniform_real_distribution<double> dist(low, high);
  std::int64_t n = 1;
  for (std::int64_t d : shape)
    n *= d;
  std::vector<double> values(static_cast<std::size_t>(n));
  for (double &v : values)
    v = dist(rng);
  return ag::constant(values, shape);
}

/// sum(f(inputs) * weights): a scalar whose gradient weighs every output.
double objective(const Fn &f, const std::vector<Tensor> &inputs, const Tensor &weights) {
  return ag::reduce_sum(f(inputs) * weights).item<double>();
}

/// Checks the tape's gradients of sum(f(inputs) * w) against central
/// differences with step h, for each input listed in `checked`.
void checkGradients(const std::string &what, const Fn &f, std::vector<Tensor> inputs,
                    std::vector<std::size_t> checked = {}, double h = 1e-6,
                    double tolerance = 1e-6) {
  SCOPED_TRACE(what);
  std::mt19937 rng(42);
  if (checked.empty())
    for (std::size_t i = 0; i < inputs.size(); ++i)
      checked.push_back(i);
  Tensor out = f(inputs);
  Tensor weights = randomTensor(rng, out.shape(), 0.5, 1.5);
  std::vector<Tensor> sources;
  for (std::size_t i : checked)
    sources.push_back(inputs[i]);
  std::vector<Tensor> analytic;
  {
    ag::GradientTape tape;
    for (const Tensor &s : sources)
      tape.watch(s);
    Tensor y = ag::reduce_sum(f(inputs) * weights);
    analytic = tape.gradient(y, sources, ag::UnconnectedGradients::zero);
  }
  for (std::size_t k = 0; k < checked.size(); ++k) {
    std::size_t i = checked[k];
    ASSERT_TRUE(analytic[k].defined()) << "input " << i;
    ASSERT_EQ(analytic[k].shape(), inputs[i].shape()) << "input " << i;
    std::vector<double> base = inputs[i].to_vector<double>();
    std::vector<double> got = analytic[k].to_vector<double>();
    for (std::size_t e = 0; e < base.size(); ++e) {
      std::vector<double> plus = base, minus = base;
      plus[e] += h;
      minus[e] -= h;
      std::vector<Tensor> at = inputs;
      at[i] = ag::constant(plus, inputs[i].shape());
      double up = objective(f, at, weights);
      at[i] = ag::constant(minus, inputs[i].shape());
      double down = objective(f, at, weights);
      double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(got[e], numeric, tolerance * std::max(1.0, std::fabs(numeric)))
          << "input " << i << " element " << e;
    }
  }
}

const std::vector<ag::Shape> kShapes = {{}, {3}, {2, 3}, {2, 1, 3}};

TEST(GradientCheckTest, UnaryOps) {
  std::mt19937 rng(1);
  struct Case {
    const char *name;
    std::function<Tensor(const Tensor &)> op;
    double low, high; // an input range away from kinks and poles
  };
  std::vector<Case> cases = {
      {"neg", [](const Tensor &x) { return -x; }, -2, 2},
      {"abs", [](const Tensor &x) { return ag::abs(x); }, 0.1, 2},
      {"abs<0", [](const Tensor &x) { return ag::abs(x); }, -2, -0.1},
      {"square", [](const Tensor &x) { return ag::square(x); }, -2, 2},
      {"relu", [](const Tensor &x) { return ag::relu(x); }, 0.1, 2},
      {"relu<0", [](const Tensor &x) { return ag::relu(x); }, -2, -0.1},
      {"exp", [](const Tensor &x) { return ag::exp(x); }, -2, 2},
      {"log", [](const Tensor &x) { return ag::log(x); }, 0.5, 3},
      {"sqrt", [](const Tensor &x) { return ag::sqrt(x); }, 0.5, 3},
      {"tanh", [](const Tensor &x) { return ag::tanh(x); }, -2, 2},
      {"sigmoid", [](const Tensor &x) { return ag::sigmoid(x); }, -3, 3},
      {"sign", [](const Tensor &x) { return ag::sign(x) * x; }, 0.1, 2},
  };
  for (const Case &c : cases)
    for (const ag::Shape &shape : kShapes)
      checkGradients(std::string(c.name) + " " + ag::format_shape(shape),
                     [&](const std::vector<Tensor> &in) { return c.op(in[0]); },
                     {randomTensor(rng, shape, c.low, c.high)});
}

TEST(GradientCheckTest, BinaryOpsWithBroadcasting) {
  std::mt19937 rng(2);
  struct Case {
    const char *name;
    std::function<Tensor(const Tensor &, const Tensor &)> op;
    double low, high;
  };
  std::vector<Case> cases = {
      {"add", [](const Tensor &a, const Tensor &b) { return a + b; }, -2, 2},
      {"sub", [](const Tensor &a, const Tensor &b) { return a - b; }, -2, 2},
      {"mul", [](const Tensor &a, const Tensor &b) { return a * b; }, -2, 2},
      {"div", [](const Tensor &a, const Tensor &b) { return a / b; }, 0.5, 2},
      {"rem", [](const Tensor &a, const Tensor &b) { return a % b; }, 0.7, 3},
      {"pow", [](const Tensor &a, const Tensor &b) { return ag::pow(a, b); }, 0.5, 2},
      {"maximum", [](const Tensor &a, const Tensor &b) { return ag::maximum(a, b); }, -2, 2},
      {"minimum", [](const Tensor &a, const Tensor &b) { return ag::minimum(a, b); }, -2, 2},
  };
  // Same shapes, a scalar operand, and broadcasting on both sides.
  std::vector<std::pair<ag::Shape, ag::Shape>> pairs = {
      {{2, 3}, {2, 3}}, {{2, 3}, {}}, {{}, {3}}, {{2, 1}, {1, 3}}, {{3}, {2, 3}}};
  for (const Case &c : cases)
    for (auto [sa, sb] : pairs)
      checkGradients(std::string(c.name) + " " + ag::format_shape(sa) + " " +
                         ag::format_shape(sb),
                     [&](const std::vector<Tensor> &in) { return c.op(in[0], in[1]); },
                     {randomTensor(rng, sa, c.low, c.high), randomTensor(rng, sb, c.low, c.high)});
}

TEST(GradientCheckTest, MatmulAndShapeOps) {
  std::mt19937 rng(3);
  auto r = [&](ag::Shape s) { return randomTensor(rng, s, -1, 1); };
  checkGradients("matmul", [](auto &in) { return ag::matmul(in[0], in[1]); },
                 {r({2, 3}), r({3, 4})});
  checkGradients("batched matmul", [](auto &in) { return ag::matmul(in[0], in[1]); },
                 {r({2, 2, 3}), r({2, 3, 2})});
  checkGradients("batch x shared matrix", [](auto &in) { return ag::matmul(in[0], in[1]); },
                 {r({2, 2, 3}), r({3, 2})});
  checkGradients("transpose", [](auto &in) { return ag::transpose(in[0], {2, 0, 1}); },
                 {r({2, 3, 4})});
  checkGradients("reshape", [](auto &in) { return ag::reshape(in[0], {3, -1}); },
                 {r({2, 3})});
  checkGradients("broadcast_to", [](auto &in) { return ag::broadcast_to(in[0], {2, 3, 4}); },
                 {r({3, 1})});
  checkGradients("concat axis 0", [](auto &in) { return ag::concat({in[0], in[1]}, 0); },
                 {r({2, 3}), r({1, 3})});
  checkGradients("concat axis 1", [](auto &in) { return ag::concat({in[0], in[1]}, 1); },
                 {r({2, 3}), r({2, 2})});
  checkGradients("stack", [](auto &in) { return ag::stack({in[0], in[1]}, 1); },
                 {r({2, 3}), r({2, 3})});
  checkGradients("expand_dims", [](auto &in) { return ag::expand_dims(in[0], 1); }, {r({2, 3})});
  checkGradients("cast", [](auto &in) {
    return ag::cast(ag::cast(in[0], ag::DType::Float32), ag::DType::Float64) * in[0];
  }, {r({3})}, {}, 1e-3, 1e-4);
  checkGradients("where", [](auto &in) { return ag::where(in[0] > 0.0, in[0] * 2.0, in[1]); },
                 {r({2, 3}), r({2, 3})});
  checkGradients("index", [](auto &in) { return in[0][std::int64_t{1}]; }, {r({3, 2})});
  checkGradients("rows of a tensor", [](auto &in) {
    return ag::gather(in[0], ag::constant(std::vector<std::int64_t>{2, 0, 2}));
  }, {r({3, 2})});
  checkGradients("fill", [](auto &in) { return ag::fill({2, 3}, in[0]); }, {r({})});
  checkGradients("slice rows", [](auto &in) {
    return ag::detail::slice_rows(in[0], ag::constant(std::int64_t{1}), ag::constant(std::int64_t{3}));
  }, {r({4, 2})});
  checkGradients("update_row", [](auto &in) {
    return ag::detail::update_row(in[0], ag::constant(std::int64_t{1}), in[1]);
  }, {r({3, 2}), r({2})});
  checkGradients("zeros_like is constant", [](auto &in) { return ag::zeros_like(in[0]) + in[0]; },
                 {r({2})});
}

TEST(GradientCheckTest, Reductions) {
  std::mt19937 rng(4);
  auto r = [&](ag::Shape s) { return randomTensor(rng, s, -1, 1); };
  for (bool keepdims : {false, true}) {
    std::string k = keepdims ? " keepdims" : "";
    checkGradients("sum" + k, [=](auto &in) { return ag::reduce_sum(in[0], {1}, keepdims); },
                   {r({2, 3, 2})});
    checkGradients("mean" + k, [=](auto &in) { return ag::reduce_mean(in[0], {0, 2}, keepdims); },
                   {r({2, 3, 2})});
    checkGradients("max" + k, [=](auto &in) { return ag::reduce_max(in[0], {1}, keepdims); },
                   {r({2, 3})});
    checkGradients("min" + k, [=](auto &in) { return ag::reduce_min(in[0], {}, keepdims); },
                   {r({2, 3})});
  }
  checkGradients("softmax", [](auto &in) { return ag::softmax(in[0], -1); }, {r({2, 4})});
}

TEST(GradientCheckTest, CompositeModels) {
  std::mt19937 rng(5);
  auto r = [&](ag::Shape s) { return randomTensor(rng, s, -1, 1); };
  // A two-layer perceptron's loss, with respect to every parameter.
  checkGradients(
      "mlp",
      [](auto &in) {
        Tensor h = ag::relu(ag::matmul(in[0], in[1]) + in[2]);
        Tensor logits = ag::matmul(h, in[3]);
        return ag::reduce_mean(ag::square(ag::sigmoid(logits) - 0.5));
      },
      {r({4, 3}), r({3, 5}), r({5}), r({5, 2})}, {1, 2, 3});
}

} // namespace
