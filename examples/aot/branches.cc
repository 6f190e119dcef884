// examples/models/branches.cc's main, calling the ahead-of-time compiled
// branches (autograph_add_aot_library in examples/CMakeLists.txt).
#include "branches_aot.h"

#include <autograph/autograph.h>

int main() {
  ag::print(ag::aot::branches(ag::constant(1.f), ag::constant(2.f)));
  ag::print(ag::aot::branches(ag::constant(-1.f), ag::constant(2.f)));
  ag::print(ag::aot::branches(ag::constant(200.f), ag::constant(-2.f)));
  return 0;
}
