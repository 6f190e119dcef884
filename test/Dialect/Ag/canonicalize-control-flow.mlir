// Canonicalization of ag.cond, ag.while_loop and ag.for.
// RUN: autograph-opt %s -canonicalize -split-input-file | FileCheck %s

// CHECK-LABEL: func @cond_true_inlines_then
// CHECK-SAME: (%[[X:.*]]: tensor<f32>)
func.func @cond_true_inlines_then(%x: tensor<f32>) -> tensor<f32> {
  %p = ag.constant dense<true> : tensor<i1>
  // CHECK-NOT: ag.cond
  // CHECK: %[[SQ:.*]] = ag.mul %[[X]], %[[X]]
  // CHECK-NEXT: return %[[SQ]]
  %r = ag.cond %p -> (tensor<f32>) {
    %sq = ag.mul %x, %x : tensor<f32>
    ag.yield %sq : tensor<f32>
  } else {
    %n = ag.neg %x : tensor<f32>
    ag.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// CHECK-LABEL: func @cond_false_inlines_else
// CHECK-SAME: (%[[X:.*]]: tensor<f32>)
func.func @cond_false_inlines_else(%x: tensor<f32>) -> tensor<f32> {
  %p = ag.constant dense<false> : tensor<i1>
  // CHECK-NOT: ag.cond
  // CHECK: %[[N:.*]] = ag.neg %[[X]]
  // CHECK-NEXT: return %[[N]]
  %r = ag.cond %p -> (tensor<f32>) {
    %sq = ag.mul %x, %x : tensor<f32>
    ag.yield %sq : tensor<f32>
  } else {
    %n = ag.neg %x : tensor<f32>
    ag.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// A print in the taken branch survives inlining.
// CHECK-LABEL: func @cond_constant_keeps_side_effects
func.func @cond_constant_keeps_side_effects(%x: tensor<f32>) {
  %p = ag.constant dense<true> : tensor<i1>
  // CHECK-NOT: ag.cond
  // CHECK: ag.print("then\0A")
  // CHECK-NOT: ag.print
  ag.cond %p {
    ag.print("then\n")
    ag.yield
  } else {
    ag.print("else\n")
    ag.yield
  }
  return
}

// -----

// A value both branches pass through unchanged is used directly; the other
// result still comes from the cond.
// CHECK-LABEL: func @cond_forwards_value_defined_above
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[X:.*]]: tensor<f32>, %[[Y:.*]]: tensor<f32>)
func.func @cond_forwards_value_defined_above(%p: tensor<i1>, %x: tensor<f32>, %y: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  // CHECK: %[[R:.*]]:2 = ag.cond %[[P]]
  // CHECK: return %[[X]], %[[R]]#1
  %a, %b = ag.cond %p -> (tensor<f32>, tensor<f32>) {
    ag.yield %x, %y : tensor<f32>, tensor<f32>
  } else {
    %n = ag.neg %y : tensor<f32>
    ag.yield %x, %n : tensor<f32>, tensor<f32>
  }
  return %a, %b : tensor<f32>, tensor<f32>
}

// -----

// CHECK-LABEL: func @while_false_condition_is_removed
// CHECK-SAME: (%[[X:.*]]: tensor<i64>)
func.func @while_false_condition_is_removed(%x: tensor<i64>) -> tensor<i64> {
  // CHECK-NOT: ag.while_loop
  // CHECK: return %[[X]]
  %r = ag.while_loop (%x) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%a: tensor<i64>):
    %f = ag.constant dense<false> : tensor<i1>
    ag.condition %f, %a : tensor<i64>
  } body {
  ^bb0(%a: tensor<i64>):
    %b = ag.add %a, %a : tensor<i64>
    ag.yield %b : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// The condition of a loop that never runs its body still runs once: a print
// or an assert in it is kept (the condition's ops are inlined on the initial
// values), the body is dropped.
// CHECK-LABEL: func @while_false_condition_keeps_side_effects
// CHECK-SAME: (%[[X:.*]]: tensor<i64>)
func.func @while_false_condition_keeps_side_effects(%x: tensor<i64>) -> tensor<i64> {
  // CHECK-NOT: ag.while_loop
  // CHECK: ag.print("checking ", %[[X]])
  // CHECK-NEXT: %[[OK:.*]] = ag.compare ge, %[[X]], %[[X]]
  // CHECK-NEXT: ag.assert %[[OK]], "x is ordered"
  // CHECK-NOT: ag.print
  // CHECK-NOT: ag.add
  // CHECK: return %[[X]]
  %r = ag.while_loop (%x) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%a: tensor<i64>):
    ag.print("checking ", %a) : tensor<i64>
    %ok = ag.compare ge, %a, %a : tensor<i64>
    ag.assert %ok, "x is ordered"
    %f = ag.constant dense<false> : tensor<i1>
    ag.condition %f, %a : tensor<i64>
  } body {
  ^bb0(%a: tensor<i64>):
    ag.print("body ", %a) : tensor<i64>
    %b = ag.add %a, %a : tensor<i64>
    ag.yield %b : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// A loop whose condition depends on the carried value stays.
// CHECK-LABEL: func @while_data_dependent_is_kept
func.func @while_data_dependent_is_kept(%x: tensor<i64>) -> tensor<i64> {
  // CHECK: ag.while_loop
  %c = ag.constant dense<100> : tensor<i64>
  %r = ag.while_loop (%x) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%a: tensor<i64>):
    %lt = ag.compare lt, %a, %c : tensor<i64>
    ag.condition %lt, %a : tensor<i64>
  } body {
  ^bb0(%a: tensor<i64>):
    %b = ag.add %a, %a : tensor<i64>
    ag.yield %b : tensor<i64>
  }
  return %r : tensor<i64>
}

