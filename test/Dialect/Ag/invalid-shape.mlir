// Verifier errors of the structural ops.
// RUN: autograph-opt %s -split-input-file -verify-diagnostics

func.func @matmul_rank(%x: tensor<2x3x4xf32>, %w: tensor<4x5xf32>) {
  // expected-error @+1 {{'ag.matmul' op expects matrices (rank 2), got 'tensor<2x3x4xf32>' x 'tensor<4x5xf32>' -> 'tensor<2x5xf32>'}}
  %0 = ag.matmul %x, %w : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_contracting(%x: tensor<2x3xf32>, %w: tensor<4x5xf32>) {
  // expected-error @+1 {{'ag.matmul' op contracting dimensions differ: lhs 'tensor<2x3xf32>' has 3 columns but rhs 'tensor<4x5xf32>' has 4 rows}}
  %0 = ag.matmul %x, %w : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_element_types(%x: tensor<2x3xf32>, %w: tensor<3x5xf64>) {
  // expected-error @+1 {{'ag.matmul' op operand element types differ: 'tensor<2x3xf32>' vs 'tensor<3x5xf64>'}}
  %0 = ag.matmul %x, %w : (tensor<2x3xf32>, tensor<3x5xf64>) -> tensor<2x5xf32>
  return
}

// -----

func.func @matmul_result(%x: tensor<?x3xf32>, %w: tensor<3x5xf32>) {
  // expected-error @+1 {{'ag.matmul' op result type 'tensor<?x4xf32>' is not ?x5 (lhs rows x rhs columns)}}
  %0 = ag.matmul %x, %w : (tensor<?x3xf32>, tensor<3x5xf32>) -> tensor<?x4xf32>
  return
}

// -----

func.func @transpose_not_a_permutation(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.transpose' op permutation [0, 0] is not a permutation of [0, 2)}}
  %0 = ag.transpose %x, [0, 0] : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_permutation_size(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.transpose' op permutation has 3 entries but the operand has rank 2}}
  %0 = ag.transpose %x, [0, 1, 2] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.transpose' op result dimension 0 is 2 but operand dimension 1 is 3}}
  %0 = ag.transpose %x, [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @reshape_element_count(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape 'tensor<2x3xf32>' (6 elements) to 'tensor<4xf32>' (4 elements)}}
  %0 = ag.reshape %x : tensor<2x3xf32> -> tensor<4xf32>
  return
}

// -----

func.func @reshape_two_dynamic(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'ag.reshape' op result type 'tensor<?x?xf32>' has 2 dynamic dimensions; at most one can be inferred}}
  %0 = ag.reshape %x : tensor<?x3xf32> -> tensor<?x?xf32>
  return
}

// -----

func.func @reshape_not_divisible(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reshape' op cannot reshape 'tensor<2x3xf32>' (6 elements) to 'tensor<?x4xf32>'}}
  %0 = ag.reshape %x : tensor<2x3xf32> -> tensor<?x4xf32>
  return
}

// -----

func.func @broadcast_incompatible(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op cannot broadcast 'tensor<3xf32>' to 'tensor<2x4xf32>': operand dimension 0 (3) is neither 1 nor 4}}
  %0 = ag.broadcast_to %x : tensor<3xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_to_lower_rank(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op cannot broadcast 'tensor<2x3xf32>' to the lower-rank 'tensor<3xf32>'}}
  %0 = ag.broadcast_to %x : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @reduce_dim_out_of_range(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reduce' op reduction dimension 2 is out of range for 'tensor<2x3xf32>'}}
  %0 = ag.reduce sum %x dims [2] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_dims_unsorted(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reduce' op reduction dimensions must be sorted and distinct, got [1, 0]}}
  %0 = ag.reduce sum %x dims [1, 0] : tensor<2x3xf32> -> tensor<f32>
  return
}

// -----

func.func @reduce_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.reduce' op result type 'tensor<2xf32>' does not match the reduced type 'tensor<2x1xf32>'}}
  %0 = ag.reduce sum %x dims [1] keepdims : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @argmax_dim(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.argmax' op dimension -1 is out of range for 'tensor<2x3xf32>'}}
  %0 = ag.argmax %x dim -1 : tensor<2x3xf32> -> tensor<2xi64>
  return
}

// -----

func.func @argmax_result(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.argmax' op result type 'tensor<3xi64>' does not match 'tensor<2xi64>'}}
  %0 = ag.argmax %x dim 1 : tensor<2x3xf32> -> tensor<3xi64>
  return
}

// -----

func.func @concat_no_input() {
  // expected-error @+1 {{'ag.concat' op needs at least one input}}
  %0 = "ag.concat"() {dim = 0 : i64} : () -> tensor<2xf32>
  return
}

// -----

func.func @concat_rank(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'ag.concat' op input #1 has rank 1, expected 2}}
  %0 = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @concat_element_type(%a: tensor<2x3xf32>, %b: tensor<2x3xi32>) {
  // expected-error @+1 {{'ag.concat' op input #1 has type 'tensor<2x3xi32>', expected element type 'f32'}}
  %0 = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<2x3xi32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_other_dims(%a: tensor<2x3xf32>, %b: tensor<2x4xf32>) {
  // expected-error @+1 {{'ag.concat' op input #1 dimension 1 is 4 but the result's is 3}}
  %0 = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<2x4xf32>) -> tensor<4x3xf32>
  return
}

// -----

func.func @concat_total(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.concat' op result dimension 0 is 5 but the inputs add up to 4}}
  %0 = ag.concat %a, %b dim 0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @concat_dim(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'ag.concat' op dimension 2 is out of range for rank 2}}
  %0 = ag.concat %a dim 2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @index_scalar(%x: tensor<f32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.index' op needs an operand of rank 1 or more, got 'tensor<f32>'}}
  %0 = ag.index %x[%i] : tensor<f32>, tensor<i64> -> tensor<f32>
  return
}

// -----

func.func @index_result(%x: tensor<4x3xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.index' op result type 'tensor<4xf32>' does not match 'tensor<3xf32>'}}
  %0 = ag.index %x[%i] : tensor<4x3xf32>, tensor<i64> -> tensor<4xf32>
  return
}

// -----

func.func @index_float_index(%x: tensor<4x3xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{'ag.index' op operand #1 must be 0D tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<f32>'}}
  %0 = ag.index %x[%i] : tensor<4x3xf32>, tensor<f32> -> tensor<3xf32>
  return
}

// -----

func.func @slice_result(%x: tensor<4x3xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.slice' op result type 'tensor<?x2xf32>' does not match 'tensor<?x3xf32>'}}
  %0 = ag.slice %x[%i, %i] : tensor<4x3xf32>, tensor<i64> -> tensor<?x2xf32>
  return
}

// -----

func.func @update_row_scalar(%x: tensor<f32>, %i: tensor<i64>) {
  // expected-error @+1 {{'ag.update_row' op needs an operand of rank 1 or more, got 'tensor<f32>'}}
  %0 = ag.update_row %x[%i], %x : tensor<f32>, tensor<i64>, tensor<f32>
  return
}

// -----

func.func @update_row_shape(%x: tensor<4x3xf32>, %i: tensor<i64>, %r: tensor<4xf32>) {
  // expected-error @+1 {{'ag.update_row' op row type 'tensor<4xf32>' does not match 'tensor<3xf32>'}}
  %0 = ag.update_row %x[%i], %r : tensor<4x3xf32>, tensor<i64>, tensor<4xf32>
  return
}

// -----

func.func @update_row_element_type(%x: tensor<4x3xf32>, %i: tensor<i64>, %r: tensor<3xi32>) {
  // expected-error @+1 {{'ag.update_row' op row type 'tensor<3xi32>' does not match 'tensor<3xf32>'}}
  %0 = ag.update_row %x[%i], %r : tensor<4x3xf32>, tensor<i64>, tensor<3xi32>
  return
}

// -----

func.func @gather_scalar(%x: tensor<f32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'ag.gather' op needs an operand of rank 1 or more, got 'tensor<f32>'}}
  %0 = ag.gather %x[%i] : tensor<f32>, tensor<2xi64> -> tensor<2xf32>
  return
}

// -----

func.func @gather_result(%x: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'ag.gather' op result type 'tensor<3x3xf32>' does not match 'tensor<2x3xf32>'}}
  %0 = ag.gather %x[%i] : tensor<4x3xf32>, tensor<2xi64> -> tensor<3x3xf32>
  return
}

