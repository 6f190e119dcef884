// Found with generated programs (test/random_programs seeds 10 and 22): a
// printf or std::cout chain without a tensor argument was left as written,
// so inside a tensor `if` or loop it ran once, when the function was traced
// (for both branches, once for any number of iterations), and, compiled
// ahead of time, never. They are now prints like those with tensors.
// Eager (worked out by hand): count(4) takes the odd branch for i = 1 and
// i = 3, three lines each, then "done"; count(1) prints "done" only.
#include <autograph/autograph.h>

#include <cstdio>
#include <iostream>

AG_FUNCTION ag::Tensor count(ag::Tensor n) {
  ag::Tensor total = ag::constant(0);
  for (ag::Tensor i = ag::constant(0); i < n; i += 1) {
    if (i % 2 == 1) {
      for (int k = 0; k < 2; ++k)
        printf("odd step, k=%d\n", k);
      std::cout << "odd" << std::endl;
      total += i;
    }
  }
  printf("done\n");
  return total;
}

int main() {
  ag::print("count(4) =", count(ag::constant(4)));
  ag::print("count(1) =", count(ag::constant(1)));
}
