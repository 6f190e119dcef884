// --emit=ag traces an AG_FUNCTION for a signature (by compiling and running
// the converted source with the flags after --) and prints its ag module;
// ops carry the user's file:line.
// RUN: autograph-cc %s --emit=ag --function=scaled_relu --signature="f32[?,3],f32[]" -- -std=c++17 | FileCheck %s
// The same module from a file that --emit=ag wrote (AG_DUMP_DIR's too).
// RUN: autograph-cc %s --emit=ag --function=scaled_relu --signature="f32[?,3],f32[]" -o %t.ag.mlir -- -std=c++17
// RUN: autograph-cc %t.ag.mlir --emit=ag -- | FileCheck %s
// The locations, printed on each op.
// RUN: autograph-opt --mlir-print-debuginfo --mlir-print-local-scope %t.ag.mlir | FileCheck %s --check-prefix=LOC

#include <autograph/autograph.h>

// CHECK-LABEL: func.func @scaled_relu(
// CHECK-SAME: %[[X:.*]]: tensor<?x3xf32> loc({{.*}}), %[[S:.*]]: tensor<f32> loc({{.*}})) -> tensor<?x3xf32>
AG_FUNCTION ag::Tensor scaled_relu(ag::Tensor x, ag::Tensor scale) {
  // CHECK: %[[SB:[0-9]+]] = ag.broadcast_to %[[S]][
  // CHECK: %[[Y:.*]] = ag.mul %[[X]], %[[SB]] : tensor<?x3xf32> loc(#loc{{[0-9]+}})
  // LOC: ag.mul {{.*}} loc("{{.*}}emit-ag.cpp":[[@LINE+1]]:0)
  ag::Tensor y = x * scale;
  // CHECK: ag.cond %{{.*}} -> (tensor<?x3xf32>) {
  // CHECK: } loc(#loc{{[0-9]+}})
  // LOC: ag.cond
  // LOC: ag.relu {{.*}} loc("{{.*}}emit-ag.cpp":[[@LINE+3]]:0)
  // LOC: } loc("{{.*}}emit-ag.cpp":[[@LINE+1]]:0)
  if (ag::reduce_sum(y) > 0.f)
    y = ag::relu(y);
  return y;
}

// A loop is located at its `while`, the ops of its body at their lines.
// RUN: autograph-cc %s --emit=ag --function=halve --signature="f32[]" -- -std=c++17 | FileCheck %s --check-prefix=LOOP
// (The alias of the first location used is printed before the module.)
// LOOP: #[[WHILE:loc[0-9]+]] = loc("{{.*}}emit-ag.cpp":[[# @LINE + 5]]:0)
// LOOP-LABEL: func.func @halve(
// LOOP: ag.div %{{.*}} loc(#[[DIV:loc[0-9]+]])
// LOOP: } loc(#[[WHILE]])
AG_FUNCTION ag::Tensor halve(ag::Tensor x) {
  while (x > 1.f) {
    x = x / 2.f;
  }
  return x;
}
// LOOP: #[[DIV]] = loc("{{.*}}emit-ag.cpp":[[# @LINE - 4]]:0)
