// The ag functions that bench/CompiledKernelsBench.cpp runs compiled, next to
// hand-written C++ and Eigen. They are what tracing the C++ in the comments
// records.

// ag::Tensor collatz_steps(ag::Tensor n) {
//   ag::Tensor steps = 0;
//   while (n > 1) { n = (n % 2 == 0) ? n / 2 : 3 * n + 1; steps += 1; }
//   return steps;
// }
func.func @collatz_steps(%n0: tensor<i64>) -> tensor<i64> attributes {llvm.emit_c_interface} {
  %zero = ag.constant dense<0> : tensor<i64>
  %one = ag.constant dense<1> : tensor<i64>
  %two = ag.constant dense<2> : tensor<i64>
  %three = ag.constant dense<3> : tensor<i64>
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
  return %steps : tensor<i64>
}

// sigmoid(x * w + b) * 2 - 1 with scalar w and b (broadcast), as
// `ag::sigmoid(x * w + b) * 2.f - 1.f` traces.
func.func @sigmoid_chain(%x: tensor<?xf32>, %w: tensor<f32>, %b: tensor<f32>) -> tensor<?xf32> attributes {llvm.emit_c_interface} {
  %n = ag.dim %x, 0 : tensor<?xf32>
  %wb = ag.broadcast_to %w[%n] : tensor<f32> -> tensor<?xf32>
  %bb = ag.broadcast_to %b[%n] : tensor<f32> -> tensor<?xf32>
  %two = ag.constant dense<2.0> : tensor<f32>
  %one = ag.constant dense<1.0> : tensor<f32>
  %twob = ag.broadcast_to %two[%n] : tensor<f32> -> tensor<?xf32>
  %oneb = ag.broadcast_to %one[%n] : tensor<f32> -> tensor<?xf32>
  %xw = ag.mul %x, %wb : tensor<?xf32>
  %z = ag.add %xw, %bb : tensor<?xf32>
  %s = ag.sigmoid %z : tensor<?xf32>
  %d = ag.mul %s, %twob : tensor<?xf32>
  %r = ag.sub %d, %oneb : tensor<?xf32>
  return %r : tensor<?xf32>
}

func.func @matmul(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> attributes {llvm.emit_c_interface} {
  %c = ag.matmul %a, %b : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %c : tensor<?x?xf32>
}
