// Every statement of a block in a converted function reports its line
// (AG_LINE(N);) so that traced ops carry the user's locations; staged
// statements keep the lines after them where they were. Un-braced bodies of
// ifs and loops report their own lines too.
// RUN: autograph-cc %s -- -std=c++17 | grep -v '^ *//' | FileCheck %s
// The traced ops, with their locations printed on each op.
// RUN: autograph-cc %s --emit=ag --function=branches --signature="f32[2]" -- -std=c++17 | autograph-opt --mlir-print-debuginfo --mlir-print-local-scope | FileCheck %s --check-prefix=LOC

#include <autograph/autograph.h>

// CHECK-LABEL: AG_FUNCTION ag::Tensor relu_sum(
AG_FUNCTION ag::Tensor relu_sum(ag::Tensor x, int n) {
  // CHECK-NEXT: AG_LINE([[@LINE+1]]); ag::Tensor total = ag::zeros({}, ag::float32);
  ag::Tensor total = ag::zeros({}, ag::float32);
  // A C++ loop: its body block is marked too.
  // CHECK-NEXT: AG_LINE([[@LINE+2]]); for (int i = 0; i < n; ++i) {
  // CHECK-NEXT: AG_LINE([[@LINE+2]]); total += x;
  for (int i = 0; i < n; ++i) {
    total += x;
  }
  // A staged if over four lines: its branches keep their own lines, and the
  // statement after it stays on its line.
  // CHECK: AG_LINE([[@LINE+4]]); { ::ag::TensorList ag__if_{{[0-9]+}} = ::ag::cond(
  // CHECK-SAME: { AG_LINE([[@LINE+4]]), total = -total; return {total}; }
  // CHECK-SAME: { AG_LINE([[@LINE+5]]), total = total * 2.f; return {total}; }
  // CHECK-EMPTY:
  if (total < 0.f)
    total = -total;
  else
    total = total * 2.f;
  // CHECK-EMPTY:
  // CHECK-EMPTY:
  // CHECK-NEXT: AG_LINE([[@LINE+1]]); return total;
  return total;
}

// The ops of un-braced branch and loop bodies are located at their own
// lines, not at the line of the if or the loop.
// LOC-LABEL: func.func @branches(
AG_FUNCTION ag::Tensor branches(ag::Tensor h) {
  // LOC: ag.compare gt, {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
  if (ag::reduce_mean(h) > 0.f)
    // LOC: ag.relu {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
    h = ag::relu(h);
  // LOC: ag.compare lt, {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
  else if (ag::reduce_mean(h) < -1.f)
    // LOC: ag.tanh {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
    h = ag::tanh(h);
  else
    // LOC: ag.neg {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
    h = -h;
  // A C++ loop's un-braced body.
  for (int i = 0; i < 2; ++i)
    // LOC: ag.mul {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
    h = h * 2.f;
  // LOC: ag.while_loop
  // LOC: ag.compare gt, {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
  while (ag::reduce_sum(h) > 100.f)
    // LOC: ag.div {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
    h = h / 2.f;
  // LOC: ag.mul {{.*}} loc("{{.*}}source-lines.cpp":[[@LINE+1]]:0)
  return h * 3.f;
}

// Labelled statements and case labels are not marked: a jump to the label
// would skip a marker put before it.
// CHECK-LABEL: AG_FUNCTION ag::Tensor pick(
AG_FUNCTION ag::Tensor pick(ag::Tensor x, int mode) {
  // CHECK-NEXT: AG_LINE([[@LINE+1]]); switch (mode) {
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
