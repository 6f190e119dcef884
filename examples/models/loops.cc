// Loops whose condition is a tensor: a C-style for loop (the sum
// 1 + 2 + ... + n, staged as ag.while_loop with the increment at the end of
// the body) and a do/while loop (a first-iteration flag).
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

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  for (std::int64_t n : {0, 4, 100})
    ag::print("triangle", n, "=", triangle(ag::constant(n)));
  for (float x : {0.5f, 10.f})
    ag::print("halve_at_least_once", x, "=", halve_at_least_once(ag::constant(x)));
  return 0;
}
#endif
