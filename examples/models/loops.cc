// Loops whose condition is a tensor: a C-style for loop (the sum
// 1 + 2 + ... + n, staged as ag.while_loop with the increment at the end of
// the body), a do/while loop (a first-iteration flag), and a range-for over
// ag::range (one ag.for over the range's bounds).
#include <autograph/autograph.h>

#include <cstdint>

AG_FUNCTION ag::Tensor triangle(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  for (ag::Tensor i = ag::constant(std::int64_t{1}); i <= n; i = i + 1)
    total += i;
  return total;
}

// A do/while loop: the body runs before the first test.
AG_FUNCTION ag::Tensor halve_at_least_once(ag::Tensor x) {
  do
    x = x / 2.f;
  while (x > 1.f);
  return x;
}

// The sum of the squares of the odd numbers below n.
AG_FUNCTION ag::Tensor odd_squares(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  for (ag::Tensor i : ag::range(std::int64_t{1}, n, 2))
    total += i * i;
  return total;
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  for (std::int64_t n : {0, 4, 100})
    ag::print("triangle", n, "=", triangle(ag::constant(n)));
  for (float x : {0.5f, 10.f})
    ag::print("halve_at_least_once", x, "=", halve_at_least_once(ag::constant(x)));
  for (std::int64_t n : {0, 6, 10})
    ag::print("odd_squares", n, "=", odd_squares(ag::constant(n)));
  return 0;
}
#endif
