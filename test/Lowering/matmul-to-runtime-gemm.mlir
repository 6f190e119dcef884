// RUN: autograph-opt %s -convert-matmul-to-runtime-gemm -split-input-file | FileCheck %s

// CHECK: func.func private @agrt_memref_matmul_f32(memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>, memref<?x?xf32, strided<[?, ?], offset: ?>>)
// CHECK-LABEL: func @float_matmul_calls_the_runtime
// CHECK-SAME: (%[[A:.*]]: memref<?x784xf32>, %[[B:.*]]: memref<784x10xf32>, %[[C:.*]]: memref<?x10xf32>)
func.func @float_matmul_calls_the_runtime(%a: memref<?x784xf32>, %b: memref<784x10xf32>, %c: memref<?x10xf32>) {
  // CHECK: %[[AC:.*]] = memref.cast %[[A]] : memref<?x784xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
  // CHECK: %[[BC:.*]] = memref.cast %[[B]]
  // CHECK: %[[CC:.*]] = memref.cast %[[C]]
  // CHECK: call @agrt_memref_matmul_f32(%[[AC]], %[[BC]], %[[CC]])
  // CHECK-NOT: linalg.matmul
  linalg.matmul ins(%a, %b : memref<?x784xf32>, memref<784x10xf32>) outs(%c : memref<?x10xf32>)
  return
}

// -----

// Integer matmul wraps on overflow: it keeps its loops.
// CHECK-LABEL: func @integer_matmul_stays
func.func @integer_matmul_stays(%a: memref<4x4xi32>, %b: memref<4x4xi32>, %c: memref<4x4xi32>) {
  // CHECK: linalg.matmul
  // CHECK-NOT: call
  linalg.matmul ins(%a, %b : memref<4x4xi32>, memref<4x4xi32>) outs(%c : memref<4x4xi32>)
  return
}

// -----

// On tensors (before bufferization) nothing changes.
// CHECK-LABEL: func @tensor_matmul_stays
func.func @tensor_matmul_stays(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // CHECK: linalg.matmul
  %r = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

// A transposed operand is passed as a view with its strides swapped.
// CHECK-LABEL: func @transposed_a_is_a_view
// CHECK-SAME: (%[[A:.*]]: memref<?x16xf32>, %[[B:.*]]: memref<?x1xf32>, %[[C:.*]]: memref<16x1xf32>)
func.func @transposed_a_is_a_view(%a: memref<?x16xf32>, %b: memref<?x1xf32>, %c: memref<16x1xf32>) {
  // CHECK: %[[AT:.*]] = memref.transpose %[[A]] (d0, d1) -> (d1, d0) : memref<?x16xf32> to memref<16x?xf32, strided<[1, 16]>>
  // CHECK: %[[AC:.*]] = memref.cast %[[AT]]
  // CHECK: %[[BC:.*]] = memref.cast %[[B]]
  // CHECK: %[[CC:.*]] = memref.cast %[[C]]
  // CHECK: call @agrt_memref_matmul_f32(%[[AC]], %[[BC]], %[[CC]])
  // CHECK-NOT: linalg.matmul_transpose_a
  linalg.matmul_transpose_a ins(%a, %b : memref<?x16xf32>, memref<?x1xf32>) outs(%c : memref<16x1xf32>)
  return
}

// -----

// CHECK-LABEL: func @transposed_b_is_a_view
// CHECK-SAME: (%[[A:.*]]: memref<3x2xf64>, %[[B:.*]]: memref<4x2xf64>, %[[C:.*]]: memref<3x4xf64>)
func.func @transposed_b_is_a_view(%a: memref<3x2xf64>, %b: memref<4x2xf64>, %c: memref<3x4xf64>) {
  // CHECK: %[[BT:.*]] = memref.transpose %[[B]] (d0, d1) -> (d1, d0)
  // CHECK: %[[AC:.*]] = memref.cast %[[A]]
  // CHECK: %[[BC:.*]] = memref.cast %[[BT]]
  // CHECK: call @agrt_memref_matmul_f64(%[[AC]], %[[BC]], %{{.*}})
  linalg.matmul_transpose_b ins(%a, %b : memref<3x2xf64>, memref<4x2xf64>) outs(%c : memref<3x4xf64>)
  return
}
