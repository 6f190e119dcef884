// Folding of the structural ops.
// RUN: autograph-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @identity_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @identity_transpose(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK-NOT: ag.transpose
  // CHECK: return %[[X]]
  %t = ag.transpose %x, [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %t : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @reshape_chain
// CHECK-SAME: (%[[X:.*]]: tensor<2x6xf32>)
func.func @reshape_chain(%x: tensor<2x6xf32>) -> tensor<3x4xf32> {
  // CHECK: %[[R:.*]] = ag.reshape %[[X]] : tensor<2x6xf32> -> tensor<3x4xf32>
  // CHECK-NEXT: return %[[R]]
  %a = ag.reshape %x : tensor<2x6xf32> -> tensor<12xf32>
  %b = ag.reshape %a : tensor<12xf32> -> tensor<3x4xf32>
  return %b : tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func @reshape_constant
func.func @reshape_constant() -> tensor<2x2xi32> {
  // CHECK: %[[C:.*]] = ag.constant dense<{{\[\[}}1, 2], [3, 4]]> : tensor<2x2xi32>
  // CHECK-NEXT: return %[[C]]
  %c = ag.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %r = ag.reshape %c : tensor<4xi32> -> tensor<2x2xi32>
  return %r : tensor<2x2xi32>
}

// -----

// CHECK-LABEL: func @broadcast_splat
func.func @broadcast_splat() -> tensor<2x3xf32> {
  // CHECK: %[[C:.*]] = ag.constant dense<5.000000e-01> : tensor<2x3xf32>
  // CHECK-NEXT: return %[[C]]
  %c = ag.constant dense<0.5> : tensor<f32>
  %b = ag.broadcast_to %c : tensor<f32> -> tensor<2x3xf32>
  return %b : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @broadcast_same_type
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
func.func @broadcast_same_type(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // CHECK-NOT: ag.broadcast_to
  // CHECK: return %[[X]]
  %n = ag.dim %x, 0 : tensor<?x3xf32>
  %b = ag.broadcast_to %x[%n] : tensor<?x3xf32> -> tensor<?x3xf32>
  return %b : tensor<?x3xf32>
}

// -----

// To a run-time size that is not the operand's own, the broadcast stays: the
// operand's extent may be 1 and is then stretched.
// CHECK-LABEL: func @broadcast_same_type_other_size
func.func @broadcast_same_type_other_size(%x: tensor<?x3xf32>, %n: tensor<i64>) -> tensor<?x3xf32> {
  // CHECK: ag.broadcast_to %{{.*}}[%{{.*}}] : tensor<?x3xf32> -> tensor<?x3xf32>
  %b = ag.broadcast_to %x[%n] : tensor<?x3xf32> -> tensor<?x3xf32>
  return %b : tensor<?x3xf32>
}

// -----

// CHECK-LABEL: func @reduce_no_dims
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @reduce_no_dims(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK-NOT: ag.reduce
  // CHECK: return %[[X]]
  %r = ag.reduce sum %x dims [] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @concat_single_input
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
func.func @concat_single_input(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK-NOT: ag.concat
  // CHECK: return %[[X]]
  %c = ag.concat %x dim 1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %c : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func @fill_constant
func.func @fill_constant() -> tensor<2x2xi64> {
  // CHECK: %[[C:.*]] = ag.constant dense<3> : tensor<2x2xi64>
  // CHECK-NEXT: return %[[C]]
  %v = ag.constant dense<3> : tensor<i64>
  %f = ag.fill %v : tensor<i64> -> tensor<2x2xi64>
  return %f : tensor<2x2xi64>
}

// -----

// A fill with a dynamic size has no constant form.
// CHECK-LABEL: func @fill_dynamic_kept
func.func @fill_dynamic_kept(%n: tensor<i64>) -> tensor<?xi64> {
  // CHECK: ag.fill
  %v = ag.constant dense<3> : tensor<i64>
  %f = ag.fill %v[%n] : tensor<i64> -> tensor<?xi64>
  return %f : tensor<?xi64>
}

// -----

// CHECK-LABEL: func @static_dim
func.func @static_dim(%x: tensor<?x3xf32>) -> (tensor<i64>, tensor<i64>) {
  // CHECK-DAG: %[[THREE:.*]] = ag.constant dense<3> : tensor<i64>
  // CHECK-DAG: %[[DYN:.*]] = ag.dim %{{.*}}, 0
  // CHECK: return %[[DYN]], %[[THREE]]
  %a = ag.dim %x, 0 : tensor<?x3xf32>
  %b = ag.dim %x, 1 : tensor<?x3xf32>
  return %a, %b : tensor<i64>, tensor<i64>
}
