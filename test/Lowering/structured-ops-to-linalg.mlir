// RUN: autograph-opt %s -convert-ag-math-to-linalg -split-input-file | FileCheck %s

// A transposed operand is read in place, not copied: x^T * e, the gradient
// of a least-squares fit.
// CHECK-LABEL: func @matmul_of_a_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<?x16xf32>, %[[E:.*]]: tensor<?x1xf32>)
func.func @matmul_of_a_transpose(%x: tensor<?x16xf32>, %e: tensor<?x1xf32>) -> tensor<16x1xf32> {
  // CHECK: %[[ZERO:.*]] = linalg.fill
  // CHECK: %[[G:.*]] = linalg.matmul_transpose_a ins(%[[X]], %[[E]] : tensor<?x16xf32>, tensor<?x1xf32>) outs(%[[ZERO]] : tensor<16x1xf32>)
  // CHECK: return %[[G]]
  %t = ag.transpose %x, [1, 0] : tensor<?x16xf32> -> tensor<16x?xf32>
  %g = ag.matmul %t, %e : (tensor<16x?xf32>, tensor<?x1xf32>) -> tensor<16x1xf32>
  return %g : tensor<16x1xf32>
}

// -----

// The transpose is left unused (later canonicalisation erases it).
// CHECK-LABEL: func @matmul_by_a_transpose
// CHECK-SAME: (%[[A:.*]]: tensor<3x2xf32>, %[[B:.*]]: tensor<?x2xf32>)
func.func @matmul_by_a_transpose(%a: tensor<3x2xf32>, %b: tensor<?x2xf32>) -> tensor<3x?xf32> {
  // CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<3x?xf32>
  // CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[INIT]] : tensor<3x?xf32>)
  // CHECK: linalg.matmul_transpose_b ins(%[[A]], %[[B]] : tensor<3x2xf32>, tensor<?x2xf32>) outs(%[[ZERO]] : tensor<3x?xf32>)
  %t = ag.transpose %b, [1, 0] : tensor<?x2xf32> -> tensor<2x?xf32>
  %g = ag.matmul %a, %t : (tensor<3x2xf32>, tensor<2x?xf32>) -> tensor<3x?xf32>
  return %g : tensor<3x?xf32>
}

// -----

// CHECK-LABEL: func @matmul_with_dynamic_batch
// CHECK-SAME: (%[[X:.*]]: tensor<?x784xf32>, %[[W:.*]]: tensor<784x10xf32>)
func.func @matmul_with_dynamic_batch(%x: tensor<?x784xf32>, %w: tensor<784x10xf32>) -> tensor<?x10xf32> {
  // CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x784xf32>
  // CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?x10xf32>
  // CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<?x10xf32>)
  // CHECK: %[[R:.*]] = linalg.matmul ins(%[[X]], %[[W]] : tensor<?x784xf32>, tensor<784x10xf32>) outs(%[[INIT]] : tensor<?x10xf32>)
  // CHECK: return %[[R]]
  %y = ag.matmul %x, %w : (tensor<?x784xf32>, tensor<784x10xf32>) -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}

// -----

// CHECK-LABEL: func @transpose
func.func @transpose(%x: tensor<?x3xf32>) -> tensor<3x?xf32> {
  // CHECK: %[[N:.*]] = tensor.dim
  // CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<3x?xf32>
  // CHECK: linalg.transpose ins(%{{.*}} : tensor<?x3xf32>) outs(%[[INIT]] : tensor<3x?xf32>) permutation = [1, 0]
  %t = ag.transpose %x, [1, 0] : tensor<?x3xf32> -> tensor<3x?xf32>
  return %t : tensor<3x?xf32>
}

// -----

// A stretched size-1 dimension is read at index 0; a missing leading
// dimension is not read at all.
// CHECK-DAG: #[[STRETCH:.*]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG: #[[IDENTITY:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func @broadcast_to
// CHECK-SAME: (%[[X:.*]]: tensor<1x3xf32>, %[[N:.*]]: tensor<i64>)
func.func @broadcast_to(%x: tensor<1x3xf32>, %n: tensor<i64>) -> tensor<?x4x3xf32> {
  // CHECK: %[[SIZE:.*]] = tensor.extract %[[N]][] : tensor<i64>
  // CHECK: %[[INDEX:.*]] = arith.index_cast %[[SIZE]] : i64 to index
  // CHECK: %[[INIT:.*]] = tensor.empty(%[[INDEX]]) : tensor<?x4x3xf32>
  // CHECK: linalg.generic {indexing_maps = [#[[STRETCH]], #[[IDENTITY]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<1x3xf32>) outs(%[[INIT]] : tensor<?x4x3xf32>)
  %b = ag.broadcast_to %x[%n] : tensor<1x3xf32> -> tensor<?x4x3xf32>
  return %b : tensor<?x4x3xf32>
}

// -----

