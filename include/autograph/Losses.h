//===- Losses.h - ag::losses: Keras 2's losses --------------------*- C++ -*-===//
//
// SPEC 8.5. Each returns a 0-d mean over the batch, in ag ops (eager and
// compiled alike, differentiable with ag::GradientTape).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_LOSSES_H
#define AUTOGRAPH_LOSSES_H

#include "autograph/Tensor.h"

#include <functional>

namespace ag::losses {

/// mean((y_pred - y_true)^2) over every element (Keras: the mean over the
/// last axis, then over the batch). Shapes must be equal.
Tensor mean_squared_error(const Tensor &y_true, const Tensor &y_pred);

/// -mean(log softmax(logits)[label]) for integer `labels` [batch] and
/// `logits` [batch, classes] (probabilities when !from_logits, clipped to
/// [1e-7, 1 - 1e-7] as Keras does). From logits it is computed stably
/// (log-sum-exp). A label outside [0, classes) is an ag::InvalidArgumentError,
/// also in compiled code.
Tensor sparse_categorical_crossentropy(const Tensor &labels, const Tensor &logits,
                                       bool from_logits = true);

/// -mean(y log p + (1 - y) log(1 - p)) for `y_true` in [0, 1]; `y_pred`
/// probabilities (clipped to [1e-7, 1 - 1e-7]) or, with from_logits,
/// logits x (computed as max(x, 0) - x y + log(1 + exp(-|x|))).
Tensor binary_crossentropy(const Tensor &y_true, const Tensor &y_pred, bool from_logits = false);

/// A loss as Module::compile takes it: loss(y_true, y_pred), a 0-d tensor.
using Loss = std::function<Tensor(const Tensor &y_true, const Tensor &y_pred)>;

/// Keras's loss classes (tf.keras.losses.*), for Module::compile. As in
/// Keras, the cross entropies take probabilities unless from_logits.
struct MeanSquaredError {
  Tensor operator()(const Tensor &y_true, const Tensor &y_pred) const {
    return mean_squared_error(y_true, y_pred);
  }
};
struct SparseCategoricalCrossentropy {
  explicit SparseCategoricalCrossentropy(bool from_logits = false) : from_logits(from_logits) {}
  Tensor operator()(const Tensor &labels, const Tensor &y_pred) const {
    return sparse_categorical_crossentropy(labels, y_pred, from_logits);
  }
  bool from_logits;
};
struct BinaryCrossentropy {
  explicit BinaryCrossentropy(bool from_logits = false) : from_logits(from_logits) {}
  Tensor operator()(const Tensor &y_true, const Tensor &y_pred) const {
    return binary_crossentropy(y_true, y_pred, from_logits);
  }
  bool from_logits;
};

} // namespace ag::losses

#endif // AUTOGRAPH_LOSSES_H
