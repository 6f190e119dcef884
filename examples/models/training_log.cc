// Logging from inside a compiled function (Effective TF2: "use tf.print"):
// a gradient-descent fit written with printf and std::cout as a C++
// programmer would. autograph-cc turns each statement that prints a tensor
// into one print, so the compiled function prints on every iteration exactly
// what the eager program prints; the printf conversions (%2lld, %.4f, %8.5f)
// format the tensors' values as printf would. The <cassert> assert on a
// tensor is checked on every iteration of the compiled loop too.
#include <autograph/autograph.h>

#include <cassert>
#include <cstdint>
#include <cstdio>
#include <iostream>

// Fits w to the minimum of (w - target)^2 by gradient descent.
AG_FUNCTION ag::Tensor fit(ag::Tensor w, ag::Tensor target) {
  ag::Tensor step = ag::constant(std::int64_t{0});
  ag::Tensor loss = ag::square(w - target);
  while (loss > 0.01f) {
    ag::Tensor gradient = (w - target) * 2.f;
    w = w - gradient * 0.25f;
    loss = ag::square(w - target);
    assert(loss >= 0.f);
    step += 1;
    printf("step %2lld: w = %.4f, loss = %8.5f\n",
           static_cast<long long>(step.item<std::int64_t>()), w.item<float>(),
           loss.item<float>());
  }
  std::cout << "converged after " << step << " steps: w = " << w << std::endl;
  return w;
}

// Scales v to unit length, reporting the norm it had.
AG_FUNCTION ag::Tensor normalize(ag::Tensor v) {
  ag::Tensor norm = ag::sqrt(ag::reduce_sum(v * v));
  std::cout << "v = " << v << ", |v| = " << norm << '\n';
  if (norm == 0.f) {
    printf("cannot normalize a vector of norm %g; %s\n", norm.item<float>(),
           "left as it is");
  } else {
    v = v / norm;
  }
  return v;
}

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::print(fit(ag::constant(0.f), ag::constant(1.f)));
  ag::print(fit(ag::constant(3.f), ag::constant(3.05f)));
  ag::print(normalize(ag::constant({3.f, 0.f, 4.f})));
  ag::print(normalize(ag::zeros({2})));
  return 0;
}
#endif
