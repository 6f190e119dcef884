// Trace-time errors of converted code name the variable and the statement
// (SPEC section 4). Each function below is traced by --emit=ag.
// RUN: not autograph-cc %s --emit=ag --function=one_sided --signature="f32[]" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=ONESIDED
// RUN: not autograph-cc %s --emit=ag --function=used_before_assigned --signature="f32[]" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=BEFORE
// RUN: not autograph-cc %s --emit=ag --function=used_after_loop --signature="f32[]" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: not autograph-cc %s --emit=ag --function=changes_dtype --signature="f32[]" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not autograph-cc %s --emit=ag --function=changes_shape --signature="f32[2]" -- -std=c++17 2>&1 | FileCheck %s --check-prefix=SHAPE

#include <autograph/autograph.h>

// y may have a value before the tensor if (the conversion cannot tell, see
// unassigned-after-if.cpp); at trace time it has none.
bool start_from_x = false;
// ONESIDED: autograph-cc: error: tracing one_sided(f32[]) failed:
// ONESIDED-NEXT: add: 'y' has no value after the tensor if at {{.*}}trace-errors.cpp:[[# @LINE + 5]]: only the then branch assigns it (assign it before the if, or in both branches)
AG_FUNCTION ag::Tensor one_sided(ag::Tensor x) {
  ag::Tensor y;
  if (start_from_x)
    y = x;
  if (x > 0.f)
    y = x * 2.f;
  return y + 1.f;
}

// BEFORE: mul: 't' is used in an iteration of the tensor loop at {{.*}}trace-errors.cpp:[[# @LINE + 3]] before it is assigned: it has no value before the loop, so none is carried between iterations
AG_FUNCTION ag::Tensor used_before_assigned(ag::Tensor x) {
  ag::Tensor t;
  while (x > 1.f) {
    x = x / 2.f;
    t = t * 2.f;
  }
  return x;
}

// AFTER: add: 't' has no value after the tensor loop at {{.*}}trace-errors.cpp:[[# @LINE + 3]]: it has none before the loop (assign it before the loop to carry it)
AG_FUNCTION ag::Tensor used_after_loop(ag::Tensor x) {
  ag::Tensor t;
  while (x > 1.f) {
    t = x;
    x = x / 2.f;
  }
  return t + x;
}

// DTYPE: while_loop: 'n' has dtype float32 before the loop, but dtype float64 after one iteration
AG_FUNCTION ag::Tensor changes_dtype(ag::Tensor n) {
  while (n > 1.f)
    n = ag::cast(n, ag::float64) / 2.0;
  return n;
}

// SHAPE: while_loop: 'v' has shape [2] before the loop, but shape [4] after one iteration
AG_FUNCTION ag::Tensor changes_shape(ag::Tensor v) {
  while (ag::reduce_sum(v) > 1.f)
    v = ag::concat({v, v}, 0) / 4.f;
  return v;
}
