// examples/models/dynamic_rnn.cc's main, calling the ahead-of-time compiled
// dynamic_rnn (autograph_add_aot_library in examples/CMakeLists.txt),
// compiled once for any batch and length (f32[?,?,4], f32[?,3]). The AOT
// function takes the variables it reads as arguments after the tensors, in
// the order of their names (docs/state.md): here the cell's, with the values
// the model source gives them.
#include "dynamic_rnn_aot.h"

#include <autograph/autograph.h>

#include <vector>

int main() {
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
  for (int time : {2, 5}) {
    std::vector<float> values;
    for (int b = 0; b < 2; ++b)
      for (int t = 0; t < time; ++t)
        for (int f = 0; f < 4; ++f)
          values.push_back(0.1f * static_cast<float>((b + 1) * (t + 1)) -
                           0.04f * static_cast<float>(f));
    ag::Tensor input = ag::constant(values, {2, time, 4});
    auto [outputs, state] =
        ag::aot::dynamic_rnn(input, ag::zeros({2, 3}), bias, kernel, recurrent_kernel);
    ag::print("time", time, "outputs of sequence 0:", outputs[0]);
    ag::print("outputs of sequence 1:", outputs[1]);
    ag::print("final state:", state);
  }
  return 0;
}
