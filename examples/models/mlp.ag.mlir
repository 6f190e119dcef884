// The ag module that tracing `mlp` (examples/models/mlp.cc) with the
// signature f32[?,2],f32[2,2],f32[2],f32[2,1],f32[1] records, with a @main
// that runs it on the example's inputs. The main job lowers it through every
// stage and runs it; its output must agree with mlp.expected.
func.func private @printMemrefF32(tensor<*xf32>)

func.func @mlp(%x: tensor<?x2xf32>, %w1: tensor<2x2xf32>, %b1: tensor<2xf32>,
               %w2: tensor<2x1xf32>, %b2: tensor<1xf32>) -> tensor<?x1xf32> {
  %xw = ag.matmul %x, %w1 : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %n = ag.dim %x, 0 : tensor<?x2xf32>
  %b1b = ag.broadcast_to %b1[%n] : tensor<2xf32> -> tensor<?x2xf32>
  %h = ag.add %xw, %b1b : tensor<?x2xf32>
  %mean = ag.reduce mean %h dims [0, 1] : tensor<?x2xf32> -> tensor<f32>
  %zero = ag.constant dense<0.0> : tensor<f32>
  %positive = ag.compare gt, %mean, %zero : tensor<f32>
  %act = ag.cond %positive -> (tensor<?x2xf32>) {
    %r = ag.relu %h : tensor<?x2xf32>
    ag.yield %r : tensor<?x2xf32>
  } else {
    %t = ag.tanh %h : tensor<?x2xf32>
    ag.yield %t : tensor<?x2xf32>
  }
  %hw = ag.matmul %act, %w2 : (tensor<?x2xf32>, tensor<2x1xf32>) -> tensor<?x1xf32>
  %b2b = ag.broadcast_to %b2[%n] : tensor<1xf32> -> tensor<?x1xf32>
  %y = ag.add %hw, %b2b : tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}

func.func @show(%t: tensor<?x1xf32>) {
  %u = tensor.cast %t : tensor<?x1xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %w1 = ag.constant dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>
  %b1 = ag.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %w2 = ag.constant dense<[[1.0], [2.0]]> : tensor<2x1xf32>
  %b2 = ag.constant dense<[0.25]> : tensor<1xf32>
  %p = ag.constant dense<[[1.0, 2.0], [3.0, -1.0]]> : tensor<2x2xf32>
  %pd = tensor.cast %p : tensor<2x2xf32> to tensor<?x2xf32>
  %yp = call @mlp(%pd, %w1, %b1, %w2, %b2) : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2x1xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  call @show(%yp) : (tensor<?x1xf32>) -> ()
  %q = ag.constant dense<[[-1.0, -2.0], [-3.0, 1.0]]> : tensor<2x2xf32>
  %qd = tensor.cast %q : tensor<2x2xf32> to tensor<?x2xf32>
  %yq = call @mlp(%qd, %w1, %b1, %w2, %b2) : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>, tensor<2x1xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  call @show(%yq) : (tensor<?x1xf32>) -> ()
  return
}
