//===- Losses.cpp - ag::losses ---------------------------------------------===//
#include "autograph/Losses.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <string>

namespace ag::losses {

namespace {
void checkSameShape(const char *loss, const Tensor &a, const Tensor &b) {
  if (a.rank() != b.rank())
    throw InvalidArgumentError(std::string(loss) + ": y_true and y_pred have shapes " +
                               format_shape(a.shape()) + " and " + format_shape(b.shape()));
}

/// `p` clipped to [1e-7, 1 - 1e-7] (Keras's epsilon).
Tensor clipped(const Tensor &p) {
  return minimum(maximum(p, 1e-7), 1.0 - 1e-7);
}
} // namespace

Tensor mean_squared_error(const Tensor &y_true, const Tensor &y_pred) {
  checkSameShape("mean_squared_error", y_true, y_pred);
  return reduce_mean(square(y_pred - cast(y_true, y_pred.dtype())));
}

Tensor sparse_categorical_crossentropy(const Tensor &labels, const Tensor &logits,
                                       bool from_logits) {
  const char *name = "sparse_categorical_crossentropy";
  if (logits.rank() != 2 || labels.rank() != 1)
    throw InvalidArgumentError(std::string(name) +
                               ": expects labels [batch] and logits [batch, classes], got " +
                               format_shape(labels.shape()) + " and " +
                               format_shape(logits.shape()));
  if (labels.dtype() != DType::Int32 && labels.dtype() != DType::Int64)
    throw InvalidArgumentError(std::string(name) + ": labels must be int32 or int64, got " +
                               format_spec(labels.spec()));
  std::int64_t classes = logits.dim(1);
  if (classes < 0)
    throw InvalidArgumentError(std::string(name) +
                               ": the number of classes must be known while tracing, got " +
                               format_shape(logits.shape()));
  Tensor ids = cast(labels, DType::Int64);
  Tensor inRange = logical_and(reduce_min(ids) >= std::int64_t{0},
                               reduce_max(ids) < classes);
  Tensor valid = logical_or(inRange, equal(dim(ids, 0), constant(std::int64_t{0})));
  std::string message =
      std::string(name) + ": labels must be in [0, " + std::to_string(classes) + ")";
  // The op layer's kind of check: raised as is, eagerly or by compiled code.
  if (valid.is_symbolic())
    current_tracer()->emit_check(valid, message);
  else if (!valid.item<bool>())
    throw InvalidArgumentError(message);
  Tensor logProbabilities;
  if (from_logits) {
    Tensor shifted = logits - reduce_max(logits, {1}, /*keepdims=*/true);
    logProbabilities = shifted - log(reduce_sum(exp(shifted), {1}, /*keepdims=*/true));
  } else {
    logProbabilities = log(clipped(logits));
  }
  Tensor picked = reduce_sum(one_hot(ids, classes, logits.dtype()) * logProbabilities, {1});
  return -reduce_mean(picked);
}

Tensor binary_crossentropy(const Tensor &y_true, const Tensor &y_pred, bool from_logits) {
  checkSameShape("binary_crossentropy", y_true, y_pred);
  Tensor y = cast(y_true, y_pred.dtype());
  if (from_logits) {
    const Tensor &x = y_pred;
    return reduce_mean(relu(x) - x * y + log(exp(-abs(x)) + 1.0f));
  }
  Tensor p = clipped(y_pred);
  return -reduce_mean(y * log(p) + (1.f - y) * log(1.f - p));
}

} // namespace ag::losses
