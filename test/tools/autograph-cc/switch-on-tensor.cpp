// `switch (tensor)` does not compile (clang suggests a cast to bool, which a
// traced tensor cannot do); autograph-cc says what to write instead.
// RUN: not autograph-cc %s -- -std=c++17 2>&1 | FileCheck %s

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor pick(ag::Tensor x) {
  // CHECK: switch-on-tensor.cpp:[[@LINE+2]]:3: error: switch condition type 'ag::Tensor' requires explicit conversion to 'bool'
  // CHECK: switch-on-tensor.cpp:[[@LINE+1]]:3: error: a 'switch' on a tensor cannot be staged; write it as 'if' / 'else if' on tensor comparisons (each becomes an ag.cond)
  switch (x) {
  default:
    return x;
  }
}
