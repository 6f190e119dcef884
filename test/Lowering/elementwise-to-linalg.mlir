// RUN: autograph-opt %s -convert-ag-math-to-linalg -split-input-file | FileCheck %s

// Every elementwise op is one linalg.generic over its result (identity
// maps: the operands have its shape) whose body is the op's element body.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @add_is_a_generic
// CHECK-SAME: (%[[X:.*]]: tensor<?x4xf32>, %[[Y:.*]]: tensor<?x4xf32>)
func.func @add_is_a_generic(%x: tensor<?x4xf32>, %y: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // CHECK: %[[C0:.*]] = arith.constant 0 : index
  // CHECK: %[[N:.*]] = tensor.dim %[[X]], %[[C0]]
  // CHECK: %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x4xf32>
  // CHECK: %[[R:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[Y]] : tensor<?x4xf32>, tensor<?x4xf32>) outs(%[[INIT]] : tensor<?x4xf32>)
  // CHECK-NEXT: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[S:.*]] = arith.addf %[[A]], %[[B]] : f32
  // CHECK-NEXT: linalg.yield %[[S]] : f32
  // CHECK: return %[[R]]
  %r = ag.add %x, %y : tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}

// -----

// CHECK-LABEL: func @float_unary_math
func.func @float_unary_math(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  // CHECK: linalg.generic
  // CHECK: math.exp
  // CHECK: linalg.generic
  // CHECK: math.log
  // CHECK: linalg.generic
  // CHECK: math.sqrt
  // CHECK: linalg.generic
  // CHECK: math.tanh
  %a = ag.exp %x : tensor<8xf32>
  %b = ag.log %x : tensor<8xf32>
  %c = ag.sqrt %x : tensor<8xf32>
  %d = ag.tanh %x : tensor<8xf32>
  return %a, %b, %c, %d : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

// Float division is arith.divf.
// CHECK-LABEL: func @float_division
func.func @float_division(%x: tensor<4xf64>, %y: tensor<4xf64>) -> tensor<4xf64> {
  // CHECK: linalg.generic
  // CHECK: arith.divf
  %r = ag.div %x, %y : tensor<4xf64>
  return %r : tensor<4xf64>
}

// -----

// Integer division divides by 1 where the divisor is 0 or where INT_MIN is
// divided by -1, so the compiled code never traps.
// CHECK-LABEL: func @integer_division_is_total
func.func @integer_division_is_total(%x: tensor<4xi32>, %y: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: linalg.generic
  // CHECK: ^bb0(%[[A:.*]]: i32, %[[B:.*]]: i32, %{{.*}}: i32):
  // CHECK-DAG: %[[ZERO:.*]] = arith.constant 0 : i32
  // CHECK-DAG: %[[ONE:.*]] = arith.constant 1 : i32
  // CHECK-DAG: %[[MINUS_ONE:.*]] = arith.constant -1 : i32
  // CHECK-DAG: %[[MIN:.*]] = arith.constant -2147483648 : i32
  // CHECK-DAG: %[[IS_MIN:.*]] = arith.cmpi eq, %[[A]], %[[MIN]]
  // CHECK-DAG: %[[BY_MINUS_ONE:.*]] = arith.cmpi eq, %[[B]], %[[MINUS_ONE]]
  // CHECK-DAG: %[[OVERFLOW:.*]] = arith.andi %[[IS_MIN]], %[[BY_MINUS_ONE]]
  // CHECK-DAG: %[[BY_ZERO:.*]] = arith.cmpi eq, %[[B]], %[[ZERO]]
  // CHECK: %[[BAD:.*]] = arith.ori %[[BY_ZERO]], %[[OVERFLOW]]
  // CHECK: %[[DIVISOR:.*]] = arith.select %[[BAD]], %[[ONE]], %[[B]]
  // CHECK: %[[Q:.*]] = arith.divsi %[[A]], %[[DIVISOR]]
  // CHECK: linalg.yield %[[Q]]
  %r = ag.div %x, %y : tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

// C++ % on integers is remsi (the dividend's sign), on floats remf (fmod).
// CHECK-LABEL: func @remainder
func.func @remainder(%i: tensor<4xi64>, %f: tensor<4xf32>) -> (tensor<4xi64>, tensor<4xf32>) {
  // CHECK: linalg.generic
  // CHECK: arith.remsi
  // CHECK: linalg.generic
  // CHECK: arith.remf
  %a = ag.rem %i, %i : tensor<4xi64>
  %b = ag.rem %f, %f : tensor<4xf32>
  return %a, %b : tensor<4xi64>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func @sigmoid_is_generic
func.func @sigmoid_is_generic(%x: tensor<?xf32>) -> tensor<?xf32> {
  // CHECK: linalg.generic
  // CHECK: ^bb0(%[[IN:.*]]: f32, %{{.*}}: f32):
  // CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
  // CHECK: %[[NEG:.*]] = arith.negf %[[IN]]
  // CHECK: %[[EXP:.*]] = math.exp %[[NEG]]
  // CHECK: %[[DEN:.*]] = arith.addf %[[ONE]], %[[EXP]]
  // CHECK: %[[R:.*]] = arith.divf %[[ONE]], %[[DEN]]
  // CHECK: linalg.yield %[[R]]
  %r = ag.sigmoid %x : tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Integer negation is 0 - x (wrapping); float negation is arith.negf.
// CHECK-LABEL: func @negation
func.func @negation(%i: tensor<3xi32>, %f: tensor<3xf32>) -> (tensor<3xi32>, tensor<3xf32>) {
  // CHECK: linalg.generic
  // CHECK: arith.subi
  // CHECK: linalg.generic
  // CHECK: arith.negf
  %a = ag.neg %i : tensor<3xi32>
  %b = ag.neg %f : tensor<3xf32>
  return %a, %b : tensor<3xi32>, tensor<3xf32>
}

// -----

// C++ float comparison: ordered, except != which holds for NaN.
// CHECK-LABEL: func @compare_floats
func.func @compare_floats(%x: tensor<2xf32>, %y: tensor<2xf32>) -> (tensor<2xi1>, tensor<2xi1>) {
  // CHECK: linalg.generic
  // CHECK: arith.cmpf olt
  // CHECK: linalg.generic
  // CHECK: arith.cmpf une
  %lt = ag.compare lt, %x, %y : tensor<2xf32>
  %ne = ag.compare ne, %x, %y : tensor<2xf32>
  return %lt, %ne : tensor<2xi1>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func @compare_integers_signed
func.func @compare_integers_signed(%x: tensor<2xi64>, %y: tensor<2xi64>) -> tensor<2xi1> {
  // CHECK: arith.cmpi sge
  %ge = ag.compare ge, %x, %y : tensor<2xi64>
  return %ge : tensor<2xi1>
}

// -----

// CHECK-LABEL: func @casts
func.func @casts(%f: tensor<2xf32>, %b: tensor<2xi1>, %i: tensor<2xi64>) -> (tensor<2xi32>, tensor<2xf32>, tensor<2xi1>, tensor<2xi32>) {
  // Float to integer truncates toward zero, saturates, and maps NaN to 0.
  // CHECK: %[[T:.*]] = arith.fptosi %{{.*}} : f32 to i32
  // CHECK: %[[HIGH:.*]] = arith.select %{{.*}}, %{{.*}}, %[[T]] : i32
  // CHECK: %[[LOW:.*]] = arith.select %{{.*}}, %{{.*}}, %[[HIGH]] : i32
  // CHECK: arith.select %{{.*}}, %{{.*}}, %[[LOW]] : i32
  // A boolean is 0 or 1.
  // CHECK: arith.uitofp %{{.*}} : i1 to f32
  // A number is true when not 0.
  // CHECK: arith.cmpi ne
  // CHECK: arith.trunci %{{.*}} : i64 to i32
  %a = ag.cast %f : tensor<2xf32> to tensor<2xi32>
  %c = ag.cast %b : tensor<2xi1> to tensor<2xf32>
  %d = ag.cast %i : tensor<2xi64> to tensor<2xi1>
  %e = ag.cast %i : tensor<2xi64> to tensor<2xi32>
  return %a, %c, %d, %e : tensor<2xi32>, tensor<2xf32>, tensor<2xi1>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func @select_is_arith_select
func.func @select_is_arith_select(%c: tensor<4xi1>, %x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xf32>, tensor<4xf32>)
  // CHECK-NEXT: ^bb0(%[[C:.*]]: i1, %[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
  // CHECK-NEXT: %[[R:.*]] = arith.select %[[C]], %[[A]], %[[B]] : f32
  %r = ag.select %c, %x, %y : tensor<4xi1>, tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// CHECK-LABEL: func @logic
func.func @logic(%p: tensor<i1>, %q: tensor<i1>) -> (tensor<i1>, tensor<i1>, tensor<i1>) {
  // CHECK: arith.andi
  // CHECK: arith.ori
  // CHECK: %[[TRUE:.*]] = arith.constant true
  // CHECK: arith.xori %{{.*}}, %[[TRUE]]
  %a = ag.logical_and %p, %q : tensor<i1>
  %o = ag.logical_or %p, %q : tensor<i1>
  %n = ag.logical_not %p : tensor<i1>
  return %a, %o, %n : tensor<i1>, tensor<i1>, tensor<i1>
}

// -----

// relu(x) = x < 0 ? 0 : x, so NaN and -0 pass through as in the runtime.
// CHECK-LABEL: func @relu
func.func @relu(%x: tensor<4xi32>) -> tensor<4xi32> {
  // CHECK: ^bb0(%[[IN:.*]]: i32, %{{.*}}: i32):
  // CHECK: %[[ZERO:.*]] = arith.constant 0 : i32
  // CHECK: %[[NEG:.*]] = arith.cmpi slt, %[[IN]], %[[ZERO]]
  // CHECK: arith.select %[[NEG]], %[[ZERO]], %[[IN]]
  %r = ag.relu %x : tensor<4xi32>
  return %r : tensor<4xi32>
}

// -----

// Float maximum: a NaN operand wins, otherwise std::max (lhs kept on ties).
// Integer maximum is linalg.max.
// CHECK-LABEL: func @maximum
func.func @maximum(%x: tensor<2xf32>, %y: tensor<2xf32>, %i: tensor<2xi32>, %j: tensor<2xi32>) -> (tensor<2xf32>, tensor<2xi32>) {
  // CHECK: linalg.generic
  // CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %{{.*}}: f32):
  // CHECK: %[[A_NAN:.*]] = arith.cmpf uno, %[[A]], %[[A]]
  // CHECK: %[[B_NAN:.*]] = arith.cmpf uno, %[[B]], %[[B]]
  // CHECK: %[[LESS:.*]] = arith.cmpf olt, %[[A]], %[[B]]
  // CHECK: %[[MAX:.*]] = arith.select %[[LESS]], %[[B]], %[[A]]
  // CHECK: %[[M2:.*]] = arith.select %[[B_NAN]], %[[B]], %[[MAX]]
  // CHECK: %[[M3:.*]] = arith.select %[[A_NAN]], %[[A]], %[[M2]]
  // CHECK: linalg.yield %[[M3]]
  // CHECK: linalg.generic
  // CHECK: arith.maxsi
  %m = ag.maximum %x, %y : tensor<2xf32>
  %n = ag.maximum %i, %j : tensor<2xi32>
  return %m, %n : tensor<2xf32>, tensor<2xi32>
}
