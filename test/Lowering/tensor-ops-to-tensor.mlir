// RUN: autograph-opt %s -convert-ag-math-to-linalg -split-input-file | FileCheck %s

// CHECK-LABEL: func @constant
func.func @constant() -> tensor<2xf32> {
  // CHECK: %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  // CHECK: return %[[C]]
  %c = ag.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %c : tensor<2xf32>
}

// -----

// CHECK-LABEL: func @dim
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>)
func.func @dim(%x: tensor<?x3xf32>) -> tensor<i64> {
  // CHECK: %[[N:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x3xf32>
  // CHECK: %[[N_I64:.*]] = arith.index_cast %[[N]] : index to i64
  // CHECK: %[[R:.*]] = tensor.from_elements %[[N_I64]] : tensor<i64>
  // CHECK: return %[[R]]
  %n = ag.dim %x, 0 : tensor<?x3xf32>
  return %n : tensor<i64>
}

// -----

// The dynamic size is the element count over the static sizes.
// CHECK-LABEL: func @reshape_infers_the_dynamic_size
// CHECK-SAME: (%[[X:.*]]: tensor<?x28x28xf32>)
func.func @reshape_infers_the_dynamic_size(%x: tensor<?x28x28xf32>) -> tensor<?x784xf32> {
  // CHECK: %[[C784:.*]] = arith.constant 784 : index
  // CHECK: %[[COUNT:.*]] = arith.divui %{{.*}}, %[[C784]] : index
  // CHECK: %[[SHAPE:.*]] = tensor.from_elements %[[COUNT]], %{{.*}} : tensor<2xindex>
  // CHECK: tensor.reshape %[[X]](%[[SHAPE]]) : (tensor<?x28x28xf32>, tensor<2xindex>) -> tensor<?x784xf32>
  %r = ag.reshape %x : tensor<?x28x28xf32> -> tensor<?x784xf32>
  return %r : tensor<?x784xf32>
}

// -----

// CHECK-LABEL: func @concat_inserts_slices
// CHECK-SAME: (%[[A:.*]]: tensor<2x3xf32>, %[[B:.*]]: tensor<?x3xf32>)
func.func @concat_inserts_slices(%a: tensor<2x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // CHECK: %[[EMPTY:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xf32>
  // CHECK: %[[FIRST:.*]] = tensor.insert_slice %[[A]] into %[[EMPTY]][0, 0] [2, 3] [1, 1]
  // CHECK: %[[SECOND:.*]] = tensor.insert_slice %[[B]] into %[[FIRST]][2, 0] [%{{.*}}, 3] [1, 1]
  // CHECK: return %[[SECOND]]
  %c = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %c : tensor<?x3xf32>
}

// -----

