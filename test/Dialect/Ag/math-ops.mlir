// Round trip of the elementwise ops, in custom and generic form.
// RUN: autograph-opt %s | autograph-opt | FileCheck %s
// RUN: autograph-opt %s -mlir-print-op-generic | autograph-opt | FileCheck %s

// CHECK-LABEL: func @constants
func.func @constants() -> (tensor<2xf32>, tensor<i64>, tensor<2x2xi1>) {
  // CHECK: ag.constant dense<[1.000000e+00, 2.500000e+00]> : tensor<2xf32>
  %a = ag.constant dense<[1.0, 2.5]> : tensor<2xf32>
  // CHECK: ag.constant dense<7> : tensor<i64>
  %b = ag.constant dense<7> : tensor<i64>
  // CHECK: ag.constant dense<{{\[\[}}true, false], [false, true]]> : tensor<2x2xi1>
  %c = ag.constant dense<[[true, false], [false, true]]> : tensor<2x2xi1>
  return %a, %b, %c : tensor<2xf32>, tensor<i64>, tensor<2x2xi1>
}

// CHECK-LABEL: func @unary
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[I:.*]]: tensor<3xi32>, %[[B:.*]]: tensor<i1>)
func.func @unary(%x: tensor<?x4xf32>, %i: tensor<3xi32>, %b: tensor<i1>) {
  // CHECK: ag.neg %[[I]] : tensor<3xi32>
  %0 = ag.neg %i : tensor<3xi32>
  // CHECK: ag.abs %[[X]] : tensor<?x4xf32>
  %1 = ag.abs %x : tensor<?x4xf32>
  // CHECK: ag.square %[[I]] : tensor<3xi32>
  %2 = ag.square %i : tensor<3xi32>
  // CHECK: ag.relu %[[X]] : tensor<?x4xf32>
  %3 = ag.relu %x : tensor<?x4xf32>
  // CHECK: ag.exp %[[X]] : tensor<?x4xf32>
  %4 = ag.exp %x : tensor<?x4xf32>
  // CHECK: ag.log %[[X]] : tensor<?x4xf32>
  %5 = ag.log %x : tensor<?x4xf32>
  // CHECK: ag.sqrt %[[X]] : tensor<?x4xf32>
  %6 = ag.sqrt %x : tensor<?x4xf32>
  // CHECK: ag.tanh %[[X]] : tensor<?x4xf32>
  %7 = ag.tanh %x : tensor<?x4xf32>
  // CHECK: ag.sigmoid %[[X]] : tensor<?x4xf32>
  %8 = ag.sigmoid %x : tensor<?x4xf32>
  // CHECK: ag.logical_not %[[B]] : tensor<i1>
  %9 = ag.logical_not %b : tensor<i1>
  return
}

// CHECK-LABEL: func @binary
// CHECK-SAME: (%[[X:.*]]: tensor<?xf64>, %[[Y:.*]]: tensor<?xf64>, %[[P:.*]]: tensor<2xi1>, %[[Q:.*]]: tensor<2xi1>)
func.func @binary(%x: tensor<?xf64>, %y: tensor<?xf64>, %p: tensor<2xi1>, %q: tensor<2xi1>) {
  // CHECK: ag.add %[[X]], %[[Y]] : tensor<?xf64>
  %0 = ag.add %x, %y : tensor<?xf64>
  // CHECK: ag.sub %[[X]], %[[Y]] : tensor<?xf64>
  %1 = ag.sub %x, %y : tensor<?xf64>
  // CHECK: ag.mul %[[X]], %[[Y]] : tensor<?xf64>
  %2 = ag.mul %x, %y : tensor<?xf64>
  // CHECK: ag.div %[[X]], %[[Y]] : tensor<?xf64>
  %3 = ag.div %x, %y : tensor<?xf64>
  // CHECK: ag.rem %[[X]], %[[Y]] : tensor<?xf64>
  %4 = ag.rem %x, %y : tensor<?xf64>
  // CHECK: ag.pow %[[X]], %[[Y]] : tensor<?xf64>
  %5 = ag.pow %x, %y : tensor<?xf64>
  // CHECK: ag.maximum %[[X]], %[[Y]] : tensor<?xf64>
  %6 = ag.maximum %x, %y : tensor<?xf64>
  // CHECK: ag.minimum %[[X]], %[[Y]] : tensor<?xf64>
  %7 = ag.minimum %x, %y : tensor<?xf64>
  // CHECK: ag.logical_and %[[P]], %[[Q]] : tensor<2xi1>
  %8 = ag.logical_and %p, %q : tensor<2xi1>
  // CHECK: ag.logical_or %[[P]], %[[Q]] : tensor<2xi1>
  %9 = ag.logical_or %p, %q : tensor<2xi1>
  return
}

// CHECK-LABEL: func @compare_cast_select
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[Y:.*]]: tensor<4xf32>)
func.func @compare_cast_select(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: %[[LT:.*]] = ag.compare lt, %[[X]], %[[Y]] : tensor<4xf32>
  %lt = ag.compare lt, %x, %y : tensor<4xf32>
  // CHECK: ag.compare ne, %[[X]], %[[Y]] : tensor<4xf32>
  %ne = ag.compare ne, %x, %y : tensor<4xf32>
  // CHECK: ag.cast %[[LT]] : tensor<4xi1> to tensor<4xi32>
  %i = ag.cast %lt : tensor<4xi1> to tensor<4xi32>
  // CHECK: ag.select %[[LT]], %[[X]], %[[Y]] : tensor<4xi1>, tensor<4xf32>
  %s = ag.select %lt, %x, %y : tensor<4xi1>, tensor<4xf32>
  return %s : tensor<4xf32>
}
