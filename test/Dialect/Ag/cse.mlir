// Pure ag ops are merged by CSE and removed when unused; ag.print and
// ag.assert are neither.
// RUN: autograph-opt %s -cse -canonicalize | FileCheck %s

// CHECK-LABEL: func @pure_ops_are_merged
// CHECK-SAME: (%[[X:.*]]: tensor<?xf32>)
func.func @pure_ops_are_merged(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>) {
  // CHECK: %[[E:.*]] = ag.exp %[[X]]
  // CHECK-NOT: ag.exp
  // CHECK: return %[[E]], %[[E]]
  %a = ag.exp %x : tensor<?xf32>
  %b = ag.exp %x : tensor<?xf32>
  return %a, %b : tensor<?xf32>, tensor<?xf32>
}

// CHECK-LABEL: func @unused_pure_ops_are_removed
func.func @unused_pure_ops_are_removed(%x: tensor<?xf32>) {
  // CHECK-NOT: ag.
  // CHECK: return
  %a = ag.tanh %x : tensor<?xf32>
  %b = ag.reduce sum %a dims [0] : tensor<?xf32> -> tensor<f32>
  return
}

// CHECK-LABEL: func @side_effects_stay
func.func @side_effects_stay(%p: tensor<i1>) {
  // CHECK: ag.assert %{{.*}}, "first"
  // CHECK-NEXT: ag.assert %{{.*}}, "first"
  // CHECK-NEXT: ag.print("done\0A")
  ag.assert %p, "first"
  ag.assert %p, "first"
  ag.print("done\n")
  return
}

// A cond whose regions print is kept even when its results are unused.
// CHECK-LABEL: func @cond_with_print_stays
func.func @cond_with_print_stays(%p: tensor<i1>, %x: tensor<f32>) {
  // CHECK: ag.cond
  // CHECK: ag.print("then\0A")
  %r = ag.cond %p -> (tensor<f32>) {
    ag.print("then\n")
    ag.yield %x : tensor<f32>
  } else {
    ag.yield %x : tensor<f32>
  }
  return
}

// A cond with pure regions and unused results disappears.
// CHECK-LABEL: func @pure_cond_is_removed
func.func @pure_cond_is_removed(%p: tensor<i1>, %x: tensor<f32>) {
  // CHECK-NOT: ag.cond
  %r = ag.cond %p -> (tensor<f32>) {
    %n = ag.neg %x : tensor<f32>
    ag.yield %n : tensor<f32>
  } else {
    ag.yield %x : tensor<f32>
  }
  return
}
