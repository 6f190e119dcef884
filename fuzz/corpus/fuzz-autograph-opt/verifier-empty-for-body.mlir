// Writing a row into a batch copies into a strided view of the batch; the
// pipeline makes such copies loops instead of calls to memrefCopy (a
// libmlir_c_runner_utils function that compiled code does not link).
// RUN: autograph-opt %s -ag-to-llvm | FileCheck %s

// CHECK-LABEL: llvm.func @write_rows
// CHECK-NOT: memrefCopy
// CHECK: llvm.return
func.func @write_rows(%batch: tensor<?x3xf32>, %row: tensor<3xf32>, %n: tensor<i64>) -> tensor<?x3xf32> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %filled = ag.for %zero to %n step %one : tensor<i64> iter_args(%batch : tensor<?x3xf32>) -> (tensor<?x3xf32>) {
  ^bb0(%i: tensor<i64>, %acc: tensor<?x3xf32>):
// RUN: autograph-opt %s -ag-to-llvm | FileCheck %s

// CHECK-LABEL: llvm.func @write_rows
// CHECK-NOext : tensor<?x3xf32>
  }
  return %filled : tensor<?x3xf32>
}
// CHECK-NOT: llvm.func @memrefCopy
