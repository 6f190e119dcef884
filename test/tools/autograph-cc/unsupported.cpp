// What cannot be converted gets a located error and a non-zero exit; nothing
// is silently left alone.
// RUN: not autograph-cc %s -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not=error:

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor counts_in_cpp(ag::Tensor x) {
  int iterations = 0;
  while (x > 1.f) {
    x = x / 2.f;
    // CHECK: unsupported.cpp:[[@LINE+1]]:5: error: variable 'iterations' of type 'int' is assigned in a 'while' loop whose condition is a tensor; only ag::Tensor variables can be staged
    ++iterations;
  }
  return x;
}

// SPEC section 4: a tensor-dependent break inside a loop over C++ values.
AG_FUNCTION ag::Tensor breaks_cpp_loop(ag::Tensor x) {
  for (int i = 0; i < 10; ++i) {
    if (x > 100.f)
      // CHECK: unsupported.cpp:[[@LINE+1]]:7: error: 'break' inside an 'if' whose condition is a tensor leaves a loop over plain C++ values, which cannot depend on a tensor; make the loop's condition a tensor
      break;
    x = x * 2.f;
  }
  return x;
}

AG_FUNCTION float conditional_scalar(ag::Tensor x) {
  // CHECK: unsupported.cpp:[[@LINE+1]]:10: error: '?:' whose condition is a tensor must give tensors; this one gives 'float'
  return x > 0.f ? 1.f : 2.f;
}

AG_FUNCTION ag::Tensor switch_on_value(ag::Tensor x) {
  // CHECK: unsupported.cpp:[[@LINE+1]]:3: error: 'switch' on a tensor's value cannot be staged; write it as 'if' / 'else if' on tensor comparisons (each becomes an ag.cond)
  switch (x.item<int>()) {
  case 0:
    return x;
  default:
    return -x;
  }
}

// A switch on a C++ value runs at trace time.
AG_FUNCTION ag::Tensor switch_on_cpp_value(ag::Tensor x) {
  int mode = 1;
  switch (mode) {
  case 1:
    return x;
  default:
    return -x;
  }
}

// A function not marked AG_FUNCTION is not converted (and not diagnosed).
ag::Tensor eager_only(ag::Tensor x) {
  // (Converted, the C++ counter would be an error.)
  int k = 0;
  for (; x < 10.f; ++k)
    x = x * 2.f;
  return x;
}
