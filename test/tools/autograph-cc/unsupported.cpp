// What cannot be converted gets a located error and a non-zero exit; nothing
// is silently left alone.
// RUN: not autograph-cc %s -- -std=c++17 2>&1 | FileCheck %s

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor early_return(ag::Tensor x) {
  while (x > 0.f) {
    if (x > 10.f)
      // CHECK: unsupported.cpp:[[@LINE+2]]:7: error: 'return' inside an 'if' whose condition is a tensor is not supported yet
      // CHECK: unsupported.cpp:[[@LINE+1]]:7: error: 'return' inside a 'while' loop whose condition is a tensor is not supported yet
      return x;
    x = x - 1.f;
  }
  return x;
}

AG_FUNCTION ag::Tensor counts_in_cpp(ag::Tensor x) {
  int iterations = 0;
  while (x > 1.f) {
    x = x / 2.f;
    // CHECK: unsupported.cpp:[[@LINE+1]]:5: error: variable 'iterations' of type 'int' is assigned in a 'while' loop whose condition is a tensor; only ag::Tensor variables can be staged
    ++iterations;
  }
  return x;
}

AG_FUNCTION ag::Tensor breaks(ag::Tensor x) {
  while (x > 1.f) {
    // CHECK: unsupported.cpp:[[@LINE+1]]:5: error: 'break' inside a 'while' loop whose condition is a tensor is not supported yet
    break;
  }
  return x;
}

AG_FUNCTION float conditional_scalar(ag::Tensor x) {
  // CHECK: unsupported.cpp:[[@LINE+1]]:10: error: '?:' whose condition is a tensor must give tensors; this one gives 'float'
  return x > 0.f ? 1.f : 2.f;
}

// A function not marked AG_FUNCTION is not converted (and not diagnosed).
ag::Tensor eager_only(ag::Tensor x) {
  // CHECK-NOT: unsupported.cpp:[[@LINE+1]]
  for (; x < 10.f;)
    x = x * 2.f;
  return x;
}
