func.func @multiply_add(%a: tensor<1024xf32>, %b: tensor<1024xf32>, %c: tensor<1024xf32>) -> tensor<1024xf32> {
  %p = ag.mul %a, %b : tensor<1024xf32>
  %s = ag.add %p, %c : tensor<1024xf32>
  return %s : tensor<1024xf32>
}
