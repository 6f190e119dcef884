// AG_FUNCTIONs that AotTest.cpp calls twice: as written (eager, this file
// compiled as plain C++) and compiled ahead of time (ag::aot::, from
// autograph_add_aot_library in CMakeLists.txt).
#include "aot_functions.h"

#include <cassert>

const int kCheckedSqrtAssertLine = __LINE__ + 2;
AG_FUNCTION ag::Tensor checked_sqrt(ag::Tensor x) {
  ag::Assert(ag::reduce_min(x) >= 0.f, "x must be non-negative");
  return ag::sqrt(x);
}

AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> min_max(ag::Tensor x) {
  return {ag::reduce_min(x), ag::reduce_max(x)};
}

AG_FUNCTION ag::Tensor integer_div(ag::Tensor a, ag::Tensor b) { return a / b; }

AG_FUNCTION ag::Tensor loud_sum(ag::Tensor x) {
  ag::print("sum of", x);
  ag::Tensor total = ag::reduce_sum(x);
  if (total > 10)
    ag::print("large:", total);
  return total;
}

// A <cassert> assert on a tensor: converted to ag::Assert, so the compiled
// function raises instead of aborting.
const int kCheckedLogAssertLine = __LINE__ + 2;
AG_FUNCTION ag::Tensor checked_log(ag::Tensor x) {
  assert(ag::reduce_min(x) > 0.f);
  return ag::log(x);
}

// State (SPEC 8.2): the compiled function reads and assigns these variables;
// its AOT header takes the caller's variables in their place.
ag::Variable g_total(ag::zeros({2}), "total");
ag::Variable g_calls(ag::constant(0.f), "calls");
AG_FUNCTION ag::Tensor accumulate(ag::Tensor x) {
  g_total.assign_add(x);
  g_calls.assign_add(ag::constant(1.f));
  return g_total * 2.f;
}

// ag::TensorArray (SPEC 8.3): elements 0..n-1 written as i * i, element k
// read back; the array's errors are the eager ones.
AG_FUNCTION ag::Tensor square_at(ag::Tensor n, ag::Tensor k) {
  ag::TensorArray squares(ag::DType::Int64, n, /*dynamic_size=*/false, "squares");
  for (ag::Tensor i : ag::range(n))
    squares = squares.write(i, i * i);
  return squares.read(k);
}

// ag::GradientTape (SPEC 8.4): the gradient of sum(x^3), 3 x^2, compiled
// into the same function as the forward pass.
AG_FUNCTION ag::Tensor cube_gradient(ag::Tensor x) {
  ag::GradientTape tape;
  tape.watch(x);
  ag::Tensor y = ag::reduce_sum(x * x * x);
  return tape.gradient(y, x);
}

// The gradients of many ops at once (SPEC 8.4's differential suite): for
// each op, the gradient of sum(op(...) * weights) with respect to x (and y
// for two operands), all flattened into one vector. The AOT test compares
// it with the same source run eagerly.
AG_FUNCTION ag::Tensor op_gradients(ag::Tensor x, ag::Tensor y) {
  std::vector<ag::Tensor> parts;
  auto add = [&](ag::Tensor (*op)(const ag::Tensor &, const ag::Tensor &)) {
    ag::GradientTape tape;
    tape.watch(x);
    tape.watch(y);
    ag::Tensor out = op(x, y);
    // Weights 1, 2, 3, 1, 2, 3, ...: every output element counts.
    ag::Tensor count = ag::constant(static_cast<float>(out.num_elements()));
    ag::Tensor weights = ag::reshape(
        ag::range(ag::constant(0.f), count, ag::constant(1.f)) % 3.f + 1.f, out.shape());
    std::vector<ag::Tensor> g = tape.gradient(ag::reduce_sum(out * weights),
                                              std::vector<ag::Tensor>{x, y},
                                              ag::UnconnectedGradients::zero);
    parts.push_back(ag::reshape(g[0], {-1}));
    parts.push_back(ag::reshape(g[1], {-1}));
  };
  add([](const ag::Tensor &a, const ag::Tensor &) { return -a; });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::abs(a); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::square(a); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::relu(a); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::exp(a); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::log(ag::abs(a) + 1.f); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::sqrt(ag::abs(a) + 1.f); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::tanh(a); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::sigmoid(a); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return a + b; });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return a - b; });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return a * b; });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return a / (ag::abs(b) + 1.f); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::pow(ag::abs(a) + 1.f, b); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::maximum(a, b); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::minimum(a, b); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::matmul(a, ag::transpose(b)); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::reshape(a, {3, 2}); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::reduce_sum(a, {1}); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::reduce_mean(a, {0}); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::reduce_max(a, {1}); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return ag::softmax(a, -1); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::concat({a, b}, 1); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::stack({a, b}); });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return ag::where(a > b, a, b * 2.f); });
  add([](const ag::Tensor &a, const ag::Tensor &) { return a[std::int64_t{1}]; });
  add([](const ag::Tensor &a, const ag::Tensor &) {
    return ag::gather(a, ag::constant(std::vector<std::int64_t>{1, 0, 1}));
  });
  add([](const ag::Tensor &a, const ag::Tensor &b) { return a * ag::reduce_sum(b); });
  return ag::concat(parts, 0);
}

// A training step with Adam (SPEC 8.5): the optimizer makes its slots m and
// v while the function is traced; the AOT header takes the optimizer and
// asks it for them, and for its step counter.
ag::Variable g_w(ag::zeros({2, 1}), "w");
ag::Variable g_b(ag::zeros({1}), "b");
ag::optimizers::Adam g_adam(0.1f);
AG_FUNCTION ag::Tensor adam_step(ag::Tensor x, ag::Tensor y) {
  ag::GradientTape tape;
  ag::Tensor loss = ag::losses::mean_squared_error(y, ag::matmul(x, g_w) + g_b);
  std::vector<ag::Variable> variables{g_w, g_b};
  g_adam.apply_gradients(tape.gradient(loss, variables), variables);
  return loss;
}

// Two 0-d arguments of different dtypes and two results: ag::aot::scalar
// takes and returns them as double and std::int32_t.
AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor> half_and_next(ag::Tensor x, ag::Tensor k) {
  return {x * 0.5, k + 1};
}
