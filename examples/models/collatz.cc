// A data-dependent loop (Effective TF2: "use Python control flow"): the
// number of Collatz steps from n down to 1. The loop and the branch depend on
// the tensor n, so autograph-cc stages them as ag.while_loop and ag.cond.
#include <autograph/autograph.h>

#include <cstdint>

AG_FUNCTION ag::Tensor collatz_steps(ag::Tensor n) {
  ag::Tensor steps = ag::constant(std::int64_t{0});
  while (n > 1) {
    if (n % 2 == 0)
      n = n / 2;
    else
      n = n * 3 + 1;
    steps += 1;
  }
  return steps;
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  for (std::int64_t start : {6, 27, 97})
    ag::print("collatz steps from", start, ":", collatz_steps(ag::constant(start)));
  return 0;
}
#endif
