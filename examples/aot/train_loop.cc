// examples/models/train_loop.cc's main, calling the ahead-of-time compiled
// train (autograph_add_aot_library in examples/CMakeLists.txt), compiled
// once for any number of samples (f32[?,2], f32[?,1]). The AOT function
// takes the variables it reads and assigns after the tensors, in the order
// of their names (docs/state.md): the model's b and w and the metric's
// 'loss/count' and 'loss/total'; then the optimizer, whose step counter it
// uses (and which must be the SGD(learning_rate=0.1) it was compiled with).
// Its summaries go to the default writer of the call: $TRAIN_LOOP_LOGDIR,
// by default PROGRAM.logs/.
#include "train_loop_aot.h"

#include <autograph/autograph.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int, char **argv) {
  const char *logdir = std::getenv("TRAIN_LOOP_LOGDIR");
  auto writer = ag::summary::create_file_writer(logdir ? logdir : std::string(argv[0]) + ".logs");
  auto as_default = writer.as_default();
  std::vector<float> xs, ys;
  for (int i = 0; i < 20; ++i) {
    float x0 = std::round(4.f * std::sin(static_cast<float>(i))) / 8.f;
    float x1 = std::round(4.f * std::cos(1.5f * static_cast<float>(i))) / 8.f;
    xs.push_back(x0);
    xs.push_back(x1);
    ys.push_back(2.f * x0 - x1 + 0.5f);
  }
  ag::Tensor x = ag::constant(xs, {20, 2}), y = ag::constant(ys, {20, 1});
  ag::Variable w(ag::zeros({2, 1}), "w"), b(ag::zeros({1}), "b");
  ag::optimizers::SGD optimizer(0.1f);
  ag::metrics::Mean avg_loss("loss");
  ag::Variable count = avg_loss.count(), total = avg_loss.total();
  for (int epoch = 0; epoch < 3; ++epoch)
    ag::aot::train(x, y, b, count, total, w, optimizer);
  std::printf("w = [%.3f %.3f], b = %.3f\n", w.value().to_vector<float>()[0],
              w.value().to_vector<float>()[1], b.value().item<float>());
  return 0;
}
