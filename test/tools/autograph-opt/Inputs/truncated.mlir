func.func @f(%x: tensor<f32>) -> tensor<f32> {
  %y = ag.add %x, %x : tensor<f