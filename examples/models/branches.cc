// Branches on tensor conditions combined with &&, || and !, and a tensor
// ?: — all staged with ag::cond, keeping C++'s short-circuit order.
#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor branches(ag::Tensor x, ag::Tensor y) {
  if (x > 0.f && y > 0.f)
    x = x + y;
  if (!(x > 100.f) || y < 0.f)
    y = -y;
  ag::Tensor z = x > y ? x : y;
  return z + y;
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::print(branches(ag::constant(1.f), ag::constant(2.f)));
  ag::print(branches(ag::constant(-1.f), ag::constant(2.f)));
  ag::print(branches(ag::constant(200.f), ag::constant(-2.f)));
  return 0;
}
#endif
