// Round trip of the ag.tensor_array_* ops, and what CSE must not do to them.
// RUN: autograph-opt %s | autograph-opt | FileCheck %s
// RUN: autograph-opt %s -mlir-print-op-generic | autograph-opt | FileCheck %s
// RUN: autograph-opt %s -cse -canonicalize | FileCheck %s --check-prefix=EFFECTS

// CHECK-LABEL: func @fill_and_stack
// CHECK-SAME: (%[[N:[^:]*]]: tensor<i64>, %[[I:[^:]*]]: tensor<i32>, %[[X:[^:]*]]: tensor<?x13xf32>)
func.func @fill_and_stack(%n: tensor<i64>, %i: tensor<i32>, %x: tensor<?x13xf32>)
    -> (tensor<?x13xf32>, tensor<?x?x13xf32>, tensor<i32>) {
  // CHECK: %[[TA:.*]] = ag.tensor_array_create %[[N]], f32 {dynamic_size, name = "outputs"} : tensor<i64>
  %ta = ag.tensor_array_create %n, f32 {dynamic_size, name = "outputs"} : tensor<i64>
  // CHECK: ag.tensor_array_write %[[TA]][%[[I]]], %[[X]] : tensor<i32>, tensor<?x13xf32>
  ag.tensor_array_write %ta[%i], %x : tensor<i32>, tensor<?x13xf32>
  // CHECK: ag.tensor_array_read %[[TA]][%[[I]]] : tensor<i32> -> tensor<?x13xf32>
  %e = ag.tensor_array_read %ta[%i] : tensor<i32> -> tensor<?x13xf32>
  // CHECK: ag.tensor_array_stack %[[TA]] : tensor<?x?x13xf32>
  %all = ag.tensor_array_stack %ta : tensor<?x?x13xf32>
  // CHECK: ag.tensor_array_size %[[TA]] : tensor<i32>
  %size = ag.tensor_array_size %ta : tensor<i32>
  // CHECK: ag.tensor_array_release %[[TA]]
  // EFFECTS: ag.tensor_array_release
  ag.tensor_array_release %ta
  return %e, %all, %size : tensor<?x13xf32>, tensor<?x?x13xf32>, tensor<i32>
}

// Two creates are two arrays; a read between two writes is not merged with
// a read after the second; an unused read stays (it may fail at run time).
// EFFECTS-LABEL: func @effects
func.func @effects(%n: tensor<i64>, %i: tensor<i64>, %x: tensor<f32>, %y: tensor<f32>)
    -> (tensor<f32>, tensor<f32>) {
  // EFFECTS-COUNT-2: ag.tensor_array_create
  %a = ag.tensor_array_create %n, f32 {name = "a"} : tensor<i64>
  %b = ag.tensor_array_create %n, f32 {name = "a"} : tensor<i64>
  // EFFECTS: ag.tensor_array_write
  ag.tensor_array_write %a[%i], %x : tensor<i64>, tensor<f32>
  // EFFECTS: ag.tensor_array_read
  %r1 = ag.tensor_array_read %a[%i] : tensor<i64> -> tensor<f32>
  // EFFECTS: ag.tensor_array_write
  ag.tensor_array_write %a[%i], %y : tensor<i64>, tensor<f32>
  // EFFECTS: ag.tensor_array_read
  %r2 = ag.tensor_array_read %a[%i] : tensor<i64> -> tensor<f32>
  // EFFECTS: ag.tensor_array_read %{{.*}}
  %unused = ag.tensor_array_read %b[%i] : tensor<i64> -> tensor<f32>
  return %r1, %r2 : tensor<f32>, tensor<f32>
}
