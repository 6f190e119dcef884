// examples/models/early_exit.cc's main, calling the functions compiled ahead
// of time (autograph_add_aot_library in examples/CMakeLists.txt).
#include "early_exit_aot.h"

#include <autograph/autograph.h>

#include <cstdint>

int main() {
  ag::print("doublings_within(1, 20) =",
            ag::aot::doublings_within(ag::constant(1.f), ag::constant(20.f)));
  ag::print("doublings_within(0.001, 1) =",
            ag::aot::doublings_within(ag::constant(0.001f), ag::constant(1.f)));
  ag::print("sum_of_odd(10) =", ag::aot::sum_of_odd(ag::constant(std::int64_t{10})));
  ag::print("first_above([1 5 2 7], 4) =",
            ag::aot::first_above(ag::constant({1.f, 5.f, 2.f, 7.f}), ag::constant(4.f)));
  ag::print("first_above([1 2], 4) =",
            ag::aot::first_above(ag::constant({1.f, 2.f}), ag::constant(4.f)));
  ag::print("even_pairs(4) =", ag::aot::even_pairs(ag::constant(std::int64_t{4})));
  ag::print("sign of -3, 4, 0:", ag::aot::sign_of(ag::constant(-3.f)),
            ag::aot::sign_of(ag::constant(4.f)), ag::aot::sign_of(ag::constant(0.f)));
  ag::print("first_value_above([1 5 2 7], 4) =",
            ag::aot::first_value_above(ag::constant({1.f, 5.f, 2.f, 7.f}),
                                       ag::constant(4.f)));
  ag::print("first_value_above([1 2], 4) =",
            ag::aot::first_value_above(ag::constant({1.f, 2.f}), ag::constant(4.f)));
  ag::print("smallest_product_above(5, 6) =",
            ag::aot::smallest_product_above(ag::constant(std::int64_t{5}),
                                            ag::constant(std::int64_t{6})));
  ag::print("smallest_product_above(5, 100) =",
            ag::aot::smallest_product_above(ag::constant(std::int64_t{5}),
                                            ag::constant(std::int64_t{100})));
  ag::print("bounded of 2, 20, -4 by 10:",
            ag::aot::bounded(ag::constant(2.f), ag::constant(10.f)),
            ag::aot::bounded(ag::constant(20.f), ag::constant(10.f)),
            ag::aot::bounded(ag::constant(-4.f), ag::constant(10.f)));
  return 0;
}
