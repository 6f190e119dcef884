// A return from inside a tensor if (first pass): returns become assignments
// of one result, what follows an if whose branch returns moves into its
// else, and the function returns the result at its end. (The example
// examples/models/early_exit.cc runs `sign` eagerly, JIT and AOT.)
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BAD

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor absolute_doubled(
// CHECK-SAME: AG_LINE; ::ag::Tensor __ag_retval;
AG_FUNCTION ag::Tensor absolute_doubled(ag::Tensor x) {
  // The result is an output of both branches; the rest is the else branch.
  // CHECK-NEXT: ::ag::cond(::ag::condition(x < 0.f), [&, __ag_retval = __ag_retval]() mutable -> ::ag::TensorList { { AG_LINE; __ag_retval = -x * 2.f; } return {__ag_retval}; }, [&, __ag_retval = __ag_retval]() mutable -> ::ag::TensorList { {
  if (x < 0.f)
    return -x * 2.f;
  // CHECK-NEXT: AG_LINE; x = x * 2.f;
  x = x * 2.f;
  // CHECK-NEXT: { AG_LINE; __ag_retval = x; }
  return x;
  // CHECK-NEXT: } return {__ag_retval}; }, {"__ag_retval"}); __ag_retval = __ag_if_{{[0-9]+}}[0]; }
  // CHECK-NEXT: AG_LINE; return __ag_retval; }, "absolute_doubled"));
}

// Returns that are not in a tensor if are left alone.
// CHECK-LABEL: AG_FUNCTION ag::Tensor plain(
// CHECK-NOT: __ag_retval
// CHECK: return x;
AG_FUNCTION ag::Tensor plain(ag::Tensor x, bool negate) {
  if (negate)
    return -x;
  return x;
}

#ifdef BAD
AG_FUNCTION ag::Tensor in_loop(ag::Tensor x) {
  while (x > 1.f) {
    if (x > 10.f)
      // BAD: convert-return.cpp:[[@LINE+1]]:7: error: 'return' here cannot be converted: the function returns from inside an 'if' whose condition is a tensor, and this return is in a loop or is reached on only some paths of a branch
      return x;
    x = x / 2.f;
  }
  return x;
}

AG_FUNCTION ag::Tensor some_paths(ag::Tensor x, ag::Tensor y) {
  if (x > 0.f) {
    if (y > 0.f)
      // BAD: convert-return.cpp:[[@LINE+1]]:7: error: 'return' here cannot be converted
      return y;
    x = -x;
  }
  return x;
}

// BAD: convert-return.cpp:[[@LINE+1]]:7: error: a 'return' inside an 'if' whose condition is a tensor is converted only in functions returning ag::Tensor
float scalar_result(ag::Tensor x) {
  if (x > 0.f)
    return 1.f;
  return 0.f;
}
AG_FUNCTION ag::Tensor calls_scalar(ag::Tensor x) { return x * scalar_result(x); }
#endif
