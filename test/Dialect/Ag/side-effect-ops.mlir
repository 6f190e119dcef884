// Round trip of ag.print and ag.assert, with their source locations.
// RUN: autograph-opt %s -mlir-print-debuginfo | autograph-opt -mlir-print-debuginfo | FileCheck %s
// RUN: autograph-opt %s -mlir-print-op-generic -mlir-print-debuginfo | autograph-opt -mlir-print-debuginfo | FileCheck %s

// CHECK-LABEL: func @print
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2x2xf32>{{.*}}, %[[I:[^:]*]]: tensor<i64>
func.func @print(%x: tensor<2x2xf32>, %i: tensor<i64>) {
  // Text only.
  // CHECK: ag.print("hello\0A") loc(#[[L1:.*]])
  ag.print("hello\n") loc("model.cc":3:5)
  // Text and tensors interleaved, in order.
  // CHECK: ag.print("step ", %[[I]], ": x = ", %[[X]], "\0A") : tensor<i64>, tensor<2x2xf32>
  ag.print("step ", %i, ": x = ", %x, "\n") : tensor<i64>, tensor<2x2xf32>
  // Adjacent tensors keep an empty text piece between them.
  // CHECK: ag.print(%[[I]], %[[I]]) : tensor<i64>, tensor<i64>
  ag.print(%i, %i) : tensor<i64>, tensor<i64>
  // Adjacent strings are one piece.
  // CHECK: ag.print("ab", %[[I]]) : tensor<i64>
  ag.print("a", "b", %i) : tensor<i64>
  // A printf format on some values (a converted printf); the others keep
  // the default format and print without `as`.
  // CHECK: ag.print("step ", %[[I]] as "%4d", ": ", %[[X]], "\0A") : tensor<i64>, tensor<2x2xf32>
  ag.print("step ", %i as "%4d", ": ", %x, "\n") : tensor<i64>, tensor<2x2xf32>
  return
}

// A print that ends in text does not take the next op's result for a tensor.
// CHECK-LABEL: func @print_then_op_with_result
func.func @print_then_op_with_result(%x: tensor<f32>) -> tensor<f32> {
  // CHECK: ag.print("before\0A")
  // CHECK-NEXT: %[[N:.*]] = ag.neg
  // CHECK-NEXT: return %[[N]]
  ag.print("before\n")
  %n = ag.neg %x : tensor<f32>
  return %n : tensor<f32>
}

// CHECK-LABEL: func @assert
// CHECK-SAME: (%[[P:[^:]*]]: tensor<i1>
func.func @assert(%p: tensor<i1>) {
  // CHECK: ag.assert %[[P]], "x must be positive" loc(#[[L2:.*]])
  ag.assert %p, "x must be positive" loc("model.cc":12:3)
  return
}

// CHECK: #[[L1]] = loc("model.cc":3:5)
// CHECK: #[[L2]] = loc("model.cc":12:3)
