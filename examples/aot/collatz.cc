// examples/models/collatz.cc's main, calling the ahead-of-time compiled
// collatz_steps (autograph_add_aot_library in examples/CMakeLists.txt). The
// program links autograph::runtime only.
#include "collatz_aot.h"

#include <autograph/autograph.h>

#include <cstdint>

int main() {
  for (std::int64_t start : {6, 27, 97})
    ag::print("collatz steps from", start, ":",
              ag::aot::collatz_steps(ag::constant(start)));
  return 0;
}
