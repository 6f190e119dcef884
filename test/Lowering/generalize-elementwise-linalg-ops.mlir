// RUN: autograph-opt %s -generalize-elementwise-linalg-ops | FileCheck %s

// Elementwise named ops become generics (so they fuse); matmul stays named.
// CHECK-LABEL: func @only_elementwise_ops_are_generalized
func.func @only_elementwise_ops_are_generalized(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // CHECK: linalg.generic
  // CHECK: arith.addf
  // CHECK-NOT: linalg.add
  // CHECK: linalg.matmul
  %s = linalg.add ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  %m = linalg.matmul ins(%s, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %m : tensor<4x4xf32>
}
