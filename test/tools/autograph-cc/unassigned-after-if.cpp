// A variable declared without a value, assigned by one branch of a tensor if
// only and read after it, would have no value on the other path: rejected at
// conversion time, by name, with its declaration. Whether it may have a value
// comes from a dataflow on clang's CFG (lib/Frontend/UnassignedVariables.cpp),
// so values given before the if on some path, dead variables and variables
// declared again in each iteration are told apart.
// RUN: not autograph-cc %s -- -std=c++17 2>&1 | FileCheck %s
// RUN: autograph-cc %s -- -std=c++17 -DONLY_VALID | grep -v '^ *//' | FileCheck %s --check-prefix=VALID

#include <autograph/autograph.h>

bool verbose = false;

#ifndef ONLY_VALID
AG_FUNCTION ag::Tensor then_only(ag::Tensor x) {
  ag::Tensor y;
  // CHECK: unassigned-after-if.cpp:[[# @LINE + 1]]:3: error: 'y' is read after this 'if' whose condition is a tensor but has no value when the condition is false: it is assigned only in the then branch; give it a value before the 'if' or in both branches
  if (x > 0.f)
    y = x;
  return y;
}
// CHECK: unassigned-after-if.cpp:[[# @LINE - 6]]:14: note: 'y' is declared here without a value

AG_FUNCTION ag::Tensor else_only(ag::Tensor x) {
  ag::Tensor y;
  // CHECK: unassigned-after-if.cpp:[[# @LINE + 1]]:3: error: 'y' is read after this 'if' whose condition is a tensor but has no value when the condition is true: it is assigned only in the else branch
  if (x > 0.f) {
  } else {
    y = -x;
  }
  return y;
}

// Declared in the loop's body: no value at the start of each iteration.
AG_FUNCTION ag::Tensor in_each_iteration(ag::Tensor x) {
  ag::Tensor last = x;
  for (int i = 0; i < 2; ++i) {
    ag::Tensor u;
    // CHECK: unassigned-after-if.cpp:[[# @LINE + 1]]:5: error: 'u' is read after this 'if'
    if (x > 0.f)
      u = x;
    last = u;
  }
  return last;
}
#endif

// VALID-LABEL: AG_FUNCTION ag::Tensor valid(
AG_FUNCTION ag::Tensor valid(ag::Tensor x) {
  ag::Tensor both;
  // VALID: ::ag::cond(::ag::condition(x > 0.f)
  if (x > 0.f) both = x; else both = -x;
  ag::Tensor before;
  before = x;
  // VALID: ::ag::cond(::ag::condition(x > 1.f)
  if (x > 1.f)
    before = x * 2.f;
  // Not read after the if: local to its branch.
  ag::Tensor dead;
  // VALID: ::ag::cond(::ag::condition(x > 2.f)
  if (x > 2.f)
    dead = x;
  // A value on some path before the if: the check is left to tracing
  // (trace-errors.cpp).
  ag::Tensor maybe;
  if (verbose)
    maybe = x;
  // VALID: ::ag::cond(::ag::condition(x > 3.f)
  if (x > 3.f)
    maybe = x;
  return both + before + (verbose ? maybe : x);
}
