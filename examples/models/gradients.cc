// Gradients through control flow (Effective TF2's GradientTape, SPEC 8.4):
// each AG_FUNCTION records its computation on a tape, through an `if` on a
// tensor, a `while` whose trip count depends on the input, or a loop over a
// sequence's rows, and returns its gradient. Converted by autograph-cc, the
// `if` and the loops are staged, and their gradients are compiled into the
// same functions. The expected values are derived by hand (below).
#include <autograph/autograph.h>

#include <vector>

// y = x^3 for x > 0, else -2x: dy/dx = 3x^2 or -2.
AG_FUNCTION ag::Tensor piecewise_slope(ag::Tensor x) {
  ag::GradientTape tape;
  tape.watch(x);
  ag::Tensor y = x;
  if (x > 0.f)
    y = x * x * x;
  else
    y = -2.f * x;
  return tape.gradient(y, x);
}

// x doubles until it reaches 100: after k doublings y = 2^k x, dy/dx = 2^k.
AG_FUNCTION ag::Tensor doubling_slope(ag::Tensor x) {
  ag::GradientTape tape;
  tape.watch(x);
  ag::Tensor y = x;
  while (y < 100.f)
    y = y * 2.f;
  return tape.gradient(y, x);
}

// h <- h * w + row over the rows: h = sum_i row_i w^(n-1-i), so
// dh/dw = sum_i row_i (n-1-i) w^(n-2-i), per column.
AG_FUNCTION ag::Tensor recurrence_slope(ag::Tensor sequence, ag::Tensor w) {
  ag::GradientTape tape;
  tape.watch(w);
  ag::Tensor h = ag::zeros({2});
  for (ag::Tensor row : sequence)
    h = h * w + row;
  return tape.gradient(ag::reduce_sum(h), w);
}

// The guide's DynamicRNN pattern: each step's state s_t = s_{t-1} u + x_t
// written to a TensorArray, stacked. sum(states) = x0 (1 + u + u^2) +
// x1 (1 + u) + x2 for three steps: d/du = x0 (1 + 2u) + x1.
AG_FUNCTION ag::Tensor array_slope(ag::Tensor xs, ag::Tensor u) {
  ag::GradientTape tape;
  tape.watch(u);
  ag::Tensor time = ag::dim(xs, 0);
  ag::TensorArray states(ag::float32, time);
  ag::Tensor s = ag::constant(0.f);
  for (ag::Tensor t : ag::range(time)) {
    s = s * u + xs[t];
    states = states.write(t, s);
  }
  return tape.gradient(ag::reduce_sum(states.stack()), u);
}

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  // 3 * 2^2 = 12; -2.
  ag::print("piecewise'(2) =", piecewise_slope(ag::constant(2.f)));
  ag::print("piecewise'(-1) =", piecewise_slope(ag::constant(-1.f)));
  // 3 -> 192 (6 doublings): 64; 30 -> 120 (2 doublings): 4.
  ag::print("doubling'(3) =", doubling_slope(ag::constant(3.f)));
  ag::print("doubling'(30) =", doubling_slope(ag::constant(30.f)));
  // Columns [1 2 3] with w = 0.5: 1 * 2 * 0.5 + 2 * 1 * 1 = 3;
  // [2 0 1] with w = 2: 2 * 2 * 2 = 8. One row: the slope is 0.
  ag::Tensor w = ag::constant({0.5f, 2.f});
  ag::print("recurrence'(3 rows) =",
            recurrence_slope(ag::constant({{1.f, 2.f}, {2.f, 0.f}, {3.f, 1.f}}), w));
  ag::print("recurrence'(1 row) =", recurrence_slope(ag::constant({{4.f, 5.f}}), w));
  // [1 2 3], u = 0.5: 1 * 2 + 2 = 4; [5], u = 3: 0.
  ag::print("array'([1 2 3]) =", array_slope(ag::constant({1.f, 2.f, 3.f}), ag::constant(0.5f)));
  ag::print("array'([5]) =", array_slope(ag::constant({5.f}), ag::constant(3.f)));
  return 0;
}
#endif
