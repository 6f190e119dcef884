// examples/models/generic.cc's main, calling the ahead-of-time compiled
// clipped, collatz_generic and sign_generic (autograph_add_aot_library in
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
  ag::print("sign_of(-7) =", sign_of(-7), "sign_generic of -2.5, 0, 4:",
            ag::aot::sign_generic(ag::constant(-2.5f)),
            ag::aot::sign_generic(ag::constant(0.f)),
            ag::aot::sign_generic(ag::constant(4.f)));
  return 0;
}
