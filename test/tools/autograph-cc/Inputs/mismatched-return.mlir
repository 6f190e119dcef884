func.func @f(%a: tensor<2xf32>) -> tensor<3xf32> {
  %b = ag.add %a, %a : tensor<2xf32>
  return %b : tensor<2xf32>
}
