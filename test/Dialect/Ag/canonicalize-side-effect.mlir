// ag.print and ag.assert under canonicalization and CSE.
// RUN: autograph-opt %s -canonicalize -cse -split-input-file | FileCheck %s

// CHECK-LABEL: func @assert_true_is_removed
func.func @assert_true_is_removed() {
  // CHECK-NOT: ag.assert
  %t = ag.constant dense<true> : tensor<i1>
  ag.assert %t, "always holds"
  return
}

// -----

// A failing assert stays: it must raise at run time.
// CHECK-LABEL: func @assert_false_is_kept
func.func @assert_false_is_kept() {
  // CHECK: ag.assert %{{.*}}, "never holds"
  %f = ag.constant dense<false> : tensor<i1>
  ag.assert %f, "never holds"
  return
}

// -----

// Identical prints are neither merged nor dropped, and keep their order.
// CHECK-LABEL: func @prints_are_kept_in_order
func.func @prints_are_kept_in_order(%x: tensor<f32>) {
  // CHECK: ag.print("a ", %{{.*}}, "\0A")
  // CHECK-NEXT: ag.print("b\0A")
  // CHECK-NEXT: ag.print("a ", %{{.*}}, "\0A")
  ag.print("a ", %x, "\n") : tensor<f32>
  ag.print("b\n")
  ag.print("a ", %x, "\n") : tensor<f32>
  return
}
