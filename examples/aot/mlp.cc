// examples/models/mlp.cc's main, calling the ahead-of-time compiled mlp
// (autograph_add_aot_library in examples/CMakeLists.txt), compiled for any
// batch size (f32[?,2]).
#include "mlp_aot.h"

#include <autograph/autograph.h>

int main() {
  ag::Tensor w1 = ag::constant({{1.f, 0.f}, {0.f, 1.f}});
  ag::Tensor b1 = ag::constant({0.5f, -0.5f});
  ag::Tensor w2 = ag::constant({{1.f}, {2.f}});
  ag::Tensor b2 = ag::constant({0.25f});

  ag::Tensor positive = ag::constant({{1.f, 2.f}, {3.f, -1.f}});
  ag::Tensor negative = ag::constant({{-1.f, -2.f}, {-3.f, 1.f}});
  ag::print("mlp(positive) =", ag::aot::mlp(positive, w1, b1, w2, b2));
  ag::print("mlp(negative) =", ag::aot::mlp(negative, w1, b1, w2, b2));
  return 0;
}