// -----

// CHECK-LABEL: func @for_zero_trips_is_removed
// CHECK-SAME: (%[[X:.*]]: tensor<f32>)
func.func @for_zero_trips_is_removed(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %c0 = ag.constant dense<0> : tensor<i64>
  %c5 = ag.constant dense<5> : tensor<i64>
  %c1 = ag.constant dense<1> : tensor<i64>
  %cm1 = ag.constant dense<-1> : tensor<i64>
  // CHECK-NOT: ag.for
  // CHECK: return %[[X]], %[[X]]
  // range(5, 0, 1) is empty.
  %r = ag.for %c5 to %c0 step %c1 : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    %b = ag.add %a, %a : tensor<f32>
    ag.yield %b : tensor<f32>
  }
  // range(0, 5, -1) is empty.
  %s = ag.for %c0 to %c5 step %cm1 : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    %b = ag.add %a, %a : tensor<f32>
    ag.yield %b : tensor<f32>
  }
  return %r, %s : tensor<f32>, tensor<f32>
}

// -----

// range(5, 0, -1) runs five times; a zero step must fail at run time.
// CHECK-LABEL: func @for_with_trips_is_kept
func.func @for_with_trips_is_kept(%x: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %c0 = ag.constant dense<0> : tensor<i64>
  %c5 = ag.constant dense<5> : tensor<i64>
  %cm1 = ag.constant dense<-1> : tensor<i64>
  // CHECK: ag.for
  // CHECK: ag.for
  %r = ag.for %c5 to %c0 step %cm1 : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    %b = ag.add %a, %a : tensor<f32>
    ag.yield %b : tensor<f32>
  }
  %s = ag.for %c5 to %c0 step %c0 : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return %r, %s : tensor<f32>, tensor<f32>
}

// -----

// Control flow whose results are unused is kept when a region prints or
// asserts (the ops have their regions' memory effects); without effects it
// is dead code and goes.
// CHECK-LABEL: func @unused_results_keep_effects
func.func @unused_results_keep_effects(%p: tensor<i1>, %x: tensor<i64>) {
  %c0 = ag.constant dense<0> : tensor<i64>
  %c1 = ag.constant dense<1> : tensor<i64>
  // CHECK: ag.cond
  // CHECK: ag.print("then\0A")
  %a = ag.cond %p -> (tensor<i64>) {
    ag.print("then\0A")
    ag.yield %x : tensor<i64>
  } else {
    ag.yield %c0 : tensor<i64>
  }
  // CHECK: ag.while_loop
  // CHECK: ag.assert
  %b = ag.while_loop (%x) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%v: tensor<i64>):
    %more = ag.compare gt, %v, %c0 : tensor<i64>
    ag.condition %more, %v : tensor<i64>
  } body {
  ^bb0(%v: tensor<i64>):
    %ok = ag.compare lt, %v, %x : tensor<i64>
    ag.assert %ok, "decreasing"
    %w = ag.sub %v, %c1 : tensor<i64>
    ag.yield %w : tensor<i64>
  }
  // CHECK: ag.for
  // CHECK: ag.print("i ", %{{.*}})
  %c = ag.for %c0 to %x step %c1 : tensor<i64> iter_args(%x : tensor<i64>) -> (tensor<i64>) {
  ^bb0(%i: tensor<i64>, %v: tensor<i64>):
    ag.print("i ", %i) : tensor<i64>
    ag.yield %v : tensor<i64>
  }
  // CHECK-NOT: ag.cond
  // CHECK: return
  %d = ag.cond %p -> (tensor<i64>) {
    %n = ag.neg %x : tensor<i64>
    ag.yield %n : tensor<i64>
  } else {
    ag.yield %c0 : tensor<i64>
  }
  return
}
