// examples/models/rows.cc's main, calling the ahead-of-time compiled
// recurrent_cell (autograph_add_aot_library in examples/CMakeLists.txt),
// compiled for sequences of any length (f32[?,2]).
#include "rows_aot.h"

#include <autograph/autograph.h>

int main() {
  ag::Tensor w_x = ag::constant({0.5f, -1.f});
  ag::Tensor w_h = ag::constant({0.8f, 0.3f});
  ag::Tensor b = ag::constant({0.1f, 0.f});
  ag::Tensor one = ag::constant({{1.f, 2.f}});
  ag::Tensor three = ag::constant({{1.f, 2.f}, {0.f, -1.f}, {2.f, 0.5f}});
  for (const ag::Tensor &sequence : {one, three}) {
    auto [h, positive_steps] = ag::aot::recurrent_cell(sequence, w_x, w_h, b);
    ag::print("steps:", sequence.dim(0), "h:", h, "positive steps:", positive_steps);
  }
  return 0;
}
