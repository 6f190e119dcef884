// Effective TF2's training loop, as one AG_FUNCTION over a dataset:
//
//   def train(model, optimizer, dataset, log_freq=10):
//     avg_loss = tf.keras.metrics.Mean(name='loss', dtype=tf.float32)
//     for images, labels in dataset:
//       loss = train_step(model, optimizer, images, labels)
//       avg_loss.update_state(loss)
//       if tf.equal(optimizer.iterations % log_freq, 0):
//         tf.summary.scalar('loss', avg_loss.result(), step=optimizer.iterations)
//         avg_loss.reset_states()
//
// autograph-cc stages the dataset loop (one ag.while_loop), the if on the
// optimizer's step counter (an ag.cond whose branch writes the summary,
// prints and resets the metric's variables), and the tape's gradient is
// compiled into the same function. A linear model y = x w + b learns
// y = 2 x0 - x1 + 0.5. The mean losses also go to a TensorBoard event file
// in $TRAIN_LOOP_LOGDIR, by default PROGRAM.logs/ (the program's path).
#include <autograph/autograph.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

ag::Variable w(ag::zeros({2, 1}), "w");
ag::Variable b(ag::zeros({1}), "b");
ag::optimizers::SGD optimizer(0.1f);
ag::metrics::Mean avg_loss("loss");

AG_FUNCTION void train(ag::Tensor x, ag::Tensor y) {
  for (auto [xb, yb] : ag::data::from_tensor_slices(x, y).batch(4)) {
    ag::GradientTape tape;
    ag::Tensor loss = ag::losses::mean_squared_error(yb, ag::matmul(xb, w) + b);
    optimizer.apply_gradients(tape.gradient(loss, std::vector<ag::Variable>{w, b}), {w, b});
    avg_loss.update_state(loss);
    if (optimizer.iterations().value() % std::int64_t{5} == std::int64_t{0}) {
      ag::summary::scalar("loss", avg_loss.result(), optimizer.iterations().value());
      printf("step %2lld: mean loss %.4f\n",
             static_cast<long long>(optimizer.iterations().value().item<std::int64_t>()),
             avg_loss.result().item<float>());
      avg_loss.reset_state();
    }
  }
}

#ifndef AUTOGRAPH_EXAMPLE_WITHOUT_MAIN
int main(int, char **argv) {
  const char *logdir = std::getenv("TRAIN_LOOP_LOGDIR");
  auto writer = ag::summary::create_file_writer(logdir ? logdir : std::string(argv[0]) + ".logs");
  auto as_default = writer.as_default();
  // 20 samples: x = (sin(i), cos(1.5 i)) / 2 rounded to 1/8, y = 2 x0 - x1 + 0.5.
  std::vector<float> xs, ys;
  for (int i = 0; i < 20; ++i) {
    float x0 = std::round(4.f * std::sin(static_cast<float>(i))) / 8.f;
    float x1 = std::round(4.f * std::cos(1.5f * static_cast<float>(i))) / 8.f;
    xs.push_back(x0);
    xs.push_back(x1);
    ys.push_back(2.f * x0 - x1 + 0.5f);
  }
  ag::Tensor x = ag::constant(xs, {20, 2}), y = ag::constant(ys, {20, 1});
  for (int epoch = 0; epoch < 3; ++epoch)
    train(x, y);
  printf("w = [%.3f %.3f], b = %.3f\n", w.value().to_vector<float>()[0],
         w.value().to_vector<float>()[1], b.value().item<float>());
  return 0;
}
#endif
