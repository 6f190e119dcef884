// Every statement of a block in a converted function reports its line
// (AG_LINE;) so that traced ops carry the user's locations; staged
// statements keep the lines after them where they were.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor relu_sum(
AG_FUNCTION ag::Tensor relu_sum(ag::Tensor x, int n) {
  // CHECK-NEXT: AG_LINE; ag::Tensor total = ag::zeros({}, ag::float32);
  ag::Tensor total = ag::zeros({}, ag::float32);
  // A C++ loop: its body block is marked too.
  // CHECK-NEXT: AG_LINE; for (int i = 0; i < n; ++i) {
  // CHECK-NEXT: AG_LINE; total += x;
  for (int i = 0; i < n; ++i) {
    total += x;
  }
  // A staged if over three lines: the statement after it stays on its line.
  // CHECK: AG_LINE; { ::ag::TensorList __ag_if_{{[0-9]+}} = ::ag::cond({{.*}}}{{$}}
  // CHECK-EMPTY:
  // CHECK-EMPTY:
  // CHECK-EMPTY:
  // CHECK-NEXT: AG_LINE; return total;
  if (total < 0.f)
    total = -total;
  else
    total = total;
  return total;
}

// Labelled statements and case labels are not marked: a jump to the label
// would skip a marker put before it.
// CHECK-LABEL: AG_FUNCTION ag::Tensor pick(
AG_FUNCTION ag::Tensor pick(ag::Tensor x, int mode) {
  // CHECK-NEXT: AG_LINE; switch (mode) {
  switch (mode) {
  // CHECK-NEXT: case 0:
  case 0:
    // CHECK-NEXT: {{^}}    return x;
    return x;
  // CHECK-NEXT: default:
  default:
    // CHECK-NEXT: {{^}}    break;
    break;
  // CHECK-NEXT: {{^}}  }
  }
  // CHECK-NEXT: {{^}}again:
again:
  // CHECK-NEXT: {{^}}  return -x;
  return -x;
}

// Functions that are not converted are left alone.
// CHECK-LABEL: ag::Tensor eager_only(
// CHECK-NEXT: {{^}}  return x;
ag::Tensor eager_only(ag::Tensor x) {
  return x;
}
