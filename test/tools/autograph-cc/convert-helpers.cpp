// The functions an AG_FUNCTION calls that are defined in the same file are
// converted too, recursively (not wrapped: they run inline in its trace);
// AG_DO_NOT_CONVERT and functions nobody converted calls are left alone.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s --emit=ag --function=model --signature="f32[]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE

#include <autograph/autograph.h>

// CHECK-LABEL: ag::Tensor clip(ag::Tensor x) {
// CHECK-NEXT: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(::ag::condition(x > 1.f)
ag::Tensor clip(ag::Tensor x) {
  if (x > 1.f)
    x = ag::constant(1.f);
  return x;
}

// Called through clip's caller only: converted as well.
// CHECK-LABEL: ag::Tensor halve_until_small(ag::Tensor x) {
// CHECK-NEXT: AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__loop_{{[0-9]+}} = ::ag::while_loop(
ag::Tensor halve_until_small(ag::Tensor x) {
  while (x > 10.f)
    x = x / 2.f;
  return clip(x);
}

// CHECK-LABEL: AG_DO_NOT_CONVERT ag::Tensor logged(ag::Tensor x) {
// CHECK-NEXT: {{^}}  return x;
AG_DO_NOT_CONVERT ag::Tensor logged(ag::Tensor x) {
  return x;
}

// CHECK-LABEL: ag::Tensor unused(ag::Tensor x) {
// CHECK-NEXT: {{^}}  if (x > 0.f)
ag::Tensor unused(ag::Tensor x) {
  if (x > 0.f)
    x = -x;
  return x;
}

// CHECK-LABEL: AG_FUNCTION ag::Tensor model(ag::Tensor x) { static ::ag::Function &ag__function
AG_FUNCTION ag::Tensor model(ag::Tensor x) {
  return logged(halve_until_small(x));
}

// A lambda defined in a converted function is converted once, as a
// function of its own (with its own liveness), whether or not it is called.
// CHECK-LABEL: AG_FUNCTION ag::Tensor with_lambdas(
AG_FUNCTION ag::Tensor with_lambdas(ag::Tensor x) {
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); auto halve = [](ag::Tensor v) {
  auto halve = [](ag::Tensor v) {
    // CHECK-NEXT: {{^}}    AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__loop_{{[0-9]+}} = ::ag::while_loop(
    // CHECK-NOT: AG_LINE({{[0-9]+}}); AG_LINE({{[0-9]+}});
    while (v > 1.f)
      v = v / 2.f;
    return v;
  };
  // CHECK: auto negate_if_big = [](ag::Tensor v) { AG_LINE({{[0-9]+}}); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(
  auto negate_if_big = [](ag::Tensor v) { if (v > 100.f) v = -v; return v; };
  (void)negate_if_big;
  return halve(x);
}

// The helpers' control flow is staged inside model's trace.
// TRACE-LABEL: func.func @model(
// TRACE: ag.while_loop
// TRACE: ag.cond
// TRACE: return
