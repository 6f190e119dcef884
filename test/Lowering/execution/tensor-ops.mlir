// Every structural op, compiled and run on small inputs with hand-computed
// results.
// RUN: autograph-opt %s -ag-to-llvm | %mlir_run | FileCheck %s

func.func private @printMemrefF32(tensor<*xf32>)
func.func private @printMemrefI64(tensor<*xi64>)
func.func private @printMemrefI32(tensor<*xi32>)

func.func @print_f32_1d(%t: tensor<?xf32>) {
  %u = tensor.cast %t : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
func.func @print_f32_2d(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
func.func @print_i64_1d(%t: tensor<?xi64>) {
  %u = tensor.cast %t : tensor<?xi64> to tensor<*xi64>
  call @printMemrefI64(%u) : (tensor<*xi64>) -> ()
  return
}
func.func @print_i32_1d(%t: tensor<?xi32>) {
  %u = tensor.cast %t : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @main() {
  %m = ag.constant dense<[[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]]> : tensor<2x3xf32>

  // CHECK: sizes = [3]
  // CHECK-NEXT: [5, 7, 9]
  %sum = ag.reduce sum %m dims [0] : tensor<2x3xf32> -> tensor<3xf32>
  %u0 = tensor.cast %sum : tensor<3xf32> to tensor<?xf32>
  call @print_f32_1d(%u0) : (tensor<?xf32>) -> ()

  // Means of the rows, kept as a column: 9/3 = 3, 12/3 = 4.
  // CHECK: sizes = [2, 1]
  // CHECK-NEXT: {{\[\[}}3],
  // CHECK-NEXT: [4]]
  %mean = ag.reduce mean %m dims [1] keepdims : tensor<2x3xf32> -> tensor<2x1xf32>
  %u1 = tensor.cast %mean : tensor<2x1xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u1) : (tensor<?x?xf32>) -> ()

  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, 2]
  %am = ag.argmax %m dim 1 : tensor<2x3xf32> -> tensor<2xi64>
  %u2 = tensor.cast %am : tensor<2xi64> to tensor<?xi64>
  call @print_i64_1d(%u2) : (tensor<?xi64>) -> ()

  // CHECK: sizes = [3, 2]
  // CHECK-NEXT: {{\[\[}}1, 4],
  // CHECK-NEXT: [5, 2],
  // CHECK-NEXT: [3, 6]]
  %t = ag.transpose %m, [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  %u3 = tensor.cast %t : tensor<3x2xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u3) : (tensor<?x?xf32>) -> ()

  // Row 1, and an out-of-range row clamped to the last one (never read
  // out of bounds).
  // CHECK: sizes = [3]
  // CHECK-NEXT: [4, 2, 6]
  // CHECK: sizes = [3]
  // CHECK-NEXT: [4, 2, 6]
  %i1 = ag.constant dense<1> : tensor<i64>
  %row = ag.index %m[%i1] : tensor<2x3xf32>, tensor<i64> -> tensor<3xf32>
  %u4 = tensor.cast %row : tensor<3xf32> to tensor<?xf32>
  call @print_f32_1d(%u4) : (tensor<?xf32>) -> ()
  // Row -1 is the last row, as in the runtime.
  // CHECK: sizes = [3]
  // CHECK-NEXT: [4, 2, 6]
  %im1 = ag.constant dense<-1> : tensor<i64>
  %last = ag.index %m[%im1] : tensor<2x3xf32>, tensor<i64> -> tensor<3xf32>
  %ul = tensor.cast %last : tensor<3xf32> to tensor<?xf32>
  call @print_f32_1d(%ul) : (tensor<?xf32>) -> ()
  %i9 = ag.constant dense<9> : tensor<i64>
  %far = ag.index %m[%i9] : tensor<2x3xf32>, tensor<i64> -> tensor<3xf32>
  %u5 = tensor.cast %far : tensor<3xf32> to tensor<?xf32>
  call @print_f32_1d(%u5) : (tensor<?xf32>) -> ()

  // range(7, 0, -3) = [7, 4, 1]; range(0, 5, 2) = [0, 2, 4].
  // CHECK: sizes = [3]
  // CHECK-NEXT: [7, 4, 1]
  // CHECK: sizes = [3]
  // CHECK-NEXT: [0, 2, 4]
  %c7 = ag.constant dense<7> : tensor<i64>
  %c0 = ag.constant dense<0> : tensor<i64>
  %cm3 = ag.constant dense<-3> : tensor<i64>
  %down = ag.range %c7, %c0, %cm3 : tensor<i64> -> tensor<?xi64>
  %u6 = tensor.cast %down : tensor<?xi64> to tensor<?xi64>
  call @print_i64_1d(%u6) : (tensor<?xi64>) -> ()
  %c5 = ag.constant dense<5> : tensor<i64>
  %c2 = ag.constant dense<2> : tensor<i64>
  %up = ag.range %c0, %c5, %c2 : tensor<i64> -> tensor<?xi64>
  %u7 = tensor.cast %up : tensor<?xi64> to tensor<?xi64>
  call @print_i64_1d(%u7) : (tensor<?xi64>) -> ()

  // CHECK: sizes = [3, 3]
  // CHECK-NEXT: {{\[\[}}0, 1, 0],
  // CHECK-NEXT: [0, 0, 1],
  // CHECK-NEXT: [0, 0, 0]]
  %labels = ag.constant dense<[1, 2, 5]> : tensor<3xi64>
  %oh = ag.one_hot %labels depth 3 : tensor<3xi64> -> tensor<3x3xf32>
  %u8 = tensor.cast %oh : tensor<3x3xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u8) : (tensor<?x?xf32>) -> ()

  // CHECK: sizes = [3, 3]
  // CHECK-NEXT: {{\[\[}}1, 5, 3],
  // CHECK-NEXT: [4, 2, 6],
  // CHECK-NEXT: [0, 1, 0]]
  %mf = tensor.cast %m : tensor<2x3xf32> to tensor<?x3xf32>
  %cat = ag.concat %mf, %oh dim 0 : (tensor<?x3xf32>, tensor<3x3xf32>) -> tensor<?x3xf32>
  %first3 = ag.slice %cat[%c0, %c5] : tensor<?x3xf32>, tensor<i64> -> tensor<?x3xf32>
  %three = ag.constant dense<3> : tensor<i64>
  %top = ag.slice %first3[%c0, %three] : tensor<?x3xf32>, tensor<i64> -> tensor<?x3xf32>
  %u9 = tensor.cast %top : tensor<?x3xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u9) : (tensor<?x?xf32>) -> ()

  // reshape to 3x2 row-major; broadcast a row over 2 rows.
  // CHECK: sizes = [3, 2]
  // CHECK-NEXT: {{\[\[}}1, 5],
  // CHECK-NEXT: [3, 4],
  // CHECK-NEXT: [2, 6]]
  %rs = ag.reshape %m : tensor<2x3xf32> -> tensor<3x2xf32>
  %u10 = tensor.cast %rs : tensor<3x2xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u10) : (tensor<?x?xf32>) -> ()
  // CHECK: sizes = [2, 3]
  // CHECK-NEXT: {{\[\[}}5, 7, 9],
  // CHECK-NEXT: [5, 7, 9]]
  %bc = ag.broadcast_to %sum : tensor<3xf32> -> tensor<2x3xf32>
  %u11 = tensor.cast %bc : tensor<2x3xf32> to tensor<?x?xf32>
  call @print_f32_2d(%u11) : (tensor<?x?xf32>) -> ()

  // C++ integer semantics: -7 / 2 = -3, -7 % 2 = -1, and a division by zero
  // does not trap (it divides by 1; reporting it is ag.assert's job).
  // CHECK: sizes = [3]
  // CHECK-NEXT: [-3, -1, -7]
  %a = ag.constant dense<[-7, -7, -7]> : tensor<3xi32>
  %d = ag.constant dense<[2, 2, 0]> : tensor<3xi32>
  %q = ag.div %a, %d : tensor<3xi32>
  %r = ag.rem %a, %d : tensor<3xi32>
  %q0 = ag.slice %q[%c0, %i1] : tensor<3xi32>, tensor<i64> -> tensor<?xi32>
  %r1 = ag.slice %r[%i1, %c2] : tensor<3xi32>, tensor<i64> -> tensor<?xi32>
  %q2 = ag.slice %q[%c2, %three] : tensor<3xi32>, tensor<i64> -> tensor<?xi32>
  %qr = ag.concat %q0, %r1, %q2 dim 0 : (tensor<?xi32>, tensor<?xi32>, tensor<?xi32>) -> tensor<?xi32>
  %u12 = tensor.cast %qr : tensor<?xi32> to tensor<?xi32>
  call @print_i32_1d(%u12) : (tensor<?xi32>) -> ()

  // Casts truncate toward zero, saturate, and map NaN to 0:
  // 2.7 -> 2, -2.7 -> -2, 1e10 -> 2147483647, -1e10 -> -2147483648, NaN -> 0.
  // CHECK: sizes = [5]
  // CHECK-NEXT: [2, -2, 2147483647, -2147483648, 0]
  %f = ag.constant dense<[2.7, -2.7, 1.0e10, -1.0e10, 0x7FC00000]> : tensor<5xf32>
  %fi = ag.cast %f : tensor<5xf32> to tensor<5xi32>
  %u13 = tensor.cast %fi : tensor<5xi32> to tensor<?xi32>
  call @print_i32_1d(%u13) : (tensor<?xi32>) -> ()
  return
}
