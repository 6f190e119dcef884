// examples/models/datasets.cc's main, calling the ahead-of-time compiled
// batch_means, fit_line and label_visits (autograph_add_aot_library in
// examples/CMakeLists.txt).
#include "datasets_aot.h"

#include <autograph/autograph.h>

#include <cstdint>

int main() {
  ag::print("sum of means",
            ag::aot::batch_means(ag::constant({1.f, 2.f, 3.f, 4.f, 5.f})));
  ag::Tensor x = ag::constant({1.f, 1.f, 2.f, 2.f});
  ag::Tensor y = ag::constant({2.f, 2.f, 4.f, 4.f});
  ag::print("w", ag::aot::fit_line(x, y));
  ag::print("visits", ag::aot::label_visits(ag::range(std::int64_t{6})));
  ag::print("normalized total", ag::aot::normalized_batches(
                                    ag::constant({{1.f, 2.f}, {4.f, 2.f}, {3.f, 3.f}})));
  ag::print("first negative", ag::aot::first_negative(ag::constant({3.f, -2.f, -5.f})),
            ag::aot::first_negative(ag::constant({1.f, 2.f})));
  ag::print("sgd", ag::aot::sgd(ag::ones({4, 1}), ag::fill({4, 1}, 2.f),
                                ag::zeros({1, 1})));
  return 0;
}
