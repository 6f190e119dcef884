// Generic MLIR passes understand ag control flow through its interfaces:
// RegionBranchOpInterface (SCCP, dataflow) and LoopLikeOpInterface (LICM).
// RUN: autograph-opt %s -loop-invariant-code-motion -split-input-file | FileCheck %s --check-prefix=LICM
// RUN: autograph-opt %s -sccp -split-input-file | FileCheck %s --check-prefix=SCCP

// The product y*y does not depend on the loop; LICM hoists it above ag.for
// and leaves the accumulation, which does, inside.
// LICM-LABEL: func @for_invariant_product
// LICM-SAME: (%[[N:.*]]: tensor<i64>, %[[Y:.*]]: tensor<f32>)
// LICM: %[[SQ:.*]] = ag.mul %[[Y]], %[[Y]] : tensor<f32>
// LICM-NEXT: ag.for
// LICM-NEXT: ^bb0(%{{.*}}: tensor<i64>, %[[ACC:.*]]: tensor<f32>):
// LICM-NEXT: %[[NEXT:.*]] = ag.add %[[ACC]], %[[SQ]] : tensor<f32>
// LICM-NEXT: ag.yield %[[NEXT]] : tensor<f32>
// SCCP-LABEL: func @for_invariant_product
func.func @for_invariant_product(%n: tensor<i64>, %y: tensor<f32>) -> tensor<f32> {
  %c0 = ag.constant dense<0> : tensor<i64>
  %c1 = ag.constant dense<1> : tensor<i64>
  %zero = ag.constant dense<0.0> : tensor<f32>
  %sum = ag.for %c0 to %n step %c1 : tensor<i64> iter_args(%zero : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %acc: tensor<f32>):
    %sq = ag.mul %y, %y : tensor<f32>
    %next = ag.add %acc, %sq : tensor<f32>
    ag.yield %next : tensor<f32>
  }
  return %sum : tensor<f32>
}

// -----

// In a while loop the invariant product moves out of the body region; the
// print, which has an effect, stays.
// LICM-LABEL: func @while_invariant_product
// LICM-SAME: (%[[X:.*]]: tensor<f32>, %[[Y:.*]]: tensor<f32>)
// LICM: %[[SQ:.*]] = ag.mul %[[Y]], %[[Y]] : tensor<f32>
// LICM-NEXT: ag.while_loop
// LICM: } body {
// LICM-NEXT: ^bb0(%[[A:.*]]: tensor<f32>):
// LICM-NEXT: ag.print("a = ", %[[A]], "\0A") : tensor<f32>
// LICM-NEXT: %[[NEXT:.*]] = ag.add %[[A]], %[[SQ]] : tensor<f32>
// LICM-NEXT: ag.yield %[[NEXT]] : tensor<f32>
func.func @while_invariant_product(%x: tensor<f32>, %y: tensor<f32>) -> tensor<f32> {
  %limit = ag.constant dense<100.0> : tensor<f32>
  %r = ag.while_loop (%x) : (tensor<f32>) -> (tensor<f32>) cond {
  ^bb0(%a: tensor<f32>):
    %more = ag.compare lt, %a, %limit : tensor<f32>
    ag.condition %more, %a : tensor<f32>
  } body {
  ^bb0(%a: tensor<f32>):
    ag.print("a = ", %a, "\n") : tensor<f32>
    %sq = ag.mul %y, %y : tensor<f32>
    %next = ag.add %a, %sq : tensor<f32>
    ag.yield %next : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// SCCP follows the region branches of ag.cond: with a condition that is a
// known constant only the then branch is live, so the result is the constant
// it yields; the use is replaced by that constant and the dead ag.cond is
// erased.
// SCCP-LABEL: func @cond_on_constant
// SCCP: %[[SEVEN:.*]] = ag.constant dense<7.000000e+00> : tensor<f32>
// SCCP-NOT: ag.cond
// SCCP: return %[[SEVEN]] : tensor<f32>
func.func @cond_on_constant(%x: tensor<f32>) -> tensor<f32> {
  %t = ag.constant dense<true> : tensor<i1>
  %seven = ag.constant dense<7.0> : tensor<f32>
  %r = ag.cond %t -> (tensor<f32>) {
    ag.yield %seven : tensor<f32>
  } else {
    ag.yield %x : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// The loop carries the constant it starts with through both regions, so
// SCCP proves the result is that constant.
// SCCP-LABEL: func @while_carries_a_constant
// SCCP: %[[FIVE:.*]] = ag.constant dense<5> : tensor<i64>
// SCCP-NOT: ag.while_loop
// SCCP: return %[[FIVE]] : tensor<i64>
func.func @while_carries_a_constant(%p: tensor<i1>) -> tensor<i64> {
  %five = ag.constant dense<5> : tensor<i64>
  %r = ag.while_loop (%five) : (tensor<i64>) -> (tensor<i64>) cond {
  ^bb0(%a: tensor<i64>):
    ag.condition %p, %a : tensor<i64>
  } body {
  ^bb0(%a: tensor<i64>):
    ag.yield %a : tensor<i64>
  }
  return %r : tensor<i64>
}
