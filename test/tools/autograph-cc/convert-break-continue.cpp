// The first pass: a break or continue of a loop whose condition is a tensor
// (or of a range-for over a tensor) becomes a flag; the statements after it
// are guarded by the flag; a break flag is declared before the loop and
// tested first in its condition. The second pass then stages the loop, the
// guards and the flag's ifs. (The examples run such loops eagerly, JIT and
// AOT: examples/models/early_exit.cc.)
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor doublings(
AG_FUNCTION ag::Tensor doublings(ag::Tensor x, ag::Tensor limit) {
  ag::Tensor steps = ag::constant(0);
  // The flag before the loop, carried by it; the condition short-circuits.
  // CHECK: { AG_LINE({{[0-9]+}}); ::ag::Tensor [[BRK:ag__break_[0-9]+]] = ::ag::constant(false); AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__loop_{{[0-9]+}} = ::ag::while_loop(
  // CHECK-SAME: ::ag::Tensor x = ag__v[0]; {{\[\[}}maybe_unused]] ::ag::Tensor [[BRK]] = ag__v[1];
  // CHECK-SAME: return ::ag::condition((::ag::cond(::ag::condition(::ag::logical_not(::ag::condition([[BRK]]))), [&]() -> ::ag::TensorList { return ::ag::TensorList{::ag::condition((steps < 100))}; }
  while (steps < 100) {
    // CHECK-NEXT: AG_LINE({{[0-9]+}}); x = x * 2.f;
    x = x * 2.f;
    // The break sets the flag in a staged if.
    // CHECK-NEXT: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(::ag::condition(x > limit), {{.*}} { { AG_LINE({{[0-9]+}}); [[BRK]] = ::ag::constant(true); } return {[[BRK]]}; }
    if (x > limit)
      break;
    // The rest of the body runs while the flag is clear.
    // CHECK: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(::ag::condition(::ag::logical_not([[BRK]])), [&, steps = steps]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); steps += 1;
    steps += 1;
  }
  // CHECK: return {x, [[BRK]], steps}; }, {x, [[BRK]], steps}, {"x", "[[BRK]]", "steps"});
  return steps;
}

// CHECK-LABEL: AG_FUNCTION ag::Tensor sum_of_odd(
AG_FUNCTION ag::Tensor sum_of_odd(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  // The continue flag is local to an iteration; the increment comes after
  // the guard, so a continue still increments.
  // CHECK: ::ag::Tensor [[CONT:ag__continue_[0-9]+]] = ::ag::constant(false);
  // CHECK-NEXT: ::ag::cond(::ag::condition(i % 2 == 0), [&, [[CONT]] = [[CONT]]]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); [[CONT]] = ::ag::constant(true); } return {[[CONT]]}; }
  // CHECK: ::ag::cond(::ag::condition(::ag::logical_not([[CONT]])), [&, total = total]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); total += i;
  // CHECK-NEXT: } return {total}; }
  // CHECK-SAME: total = ag__if_{{[0-9]+}}[0]; }  AG_LINE({{[0-9]+}}); i = i + 1; }
  for (ag::Tensor i = ag::constant(std::int64_t{0}); i < n; i = i + 1) {
    if (i % 2 == 0)
      continue;
    total += i;
  }
  return total;
}

// CHECK-LABEL: AG_FUNCTION ag::Tensor first_above(
AG_FUNCTION ag::Tensor first_above(ag::Tensor x, ag::Tensor t) {
  ag::Tensor index = ag::constant(std::int64_t{0});
  // Every row is visited; after the break the body does nothing.
  // CHECK: ::ag::for_rows(x, [&](const ::ag::Tensor &ag__item, const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{.*}}ag::Tensor v = ag__item; { AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(::ag::condition(::ag::logical_not([[FLAG:ag__break_[0-9]+]]))
  // CHECK-NEXT: ::ag::cond(::ag::condition(v > t), [&, [[FLAG]] = [[FLAG]]]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); [[FLAG]] = ::ag::constant(true); }
  // CHECK: ::ag::cond(::ag::condition(::ag::logical_not([[FLAG]])), [&, index = index]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); index += 1;
  for (ag::Tensor v : x) {
    if (v > t)
      break;
    index += 1;
  }
  return index;
}

// A loop over C++ values keeps its break.
// CHECK-LABEL: AG_FUNCTION ag::Tensor cpp_loop(
AG_FUNCTION ag::Tensor cpp_loop(ag::Tensor x, int n) {
  for (int i = 0; i < n; ++i) {
    // CHECK: AG_LINE({{[0-9]+}}); if (i > 3)
    // CHECK-NEXT: break;
    if (i > 3)
      break;
    x = x + 1.f;
  }
  return x;
}
