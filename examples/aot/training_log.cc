// examples/models/training_log.cc's main, calling the ahead-of-time compiled
// fit and normalize (autograph_add_aot_library in examples/CMakeLists.txt).
#include "training_log_aot.h"

#include <autograph/autograph.h>

int main() {
  ag::print(ag::aot::fit(ag::constant(0.f), ag::constant(1.f)));
  ag::print(ag::aot::fit(ag::constant(3.f), ag::constant(3.05f)));
  ag::print(ag::aot::normalize(ag::constant({3.f, 0.f, 4.f})));
  ag::print(ag::aot::normalize(ag::zeros({2})));
  return 0;
}
