// A captureless lambda passed as a function pointer: the compiler's implicit
// conversion and static invoker have no source, so nothing is inserted at
// the lambda (a line marker there broke the call: `add(AG_LINE(9); [](...`).
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s -o %t.cc -- -std=c++17
// RUN: %cxx -std=c++17 -fsyntax-only -I%autograph_src/include %t.cc

#include <autograph/autograph.h>

ag::Tensor twice(ag::Tensor (*op)(const ag::Tensor &), const ag::Tensor &x) { return op(op(x)); }

// CHECK-LABEL: AG_FUNCTION ag::Tensor doubled_twice(
AG_FUNCTION ag::Tensor doubled_twice(ag::Tensor x) {
  // CHECK: return twice({{\[\]}}(const ag::Tensor &v) { AG_LINE({{[0-9]+}}); return v * 2.f; }, x);
  return twice([](const ag::Tensor &v) { return v * 2.f; }, x);
}
