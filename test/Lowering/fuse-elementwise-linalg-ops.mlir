// fuse-elementwise-linalg-ops (in -ag-to-linalg): elementwise chains fuse,
// but a producer that calls a math function or divides is not fused through
// a broadcast, where it would run once per element of the consumer.
// RUN: autograph-opt %s -ag-to-linalg -split-input-file | FileCheck %s

// Adam's step size: pow and sqrt of 0-d values, broadcast over a weight
// matrix. The scalar work is done once (detensorised, before the loop); the
// loop only multiplies.
// CHECK-LABEL: func @scalar_step_size_is_computed_once
// CHECK: math.powf
// CHECK: math.sqrt
// CHECK: arith.divf
// CHECK: linalg.generic
// CHECK-NOT: math.powf
// CHECK: arith.mulf
// CHECK-NOT: math.powf
// CHECK: return
func.func @scalar_step_size_is_computed_once(%m: tensor<64x128xf32>, %t: tensor<f32>) -> tensor<64x128xf32> {
  %beta = ag.constant dense<0.9> : tensor<f32>
  %one = ag.constant dense<1.0> : tensor<f32>
  %p = ag.pow %beta, %t : tensor<f32>
  %d = ag.sub %one, %p : tensor<f32>
  %s = ag.sqrt %d : tensor<f32>
  %alpha = ag.div %s, %d : tensor<f32>
  %b = ag.broadcast_to %alpha : tensor<f32> -> tensor<64x128xf32>
  %r = ag.mul %m, %b : tensor<64x128xf32>
  return %r : tensor<64x128xf32>
}

// -----

// Cheap producers still fuse through a broadcast: a bias added to rows
// and its negation are one loop nest with the consumer.
// CHECK-LABEL: func @cheap_broadcast_producers_fuse
// CHECK: linalg.generic
// CHECK: arith.negf
// CHECK: arith.addf
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @cheap_broadcast_producers_fuse(%x: tensor<32x10xf32>, %bias: tensor<10xf32>) -> tensor<32x10xf32> {
  %n = ag.neg %bias : tensor<10xf32>
  %b = ag.broadcast_to %n : tensor<10xf32> -> tensor<32x10xf32>
  %r = ag.add %x, %b : tensor<32x10xf32>
  return %r : tensor<32x10xf32>
}
