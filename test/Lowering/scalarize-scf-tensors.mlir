// RUN: autograph-opt %s -scalarize-scf-tensors -split-input-file | FileCheck %s

// CHECK-LABEL: func @while_carries_scalars
// CHECK-SAME: (%[[T:.*]]: tensor<i64>)
func.func @while_carries_scalars(%t: tensor<i64>) -> tensor<i64> {
  %c10 = arith.constant 10 : i64
  // CHECK: %[[INIT:.*]] = tensor.extract %[[T]][] : tensor<i64>
  // CHECK: %[[R:.*]] = scf.while (%[[A:.*]] = %[[INIT]]) : (i64) -> i64 {
  // CHECK: %[[LT:.*]] = arith.cmpi slt, %[[A]], %{{.*}} : i64
  // CHECK: scf.condition(%[[LT]]) %[[A]] : i64
  // CHECK: } do {
  // CHECK: ^bb0(%[[B:.*]]: i64):
  // CHECK: %[[NEXT:.*]] = arith.addi %[[B]], %[[B]] : i64
  // CHECK: scf.yield %[[NEXT]] : i64
  // CHECK: %[[OUT:.*]] = tensor.from_elements %[[R]] : tensor<i64>
  // CHECK: return %[[OUT]]
  %r = scf.while (%a = %t) : (tensor<i64>) -> tensor<i64> {
    %x = tensor.extract %a[] : tensor<i64>
    %lt = arith.cmpi slt, %x, %c10 : i64
    scf.condition(%lt) %a : tensor<i64>
  } do {
  ^bb0(%b: tensor<i64>):
    %x = tensor.extract %b[] : tensor<i64>
    %y = arith.addi %x, %x : i64
    %n = tensor.from_elements %y : tensor<i64>
    scf.yield %n : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// CHECK-LABEL: func @for_carries_scalars_and_keeps_other_tensors
func.func @for_carries_scalars_and_keeps_other_tensors(%t: tensor<f32>, %v: tensor<4xf32>, %n: index) -> (tensor<f32>, tensor<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  // CHECK: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[S:.*]] = %{{.*}}, %[[V:.*]] = %{{.*}}) -> (f32, tensor<4xf32>)
  // CHECK: %[[D:.*]] = arith.addf %[[S]], %[[S]] : f32
  // CHECK: scf.yield %[[D]], %[[V]] : f32, tensor<4xf32>
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%s = %t, %w = %v) -> (tensor<f32>, tensor<4xf32>) {
    %x = tensor.extract %s[] : tensor<f32>
    %d = arith.addf %x, %x : f32
    %n2 = tensor.from_elements %d : tensor<f32>
    scf.yield %n2, %w : tensor<f32>, tensor<4xf32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func @if_yields_scalars
func.func @if_yields_scalars(%c: i1, %a: i32, %b: i32) -> tensor<i32> {
  // CHECK: %[[R:.*]] = scf.if %{{.*}} -> (i32) {
  // CHECK-NEXT: scf.yield %{{.*}} : i32
  // CHECK: } else {
  // CHECK-NEXT: scf.yield %{{.*}} : i32
  // CHECK: tensor.from_elements %[[R]] : tensor<i32>
  %r = scf.if %c -> (tensor<i32>) {
    %t = tensor.from_elements %a : tensor<i32>
    scf.yield %t : tensor<i32>
  } else {
    %t = tensor.from_elements %b : tensor<i32>
    scf.yield %t : tensor<i32>
  }
  return %r : tensor<i32>
}
