// Verifier errors of ag.cond, ag.while_loop, ag.for and ag.yield.
// RUN: autograph-opt %s -split-input-file -verify-diagnostics

func.func @cond_predicate_not_scalar(%p: tensor<2xi1>) {
  // expected-error @+1 {{'ag.cond' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<2xi1>'}}
  "ag.cond"(%p) ({
    ag.yield
  }, {
    ag.yield
  }) : (tensor<2xi1>) -> ()
  return
}

// -----

func.func @cond_then_yield_types(%p: tensor<i1>, %x: tensor<f32>, %i: tensor<i32>) {
  // expected-error @+1 {{'ag.cond' op then region yields ('tensor<i32>') but the op returns ('tensor<f32>')}}
  %0 = ag.cond %p -> (tensor<f32>) {
    ag.yield %i : tensor<i32>
  } else {
    ag.yield %x : tensor<f32>
  }
  return
}

// -----

func.func @cond_else_yield_count(%p: tensor<i1>, %x: tensor<f32>) {
  // expected-error @+1 {{'ag.cond' op else region yields () but the op returns ('tensor<f32>')}}
  %0 = ag.cond %p -> (tensor<f32>) {
    ag.yield %x : tensor<f32>
  } else {
    ag.yield
  }
  return
}

// -----

func.func @cond_region_arguments(%p: tensor<i1>) {
  // expected-error @+1 {{'ag.cond' op region #0 should have no arguments}}
  ag.cond %p {
  ^bb0(%a: tensor<f32>):
    ag.yield
  } else {
    ag.yield
  }
  return
}

// -----

func.func @while_results(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.while_loop' op results ('tensor<f64>') differ from the initial values ('tensor<f32>')}}
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f64>) cond {
  ^bb0(%a: tensor<f32>):
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t, %a : tensor<f32>
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @while_cond_arguments(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.while_loop' op cond region takes arguments () but the loop carries ('tensor<f32>')}}
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
    %t = ag.constant dense<true> : tensor<i1>
    ag.yield %t : tensor<i1>
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @while_body_arguments(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.while_loop' op body region takes arguments ('tensor<2xf32>') but the loop carries ('tensor<f32>')}}
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t, %a : tensor<f32>
  } body {
  ^bb0(%a: tensor<2xf32>):
    ag.yield %x : tensor<f32>
  }
  return
}

// -----

func.func @while_cond_ends_in_yield(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.while_loop' op cond region must end in ag.condition}}
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
    %t = ag.constant dense<true> : tensor<i1>
    ag.yield %t : tensor<i1>
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @while_condition_not_boolean(%x: tensor<f32>) {
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
    // expected-error @+1 {{'ag.condition' op operand #0 must be 0D tensor of 1-bit signless integer values, but got 'tensor<f32>'}}
    "ag.condition"(%a, %a) : (tensor<f32>, tensor<f32>) -> ()
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @while_condition_forwards_other_values(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.while_loop' op cond region forwards () but the loop carries ('tensor<f32>')}}
  %0 = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @condition_outside_a_loop(%p: tensor<i1>) {
  // expected-error @+1 {{'ag.condition' op expects parent op 'ag.while_loop'}}
  ag.condition %p
}

// -----

// A carried value must keep its shape across iterations.
func.func @while_body_changes_shape(%x: tensor<2xf32>, %y: tensor<3xf32>) {
  // expected-error @+1 {{'ag.while_loop' op body region yields ('tensor<3xf32>') but the loop carries ('tensor<2xf32>')}}
  %0 = ag.while_loop (%x) : (tensor<2xf32>) -> (tensor<2xf32>) cond {
  ^bb0(%a: tensor<2xf32>):
    %t = ag.constant dense<true> : tensor<i1>
    ag.condition %t, %a : tensor<2xf32>
  } body {
  ^bb0(%a: tensor<2xf32>):
    ag.yield %y : tensor<3xf32>
  }
  return
}

// -----

func.func @for_body_arguments(%n: tensor<i64>, %x: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op body region takes arguments ('tensor<f32>') but expects the induction value and the carried values ('tensor<i64>', 'tensor<f32>')}}
  %0 = ag.for %n to %n step %n : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return
}

// -----

func.func @for_yield(%n: tensor<i64>, %x: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op body region yields () but the loop carries ('tensor<f32>')}}
  %0 = ag.for %n to %n step %n : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    ag.yield
  }
  return
}

// -----

func.func @for_results(%n: tensor<i64>, %x: tensor<f32>) {
  // expected-error @+1 {{'ag.for' op results ('tensor<i32>') differ from the initial values ('tensor<f32>')}}
  %0 = "ag.for"(%n, %n, %n, %x) ({
  ^bb0(%i: tensor<i64>, %a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }) : (tensor<i64>, tensor<i64>, tensor<i64>, tensor<f32>) -> tensor<i32>
  return
}

// -----

func.func @for_bounds_types(%n: tensor<i64>, %m: tensor<i32>) {
  // expected-error @+1 {{'ag.for' op failed to verify that all of {lower, upper, step} have same type}}
  "ag.for"(%n, %m, %n) ({
  ^bb0(%i: tensor<i64>):
    ag.yield
  }) : (tensor<i64>, tensor<i32>, tensor<i64>) -> ()
  return
}

// -----

func.func @yield_outside_control_flow(%x: tensor<f32>) {
  // expected-error @+1 {{'ag.yield' op expects parent op to be one of 'ag.cond, ag.while_loop, ag.for'}}
  ag.yield %x : tensor<f32>
}

// -----

// A body block with no ops at all (found by fuzz-autograph-opt: the
// verifier read a terminator that was not there).
func.func @for_body_without_ops(%lo: tensor<i64>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'ag.for' op body region must end in ag.yield}}
  %r = ag.for %lo to %lo step %lo : tensor<i64> iter_args(%x : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %acc: tensor<f32>):
  }
  return %r : tensor<f32>
}

// -----

func.func @while_cond_without_ops(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'ag.while_loop' op cond region must end in ag.condition}}
  %r = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
  } body {
  ^bb0(%a: tensor<f32>):
    ag.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @cond_then_without_ops(%p: tensor<i1>) {
  // expected-error @+1 {{'ag.cond' op then region must end in ag.yield}}
  ag.cond %p {
  ^bb0:
  } else {
    ag.yield
  }
  return
}