// -----

func.func @gather_element_type(%x: tensor<4x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'ag.gather' op result type 'tensor<2x3xf64>' does not match 'tensor<2x3xf32>'}}
  %0 = ag.gather %x[%i] : tensor<4x3xf32>, tensor<2xi64> -> tensor<2x3xf64>
  return
}

// -----

func.func @gather_float_indices(%x: tensor<4x3xf32>, %i: tensor<2xf32>) {
  // expected-error @+1 {{'ag.gather' op operand #1 must be}}
  %0 = ag.gather %x[%i] : tensor<4x3xf32>, tensor<2xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @one_hot_depth(%l: tensor<4xi64>) {
  // expected-error @+1 {{'ag.one_hot' op depth must be positive, got 0}}
  %0 = ag.one_hot %l depth 0 : tensor<4xi64> -> tensor<4x0xf32>
  return
}

// -----

func.func @one_hot_result(%l: tensor<4xi64>) {
  // expected-error @+1 {{'ag.one_hot' op result type 'tensor<4x9xf32>' does not match 'tensor<4x10xf32>'}}
  %0 = ag.one_hot %l depth 10 : tensor<4xi64> -> tensor<4x9xf32>
  return
}

// -----

func.func @range_rank(%n: tensor<i64>) {
  // expected-error @+1 {{'ag.range' op result must be 1-d, got 'tensor<?x?xi64>'}}
  %0 = ag.range %n, %n, %n : tensor<i64> -> tensor<?x?xi64>
  return
}

// -----

func.func @range_element_type(%n: tensor<i64>) {
  // expected-error @+1 {{'ag.range' op bounds and result element types differ: 'tensor<i64>' vs 'tensor<?xf32>'}}
  %0 = ag.range %n, %n, %n : tensor<i64> -> tensor<?xf32>
  return
}

// -----

func.func @fill_dynamic_sizes(%v: tensor<f32>) {
  // expected-error @+1 {{'ag.fill' op has 0 dynamic sizes but the result type 'tensor<?x3xf32>' has 1 dynamic dimensions}}
  %0 = ag.fill %v : tensor<f32> -> tensor<?x3xf32>
  return
}

// -----

func.func @fill_element_type(%v: tensor<f32>) {
  // expected-error @+1 {{'ag.fill' op value and result element types differ: 'tensor<f32>' vs 'tensor<2xi32>'}}
  %0 = ag.fill %v : tensor<f32> -> tensor<2xi32>
  return
}

// -----

func.func @broadcast_dynamic_sizes(%x: tensor<3xf32>) {
  // expected-error @+1 {{'ag.broadcast_to' op has 0 dynamic sizes but the result type 'tensor<?x3xf32>' has 1 dynamic dimensions}}
  %0 = ag.broadcast_to %x : tensor<3xf32> -> tensor<?x3xf32>
  return
}

// -----

func.func @dim_out_of_range(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'ag.dim' op dimension 2 is out of range for 'tensor<?x3xf32>'}}
  %0 = ag.dim %x, 2 : tensor<?x3xf32>
  return
}

// -----

func.func @one_hot_negative_depth(%l: tensor<4xi64>) {
  // expected-error @+1 {{'ag.one_hot' op depth must be positive, got -3}}
  %0 = ag.one_hot %l depth -3 : tensor<4xi64> -> tensor<4x3xf32>
  return
}

// -----

func.func @dim_negative(%x: tensor<?x3xf32>) {
  // expected-error @+1 {{'ag.dim' op dimension -1 is out of range for 'tensor<?x3xf32>'}}
  %0 = ag.dim %x, -1 : tensor<?x3xf32>
  return
}
