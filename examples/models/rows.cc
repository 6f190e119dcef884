// A dynamic-length loop over a tensor's rows (Effective TF2: a dynamic RNN):
// a recurrent cell runs over a sequence whose length is known only at run
// time, and counts the steps whose input sums to more than zero. autograph-cc
// stages the range-for as ag::for_rows (one ag.for over the rows) and the if
// inside it as ag.cond.
#include <autograph/autograph.h>

#include <tuple>

AG_FUNCTION std::tuple<ag::Tensor, ag::Tensor>
recurrent_cell(ag::Tensor sequence, ag::Tensor w_x, ag::Tensor w_h, ag::Tensor b) {
  ag::Tensor h = ag::zeros({2}, ag::float32);
  ag::Tensor positive_steps = ag::constant(0);
  for (ag::Tensor x : sequence) {
    h = ag::tanh(x * w_x + h * w_h + b);
    if (ag::reduce_sum(x) > 0.f)
      positive_steps += 1;
  }
  return {h, positive_steps};
}

// The program; bench/ExamplesBench.cpp uses the model without it.
#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::Tensor w_x = ag::constant({0.5f, -1.f});
  ag::Tensor w_h = ag::constant({0.8f, 0.3f});
  ag::Tensor b = ag::constant({0.1f, 0.f});
  ag::Tensor one = ag::constant({{1.f, 2.f}});
  ag::Tensor three = ag::constant({{1.f, 2.f}, {0.f, -1.f}, {2.f, 0.5f}});
  for (const ag::Tensor &sequence : {one, three}) {
    auto [h, positive_steps] = recurrent_cell(sequence, w_x, w_h, b);
    ag::print("steps:", sequence.dim(0), "h:", h, "positive steps:", positive_steps);
  }
  return 0;
}
#endif
