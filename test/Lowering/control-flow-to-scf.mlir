// RUN: autograph-opt %s -convert-ag-control-flow-to-scf -split-input-file | FileCheck %s

// CHECK-LABEL: func @cond_becomes_scf_if
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[X:.*]]: tensor<f32>, %[[Y:.*]]: tensor<f32>)
func.func @cond_becomes_scf_if(%p: tensor<i1>, %x: tensor<f32>, %y: tensor<f32>) -> tensor<f32> {
  // CHECK: %[[C:.*]] = tensor.extract %[[P]][] : tensor<i1>
  // CHECK: %[[R:.*]] = scf.if %[[C]] -> (tensor<f32>) {
  // CHECK-NEXT: scf.yield %[[X]] : tensor<f32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: scf.yield %[[Y]] : tensor<f32>
  // CHECK: return %[[R]]
  %r = ag.cond %p -> (tensor<f32>) {
    ag.yield %x : tensor<f32>
  } else {
    ag.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// CHECK-LABEL: func @while_loop_becomes_scf_while
// CHECK-SAME: (%[[X:.*]]: tensor<i64>, %[[LIMIT:.*]]: tensor<i64>)
func.func @while_loop_becomes_scf_while(%x: tensor<i64>, %limit: tensor<i64>) -> tensor<i64> {
  // CHECK: %[[R:.*]] = scf.while (%[[ARG:.*]] = %[[X]]) : (tensor<i64>) -> tensor<i64> {
  // CHECK: %[[LT:.*]] = ag.compare lt, %[[ARG]], %[[LIMIT]]
  // CHECK: %[[C:.*]] = tensor.extract %[[LT]][] : tensor<i1>
  // CHECK: scf.condition(%[[C]]) %[[ARG]] : tensor<i64>
  // CHECK: } do {
  // CHECK: ^bb0(%[[BODY:.*]]: tensor<i64>):
  // CHECK: %[[NEXT:.*]] = ag.add %[[BODY]], %[[BODY]]
  // CHECK: scf.yield %[[NEXT]] : tensor<i64>
  // CHECK: return %[[R]]
  %r = ag.while_loop (%x) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%a: tensor<i64>):
    %lt = ag.compare lt, %a, %limit : tensor<i64>
    ag.condition %lt, %a : tensor<i64>
  } body {
  ^bb0(%a: tensor<i64>):
    %b = ag.add %a, %a : tensor<i64>
    ag.yield %b : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// A positive constant step gives scf.for over index values; the induction
// value reaches the body as a 0-d tensor of the bounds' type.
// CHECK-LABEL: func @for_with_positive_step_becomes_scf_for
// CHECK-SAME: (%[[N:.*]]: tensor<i32>, %[[ACC:.*]]: tensor<i32>)
func.func @for_with_positive_step_becomes_scf_for(%n: tensor<i32>, %acc: tensor<i32>) -> tensor<i32> {
  %c0 = ag.constant dense<0> : tensor<i32>
  %c2 = ag.constant dense<2> : tensor<i32>
  // CHECK: %[[LB:.*]] = arith.index_cast %{{.*}} : i32 to index
  // CHECK: %[[NE:.*]] = tensor.extract %[[N]][]
  // CHECK: %[[UB:.*]] = arith.index_cast %[[NE]] : i32 to index
  // CHECK: %[[STEP:.*]] = arith.index_cast %{{.*}} : i32 to index
  // CHECK: %[[R:.*]] = scf.for %[[IV:.*]] = %[[LB]] to %[[UB]] step %[[STEP]] iter_args(%[[A:.*]] = %[[ACC]]) -> (tensor<i32>) {
  // CHECK: %[[I:.*]] = arith.index_cast %[[IV]] : index to i32
  // CHECK: %[[IT:.*]] = tensor.from_elements %[[I]] : tensor<i32>
  // CHECK: %[[S:.*]] = ag.add %[[A]], %[[IT]]
  // CHECK: scf.yield %[[S]]
  %r = ag.for %c0 to %n step %c2 : tensor<i32> iter_args(%acc : tensor<i32>) -> (tensor<i32>) {
  ^bb0(%i: tensor<i32>, %a: tensor<i32>):
    %s = ag.add %a, %i : tensor<i32>
    ag.yield %s : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

// A step known only at run time gives scf.while, which counts down for a
// negative step and stops at once for a zero step.
// CHECK-LABEL: func @for_with_dynamic_step_becomes_scf_while
// CHECK-SAME: (%{{[^:]*}}: tensor<i64>, %{{[^:]*}}: tensor<i64>, %[[STEP_ARG:[^:]*]]: tensor<i64>
func.func @for_with_dynamic_step_becomes_scf_while(%lo: tensor<i64>, %hi: tensor<i64>, %step: tensor<i64>, %acc: tensor<i64>) -> tensor<i64> {
  // CHECK: %[[STEP:.*]] = tensor.extract %[[STEP_ARG]][] : tensor<i64>
  // CHECK: %[[R:.*]]:2 = scf.while (%[[IV:.*]] = %{{.*}}, %{{.*}} = %{{.*}}) : (i64, tensor<i64>) -> (i64, tensor<i64>) {
  // CHECK-DAG: %[[UP:.*]] = arith.cmpi sgt, %[[STEP]], %[[ZERO:.*]] : i64
  // CHECK-DAG: %[[DOWN:.*]] = arith.cmpi slt, %[[STEP]], %[[ZERO]] : i64
  // CHECK: scf.condition
  // CHECK: } do {
  // CHECK: %[[NEXT:.*]] = arith.addi %{{.*}}, %[[STEP]] : i64
  // CHECK: scf.yield %[[NEXT]], %{{.*}} : i64, tensor<i64>
  // CHECK: return %[[R]]#1
  %r = ag.for %lo to %hi step %step : tensor<i64> iter_args(%acc : tensor<i64>) -> (tensor<i64>) {
  ^bb0(%i: tensor<i64>, %a: tensor<i64>):
    %s = ag.add %a, %i : tensor<i64>
    ag.yield %s : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// Side effects in a branch stay in it.
// CHECK-LABEL: func @cond_without_results
func.func @cond_without_results(%p: tensor<i1>, %x: tensor<f32>) {
  // CHECK: scf.if %{{.*}} {
  // CHECK-NEXT: ag.print("positive ", %{{.*}}, "\0A")
  // CHECK-NEXT: }
  ag.cond %p {
    ag.print("positive ", %x, "\n") : tensor<f32>
    ag.yield
  } else {
    ag.yield
  }
  return
}

// -----

// A loop whose body checks something also stops once a check of the call has
// failed (eager execution stopped by raising).
// CHECK-LABEL: func @loop_with_check_stops_on_pending_error
func.func @loop_with_check_stops_on_pending_error(%x: tensor<i32>, %y: tensor<i32>) -> tensor<i32> {
  // CHECK: scf.while
  // CHECK: %[[MORE:.*]] = tensor.extract
  // CHECK: %[[PENDING:.*]] = func.call @agrt_memref_error_pending() : () -> i1
  // CHECK: %[[CLEAR:.*]] = arith.xori %[[PENDING]], %{{.*}} : i1
  // CHECK: %[[GO:.*]] = arith.andi %[[MORE]], %[[CLEAR]] : i1
  // CHECK: scf.condition(%[[GO]])
  %zero = ag.constant dense<0> : tensor<i32>
  %r = ag.while_loop (%x) : (tensor<i32>) -> (tensor<i32>) cond {
  ^bb0(%a: tensor<i32>):
    %gt = ag.compare gt, %a, %zero : tensor<i32>
    ag.condition %gt, %a : tensor<i32>
  } body {
  ^bb0(%a: tensor<i32>):
    %ok = ag.compare ne, %y, %zero : tensor<i32>
    ag.assert %ok, "div: integer division by zero"
    %q = ag.div %a, %y : tensor<i32>
    ag.yield %q : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

// Without checks there is no call: the loop stays plain.
// CHECK-LABEL: func @loop_without_check
func.func @loop_without_check(%x: tensor<i32>) -> tensor<i32> {
  // CHECK-NOT: agrt_memref_error_pending
  // CHECK: return
  %zero = ag.constant dense<0> : tensor<i32>
  %one = ag.constant dense<1> : tensor<i32>
  %r = ag.while_loop (%x) : (tensor<i32>) -> (tensor<i32>) cond {
  ^bb0(%a: tensor<i32>):
    %gt = ag.compare gt, %a, %zero : tensor<i32>
    ag.condition %gt, %a : tensor<i32>
  } body {
  ^bb0(%a: tensor<i32>):
    %b = ag.sub %a, %one : tensor<i32>
    ag.yield %b : tensor<i32>
  }
  return %r : tensor<i32>
}
