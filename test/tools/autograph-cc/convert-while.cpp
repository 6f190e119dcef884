// A `while` whose condition is a tensor becomes ag::while_loop over the
// tensors its body assigns; nested tensor ifs are converted first.
// The check comments themselves are dropped from the output before checking.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// The converted file compiles with the flags of the original.
// RUN: autograph-cc %s -o %t.cc -- -std=c++17
// RUN: %cxx -std=c++17 -fsyntax-only -I%autograph_src/include %t.cc

#include <autograph/autograph.h>

#include <cstdint>

AG_FUNCTION ag::Tensor halve_until_odd(ag::Tensor n) {
  ag::Tensor steps = ag::constant(std::int64_t{0});
  // CHECK: { ::ag::TensorList ag__loop_[[L:[0-9]+]] = ::ag::while_loop([&](const ::ag::TensorList &ag__v) -> ::ag::Tensor { {{\[\[}}maybe_unused]] ::ag::Tensor n = ag__v[0]; {{\[\[}}maybe_unused]] ::ag::Tensor steps = ag__v[1]; return ::ag::condition(n % 2 == 0); }, [&](const ::ag::TensorList &ag__v) -> ::ag::TensorList { {{\[\[}}maybe_unused]] ::ag::Tensor n = ag__v[0]; {{\[\[}}maybe_unused]] ::ag::Tensor steps = ag__v[1]; {
  // CHECK-NEXT: n = n / 2;
  // CHECK-NEXT: steps += 1;
  // CHECK-NEXT: } return {n, steps}; }, {n, steps}, {"n", "steps"}); n = ag__loop_[[L]][0]; steps = ag__loop_[[L]][1]; }
  while (n % 2 == 0) {
    n = n / 2;
    steps += 1;
  }
  return steps;
}

// for (init; tensor; inc) body  ->  { init; while_loop(..., { body inc; }) }
// CHECK-LABEL: AG_FUNCTION ag::Tensor triangle(
AG_FUNCTION ag::Tensor triangle(ag::Tensor n) {
  ag::Tensor total = ag::constant(std::int64_t{0});
  // CHECK: { ag::Tensor i = ag::constant(std::int64_t{1}); ::ag::TensorList ag__loop_[[F:[0-9]+]] = ::ag::while_loop(
  // CHECK-SAME: return ::ag::condition(i <= n); }
  // CHECK-SAME: { AG_LINE({{[0-9]+}}), total += i; i = i + 1; } return {total, i}; }, {total, i}, {"total", "i"}); total = ag__loop_[[F]][0]; i = ag__loop_[[F]][1]; }
  for (ag::Tensor i = ag::constant(std::int64_t{1}); i <= n; i = i + 1)
    total += i;
  return total;
}

// do body while (c): a first-iteration flag lets the first test pass without
// evaluating c.
// CHECK-LABEL: AG_FUNCTION ag::Tensor halve_at_least_once(
AG_FUNCTION ag::Tensor halve_at_least_once(ag::Tensor x) {
  // CHECK: { ::ag::TensorList ag__loop_[[D:[0-9]+]] = ::ag::while_loop(
  // CHECK-SAME: return ::ag::cond(ag__loop_[[D]]_first, [&]() -> ::ag::TensorList { return {::ag::constant(true)}; }, [&]() -> ::ag::TensorList { return {::ag::condition(x > 1.f)}; })[0]; }
  // CHECK-SAME: x = x / 2.f; return {x, ::ag::constant(false)}; }, {x, ::ag::constant(true)}, {"x", "ag__loop_[[D]]_first"}); x = ag__loop_[[D]][0]; }
  do
    x = x / 2.f;
  while (x > 1.f);
  return x;
}

// A loop on a C++ counter runs at trace time (unrolled), as in AutoGraph.
// CHECK-LABEL: AG_FUNCTION ag::Tensor power(
AG_FUNCTION ag::Tensor power(ag::Tensor x) {
  ag::Tensor result = ag::ones_like(x);
  int i = 0;
  // CHECK: while (i < 3) {
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); result = result * x;
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); ++i;
  while (i < 3) {
    result = result * x;
    ++i;
  }
  return result;
}

// An ag::TensorArray assigned in the loop is not a loop variable: its
// writes go to the array that the handle already refers to.
// CHECK-LABEL: AG_FUNCTION ag::Tensor squares(
AG_FUNCTION ag::Tensor squares(ag::Tensor n) {
  ag::TensorArray ta(ag::DType::Int64, 0, /*dynamic_size=*/true);
  ag::Tensor i = ag::constant(std::int64_t{0});
  // CHECK: ::ag::while_loop([&](const ::ag::TensorList &ag__v) -> ::ag::Tensor { {{\[\[}}maybe_unused]] ::ag::Tensor i = ag__v[0]; return ::ag::condition(i < n); }
  // CHECK-NEXT: ta = ta.write(i, i * i);
  // CHECK-NEXT: i = i + 1;
  // CHECK-NEXT: } return {i}; }, {i}, {"i"}); i = ag__loop_{{[0-9]+}}[0]; }
  while (i < n) {
    ta = ta.write(i, i * i);
    i = i + 1;
  }
  return ta.stack();
}
