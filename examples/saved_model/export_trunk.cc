// Effective TF2's "tf.saved_model.save(trunk, path)": a trunk trained (with
// a head, by fit) in this program, then saved as compiled code and weights.
// examples/saved_model/use_trunk.cc loads it in a program that has no model
// source and links autograph::runtime only.
//
//   export_trunk DIR   trains, saves the trunk to DIR and prints trunk(x)
//                      for a fixed x, computed here eagerly
#include <autograph/autograph.h>

#include <cmath>
#include <cstdio>
#include <vector>

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  ag::random::set_seed(3);
  ag::nn::Dense hidden(8, ag::tanh, true, "hidden"), features(4, ag::relu, true, "features");
  ag::nn::Sequential trunk({hidden, features}, "trunk");
  ag::nn::Sequential model({trunk, ag::nn::Dense(1, nullptr, true, "head")});
  std::vector<float> xs, ys;
  for (int i = 0; i < 64; ++i) {
    float a = std::sin(0.4f * static_cast<float>(i)), b = std::cos(0.9f * static_cast<float>(i));
    xs.insert(xs.end(), {a, b, a * b});
    ys.push_back(a - 2.f * b + a * b);
  }
  model.compile(ag::optimizers::Adam(0.02f), ag::losses::MeanSquaredError());
  model.fit(ag::data::from_tensor_slices(ag::constant(xs, {64, 3}), ag::constant(ys, {64, 1}))
                .batch(16),
            20, ag::nn::Verbosity::Silent);

  ag::saved_model::save(trunk, {"f32[?,3]", "f32[1,3]"}, argv[1]);
  ag::Tensor x = ag::constant({{0.5f, -0.25f, 1.f}, {0.f, 2.f, -1.f}});
  std::printf("trunk(x) = ");
  ag::print(trunk(x));
  return 0;
}
