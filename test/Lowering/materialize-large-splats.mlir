// RUN: autograph-opt %s -materialize-large-splats | FileCheck %s
// A huge fill (found from outside: --emit=llvm-ir never finished, building
// a global of 10^12 elements) compiles in no time.
// RUN: timeout 60 autograph-cc %s --emit=llvm-ir -- | FileCheck %s --check-prefix=IR

// A splat of more than 64 KiB is filled at run time.
// CHECK-LABEL: func @large
func.func @large() -> tensor<1000000x1000000xi64> {
  // CHECK: %[[THREE:.*]] = arith.constant 3 : i64
  // CHECK: %[[EMPTY:.*]] = tensor.empty() : tensor<1000000x1000000xi64>
  // CHECK: %[[FILL:.*]] = linalg.fill ins(%[[THREE]] : i64) outs(%[[EMPTY]] : tensor<1000000x1000000xi64>)
  // CHECK: return %[[FILL]]
  %c = arith.constant dense<3> : tensor<1000000x1000000xi64>
  return %c : tensor<1000000x1000000xi64>
}

// 64 KiB or less stays a constant (a global of its elements is cheap).
// CHECK-LABEL: func @small
func.func @small() -> tensor<128x128xf32> {
  // CHECK: arith.constant dense<5.000000e-01> : tensor<128x128xf32>
  // CHECK-NOT: linalg.fill
  %c = arith.constant dense<0.5> : tensor<128x128xf32>
  return %c : tensor<128x128xf32>
}

// The same through an ag.fill and the whole pipeline: no constant global.
// IR-NOT: private {{.*}}constant [1000000 x
// IR: define void @_mlir_ciface_ag_aot_fill(
func.func @fill() -> tensor<1000000x1000000xi64> {
  %v = ag.constant dense<3> : tensor<i64>
  %f = ag.fill %v : tensor<i64> -> tensor<1000000x1000000xi64>
  return %f : tensor<1000000x1000000xi64>
}
