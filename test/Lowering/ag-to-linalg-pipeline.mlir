// The ag-to-linalg pipeline: fusion and detensorisation.
// RUN: autograph-opt %s -ag-to-linalg -split-input-file | FileCheck %s

// sigmoid(x * w + b) * 2 - 1 is one loop nest.
// CHECK-LABEL: func @elementwise_chain_is_one_generic
func.func @elementwise_chain_is_one_generic(%x: tensor<?xf32>, %w: tensor<?xf32>, %b: tensor<?xf32>, %two: tensor<?xf32>, %one: tensor<?xf32>) -> tensor<?xf32> {
  // CHECK: linalg.generic
  // CHECK: arith.mulf
  // CHECK: arith.addf
  // CHECK: math.exp
  // CHECK: arith.divf
  // CHECK: arith.mulf
  // CHECK: arith.subf
  // CHECK-NOT: linalg.generic
  // CHECK: return
  %xw = ag.mul %x, %w : tensor<?xf32>
  %z = ag.add %xw, %b : tensor<?xf32>
  %s = ag.sigmoid %z : tensor<?xf32>
  %d = ag.mul %s, %two : tensor<?xf32>
  %r = ag.sub %d, %one : tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// A data-dependent scalar loop becomes a loop over i64 values.
// CHECK-LABEL: func @scalar_loop_is_detensorised
func.func @scalar_loop_is_detensorised(%n0: tensor<i64>) -> tensor<i64> {
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  // CHECK: scf.while (%{{.*}} = %{{.*}}) : (i64) -> i64
  // CHECK-NOT: tensor
  // CHECK: arith.divsi
  // CHECK: scf.yield %{{.*}} : i64
  // CHECK: tensor.from_elements
  %r = ag.while_loop (%n0) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%n: tensor<i64>):
    %more = ag.compare gt, %n, %one : tensor<i64>
    ag.condition %more, %n : tensor<i64>
  } body {
  ^bb0(%n: tensor<i64>):
    %h = ag.div %n, %two : tensor<i64>
    ag.yield %h : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// A check that cannot fail (tracing asserts `true` for an integer division
// by a nonzero constant) is gone before the loop is lowered: the loop does
// not ask the runtime for a pending error on each iteration.
// CHECK-LABEL: func @loop_with_checks_of_constants_is_plain
func.func @loop_with_checks_of_constants_is_plain(%n0: tensor<i64>) -> tensor<i64> {
  // CHECK-NOT: agrt_memref_error_pending
  // CHECK: scf.while
  // CHECK-NOT: agrt_memref_error_pending
  // CHECK: return
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %r = ag.while_loop (%n0) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%n: tensor<i64>):
    %more = ag.compare gt, %n, %one : tensor<i64>
    ag.condition %more, %n : tensor<i64>
  } body {
  ^bb0(%n: tensor<i64>):
    %ok = ag.constant dense<true> : tensor<i1>
    ag.assert %ok, "div: integer division by zero"
    %half = ag.div %n, %two : tensor<i64>
    ag.yield %half : tensor<i64>
  }
  return %r : tensor<i64>
}
