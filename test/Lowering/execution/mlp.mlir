// A dense layer with a dynamic batch and a tensor-dependent branch.
// RUN: autograph-opt %s -ag-to-llvm | %mlir_run | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)

// relu(x @ w + b), or its negation when the sum of x is negative.
func.func @dense(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>, %b: tensor<2xf32>) -> tensor<?x2xf32> {
  %y = ag.matmul %x, %w : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %n = ag.dim %x, 0 : tensor<?x3xf32>
  %bb = ag.broadcast_to %b[%n] : tensor<2xf32> -> tensor<?x2xf32>
  %z = ag.add %y, %bb : tensor<?x2xf32>
  %r = ag.relu %z : tensor<?x2xf32>
  %total = ag.reduce sum %x dims [0, 1] : tensor<?x3xf32> -> tensor<f32>
  %zero = ag.constant dense<0.0> : tensor<f32>
  %negative = ag.compare lt, %total, %zero : tensor<f32>
  %out = ag.cond %negative -> (tensor<?x2xf32>) {
    %neg = ag.neg %r : tensor<?x2xf32>
    ag.yield %neg : tensor<?x2xf32>
  } else {
    ag.yield %r : tensor<?x2xf32>
  }
  return %out : tensor<?x2xf32>
}

func.func @main() {
  %w = ag.constant dense<[[1.0, -1.0], [0.5, 1.0], [0.0, 2.0]]> : tensor<3x2xf32>
  %b = ag.constant dense<[0.25, -1.0]> : tensor<2xf32>

  // Row [1, 2, 3]: [1 + 1 + 0, -1 + 2 + 6] + b = [2.25, 6]; sum of x is 6.
  // Row [0, 0, 1]: [0, 2] + b = [0.25, 1].
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: {{\[\[}}2.25, 6],
  // CHECK-NEXT: [0.25, 1]]
  %x2 = ag.constant dense<[[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]]> : tensor<2x3xf32>
  %x2d = tensor.cast %x2 : tensor<2x3xf32> to tensor<?x3xf32>
  %r2 = call @dense(%x2d, %w, %b) : (tensor<?x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %u2 = tensor.cast %r2 : tensor<?x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u2) : (tensor<*xf32>) -> ()

  // Row [-4, 0, 0]: [-4, 4] + b = [-3.75, 3] -> relu [0, 3]; the sum is
  // negative, so the result is negated.
  // CHECK: sizes = [1, 2]
  // CHECK-NEXT: {{\[\[}}-0, -3]]
  %x1 = ag.constant dense<[[-4.0, 0.0, 0.0]]> : tensor<1x3xf32>
  %x1d = tensor.cast %x1 : tensor<1x3xf32> to tensor<?x3xf32>
  %r1 = call @dense(%x1d, %w, %b) : (tensor<?x3xf32>, tensor<3x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %u1 = tensor.cast %r1 : tensor<?x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u1) : (tensor<*xf32>) -> ()
  return
}
