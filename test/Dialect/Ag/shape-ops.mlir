// Round trip of the structural ops, in custom and generic form.
// RUN: autograph-opt %s | autograph-opt | FileCheck %s
// RUN: autograph-opt %s -mlir-print-op-generic | autograph-opt | FileCheck %s

// CHECK-LABEL: func @matmul_dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x784xf32>, %[[W:.*]]: tensor<784x128xf32>)
func.func @matmul_dynamic_batch(%x: tensor<?x784xf32>, %w: tensor<784x128xf32>) -> tensor<?x128xf32> {
  // CHECK: ag.matmul %[[X]], %[[W]] : (tensor<?x784xf32>, tensor<784x128xf32>) -> tensor<?x128xf32>
  %y = ag.matmul %x, %w : (tensor<?x784xf32>, tensor<784x128xf32>) -> tensor<?x128xf32>
  return %y : tensor<?x128xf32>
}

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<2x?x4xi64>) -> tensor<4x2x?xi64> {
  // CHECK: ag.transpose %{{.*}}, [2, 0, 1] : tensor<2x?x4xi64> -> tensor<4x2x?xi64>
  %t = ag.transpose %x, [2, 0, 1] : tensor<2x?x4xi64> -> tensor<4x2x?xi64>
  return %t : tensor<4x2x?xi64>
}

// CHECK-LABEL: func @reshape_and_broadcast
func.func @reshape_and_broadcast(%x: tensor<?x28x28xf32>, %b: tensor<128xf32>) -> (tensor<?x784xf32>, tensor<?x128xf32>) {
  // CHECK: ag.reshape %{{.*}} : tensor<?x28x28xf32> -> tensor<?x784xf32>
  %r = ag.reshape %x : tensor<?x28x28xf32> -> tensor<?x784xf32>
  // CHECK: %[[N:.*]] = ag.dim %{{.*}}, 0 : tensor<?x28x28xf32>
  %n = ag.dim %x, 0 : tensor<?x28x28xf32>
  // CHECK: ag.broadcast_to %{{.*}}[%[[N]]] : tensor<128xf32> -> tensor<?x128xf32>
  %bb = ag.broadcast_to %b[%n] : tensor<128xf32> -> tensor<?x128xf32>
  return %r, %bb : tensor<?x784xf32>, tensor<?x128xf32>
}

// CHECK-LABEL: func @reductions
func.func @reductions(%x: tensor<?x10xf32>, %i: tensor<2x3xi32>) {
  // CHECK: ag.reduce sum %{{.*}} dims [1] : tensor<?x10xf32> -> tensor<?xf32>
  %s = ag.reduce sum %x dims [1] : tensor<?x10xf32> -> tensor<?xf32>
  // CHECK: ag.reduce mean %{{.*}} dims [0, 1] : tensor<?x10xf32> -> tensor<f32>
  %m = ag.reduce mean %x dims [0, 1] : tensor<?x10xf32> -> tensor<f32>
  // CHECK: ag.reduce max %{{.*}} dims [0, 1] keepdims : tensor<2x3xi32> -> tensor<1x1xi32>
  %mx = ag.reduce max %i dims [0, 1] keepdims : tensor<2x3xi32> -> tensor<1x1xi32>
  // CHECK: ag.reduce min %{{.*}} dims [0] : tensor<2x3xi32> -> tensor<3xi32>
  %mn = ag.reduce min %i dims [0] : tensor<2x3xi32> -> tensor<3xi32>
  // CHECK: ag.argmax %{{.*}} dim 1 : tensor<?x10xf32> -> tensor<?xi64>
  %am = ag.argmax %x dim 1 : tensor<?x10xf32> -> tensor<?xi64>
  return
}

// CHECK-LABEL: func @concat
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // CHECK: ag.concat %{{.*}}, %{{.*}} dim 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %c = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}

// CHECK-LABEL: func @index_and_slice
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[I:.*]]: tensor<i64>, %[[J:.*]]: tensor<i64>)
func.func @index_and_slice(%x: tensor<?x3xf32>, %i: tensor<i64>, %j: tensor<i64>) {
  // CHECK: ag.index %[[X]][%[[I]]] : tensor<?x3xf32>, tensor<i64> -> tensor<3xf32>
  %row = ag.index %x[%i] : tensor<?x3xf32>, tensor<i64> -> tensor<3xf32>
  // CHECK: ag.slice %[[X]][%[[I]], %[[J]]] : tensor<?x3xf32>, tensor<i64> -> tensor<?x3xf32>
  %rows = ag.slice %x[%i, %j] : tensor<?x3xf32>, tensor<i64> -> tensor<?x3xf32>
  return
}

// CHECK-LABEL: func @update_row
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[I:.*]]: tensor<i32>, %[[R:.*]]: tensor<3xf32>, %[[S:.*]]: tensor<?xf32>)
func.func @update_row(%x: tensor<?x3xf32>, %i: tensor<i32>, %r: tensor<3xf32>, %s: tensor<?xf32>) {
  // CHECK: ag.update_row %[[X]][%[[I]]], %[[R]] : tensor<?x3xf32>, tensor<i32>, tensor<3xf32>
  %0 = ag.update_row %x[%i], %r : tensor<?x3xf32>, tensor<i32>, tensor<3xf32>
  // A row whose extent is known only at run time.
  // CHECK: ag.update_row %[[X]][%[[I]]], %[[S]] : tensor<?x3xf32>, tensor<i32>, tensor<?xf32>
  %1 = ag.update_row %x[%i], %s : tensor<?x3xf32>, tensor<i32>, tensor<?xf32>
  return
}

// CHECK-LABEL: func @gather
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[I:.*]]: tensor<?xi64>, %[[J:.*]]: tensor<2x2xi32>)
func.func @gather(%x: tensor<?x3xf32>, %i: tensor<?xi64>, %j: tensor<2x2xi32>) {
  // CHECK: ag.gather %[[X]][%[[I]]] : tensor<?x3xf32>, tensor<?xi64> -> tensor<?x3xf32>
  %rows = ag.gather %x[%i] : tensor<?x3xf32>, tensor<?xi64> -> tensor<?x3xf32>
  // CHECK: ag.gather %[[X]][%[[J]]] : tensor<?x3xf32>, tensor<2x2xi32> -> tensor<2x2x3xf32>
  %grid = ag.gather %x[%j] : tensor<?x3xf32>, tensor<2x2xi32> -> tensor<2x2x3xf32>
  return
}

// CHECK-LABEL: func @creation
// CHECK-SAME: (%[[L:.*]]: tensor<?xi64>, %[[N:.*]]: tensor<i64>, %[[V:.*]]: tensor<f32>)
func.func @creation(%labels: tensor<?xi64>, %n: tensor<i64>, %v: tensor<f32>) {
  // CHECK: ag.one_hot %[[L]] depth 10 : tensor<?xi64> -> tensor<?x10xf32>
  %oh = ag.one_hot %labels depth 10 : tensor<?xi64> -> tensor<?x10xf32>
  // CHECK: ag.range %[[N]], %[[N]], %[[N]] : tensor<i64> -> tensor<?xi64>
  %r = ag.range %n, %n, %n : tensor<i64> -> tensor<?xi64>
  // CHECK: ag.fill %[[V]] : tensor<f32> -> tensor<2x3xf32>
  %f = ag.fill %v : tensor<f32> -> tensor<2x3xf32>
  // CHECK: ag.fill %[[V]][%[[N]]] : tensor<f32> -> tensor<?x3xf32>
  %d = ag.fill %v[%n] : tensor<f32> -> tensor<?x3xf32>
  return
}
