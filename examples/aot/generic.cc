// examples/models/generic.cc's main, calling the ahead-of-time compiled
// clipped and collatz_generic (autograph_add_aot_library in
// examples/CMakeLists.txt); the C++ instantiations come from the model.
#define AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
#include "../models/generic.cc"

#include "generic_aot.h"

int main() {
  ag::print("on C++ values: soft_clip(25.0, 10.0) =", soft_clip(25.0, 10.0),
            "steps_to_one(27) =", steps_to_one(std::int64_t{27}));
  ag::print("clipped of 3, 20, -30:", ag::aot::clipped(ag::constant(3.f)),
            ag::aot::clipped(ag::constant(20.f)), ag::aot::clipped(ag::constant(-30.f)));
  ag::print("collatz_generic(27) =",
            ag::aot::collatz_generic(ag::constant(std::int64_t{27})));
  return 0;
}
