// A C-style for loop whose condition is a tensor: the sum 1 + 2 + ... + n,
// staged as ag.while_loop with the increment at the end of the body.
#include <autograph/autograph.h>

#include <cstdint>

AG_FUNCTION ag::Tensor triangle(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  for (ag::Tensor i = ag::constant(std::int64_t{1}); i <= n; i = i + 1)
    total += i;
  return total;
}

int main() {
  for (std::int64_t n : {0, 4, 100})
    ag::print("triangle", n, "=", triangle(ag::constant(n)));
  return 0;
}
