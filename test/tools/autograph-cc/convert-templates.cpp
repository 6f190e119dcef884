// In templates (and generic lambdas) called from an AG_FUNCTION, control flow
// whose condition's type depends on a template parameter becomes the
// operators of autograph/Operators.h, which stage it for tensors and run it
// as plain C++ otherwise, per instantiation. Conditions of known types
// convert as anywhere else.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not autograph-cc %s -- -std=c++17 -DBAD 2>&1 | FileCheck %s --check-prefix=BADOWN

#include <autograph/autograph.h>

// CHECK-LABEL: template <class T> T clip(T x, T hi) {
template <class T> T clip(T x, T hi) {
  // The outputs are the branch's parameters, under their own names.
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::if_stmt(x > hi, [&](auto &x) { AG_LINE({{[0-9]+}}), x = hi; }, [&](auto &x) {  }, {"x"}, x);
  if (x > hi)
    x = hi;
  return x;
}

// CHECK-LABEL: template <class T> T halve(T x, T limit) {
template <class T> T halve(T x, T limit) {
  // Not assigned in the loop: not a loop variable.
  int calls = 0;
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); ::ag::while_stmt([&](auto &x) { return (::ag::and_(x > 1, [&] { return (::ag::not_((x > limit))); })); }, [&](auto &x) { {
  // CHECK-NEXT: {{^}}    AG_LINE({{[0-9]+}}); x = x / 2;
  while (x > 1 && !(x > limit)) {
    x = x / 2;
  }
  // A do loop: the first iteration, then the loop.
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); ::ag::do_while_stmt([&](auto &x) { return x > 2; }, [&](auto &x) { {
  // CHECK-NEXT: {{^}}    AG_LINE({{[0-9]+}}); x = x / 2;
  do {
    x = x / 2;
  } while (x > 2);
  // A for loop: its init goes before, its increment at the end of the body.
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); { T y = x; ::ag::while_stmt([&](auto &x, auto &y) { return y > 4; }, [&](auto &x, auto &y) { { AG_LINE({{[0-9]+}}), x = x + 1; y = y - 1; } }, {"x", "y"}, x, y); }
  for (T y = x; y > 4; y = y - 1)
    x = x + 1;
  // CHECK: {{^}}  AG_LINE({{[0-9]+}}); return (::ag::if_exp(x > 0, [&] { return x; }, [&] { return -x * float(calls + 1); }));
  return x > 0 ? x : -x * float(calls + 1);
}

// Returns from dependent ifs that always return: the result, of the
// template's return type, is assigned on every path (the plain form).
// CHECK-LABEL: template <class T> T sign_of(T x) { AG_LINE({{[0-9]+}}); T ag__retval{};
template <class T> T sign_of(T x) {
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::if_stmt(x > 0, [&](auto &ag__retval) { { AG_LINE({{[0-9]+}}); ag__retval = x / x; } }, [&](auto &ag__retval) { {
  if (x > 0)
    return x / x;
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); ::ag::if_stmt(x < 0, [&](auto &ag__retval) { { AG_LINE({{[0-9]+}}); ag__retval = -x / x; } }, [&](auto &ag__retval) { {
  if (x < 0)
    return -x / x;
  // CHECK-NEXT: {{^}}  { AG_LINE({{[0-9]+}}); ag__retval = x - x; }
  return x - x;
  // CHECK-NEXT: {{^}}} }, {"ag__retval"}, ag__retval);
  // CHECK-NEXT: {{^}}} }, {"ag__retval"}, ag__retval);
  // CHECK-NEXT: {{^}}  AG_LINE({{[0-9]+}}); return ag__retval; }
}

// A condition of a known type in a template converts as usual.
// CHECK-LABEL: template <int N> ag::Tensor repeat_double(ag::Tensor x) {
template <int N> ag::Tensor repeat_double(ag::Tensor x) {
  // CHECK: ::ag::cond(::ag::condition(x < 100.f), [&, x = x]() mutable -> ::ag::TensorList { AG_LINE({{[0-9]+}}), x = x * float(N); return {x}; }
  if (x < 100.f)
    x = x * float(N);
  return x;
}

// CHECK-LABEL: AG_FUNCTION ag::Tensor model(
AG_FUNCTION ag::Tensor model(ag::Tensor x) {
  // A generic lambda is a template too.
  // CHECK: auto twice = [](auto v) { AG_LINE({{[0-9]+}}); ::ag::if_stmt(v > 0, [&](auto &v) { AG_LINE({{[0-9]+}}), v = v * 2; }, [&](auto &v) {  }, {"v"}, v); AG_LINE({{[0-9]+}}); return v; };
  auto twice = [](auto v) { if (v > 0) v = v * 2; return v; };
  return clip(x, ag::constant(1.f)) + halve(x, ag::constant(100.f)) +
         twice(x) + repeat_double<3>(x) + sign_of(x);
}

#ifdef BAD
// BAD: convert-templates.cpp:[[@LINE+1]]:22: error: a 'return' inside an 'if' whose condition depends on a template parameter is converted only when every such 'if' (its then branch, or both branches) always returns
template <class T> T some_paths(T a) {
  if (a > 0) {
    if (a > 10)
      return a;
    a = a + 1;
  }
  return a;
}
AG_FUNCTION ag::Tensor bad_return(ag::Tensor x) { return some_paths(x); }

template <class T> T jumps_and_ranges(T a, T b) {
  // BAD: convert-templates.cpp:[[@LINE+1]]:3: warning: a range-'for' over a value whose type depends on a template parameter is left as written
  for (auto v : b)
    a = a + v;
  while (b < 10) {
    if (b == 5)
      // BAD: convert-templates.cpp:[[@LINE+1]]:7: error: 'break' inside a loop whose condition depends on a template parameter cannot be converted yet
      break;
    // A loop's own break stays.
    // BADOWN-NOT: convert-templates.cpp:[[@LINE+3]]:
    for (int i = 0; i < 3; ++i)
      if (i == 1)
        break;
    b = b + 1;
  }
  return b;
}
AG_FUNCTION ag::Tensor bad(ag::Tensor x) { return jumps_and_ranges(x, x); }
#endif
