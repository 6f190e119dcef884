// An `if` whose condition is a tensor becomes ag::cond, with the tensors the
// branches assign as outputs; an `if` on a C++ value stays as written.
// The check comments themselves are dropped from the output before checking.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s

#include <autograph/autograph.h>

AG_FUNCTION ag::Tensor clip(ag::Tensor x, ag::Tensor limit) {
  bool verbose = false;
  // CHECK: if (verbose)
  // CHECK-NEXT: ag::print("clipping");
  if (verbose)
    ag::print("clipping");
  // Both branches start from copies of the outputs; the statement stays on
  // its line.
  // CHECK: { ::ag::TensorList ag__if_[[ID:[0-9]+]] = ::ag::cond(::ag::condition(x > limit), [&, x = x]() mutable -> ::ag::TensorList { {
  // CHECK-NEXT: x = limit;
  // CHECK-NEXT: } return {x}; }, [&, x = x]() mutable -> ::ag::TensorList {  return {x}; }, {"x"}); x = ag__if_[[ID]][0]; }
  if (x > limit) {
    x = limit;
  }
  return x;
}

// else branches and two outputs.
// CHECK-LABEL: AG_FUNCTION ag::Tensor sort2(
AG_FUNCTION ag::Tensor sort2(ag::Tensor a, ag::Tensor b) {
  ag::Tensor lo, hi;
  // CHECK: ::ag::cond(::ag::condition(a < b), [&, lo = lo, hi = hi]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); lo = a; AG_LINE({{[0-9]+}}); hi = b; } return {lo, hi}; }, [&, lo = lo, hi = hi]() mutable -> ::ag::TensorList { { AG_LINE({{[0-9]+}}); lo = b; AG_LINE({{[0-9]+}}); hi = a; } return {lo, hi}; }, {"lo", "hi"}); lo = ag__if_{{[0-9]+}}[0]; hi = ag__if_{{[0-9]+}}[1]; }
  if (a < b) { lo = a; hi = b; } else { lo = b; hi = a; }
  return hi - lo;
}
