// Effective TF2's transfer learning with shared layers:
//
//   trunk = tf.keras.Sequential([...]); head1 = ...; head2 = ...
//   path1 = tf.keras.Sequential([trunk, head1])
//   path2 = tf.keras.Sequential([trunk, head2])
//   # train on the main data set: all of path1's variables
//   # then fine-tune on the second one: only head2's variables
//   gradients = tape.gradient(loss, head2.trainable_variables)
//
// Both training steps are AG_FUNCTIONs (compiled, with the tape's gradient
// and the optimizer's update inside); the layers are built on their first
// call. One optimizer serves both phases (its slots are made per variable
// on first use). What is printed is checked by hand: each phase lowers its
// loss, and fine-tuning head2 leaves the trunk's weights exactly as they were.
#include <autograph/autograph.h>

#include <cstdio>
#include <vector>

ag::nn::Dense trunk(8, ag::relu, true, "trunk");
ag::nn::Dense head1(1, nullptr, true, "head1");
ag::nn::Dense head2(1, nullptr, true, "head2");
ag::nn::Sequential path1({trunk, head1}, "path1");
ag::nn::Sequential path2({trunk, head2}, "path2");
ag::optimizers::Adam optimizer(0.02f);

AG_FUNCTION ag::Tensor train_path1(ag::Tensor x, ag::Tensor y) {
  ag::GradientTape tape;
  ag::Tensor loss = ag::losses::mean_squared_error(y, path1(x));
  optimizer.apply_gradients(tape.gradient(loss, path1.trainable_variables()),
                            path1.trainable_variables());
  return loss;
}

AG_FUNCTION ag::Tensor fine_tune_head2(ag::Tensor x, ag::Tensor y) {
  ag::GradientTape tape;
  ag::Tensor loss = ag::losses::mean_squared_error(y, path2(x));
  // Only optimize head2's weights, not the trunk's.
  optimizer.apply_gradients(tape.gradient(loss, head2.trainable_variables()),
                            head2.trainable_variables());
  return loss;
}

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main() {
  ag::random::set_seed(7);
  ag::Tensor x = ag::random::uniform({32, 4}, -1, 1, 1);
  ag::Tensor y1 = ag::reduce_sum(x, {1}, true);         // the main task
  ag::Tensor y2 = ag::reduce_max(ag::abs(x), {1}, true); // the second task
  float first = train_path1(x, y1).item<float>(), last = first;
  for (int step = 1; step < 60; ++step)
    last = train_path1(x, y1).item<float>();
  printf("path1: loss decreased: %s\n", last < first ? "yes" : "no");
  std::vector<float> before = trunk.variables()[0].value().to_vector<float>();
  first = fine_tune_head2(x, y2).item<float>();
  for (int step = 1; step < 40; ++step)
    last = fine_tune_head2(x, y2).item<float>();
  printf("head2: loss decreased: %s\n", last < first ? "yes" : "no");
  printf("trunk unchanged: %s\n",
         trunk.variables()[0].value().to_vector<float>() == before ? "yes" : "no");
  printf("optimizer steps: %lld\n",
         static_cast<long long>(optimizer.iterations().value().item<std::int64_t>()));
  return 0;
}
#endif
