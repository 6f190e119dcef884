// The <cassert> assert on a tensor becomes ag::Assert with the expression's
// text, so it is staged (ag.assert with the user's line) and raises
// ag::InvalidArgumentError instead of aborting; an assert on a C++ value, and
// any assert under NDEBUG, stay as written.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// RUN: autograph-cc %s -- -std=c++17 -DNDEBUG | grep -v '^ *//' | FileCheck %s --check-prefix=NDEBUG
// RUN: autograph-cc %s --emit=ag --function=checked_log --signature="f32[?]" -- -std=c++17 | FileCheck %s --check-prefix=TRACE

#include <autograph/autograph.h>

#include <cassert>

// CHECK-LABEL: AG_FUNCTION ag::Tensor checked_log(
AG_FUNCTION ag::Tensor checked_log(ag::Tensor x) {
  int calls = 1;
  // CHECK: {{^}}  assert(calls > 0);
  assert(calls > 0);
  // CHECK-NEXT: {{^}}  ::ag::Assert(::ag::condition(ag::reduce_min(x) > 0.f), "ag::reduce_min(x) > 0.f");
  // NDEBUG: {{^}}  assert(ag::reduce_min(x) > 0.f);
  // TRACE: ag.assert %{{.*}}, "ag::reduce_min(x) > 0.f" loc(#[[LOC:loc[0-9]+]])
  // TRACE: #[[LOC]] = loc("{{.*}}convert-assert.cpp":[[@LINE+1]]:0)
  assert(ag::reduce_min(x) > 0.f);
  return ag::log(x);
}

