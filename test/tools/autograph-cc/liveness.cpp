// Branch outputs and loop variables are the variables a staged statement
// assigns that are live after it (for a loop: also at its head), from a
// liveness analysis on clang's CFG; the others stay local to the branches
// and iterations.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s --emit=ag --function=scaled --signature="f32[]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor scaled(
AG_FUNCTION ag::Tensor scaled(ag::Tensor x) {
  ag::Tensor tmp, y = x;
  // `tmp` is read only inside the branch, then assigned again before any
  // other read: only `y` is an output. Each branch assigns its own copy of
  // `tmp` (a value traced in the branch never escapes it).
  // CHECK: ::ag::cond(::ag::condition(x > 0.f), [&, tmp = tmp, y = y]() mutable
  // CHECK: } return {y}; }, [&, tmp = tmp, y = y]() mutable -> ::ag::TensorList {  return {y}; }, {"y"}); y = ag__if_{{[0-9]+}}[0]; }
  if (x > 0.f) {
    tmp = x * 2.f;
    y = tmp + 1.f;
  }
  tmp = y;
  // `step` has a value before the loop, but each iteration assigns it
  // before reading it and nothing reads it after the loop: not carried.
  // `y` is read by the condition: carried.
  ag::Tensor step = x;
  // `step` is declared in each iteration's lambdas, without a value.
  // CHECK: ::ag::while_loop([&](const ::ag::TensorList &ag__v) -> ::ag::Tensor { {{\[\[}}maybe_unused]] ::ag::Tensor y = ag__v[0]; {{\[\[}}maybe_unused]] ::ag::Tensor step; return ::ag::condition(y > 1.f); }
  // CHECK: } return {y}; }, {y}, {"y"});
  while (y > 1.f) {
    step = y * 0.5f;
    y = step;
  }
  return y + tmp;
}

// A variable a reference is bound to is always live (its reads through the
// reference are not seen by name).
// CHECK-LABEL: AG_FUNCTION ag::Tensor aliased(
AG_FUNCTION ag::Tensor aliased(ag::Tensor x) {
  ag::Tensor t = x;
  const ag::Tensor &view = t;
  // CHECK: ::ag::cond(::ag::condition(x > 0.f), [&, t = t]() mutable
  if (x > 0.f)
    t = x * 3.f;
  return view;
}

// One cond with one result, and a loop carrying one value.
// TRACE-LABEL: func.func @scaled(
// TRACE: ag.cond %{{.*}} -> (tensor<f32>)
// TRACE: ag.while_loop(%{{[a-z0-9#]+}}) : (tensor<f32>) -> tensor<f32>
