// Verifier errors of ag.print, ag.assert, ag.summary_write and the ag.tensor_array_* ops.
// RUN: autograph-opt %s -split-input-file -verify-diagnostics

func.func @print_pieces(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.print' op has 1 text pieces for 1 tensors; it needs one more piece than tensors}}
  "ag.print"(%x) <{texts = ["x = "]}> : (tensor<f32>) -> ()
  return
}

// -----

func.func @print_missing_types(%x: tensor<f32>) {
  // expected-error @+1 {{prints 1 tensors but lists 0 types after ':'}}
  ag.print("x = ", %x)
  return
}

// -----

func.func @print_format_not_a_conversion(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.print' op format "loss %f" of value 0 is not one printf conversion of a number (such as "%d" or "%.3f")}}
  ag.print(%x as "loss %f") : tensor<f32>
  return
}

// -----

func.func @print_format_of_a_string(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.print' op format "%s" of value 0 is not one printf conversion of a number}}
  ag.print(%x as "%s") : tensor<f32>
  return
}

// -----

func.func @print_formats_count(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.print' op has 2 formats for 1 tensors; it needs one per tensor}}
  "ag.print"(%x) <{texts = ["", ""], formats = ["%d", "%d"]}> : (tensor<f32>) -> ()
  return
}

// -----

func.func @assert_predicate_not_scalar(%p: tensor<4xi1>) {
  // expected-error @+1 {{'ag.assert' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<4xi1>'}}
  "ag.assert"(%p) <{message = "all positive"}> : (tensor<4xi1>) -> ()
  return
}

// -----

func.func @assert_predicate_not_boolean(%p: tensor<f32>) {
  // expected-error @+1 {{'ag.assert' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<f32>'}}
  "ag.assert"(%p) <{message = "positive"}> : (tensor<f32>) -> ()
  return
}

// -----

func.func @stack_of_rank_0(%ta: tensor<i64>) -> tensor<f32> {
  // expected-error @+1 {{result must have a rank of at least 1}}
  %s = ag.tensor_array_stack %ta : tensor<f32>
  return %s : tensor<f32>
}

// -----

func.func @float_handle(%ta: tensor<f32>, %i: tensor<i64>) -> tensor<f32> {
  // expected-error @+1 {{operand #0 must be 0D tensor of 64-bit signless integer values}}
  %e = "ag.tensor_array_read"(%ta, %i) : (tensor<f32>, tensor<i64>) -> tensor<f32>
  return %e : tensor<f32>
}

// -----

func.func @vector_scalar_summary(%v: tensor<3xf32>, %step: tensor<i64>) {
  // expected-error @+1 {{of a scalar needs 0-d f32 data, got 'tensor<3xf32>'}}
  ag.summary_write "scalars" "loss" %v, %step : tensor<3xf32>
  return
}

// -----

func.func @float32_histogram(%v: tensor<3xf32>, %step: tensor<i64>) {
  // expected-error @+1 {{of a histogram needs f64 data}}
  ag.summary_write "histograms" "w" %v, %step {buckets = 3 : i64} : tensor<3xf32>
  return
}

// -----

func.func @unknown_plugin(%v: tensor<f32>, %step: tensor<i64>) {
  // expected-error @+1 {{plugin must be "scalars" or "histograms", got "images"}}
  ag.summary_write "images" "x" %v, %step : tensor<f32>
  return
}
