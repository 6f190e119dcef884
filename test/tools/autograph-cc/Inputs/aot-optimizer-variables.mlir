// Input of ../aot-header-optimizer-variables.test.
func.func @step(%g: tensor<2xf32>,
                %w: tensor<2xf32> {ag.variable = "dense/kernel", ag.variable_index = 0 : i64},
                %m: tensor<2xf32> {ag.variable = "dense/kernel/momentum", ag.variable_index = 1 : i64, ag.optimizer = 0 : i64, ag.optimizer_config = "SGD(learning_rate=0.5, momentum=0.9, nesterov=false)", ag.slot = 0 : i64, ag.slot_of = 0 : i64},
                %i: tensor<i64> {ag.variable = "iteration", ag.variable_index = 2 : i64, ag.optimizer = 0 : i64, ag.optimizer_config = "SGD(learning_rate=0.5, momentum=0.9, nesterov=false)"})
    -> (tensor<2xf32>, tensor<2xf32> {ag.variable = "dense/kernel/momentum", ag.variable_index = 1 : i64, ag.optimizer = 0 : i64, ag.optimizer_config = "SGD(learning_rate=0.5, momentum=0.9, nesterov=false)", ag.slot = 0 : i64, ag.slot_of = 0 : i64}) {
  %y = ag.add %w, %m : tensor<2xf32>
  %z = ag.add %y, %g : tensor<2xf32>
  return %z, %z : tensor<2xf32>, tensor<2xf32>
}

// A slot without ag.slot_of; a variable number, an optimizer number and a
// slot_of out of range.
func.func @odd(%x: tensor<2xf32> {ag.variable = "w", ag.variable_index = 0 : i64},
               %s: tensor<2xf32> {ag.variable = "w/m", ag.variable_index = 1 : i64, ag.optimizer = 0 : i64, ag.optimizer_config = "Adam()", ag.slot = 0 : i64},
               %t: tensor<2xf32> {ag.variable = "q", ag.variable_index = 99 : i64, ag.optimizer = 100000000 : i64, ag.optimizer_config = "X", ag.slot = 0 : i64, ag.slot_of = 77 : i64})
    -> tensor<2xf32> {
  %y = ag.add %x, %s : tensor<2xf32>
  %z = ag.add %y, %t : tensor<2xf32>
  return %z : tensor<2xf32>
}
