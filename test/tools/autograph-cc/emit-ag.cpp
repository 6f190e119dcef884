// --emit=ag traces an AG_FUNCTION for a signature (by compiling and running
// the converted source with the flags after --) and prints its ag module;
// ops carry the user's file:line.
// RUN: autograph-cc %s --emit=ag --function=scaled_relu --signature="f32[?,3],f32[]" -- -std=c++17 | FileCheck %s
// The same module from a file that --emit=ag wrote (AG_DUMP_DIR's too).
// RUN: autograph-cc %s --emit=ag --function=scaled_relu --signature="f32[?,3],f32[]" -o %t.ag.mlir -- -std=c++17
// RUN: autograph-cc %t.ag.mlir --emit=ag -- | FileCheck %s

#include <autograph/autograph.h>

// CHECK-LABEL: func.func @scaled_relu(
// CHECK-SAME: %[[X:.*]]: tensor<?x3xf32> loc({{.*}}), %[[S:.*]]: tensor<f32> loc({{.*}})) -> tensor<?x3xf32>
AG_FUNCTION ag::Tensor scaled_relu(ag::Tensor x, ag::Tensor scale) {
  // CHECK: %[[Y:.*]] = ag.mul %[[X]], %{{.*}} : tensor<?x3xf32> loc(#[[MUL:loc[0-9]+]])
  ag::Tensor y = x * scale;
  // CHECK: ag.cond %{{.*}} -> (tensor<?x3xf32>) {
  // CHECK: } loc(#[[IF:loc[0-9]+]])
  if (ag::reduce_sum(y) > 0.f)
    y = ag::relu(y);
  return y;
}
// CHECK-DAG: #[[MUL]] = loc("{{.*}}emit-ag.cpp":15:0)
// CHECK-DAG: #[[IF]] = loc("{{.*}}emit-ag.cpp":18:0)

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
