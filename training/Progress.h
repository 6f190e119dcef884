//===- Progress.h - Keras's progress bar for fit and evaluate ---*- C++ -*-===//
//
// The line Keras 2's Progbar prints on stdout:
//   Epoch 1/5
//   45/45 [==============================] - 1s 5ms/step - loss: 0.4321 - accuracy: 0.8812
// live (redrawn with '\r' at most every 50 ms, with an ETA) when stdout is a
// terminal, else once when the epoch ends; with OneLinePerEpoch:
//   45/45 - 1s - loss: 0.4321 - accuracy: 0.8812 - 1s/epoch - 5ms/step
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRAINING_PROGRESS_H
#define AUTOGRAPH_TRAINING_PROGRESS_H

#include "autograph/Layers.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ag::nn::detail {

/// Named values as the line shows them, in order.
using ProgressValues = std::vector<std::pair<std::string, float>>;

class ProgressBar {
public:
  /// `target` steps (-1 when unknown).
  ProgressBar(std::int64_t target, Verbosity verbose);
  /// Whether update() would draw now (so that the caller reads its values
  /// only then): a live bar, and 50 ms since the last drawing.
  bool wants_update() const;
  /// After `current` steps, with the values so far.
  void update(std::int64_t current, const ProgressValues &values);
  /// The epoch's final line with its values (validation ones included).
  void finish(std::int64_t steps, const ProgressValues &values);

  /// Keras's time per step: " 5ms/step", " 812us/step", " 2s/step".
  static std::string format_time_per_unit(double seconds, const char *unit);
  /// " - loss: 0.4321" (".4e" for magnitudes up to 1e-3).
  static std::string format_values(const ProgressValues &values);

private:
  std::string bar(std::int64_t current) const;
  double elapsed() const;

  std::int64_t target_;
  Verbosity verbose_;
  bool live_;
  std::chrono::steady_clock::time_point start_, lastDrawn_;
  std::size_t drawnWidth_ = 0;
};

} // namespace ag::nn::detail

#endif // AUTOGRAPH_TRAINING_PROGRESS_H
