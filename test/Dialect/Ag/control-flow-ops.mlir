// Round trip of ag.cond, ag.while_loop, ag.for and ag.yield.
// RUN: autograph-opt %s | autograph-opt | FileCheck %s
// RUN: autograph-opt %s -mlir-print-op-generic | autograph-opt | FileCheck %s

// CHECK-LABEL: func @cond_with_results
// CHECK-SAME: (%[[P:.*]]: tensor<i1>, %[[X:.*]]: tensor<f32>)
func.func @cond_with_results(%p: tensor<i1>, %x: tensor<f32>) -> tensor<f32> {
  // CHECK: %[[R:.*]] = ag.cond %[[P]] -> (tensor<f32>) {
  // CHECK-NEXT: %[[SQ:.*]] = ag.mul %[[X]], %[[X]] : tensor<f32>
  // CHECK-NEXT: ag.yield %[[SQ]] : tensor<f32>
  // CHECK-NEXT: } else {
  // CHECK-NEXT: ag.yield %[[X]] : tensor<f32>
  // CHECK-NEXT: }
  %r = ag.cond %p -> (tensor<f32>) {
    %sq = ag.mul %x, %x : tensor<f32>
    ag.yield %sq : tensor<f32>
  } else {
    ag.yield %x : tensor<f32>
  }
  // CHECK: return %[[R]]
  return %r : tensor<f32>
}

// CHECK-LABEL: func @cond_without_results
func.func @cond_without_results(%p: tensor<i1>, %x: tensor<f32>) {
  // CHECK: ag.cond %{{.*}} {
  // CHECK: ag.print("big ", %{{.*}}, "\0A") : tensor<f32>
  // CHECK: } else {
  ag.cond %p {
    ag.print("big ", %x, "\n") : tensor<f32>
    ag.yield
  } else {
    ag.yield
  }
  return
}

// Collatz: count the steps until n reaches 1.
// CHECK-LABEL: func @while_loop_collatz
// CHECK-SAME: (%[[N0:.*]]: tensor<i64>)
func.func @while_loop_collatz(%n0: tensor<i64>) -> tensor<i64> {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
  // CHECK: %[[R:.*]]:2 = ag.while_loop(%[[N0]], %{{.*}}) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) cond {
  // CHECK-NEXT: ^bb0(%[[CN:.*]]: tensor<i64>, %{{.*}}: tensor<i64>):
  // CHECK-NEXT: %[[MORE:.*]] = ag.compare gt, %[[CN]], %{{.*}} : tensor<i64>
  // CHECK-NEXT: ag.condition %[[MORE]], %[[CN]], %{{.*}} : tensor<i64>, tensor<i64>
  // CHECK-NEXT: } body {
  // CHECK-NEXT: ^bb0(%[[BN:.*]]: tensor<i64>, %[[BS:.*]]: tensor<i64>):
  // CHECK: ag.cond
  // CHECK: ag.yield %{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>
  %n, %steps = ag.while_loop (%n0, %zero) : (tensor<i64>, tensor<i64>) -> (tensor<i64>, tensor<i64>) cond {
  ^bb0(%n: tensor<i64>, %s: tensor<i64>):
    %more = ag.compare gt, %n, %one : tensor<i64>
    ag.condition %more, %n, %s : tensor<i64>, tensor<i64>
  } body {
  ^bb0(%n: tensor<i64>, %s: tensor<i64>):
    %r = ag.rem %n, %two : tensor<i64>
    %even = ag.compare eq, %r, %zero : tensor<i64>
    %next = ag.cond %even -> (tensor<i64>) {
      %h = ag.div %n, %two : tensor<i64>
      ag.yield %h : tensor<i64>
    } else {
      %t = ag.mul %n, %three : tensor<i64>
      %t1 = ag.add %t, %one : tensor<i64>
      ag.yield %t1 : tensor<i64>
    }
    %s1 = ag.add %s, %one : tensor<i64>
    ag.yield %next, %s1 : tensor<i64>, tensor<i64>
  }
  // CHECK: return %[[R]]#1
  return %steps : tensor<i64>
}

// CHECK-LABEL: func @for_over_rows
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>, %[[N:.*]]: tensor<i64>)
func.func @for_over_rows(%x: tensor<?xf32>, %n: tensor<i64>) -> tensor<f32> {
  %c0 = ag.constant dense<0> : tensor<i64>
  %c1 = ag.constant dense<1> : tensor<i64>
  %zero = ag.constant dense<0.0> : tensor<f32>
  // CHECK: %[[SUM:.*]] = ag.for %{{.*}} to %[[N]] step %{{.*}} : tensor<i64> iter_args(%{{.*}} : tensor<f32>) -> (tensor<f32>) {
  // CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i64>, %[[ACC:.*]]: tensor<f32>):
  // CHECK-NEXT: %[[ROW:.*]] = ag.index %[[X]][%[[I]]]
  // CHECK-NEXT: %[[NEXT:.*]] = ag.add %[[ACC]], %[[ROW]]
  // CHECK-NEXT: ag.yield %[[NEXT]] : tensor<f32>
  %sum = ag.for %c0 to %n step %c1 : tensor<i64> iter_args(%zero : tensor<f32>) -> (tensor<f32>) {
  ^bb0(%i: tensor<i64>, %acc: tensor<f32>):
    %row = ag.index %x[%i] : tensor<?xf32>, tensor<i64> -> tensor<f32>
    %next = ag.add %acc, %row : tensor<f32>
    ag.yield %next : tensor<f32>
  }
  return %sum : tensor<f32>
}

// CHECK-LABEL: func @for_without_carried_values
func.func @for_without_carried_values(%n: tensor<i32>) {
  %c0 = ag.constant dense<0> : tensor<i32>
  %c1 = ag.constant dense<1> : tensor<i32>
  // CHECK: ag.for %{{.*}} to %{{.*}} step %{{.*}} : tensor<i32> {
  // CHECK-NEXT: ^bb0(%[[I:.*]]: tensor<i32>):
  // CHECK-NEXT: ag.print("i = ", %[[I]], "\0A") : tensor<i32>
  ag.for %c0 to %n step %c1 : tensor<i32> {
  ^bb0(%i: tensor<i32>):
    ag.print("i = ", %i, "\n") : tensor<i32>
    ag.yield
  }
  return
}
