// Compiled for CompiledPrintAssertTest.cpp, which checks its output and
// errors against eager execution.

func.func @print_values(%x: tensor<2x2xf32>, %i: tensor<i64>, %b: tensor<3xi1>) attributes {llvm.emit_c_interface} {
  ag.print("x = ", %x, ", i = ", %i, " b = ", %b, "\n") : tensor<2x2xf32>, tensor<i64>, tensor<3xi1>
  return
}

func.func @print_long_vector(%v: tensor<?xi32>) attributes {llvm.emit_c_interface} {
  ag.print(%v, "\n") : tensor<?xi32>
  return
}

func.func @checked_sqrt(%x: tensor<f32>) -> tensor<f32> attributes {llvm.emit_c_interface} {
  %zero = ag.constant dense<0.0> : tensor<f32>
  %ok = ag.compare ge, %x, %zero : tensor<f32>
  ag.assert %ok, "x must be non-negative" loc("model.cc":42:3)
  ag.print("after the assert\n")
  %r = ag.sqrt %x : tensor<f32>
  return %r : tensor<f32>
}
