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
