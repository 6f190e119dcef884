// examples/models/loops.cc's main, calling the ahead-of-time compiled
// triangle, halve_at_least_once and odd_squares (autograph_add_aot_library in
// examples/CMakeLists.txt).
#include "loops_aot.h"

#include <autograph/autograph.h>

#include <cstdint>

int main() {
  for (std::int64_t n : {0, 4, 100})
    ag::print("triangle", n, "=", ag::aot::triangle(ag::constant(n)));
  for (float x : {0.5f, 10.f})
    ag::print("halve_at_least_once", x, "=",
              ag::aot::halve_at_least_once(ag::constant(x)));
  for (std::int64_t n : {0, 6, 10})
    ag::print("odd_squares", n, "=", ag::aot::odd_squares(ag::constant(n)));
  return 0;
}
