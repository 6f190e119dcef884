// examples/models/gradients.cc's main, calling the ahead-of-time compiled
// functions (autograph_add_aot_library in examples/CMakeLists.txt): their
// gradients are compiled into them.
#include "gradients_aot.h"

#include <autograph/autograph.h>

int main() {
  ag::print("piecewise'(2) =", ag::aot::piecewise_slope(ag::constant(2.f)));
  ag::print("piecewise'(-1) =", ag::aot::piecewise_slope(ag::constant(-1.f)));
  ag::print("doubling'(3) =", ag::aot::doubling_slope(ag::constant(3.f)));
  ag::print("doubling'(30) =", ag::aot::doubling_slope(ag::constant(30.f)));
  ag::Tensor w = ag::constant({0.5f, 2.f});
  ag::print("recurrence'(3 rows) =",
            ag::aot::recurrence_slope(ag::constant({{1.f, 2.f}, {2.f, 0.f}, {3.f, 1.f}}), w));
  ag::print("recurrence'(1 row) =", ag::aot::recurrence_slope(ag::constant({{4.f, 5.f}}), w));
  ag::print("array'([1 2 3]) =",
            ag::aot::array_slope(ag::constant({1.f, 2.f, 3.f}), ag::constant(0.5f)));
  ag::print("array'([5]) =", ag::aot::array_slope(ag::constant({5.f}), ag::constant(3.f)));
  return 0;
}
