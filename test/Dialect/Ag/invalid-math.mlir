// Verifier errors of the elementwise ops.
// RUN: autograph-opt %s -split-input-file -verify-diagnostics

func.func @binary_operands_differ(%x: tensor<2xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{'ag.add' op failed to verify that all of {lhs, rhs, result} have same type}}
  %0 = "ag.add"(%x, %y) : (tensor<2xf32>, tensor<3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @binary_dtypes_differ(%x: tensor<2xf32>, %y: tensor<2xi32>) {
  // expected-error @+1 {{failed to verify that all of {lhs, rhs, result} have same type}}
  %0 = "ag.mul"(%x, %y) : (tensor<2xf32>, tensor<2xi32>) -> tensor<2xf32>
  return
}

// -----

func.func @float_op_on_integers(%x: tensor<2xi32>) {
  // expected-error @+1 {{'ag.exp' op operand #0 must be ranked tensor of 32-bit float or 64-bit float values, but got 'tensor<2xi32>'}}
  %0 = ag.exp %x : tensor<2xi32>
  return
}

// -----

func.func @unsupported_element_type(%x: tensor<2xi8>) {
  // expected-error @+1 {{'ag.neg' op operand #0 must be ranked tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<2xi8>'}}
  %0 = ag.neg %x : tensor<2xi8>
  return
}

// -----

func.func @logic_on_floats(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.logical_or' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = ag.logical_or %x, %x : tensor<f32>
  return
}

// -----

func.func @compare_operands_differ(%x: tensor<2xf32>, %y: tensor<2xf64>) {
  // expected-error @+1 {{'ag.compare' op failed to verify that all of {lhs, rhs} have same type}}
  %0 = "ag.compare"(%x, %y) <{predicate = 2 : i32}> : (tensor<2xf32>, tensor<2xf64>) -> tensor<2xi1>
  return
}

// -----

func.func @compare_result_shape(%x: tensor<2xf32>) {
  // expected-error @+2 {{'ag.compare' op inferred type(s) 'tensor<2xi1>' are incompatible with return type(s) of operation 'tensor<3xi1>'}}
  // expected-error @+1 {{'ag.compare' op failed to infer returned types}}
  %0 = "ag.compare"(%x, %x) <{predicate = 0 : i32}> : (tensor<2xf32>, tensor<2xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @cast_changes_shape(%x: tensor<2xf32>) {
  // expected-error @+1 {{'ag.cast' op changes the shape from 'tensor<2xf32>' to 'tensor<4xi32>'; a cast converts the element type only}}
  %0 = ag.cast %x : tensor<2xf32> to tensor<4xi32>
  return
}

// -----

func.func @select_condition_shape(%c: tensor<i1>, %x: tensor<4xf32>) {
  // expected-error @+1 {{'ag.select' op condition type 'tensor<i1>' does not have the shape of the values 'tensor<4xf32>'; broadcast it first}}
  %0 = ag.select %c, %x, %x : tensor<i1>, tensor<4xf32>
  return
}

// -----

func.func @constant_type_mismatch() {
  // expected-error @+1 {{'ag.constant' op failed to verify that all of {value, result} have same type}}
  %0 = "ag.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return
}
