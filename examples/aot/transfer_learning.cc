// examples/models/transfer_learning.cc's main, calling its two training
// steps compiled ahead of time (autograph_add_aot_library in
// examples/CMakeLists.txt). Each AOT function takes the variables it reads
// and assigns, in the order of their names (their names are not C++
// identifiers, so the parameters are numbered: see the generated header),
// then the optimizer: it asks the optimizer for its step counter and for
// Adam's slots m and v of each variable it trains (made on first use, as
// in the JIT-compiled and eager programs), and checks that the optimizer is
// the Adam(learning_rate=0.02, ...) it was compiled with.
#include "transfer_learning_aot.h"

#include <autograph/autograph.h>

#include <cstdio>
#include <vector>

int main() {
  ag::nn::Dense trunk(8, ag::relu, true, "trunk");
  ag::nn::Dense head1(1, nullptr, true, "head1");
  ag::nn::Dense head2(1, nullptr, true, "head2");
  ag::nn::Sequential path1({trunk, head1}, "path1");
  ag::nn::Sequential path2({trunk, head2}, "path2");
  ag::optimizers::Adam optimizer(0.02f);

  ag::random::set_seed(7);
  ag::Tensor x = ag::random::uniform({32, 4}, -1, 1, 1);
  ag::Tensor y1 = ag::reduce_sum(x, {1}, true);         // the main task
  ag::Tensor y2 = ag::reduce_max(ag::abs(x), {1}, true); // the second task
  // Compiled code takes the layers' variables: build them (one forward
  // pass each) before the first call.
  path1(x);
  path2(x);
  ag::Variable trunk_kernel = trunk.variables()[0], trunk_bias = trunk.variables()[1];
  ag::Variable head1_kernel = head1.variables()[0], head1_bias = head1.variables()[1];
  ag::Variable head2_kernel = head2.variables()[0], head2_bias = head2.variables()[1];

  // The variables by name: head1/bias, head1/kernel, trunk/bias, trunk/kernel.
  auto train_path1 = [&] {
    return ag::aot::train_path1(x, y1, head1_bias, head1_kernel, trunk_bias, trunk_kernel,
                                optimizer)
        .item<float>();
  };
  float first = train_path1(), last = first;
  for (int step = 1; step < 60; ++step)
    last = train_path1();
  printf("path1: loss decreased: %s\n", last < first ? "yes" : "no");

  // head2/bias, head2/kernel, trunk/bias, trunk/kernel: the trunk is read,
  // not trained.
  std::vector<float> before = trunk_kernel.value().to_vector<float>();
  auto fine_tune_head2 = [&] {
    return ag::aot::fine_tune_head2(x, y2, head2_bias, head2_kernel, trunk_bias, trunk_kernel,
                                    optimizer)
        .item<float>();
  };
  first = fine_tune_head2();
  for (int step = 1; step < 40; ++step)
    last = fine_tune_head2();
  printf("head2: loss decreased: %s\n", last < first ? "yes" : "no");
  printf("trunk unchanged: %s\n",
         trunk_kernel.value().to_vector<float>() == before ? "yes" : "no");
  printf("optimizer steps: %lld\n",
         static_cast<long long>(optimizer.iterations().value().item<std::int64_t>()));
  return 0;
}
