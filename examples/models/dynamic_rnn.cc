// Effective TF2's DynamicRNN: a recurrent cell over [batch, time, features]
// inputs whose time and batch are known only at run time. The input is made
// time-major, a `for` over ag::range(time) writes each step's output to an
// ag::TensorArray, and the stacked outputs are made batch-major again.
// autograph-cc stages the loop as one ag.for; compiled code writes the
// array through the runtime (one compiled signature, f32[?,?,4], serves
// every length). The cell's weights are variables: inputs of the compiled
// code, never constants.
#include <autograph/autograph.h>

#include <tuple>
#include <vector>

// A simple RNN cell, h' = tanh(x W + h U + b), with 4 inputs and 3 units.
ag::Variable kernel(ag::constant({{0.5f, -0.3f, 0.2f},
                                  {0.1f, 0.4f, -0.6f},
                                  {-0.2f, 0.3f, 0.1f},
                                  {0.7f, -0.1f, 0.05f}}),
                    "kernel");
ag::Variable recurrent_kernel(ag::constant({{0.3f, -0.2f, 0.1f},
                                            {0.0f, 0.5f, 0.2f},
                                            {-0.4f, 0.1f, 0.6f}}),
                              "recurrent_kernel");
ag::Variable bias(ag::constant({0.1f, 0.f, -0.1f}), "bias");

ag::Tensor cell(ag::Tensor x, ag::Tensor state) {
  return ag::tanh(ag::matmul(x, kernel) + ag::matmul(state, recurrent_kernel) + bias);
}

// (outputs [batch, time, 3], final state [batch, 3]) from inputs
// [batch, time, 4] and an initial state [batch, 3].
AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor>
dynamic_rnn(ag::Tensor input_data, ag::Tensor state) {
  // [batch, time, features] -> [time, batch, features]
  ag::Tensor steps = ag::transpose(input_data, {1, 0, 2});
  ag::Tensor time = ag::dim(steps, 0);
  ag::TensorArray outputs(ag::float32, time, /*dynamic_size=*/false, "outputs");
  for (ag::Tensor i : ag::range(time)) {
    state = cell(steps[i], state);
    outputs = outputs.write(i, state);
  }
  return {ag::transpose(outputs.stack(), {1, 0, 2}), state};
}

// The program; the AOT example (examples/aot/dynamic_rnn.cc) has its own.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  // Two batches of 2 sequences, of 2 and 5 steps: input[b][t][f] =
  // (b + 1) * 0.1 * (t + 1) - 0.04 * f (dynamic_rnn_reference.py computes
  // the expected output independently).
  for (int time : {2, 5}) {
    std::vector<float> values;
    for (int b = 0; b < 2; ++b)
      for (int t = 0; t < time; ++t)
        for (int f = 0; f < 4; ++f)
          values.push_back(0.1f * static_cast<float>((b + 1) * (t + 1)) -
                           0.04f * static_cast<float>(f));
    ag::Tensor input = ag::constant(values, {2, time, 4});
    auto [outputs, state] = dynamic_rnn(input, ag::zeros({2, 3}));
    ag::print("time", time, "outputs of sequence 0:", outputs[0]);
    ag::print("outputs of sequence 1:", outputs[1]);
    ag::print("final state:", state);
  }
  return 0;
}
#endif
