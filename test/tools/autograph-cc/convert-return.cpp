// A return from inside a tensor if (first pass): returns become assignments
// of one result, what follows an if whose branch returns moves into its
// else, and the function returns the result at its end. Returns inside
// staged loops, or on some paths only, set a flag too. (The example
// examples/models/early_exit.cc runs them eagerly, JIT and AOT.)
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BAD
// The first pass alone (the returns' form before the loops and ifs are staged):
// RUN: autograph-cc %s --emit=cpp-jumps -- -std=c++17 | grep -v '^ *//' | FileCheck %s --check-prefix=FLAGS

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor absolute_doubled(
// CHECK-SAME: AG_LINE({{[0-9]+}}); ::ag::Tensor ag__retval;
AG_FUNCTION ag::Tensor absolute_doubled(ag::Tensor x) {
  // The result is an output of both branches; the rest is the else branch.
  // CHECK-NEXT: ::ag::cond(::ag::condition(x < 0.f), [&, ag__retval = ag__retval, x = x]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); ag__retval = -x * 2.f; } return {ag__retval}; }, [&, ag__retval = ag__retval, x = x]() mutable -> ::ag::TensorList { {
  if (x < 0.f)
    return -x * 2.f;
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); x = x * 2.f;
  x = x * 2.f;
  // CHECK-NEXT: { AG_LINE({{[0-9]+}}); ag__retval = x; }
  return x;
  // CHECK-NEXT: } return {ag__retval}; }, {"ag__retval"}); ag__retval = ag__if_{{[0-9]+}}[0]; }
  // CHECK-NEXT: AG_LINE({{[0-9]+}}); return ag__retval; }, x); }
}

// Returns that are not in a tensor if are left alone.
// CHECK-LABEL: AG_FUNCTION ag::Tensor plain(
// CHECK-NOT: ag__retval
// CHECK: return x;
AG_FUNCTION ag::Tensor plain(ag::Tensor x, bool negate) {
  if (negate)
    return -x;
  return x;
}

// A return inside a staged loop: the result starts as a return placeholder,
// the return sets a flag and breaks the loop (here after both first passes:
// the break became the loop's break flag), and what follows the loop is
// guarded.
// FLAGS-LABEL: AG_FUNCTION ag::Tensor in_loop(
// FLAGS-SAME: ::ag::Tensor ag__retval = ::ag::Tensor::return_placeholder("'in_loop' has no result: the end of the function was reached without a return"); ::ag::Tensor ag__do_return = ::ag::constant(false);
AG_FUNCTION ag::Tensor in_loop(ag::Tensor x) {
  // FLAGS-NEXT: {{^}}  { ::ag::Tensor [[BRK:ag__break_[0-9]+]] = ::ag::constant(false); while (![[BRK]] && (x > 1.f)) {
  while (x > 1.f) {
    // FLAGS-NEXT: {{^}}    if (x > 10.f)
    if (x > 10.f)
      // FLAGS-NEXT: {{^}}      { ag__retval = x; ag__do_return = ::ag::constant(true); { [[BRK]] = ::ag::constant(true); } }
      return x;
    // FLAGS-NEXT: {{^}}    if (::ag::logical_not([[BRK]])) { x = x / 2.f;
    x = x / 2.f;
  }
  // FLAGS-NEXT: {{^}}  } } }
  // FLAGS-NEXT: {{^}}  if (::ag::logical_not(ag__do_return)) { { ag__retval = x; ag__do_return = ::ag::constant(true); }
  return x;
  // FLAGS-NEXT: {{^}}}  return ag__retval; }
}

// A return reached on some paths of a branch: the rest of each block on the
// way is guarded by the flag.
// FLAGS-LABEL: AG_FUNCTION ag::Tensor some_paths(
AG_FUNCTION ag::Tensor some_paths(ag::Tensor x, ag::Tensor y) {
  // FLAGS-NEXT: {{^}}  if (x > 0.f) {
  if (x > 0.f) {
    // FLAGS-NEXT: {{^}}    if (y > 0.f)
    if (y > 0.f)
      // FLAGS-NEXT: {{^}}      { ag__retval = y; ag__do_return = ::ag::constant(true); }
      return y;
    // FLAGS-NEXT: {{^}}    if (::ag::logical_not(ag__do_return)) { x = -x;
    x = -x;
    // FLAGS-NEXT: {{^}}  } }
  }
  // FLAGS-NEXT: {{^}}  if (::ag::logical_not(ag__do_return)) { { ag__retval = x; ag__do_return = ::ag::constant(true); }
  return x;
}

