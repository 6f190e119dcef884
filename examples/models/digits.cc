// A digit classifier on the handwritten digits data set (8x8 images), as
// the guide trains a Keras model:
//
//   model = tf.keras.Sequential([Dense(128, activation='relu'), Dense(10)])
//   model.compile(optimizer=Adam(), metrics=['accuracy'],
//                 loss=SparseCategoricalCrossentropy(from_logits=True))
//   model.fit(train.shuffle(1024).batch(32), epochs=20)
//   model.evaluate(test.batch(100))
//
// fit's training step (forward, loss, gradients, Adam update, metrics) is
// traced and compiled once per batch shape when the program is converted
// and linked with the JIT; the eager build runs the same steps eagerly.
// Trained on four fifths of the 1797 images, tested on the other fifth.
//
//   example-digits [--verbose] [digits.csv.gz]
// --verbose shows Keras's progress bars and the accuracies; without it the
// program prints only what its test checks (the split, accuracy >= 0.95).
#include <autograph/autograph.h>

#include "digits_data.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv) {
  bool verbose = argc > 1 && std::strcmp(argv[1], "--verbose") == 0;
  const char *path = argc > 1 + verbose ? argv[1 + verbose] : AUTOGRAPH_DIGITS_CSV;
  Digits digits = load_digits(path);
  ag::random::set_seed(1);
  ag::nn::Sequential model({ag::nn::Dense(128, ag::relu), ag::nn::Dense(10)});
  model.compile(ag::optimizers::Adam(0.001f), ag::losses::SparseCategoricalCrossentropy(true),
                {"accuracy"});

  auto train = ag::data::from_tensor_slices(digits.train.images, digits.train.labels)
                   .shuffle(1024, /*seed=*/7)
                   .batch(32);
  auto test = ag::data::from_tensor_slices(digits.test.images, digits.test.labels).batch(100);
  std::printf("training on %lld images, testing on %lld\n",
              static_cast<long long>(digits.train.labels.dim(0)),
              static_cast<long long>(digits.test.labels.dim(0)));
  auto shown = verbose ? ag::nn::Verbosity::ProgressBar : ag::nn::Verbosity::Silent;
  model.fit(train, /*epochs=*/20, shown);
  std::map<std::string, float> result = model.evaluate(test, shown);
  if (verbose)
    std::printf("test accuracy: %.4f\n", result["accuracy"]);
  std::printf("test accuracy at least 0.95: %s\n", result["accuracy"] >= 0.95f ? "yes" : "no");
  return 0;
}
