// A two-layer perceptron's forward pass with a tensor-dependent branch
// (Effective TF2: functions, not sessions). The hidden activation is relu
// when the layer's mean activation is positive and tanh otherwise.
#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor mlp(ag::Tensor x, ag::Tensor w1, ag::Tensor b1,
                           ag::Tensor w2, ag::Tensor b2) {
  ag::Tensor h = ag::matmul(x, w1) + b1;
  if (ag::reduce_mean(h) > 0.f)
    h = ag::relu(h);
  else
    h = ag::tanh(h);
  return ag::matmul(h, w2) + b2;
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::Tensor w1 = ag::constant({{1.f, 0.f}, {0.f, 1.f}});
  ag::Tensor b1 = ag::constant({0.5f, -0.5f});
  ag::Tensor w2 = ag::constant({{1.f}, {2.f}});
  ag::Tensor b2 = ag::constant({0.25f});

  ag::Tensor positive = ag::constant({{1.f, 2.f}, {3.f, -1.f}});
  ag::Tensor negative = ag::constant({{-1.f, -2.f}, {-3.f, 1.f}});
  ag::print("mlp(positive) =", mlp(positive, w1, b1, w2, b2));
  ag::print("mlp(negative) =", mlp(negative, w1, b1, w2, b2));
  return 0;
}
#endif