// Nested loops: the inner loop that contains the return is followed by a
// break of the outer one on the flag (a tensor: the outer loop is staged).
// FLAGS-LABEL: AG_FUNCTION ag::Tensor nested(
AG_FUNCTION ag::Tensor nested(ag::Tensor n) {
  ag::Tensor i = ag::constant(0);
  while (i < n) {
    ag::Tensor j = ag::constant(0);
    while (j < i) {
      if (i * j > 6)
        return i * j;
      j += 1;
    }
    // FLAGS: {{^}}      if (i * j > 6)
    // FLAGS-NEXT: {{^}}        { ag__retval = i * j; ag__do_return = ::ag::constant(true); { [[INNER:ag__break_[0-9]+]] = ::ag::constant(true); } }
    // FLAGS-NEXT: {{^}}      if (::ag::logical_not([[INNER]])) { j += 1;
    // FLAGS-NEXT: {{^}}    } } } if (ag__do_return) { [[OUTER:ag__break_[0-9]+]] = ::ag::constant(true); }
    // FLAGS-NEXT: {{^}}    if (::ag::logical_not([[OUTER]])) { i += 1;
    i += 1;
  }
  return i;
}

// Loops over C++ values that a C++ condition leaves run at trace time: the
// flag is then a constant, read as a C++ bool.
// FLAGS-LABEL: AG_FUNCTION ag::Tensor cpp_loops(
AG_FUNCTION ag::Tensor cpp_loops(ag::Tensor x) {
  if (x > 100.f)
    x = x / 2.f;
  else
    return x;
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 2; ++b)
      if (a + b == 1)
        // After the inner loop (whose body ends with the return), the outer
        // one is left on the flag.
        // FLAGS: {{^}}        { ag__retval = x * float(a); ag__do_return = ::ag::constant(true); break; } if (static_cast<bool>(ag__do_return)) break;
        return x * float(a);
  }
  return x;
}

#ifdef BAD
AG_FUNCTION ag::Tensor tensor_return_leaves_cpp_loop(ag::Tensor x) {
  // The flag of a staged loop cannot leave a loop over C++ values either.
  for (int k = 0; k < 2; ++k) {
    ag::Tensor j = ag::constant(0);
    while (j < x) {
      if (j > 6.f)
        // BAD: convert-return.cpp:[[@LINE+1]]:9: error: 'return' inside a loop whose condition is a tensor leaves a loop over plain C++ values
        return j;
      j += 1;
    }
  }
  for (int i = 0; i < 3; ++i) {
    if (x > 10.f)
      // BAD: convert-return.cpp:[[@LINE+1]]:7: error: 'return' inside an 'if' whose condition is a tensor leaves a loop over plain C++ values, which cannot depend on a tensor; make the loop's condition a tensor
      return x;
    x = x * 2.f;
  }
  return x;
}

AG_FUNCTION ag::Tensor in_switch(ag::Tensor x, int mode) {
  switch (mode) {
  case 0:
    if (x > 0.f)
      // BAD: convert-return.cpp:[[@LINE+1]]:7: error: 'return' inside a 'switch' cannot be converted in a function that returns from inside an 'if' or a loop whose condition is a tensor
      return x;
    break;
  }
  return -x;
}

// BAD: convert-return.cpp:[[@LINE+1]]:7: error: a 'return' inside an 'if' or a loop whose condition is a tensor (or depends on a template parameter) is converted only in functions returning ag::Tensor or a template parameter's type
float scalar_result(ag::Tensor x) {
  if (x > 0.f)
    return 1.f;
  return 0.f;
}
AG_FUNCTION ag::Tensor calls_scalar(ag::Tensor x) { return x * scalar_result(x); }
#endif
