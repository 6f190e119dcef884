// RUN: autograph-opt %s -convert-ag-print-assert-to-runtime-calls -split-input-file -mlir-print-debuginfo | FileCheck %s

// The runtime functions are declared once, with read-only tensor arguments.
// CHECK-DAG: func.func private @agrt_memref_print_begin()
// CHECK-DAG: func.func private @agrt_memref_print_text(tensor<?xi8> {bufferization.access = "read"})
// CHECK-DAG: func.func private @agrt_memref_print_tensor_f32(tensor<*xf32> {bufferization.access = "read"})
// CHECK-DAG: func.func private @agrt_memref_print_tensor_bool(tensor<*xi1> {bufferization.access = "read"})
// CHECK-DAG: func.func private @agrt_memref_print_end()

// Text pieces and tensors in order; "x = " is the bytes 120 32 61 32.
// CHECK-LABEL: func @print
// CHECK-SAME: (%[[X:[^:]*]]: tensor<2xf32>{{.*}}, %[[B:[^:]*]]: tensor<i1>
func.func @print(%x: tensor<2xf32>, %b: tensor<i1>) {
  // CHECK: call @agrt_memref_print_begin()
  // CHECK: %[[T1:.*]] = arith.constant dense<[120, 32, 61, 32]> : tensor<4xi8>
  // CHECK: %[[T1D:.*]] = tensor.cast %[[T1]] : tensor<4xi8> to tensor<?xi8>
  // CHECK: call @agrt_memref_print_text(%[[T1D]])
  // CHECK: %[[XU:.*]] = tensor.cast %[[X]] : tensor<2xf32> to tensor<*xf32>
  // CHECK: call @agrt_memref_print_tensor_f32(%[[XU]])
  // CHECK: %[[SPACE:.*]] = arith.constant dense<32> : tensor<1xi8>
  // CHECK: %[[SPACED:.*]] = tensor.cast %[[SPACE]]
  // CHECK: call @agrt_memref_print_text(%[[SPACED]])
  // CHECK: %[[BU:.*]] = tensor.cast %[[B]] : tensor<i1> to tensor<*xi1>
  // CHECK: call @agrt_memref_print_tensor_bool(%[[BU]])
  // CHECK: %[[NEWLINE:.*]] = arith.constant dense<10> : tensor<1xi8>
  // CHECK: %[[NEWLINED:.*]] = tensor.cast %[[NEWLINE]]
  // CHECK: call @agrt_memref_print_text(%[[NEWLINED]])
  // CHECK: call @agrt_memref_print_end()
  // CHECK-NOT: ag.print
  ag.print("x = ", %x, " ", %b, "\n") : tensor<2xf32>, tensor<i1>
  return
}

// -----

// A value with a printf format is preceded by agrt_memref_print_format with
// the conversion's text ("%.3f" is the bytes 37 46 51 102); the next value,
// without one, is not.
// CHECK-LABEL: func @print_formatted
// CHECK-SAME: (%[[X:[^:]*]]: tensor<f32>
func.func @print_formatted(%x: tensor<f32>) {
  // CHECK: %[[FORMAT:.*]] = arith.constant dense<[37, 46, 51, 102]> : tensor<4xi8>
  // CHECK: %[[FORMATD:.*]] = tensor.cast %[[FORMAT]] : tensor<4xi8> to tensor<?xi8>
  // CHECK: call @agrt_memref_print_format(%[[FORMATD]])
  // CHECK: %[[XU:.*]] = tensor.cast %[[X]] : tensor<f32> to tensor<*xf32>
  // CHECK: call @agrt_memref_print_tensor_f32(%[[XU]])
  // CHECK-NOT: call @agrt_memref_print_format
  // CHECK: call @agrt_memref_print_tensor_f32
  // CHECK: call @agrt_memref_print_end()
  ag.print(%x as "%.3f", " ", %x) : tensor<f32>, tensor<f32>
  return
}

// -----

// The failing branch calls agrt_memref_assert_fail with the message, the file and
// the line of the op's location.
// CHECK-LABEL: func @assert
// CHECK-SAME: (%[[P:[^:]*]]: tensor<i1>
func.func @assert(%p: tensor<i1>) {
  // "pos" is 112 111 115; "m.cc" is 109 46 99 99.
  // CHECK: %[[HOLDS:.*]] = tensor.extract %[[P]][]
  // CHECK: %[[FAILS:.*]] = arith.xori %[[HOLDS]], %true
  // CHECK: scf.if %[[FAILS]] {
  // CHECK-DAG: %[[LINE:.*]] = arith.constant 12 : i64
  // CHECK-DAG: %[[MESSAGE:.*]] = arith.constant dense<[112, 111, 115]> : tensor<3xi8>
  // CHECK-DAG: %[[FILE:.*]] = arith.constant dense<[109, 46, 99, 99]> : tensor<4xi8>
  // CHECK-DAG: %[[MESSAGED:.*]] = tensor.cast %[[MESSAGE]]
  // CHECK-DAG: %[[FILED:.*]] = tensor.cast %[[FILE]]
  // CHECK: call @agrt_memref_assert_fail(%[[MESSAGED]], %[[FILED]], %[[LINE]]) : (tensor<?xi8>, tensor<?xi8>, i64) -> ()
  // CHECK-NOT: ag.assert
  ag.assert %p, "pos" loc("m.cc":12:3)
  return
}
