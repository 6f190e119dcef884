// Folding of the elementwise ops.
// RUN: autograph-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @fold_integer_arithmetic
func.func @fold_integer_arithmetic() -> (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) {
  %a = ag.constant dense<[7, -3]> : tensor<2xi32>
  %b = ag.constant dense<[2, 5]> : tensor<2xi32>
  // 7+2, -3+5 / 7-2, -3-5 / 7*2, -3*5 / -7, 3
  // CHECK-DAG: %[[ADD:.*]] = ag.constant dense<[9, 2]> : tensor<2xi32>
  // CHECK-DAG: %[[SUB:.*]] = ag.constant dense<[5, -8]> : tensor<2xi32>
  // CHECK-DAG: %[[MUL:.*]] = ag.constant dense<[14, -15]> : tensor<2xi32>
  // CHECK-DAG: %[[NEG:.*]] = ag.constant dense<[-7, 3]> : tensor<2xi32>
  // CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[NEG]]
  %add = ag.add %a, %b : tensor<2xi32>
  %sub = ag.sub %a, %b : tensor<2xi32>
  %mul = ag.mul %a, %b : tensor<2xi32>
  %neg = ag.neg %a : tensor<2xi32>
  return %add, %sub, %mul, %neg : tensor<2xi32>, tensor<2xi32>, tensor<2xi32>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func @fold_float_arithmetic
func.func @fold_float_arithmetic() -> (tensor<f32>, tensor<f32>) {
  %a = ag.constant dense<1.5> : tensor<f32>
  %b = ag.constant dense<0.25> : tensor<f32>
  // CHECK-DAG: %[[ADD:.*]] = ag.constant dense<1.750000e+00> : tensor<f32>
  // CHECK-DAG: %[[MUL:.*]] = ag.constant dense<3.750000e-01> : tensor<f32>
  // CHECK: return %[[ADD]], %[[MUL]]
  %add = ag.add %a, %b : tensor<f32>
  %mul = ag.mul %a, %b : tensor<f32>
  return %add, %mul : tensor<f32>, tensor<f32>
}

// -----

// Integer division is not folded: a division by zero must fail at run time.
// CHECK-LABEL: func @division_is_not_folded
func.func @division_is_not_folded() -> tensor<i32> {
  %a = ag.constant dense<7> : tensor<i32>
  %z = ag.constant dense<0> : tensor<i32>
  // CHECK: %[[D:.*]] = ag.div
  // CHECK: return %[[D]]
  %d = ag.div %a, %z : tensor<i32>
  return %d : tensor<i32>
}

// -----

// CHECK-LABEL: func @integer_identities
// CHECK-SAME: (%[[X:.*]]: tensor<4xi64>)
func.func @integer_identities(%x: tensor<4xi64>) -> (tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>) {
  %zero = ag.constant dense<0> : tensor<4xi64>
  %one = ag.constant dense<1> : tensor<4xi64>
  // CHECK-NOT: ag.add
  // CHECK-NOT: ag.mul
  // CHECK-NOT: ag.maximum
  // CHECK-NOT: ag.minimum
  // CHECK: return %[[X]], %[[X]], %[[X]], %[[X]]
  %add = ag.add %x, %zero : tensor<4xi64>
  %mul = ag.mul %x, %one : tensor<4xi64>
  %max = ag.maximum %x, %x : tensor<4xi64>
  %min = ag.minimum %x, %x : tensor<4xi64>
  return %add, %mul, %max, %min : tensor<4xi64>, tensor<4xi64>, tensor<4xi64>, tensor<4xi64>
}

// -----

// x + 0.0 is not x for floats (-0.0 + 0.0 is +0.0); x * 1.0 is.
// CHECK-LABEL: func @float_identities
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
func.func @float_identities(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %zero = ag.constant dense<0.0> : tensor<3xf32>
  %one = ag.constant dense<1.0> : tensor<3xf32>
  // CHECK: %[[ADD:.*]] = ag.add %[[X]]
  // CHECK-NOT: ag.mul
  // CHECK: return %[[ADD]], %[[X]]
  %add = ag.add %x, %zero : tensor<3xf32>
  %mul = ag.mul %x, %one : tensor<3xf32>
  return %add, %mul : tensor<3xf32>, tensor<3xf32>
}

// -----

// CHECK-LABEL: func @fold_integer_maximum_minimum
func.func @fold_integer_maximum_minimum() -> (tensor<2xi64>, tensor<2xi64>) {
  %a = ag.constant dense<[4, -9]> : tensor<2xi64>
  %b = ag.constant dense<[-1, 3]> : tensor<2xi64>
  // CHECK-DAG: %[[MAX:.*]] = ag.constant dense<[4, 3]> : tensor<2xi64>
  // CHECK-DAG: %[[MIN:.*]] = ag.constant dense<[-1, -9]> : tensor<2xi64>
  // CHECK: return %[[MAX]], %[[MIN]]
  %max = ag.maximum %a, %b : tensor<2xi64>
  %min = ag.minimum %a, %b : tensor<2xi64>
  return %max, %min : tensor<2xi64>, tensor<2xi64>
}

// -----

// CHECK-LABEL: func @fold_logic
// CHECK-SAME: (%[[P:.*]]: tensor<i1>)
func.func @fold_logic(%p: tensor<i1>) -> (tensor<i1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) {
  %t = ag.constant dense<[true, false]> : tensor<2xi1>
  %f = ag.constant dense<[true, true]> : tensor<2xi1>
  %n1 = ag.logical_not %p : tensor<i1>
  %n2 = ag.logical_not %n1 : tensor<i1>
  // CHECK-DAG: %[[AND:.*]] = ag.constant dense<[true, false]> : tensor<2xi1>
  // CHECK-DAG: %[[OR:.*]] = ag.constant dense<true> : tensor<2xi1>
  // CHECK-DAG: %[[NOT:.*]] = ag.constant dense<[false, true]> : tensor<2xi1>
  // CHECK: return %[[P]], %[[AND]], %[[OR]], %[[NOT]]
  %and = ag.logical_and %t, %f : tensor<2xi1>
  %or = ag.logical_or %t, %f : tensor<2xi1>
  %not = ag.logical_not %t : tensor<2xi1>
  return %n2, %and, %or, %not : tensor<i1>, tensor<2xi1>, tensor<2xi1>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func @fold_compare
func.func @fold_compare() -> (tensor<3xi1>, tensor<3xi1>) {
  %a = ag.constant dense<[1, 5, -2]> : tensor<3xi32>
  %b = ag.constant dense<[1, 4, 7]> : tensor<3xi32>
  %x = ag.constant dense<[0.5, 2.0, 0x7FC00000]> : tensor<3xf32>
  %y = ag.constant dense<[0.5, 1.0, 1.0]> : tensor<3xf32>
  // Signed comparison: -2 < 7.
  // CHECK-DAG: %[[LE:.*]] = ag.constant dense<[true, false, true]> : tensor<3xi1>
  // NaN compares unequal to everything.
  // CHECK-DAG: %[[NE:.*]] = ag.constant dense<[false, true, true]> : tensor<3xi1>
  // CHECK: return %[[LE]], %[[NE]]
  %le = ag.compare le, %a, %b : tensor<3xi32>
  %ne = ag.compare ne, %x, %y : tensor<3xf32>
  return %le, %ne : tensor<3xi1>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func @fold_cast_and_select
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>, %[[Y:.*]]: tensor<4xf32>, %[[C:.*]]: tensor<4xi1>)
func.func @fold_cast_and_select(%x: tensor<4xf32>, %y: tensor<4xf32>, %c: tensor<4xi1>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %true = ag.constant dense<true> : tensor<4xi1>
  // CHECK-NOT: ag.cast
  // CHECK-NOT: ag.select
  // CHECK: return %[[X]], %[[X]], %[[Y]]
  %same = ag.cast %x : tensor<4xf32> to tensor<4xf32>
  %s1 = ag.select %true, %x, %y : tensor<4xi1>, tensor<4xf32>
  %s2 = ag.select %c, %y, %y : tensor<4xi1>, tensor<4xf32>
  return %same, %s1, %s2 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}