// An extent known only at run time is the result's (read in place: the
// operand itself) or 1 (stretched: read at index 0 through tensor.extract).
// CHECK-LABEL: func @broadcast_decided_at_run_time
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>, %[[N:.*]]: tensor<i64>)
func.func @broadcast_decided_at_run_time(%x: tensor<?xf32>, %n: tensor<i64>) -> tensor<?xf32> {
  // CHECK: %[[SIZE:.*]] = arith.index_cast %{{.*}} : i64 to index
  // CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
  // CHECK-DAG: %[[C1:.*]] = arith.constant 1 : index
  // CHECK: %[[EXTENT:.*]] = tensor.dim %[[X]], %{{.*}}
  // CHECK: %[[SAME:.*]] = arith.cmpi eq, %[[EXTENT]], %[[SIZE]] : index
  // CHECK: %[[R:.*]] = scf.if %[[SAME]] -> (tensor<?xf32>) {
  // CHECK-NEXT: scf.yield %[[X]] : tensor<?xf32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: %[[ONE:.*]] = arith.cmpi eq, %[[EXTENT]], %[[C1]] : index
  // CHECK-NEXT: %[[INIT:.*]] = tensor.empty(%[[SIZE]]) : tensor<?xf32>
  // CHECK-NEXT: %[[G:.*]] = linalg.generic {{{.*}}} outs(%[[INIT]] : tensor<?xf32>) {
  // CHECK-NEXT: ^bb0(%{{.*}}: f32):
  // CHECK-NEXT: %[[I:.*]] = linalg.index 0 : index
  // CHECK-NEXT: %[[J:.*]] = arith.select %[[ONE]], %[[C0]], %[[I]] : index
  // CHECK-NEXT: %[[E:.*]] = tensor.extract %[[X]][%[[J]]] : tensor<?xf32>
  // CHECK-NEXT: linalg.yield %[[E]] : f32
  // CHECK: scf.yield %[[G]] : tensor<?xf32>
  // CHECK: return %[[R]]
  %b = ag.broadcast_to %x[%n] : tensor<?xf32> -> tensor<?xf32>
  return %b : tensor<?xf32>
}

// -----