// A negative index counts from the end; the result is clamped into
// [0, rows - 1], read from one row of zeros when the operand is empty.
// CHECK-LABEL: func @index_is_clamped
// CHECK-SAME: (%[[X:.*]]: tensor<?x3xf32>, %[[I:.*]]: tensor<i64>)
func.func @index_is_clamped(%x: tensor<?x3xf32>, %i: tensor<i64>) -> tensor<3xf32> {
  // CHECK: %[[ROWS:.*]] = tensor.dim %[[X]]
  // CHECK: %[[EMPTY:.*]] = arith.cmpi eq, %{{.*}}, %{{.*}} : index
  // CHECK: %[[SOURCE:.*]] = arith.select %[[EMPTY]], %{{.*}}, %[[X]] : tensor<?x3xf32>
  // CHECK: %[[READABLE:.*]] = arith.maxsi %{{.*}}, %{{.*}} : index
  // CHECK: %[[LAST:.*]] = arith.subi %[[READABLE]], %{{.*}} : index
  // CHECK: %[[RAW:.*]] = arith.index_cast %{{.*}} : i64 to index
  // CHECK: %[[NEGATIVE:.*]] = arith.cmpi slt, %[[RAW]], %{{.*}} : index
  // CHECK: %[[FROM_END:.*]] = arith.addi %[[RAW]], %[[ROWS]] : index
  // CHECK: %[[WRAPPED:.*]] = arith.select %[[NEGATIVE]], %[[FROM_END]], %[[RAW]] : index
  // CHECK: %[[LOW:.*]] = arith.minsi %[[WRAPPED]], %[[LAST]] : index
  // CHECK: %[[CLAMPED:.*]] = arith.maxsi %[[LOW]], %{{.*}} : index
  // CHECK: tensor.extract_slice %[[SOURCE]][%[[CLAMPED]], 0] [1, 3] [1, 1] : tensor<?x3xf32> to tensor<3xf32>
  %row = ag.index %x[%i] : tensor<?x3xf32>, tensor<i64> -> tensor<3xf32>
  return %row : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @index_of_an_empty_operand_is_zeros
func.func @index_of_an_empty_operand_is_zeros(%x: tensor<0x3xf32>, %i: tensor<i64>) -> tensor<3xf32> {
  // CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<3xf32>)
  // CHECK: return %[[Z]]
  // CHECK-NOT: tensor.extract_slice
  %row = ag.index %x[%i] : tensor<0x3xf32>, tensor<i64> -> tensor<3xf32>
  return %row : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @slice_rows
func.func @slice_rows(%x: tensor<10x4xf32>, %lo: tensor<i64>, %hi: tensor<i64>) -> tensor<?x4xf32> {
  // CHECK: %[[COUNT:.*]] = arith.subi %{{.*}}, %[[START:.*]] : index
  // CHECK: tensor.extract_slice %{{.*}}[%[[START]], 0] [%[[COUNT]], 4] [1, 1] : tensor<10x4xf32> to tensor<?x4xf32>
  %s = ag.slice %x[%lo, %hi] : tensor<10x4xf32>, tensor<i64> -> tensor<?x4xf32>
  return %s : tensor<?x4xf32>
}

// -----

// The row is inserted at the index clamped into [0, rows - 1].
// CHECK-LABEL: func @update_row_inserts_the_row
// CHECK-SAME: (%[[X:.*]]: tensor<4x3xf32>, %[[I:.*]]: tensor<i32>, %[[R:.*]]: tensor<3xf32>)
func.func @update_row_inserts_the_row(%x: tensor<4x3xf32>, %i: tensor<i32>, %r: tensor<3xf32>) -> tensor<4x3xf32> {
  // CHECK: %[[INDEX:.*]] = arith.index_cast %{{.*}} : i32 to index
  // CHECK: %[[LOW:.*]] = arith.minsi %[[INDEX]], %{{.*}} : index
  // CHECK: %[[CLAMPED:.*]] = arith.maxsi %[[LOW]], %{{.*}} : index
  // CHECK: %[[NEW:.*]] = tensor.insert_slice %[[R]] into %[[X]][%[[CLAMPED]], 0] [1, 3] [1, 1] : tensor<3xf32> into tensor<4x3xf32>
  // CHECK: return %[[NEW]]
  %0 = ag.update_row %x[%i], %r : tensor<4x3xf32>, tensor<i32>, tensor<3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// An operand that may be empty gets one row of zeros to write into; the
// result is cut back to the operand's own row count.
// CHECK-LABEL: func @update_row_of_a_dynamic_operand
// CHECK-SAME: (%[[X:.*]]: tensor<?xi64>, %[[I:.*]]: tensor<i64>, %[[R:.*]]: tensor<i64>)
func.func @update_row_of_a_dynamic_operand(%x: tensor<?xi64>, %i: tensor<i64>, %r: tensor<i64>) -> tensor<?xi64> {
  // CHECK: %[[ROWS:.*]] = tensor.dim %[[X]]
  // CHECK: %[[EMPTY:.*]] = arith.cmpi eq, %[[ROWS]], %{{.*}} : index
  // CHECK: %[[TARGET:.*]] = arith.select %[[EMPTY]], %{{.*}}, %[[X]] : tensor<?xi64>
  // CHECK: %[[NEW:.*]] = tensor.insert_slice %[[R]] into %[[TARGET]][%{{.*}}] [1] [1] : tensor<i64> into tensor<?xi64>
  // CHECK: %[[OWN_ROWS:.*]] = tensor.dim %[[X]]
  // CHECK: %[[CUT:.*]] = tensor.extract_slice %[[NEW]][0] [%[[OWN_ROWS]]] [1] : tensor<?xi64> to tensor<?xi64>
  // CHECK: return %[[CUT]]
  %0 = ag.update_row %x[%i], %r : tensor<?xi64>, tensor<i64>, tensor<i64>
  return %0 : tensor<?xi64>
}

// -----

// Each index is clamped into [0, rows - 1] and its row read with
// tensor.extract; the other dimensions are the loop's.
// CHECK-LABEL: func @gather_reads_clamped_rows
// CHECK-SAME: (%[[X:.*]]: tensor<10x4xf32>, %[[I:.*]]: tensor<?xi32>)
func.func @gather_reads_clamped_rows(%x: tensor<10x4xf32>, %i: tensor<?xi32>) -> tensor<?x4xf32> {
  // CHECK: %[[COUNT:.*]] = tensor.dim %[[I]], %{{.*}} : tensor<?xi32>
  // CHECK: %[[INIT:.*]] = tensor.empty(%[[COUNT]]) : tensor<?x4xf32>
  // CHECK: %[[LAST:.*]] = arith.subi %{{.*}}, %{{.*}} : index
  // CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<?xi32>) outs(%[[INIT]] : tensor<?x4xf32>)
  // CHECK-NEXT: ^bb0(%[[INDEX:.*]]: i32, %{{.*}}: f32):
  // CHECK: %[[ROW:.*]] = arith.index_cast %[[INDEX]] : i32 to index
  // CHECK: %[[LOW:.*]] = arith.minsi %[[ROW]], %[[LAST]] : index
  // CHECK: %[[CLAMPED:.*]] = arith.maxsi %[[LOW]], %{{.*}} : index
  // CHECK: %[[COLUMN:.*]] = linalg.index 1 : index
  // CHECK: %[[VALUE:.*]] = tensor.extract %[[X]][%[[CLAMPED]], %[[COLUMN]]] : tensor<10x4xf32>
  // CHECK: linalg.yield %[[VALUE]] : f32
  %g = ag.gather %x[%i] : tensor<10x4xf32>, tensor<?xi32> -> tensor<?x4xf32>
  return %g : tensor<?x4xf32>
}

// -----

// A source that may be empty is replaced by one row of zeros when it is, so
// that no read is out of bounds.
// CHECK-LABEL: func @gather_from_a_dynamic_source
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>, %[[I:.*]]: tensor<3xi64>)
func.func @gather_from_a_dynamic_source(%x: tensor<?xf32>, %i: tensor<3xi64>) -> tensor<3xf32> {
  // CHECK: %[[ROWS:.*]] = tensor.dim %[[X]]
  // CHECK: %[[ZEROS:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1xf32>)
  // CHECK: %[[EMPTY:.*]] = arith.cmpi eq, %[[ROWS]], %{{.*}} : index
  // CHECK: %[[ZEROS_DYN:.*]] = tensor.cast %[[ZEROS]] : tensor<1xf32> to tensor<?xf32>
  // CHECK: %[[SOURCE:.*]] = arith.select %[[EMPTY]], %[[ZEROS_DYN]], %[[X]] : tensor<?xf32>
  // CHECK: linalg.generic
  // CHECK: tensor.extract %[[SOURCE]]
  %g = ag.gather %x[%i] : tensor<?xf32>, tensor<3xi64> -> tensor<3xf32>
  return %g : tensor<3xf32>
}

// -----

// CHECK-LABEL: func @gather_from_an_empty_source_is_zeros
func.func @gather_from_an_empty_source_is_zeros(%x: tensor<0x2xf32>, %i: tensor<?xi64>) -> tensor<?x2xf32> {
  // CHECK: %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x2xf32>
  // CHECK: %[[Z:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[INIT]] : tensor<?x2xf32>)
  // CHECK: return %[[Z]]
  // CHECK-NOT: tensor.extract
  %g = ag.gather %x[%i] : tensor<0x2xf32>, tensor<?xi64> -> tensor<?x2xf32>
  return %g : tensor<?x2xf32>
}

// -----

// CHECK-LABEL: func @range
func.func @range(%start: tensor<i64>, %limit: tensor<i64>, %delta: tensor<i64>) -> tensor<?xi64> {
  // CHECK: %[[N:.*]] = arith.index_cast %{{.*}} : i64 to index
  // CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?xi64>
  // CHECK: linalg.generic {{.*}} outs(%[[INIT]] : tensor<?xi64>)
  // CHECK: %[[I:.*]] = linalg.index 0 : index
  // CHECK: arith.muli
  // CHECK: arith.addi
  %r = ag.range %start, %limit, %delta : tensor<i64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}