// CHECK-LABEL: func @fill_with_dynamic_size
// CHECK-SAME: (%[[V:.*]]: tensor<f32>, %[[N:.*]]: tensor<i64>)
func.func @fill_with_dynamic_size(%v: tensor<f32>, %n: tensor<i64>) -> tensor<?x2xf32> {
  // CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x2xf32>
  // CHECK: %[[VALUE:.*]] = tensor.extract %[[V]][] : tensor<f32>
  // CHECK: linalg.fill ins(%[[VALUE]] : f32) outs(%[[INIT]] : tensor<?x2xf32>)
  %f = ag.fill %v[%n] : tensor<f32> -> tensor<?x2xf32>
  return %f : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func @reduce_sum
func.func @reduce_sum(%x: tensor<?x10xf32>) -> tensor<?xf32> {
  // CHECK: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
  // CHECK: %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32)
  // A float sum may be reassociated: LLVM vectorises it.
  // CHECK: linalg.reduce { arith.addf {fastmath = #arith.fastmath<reassoc>} } ins(%{{.*}} : tensor<?x10xf32>) outs(%[[INIT]] : tensor<?xf32>) dimensions = [1]
  %s = ag.reduce sum %x dims [1] : tensor<?x10xf32> -> tensor<?xf32>
  return %s : tensor<?xf32>
}

// -----

// A large full reduction runs in two stages: 64 rows of 1562 (a parallel
// dimension for threads), their 64 partial sums, then the 32 elements left.
// CHECK-LABEL: func @reduce_all_in_chunks
// CHECK-SAME: (%[[X:.*]]: tensor<100000xf32>)
func.func @reduce_all_in_chunks(%x: tensor<100000xf32>) -> tensor<f32> {
  // CHECK: %[[HEAD:.*]] = tensor.extract_slice %[[X]][0] [99968] [1]
  // CHECK: %[[ROWS:.*]] = tensor.expand_shape %[[HEAD]] {{\[\[}}0, 1]] output_shape [64, 1562]
  // CHECK: %[[PARTIAL:.*]] = linalg.reduce { arith.addf {fastmath = #arith.fastmath<reassoc>} } ins(%[[ROWS]] : tensor<64x1562xf32>) outs(%{{.*}} : tensor<64xf32>) dimensions = [1]
  // CHECK: %[[TOTAL:.*]] = linalg.reduce {{.*}} ins(%[[PARTIAL]] : tensor<64xf32>) outs(%{{.*}} : tensor<f32>) dimensions = [0]
  // CHECK: %[[TAIL:.*]] = tensor.extract_slice %[[X]][99968] [32] [1]
  // CHECK: %[[SUM:.*]] = linalg.reduce {{.*}} ins(%[[TAIL]] : tensor<32xf32>) outs(%[[TOTAL]] : tensor<f32>) dimensions = [0]
  // CHECK: return %[[SUM]]
  %s = ag.reduce sum %x dims [0] : tensor<100000xf32> -> tensor<f32>
  return %s : tensor<f32>
}

// -----

// A 2-d input is collapsed first; 131072 = 64 * 2048 leaves nothing over.
// CHECK-LABEL: func @reduce_all_of_a_matrix
func.func @reduce_all_of_a_matrix(%x: tensor<512x256xi32>) -> tensor<1x1xi32> {
  // CHECK: %[[FLAT:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<512x256xi32> into tensor<131072xi32>
  // CHECK: tensor.expand_shape %[[FLAT]] {{\[\[}}0, 1]] output_shape [64, 2048]
  // CHECK: linalg.reduce { arith.maxsi } {{.*}} dimensions = [1]
  // CHECK: %[[MAX:.*]] = linalg.reduce { arith.maxsi } {{.*}} dimensions = [0]
  // CHECK-NOT: extract_slice
  // CHECK: tensor.expand_shape %[[MAX]] [] output_shape [1, 1]
  %m = ag.reduce max %x dims [0, 1] keepdims : tensor<512x256xi32> -> tensor<1x1xi32>
  return %m : tensor<1x1xi32>
}

// -----

// max starts from -inf and propagates NaN (arith.maximumf).
// CHECK-LABEL: func @reduce_max
func.func @reduce_max(%x: tensor<4x5xf32>) -> tensor<5xf32> {
  // CHECK: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
  // CHECK: linalg.fill ins(%[[NEG_INF]] : f32)
  // CHECK: linalg.reduce { arith.maximumf }
  %m = ag.reduce max %x dims [0] : tensor<4x5xf32> -> tensor<5xf32>
  return %m : tensor<5xf32>
}

// -----

// Integer min starts from INT_MAX.
// CHECK-LABEL: func @reduce_min_integers
func.func @reduce_min_integers(%x: tensor<4xi32>) -> tensor<i32> {
  // CHECK: %[[MAX:.*]] = arith.constant 2147483647 : i32
  // CHECK: linalg.fill ins(%[[MAX]] : i32)
  // CHECK: linalg.reduce { arith.minsi }
  %m = ag.reduce min %x dims [0] : tensor<4xi32> -> tensor<i32>
  return %m : tensor<i32>
}

// -----

// mean = sum / number of reduced elements, then keepdims re-inserts the 1.
// CHECK-LABEL: func @reduce_mean_keepdims
// CHECK-SAME: (%[[X:.*]]: tensor<?x6xf32>)
func.func @reduce_mean_keepdims(%x: tensor<?x6xf32>) -> tensor<?x1xf32> {
  // CHECK: %[[SUM:.*]] = linalg.reduce
  // CHECK: %[[COUNT:.*]] = arith.muli %{{.*}}, %{{.*}} : index
  // CHECK: %[[COUNT_I64:.*]] = arith.index_cast %[[COUNT]] : index to i64
  // CHECK: %[[COUNT_F:.*]] = arith.sitofp %[[COUNT_I64]] : i64 to f32
  // CHECK: %[[MEAN:.*]] = linalg.generic
  // CHECK: arith.divf %{{.*}}, %[[COUNT_F]]
  // CHECK: tensor.expand_shape %[[MEAN]] {{\[\[}}0, 1]] output_shape [%{{.*}}, 1] : tensor<?xf32> into tensor<?x1xf32>
  %m = ag.reduce mean %x dims [1] keepdims : tensor<?x6xf32> -> tensor<?x1xf32>
  return %m : tensor<?x1xf32>
}

// -----

// CHECK-LABEL: func @argmax
func.func @argmax(%x: tensor<?x10xf32>) -> tensor<?xi64> {
  // CHECK: %[[R:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
  // CHECK: %[[LARGER:.*]] = arith.cmpf ugt
  // CHECK: %[[I:.*]] = linalg.index 1 : index
  // CHECK: return %[[R]]#1
  %i = ag.argmax %x dim 1 : tensor<?x10xf32> -> tensor<?xi64>
  return %i : tensor<?xi64>
}

// -----

// CHECK-LABEL: func @one_hot
func.func @one_hot(%labels: tensor<?xi64>) -> tensor<?x10xf32> {
  // CHECK: linalg.generic
  // CHECK: %[[J:.*]] = linalg.index 1 : index
  // CHECK: %[[J_I64:.*]] = arith.index_cast %[[J]] : index to i64
  // CHECK: %[[HOT:.*]] = arith.cmpi eq, %{{.*}}, %[[J_I64]] : i64
  // CHECK: arith.select %[[HOT]]
  %y = ag.one_hot %labels depth 10 : tensor<?xi64> -> tensor<?x10xf32>
  return %y : tensor<?x10xf32>
}
