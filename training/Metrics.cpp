//===- Metrics.cpp - ag::metrics ------------------------------------------===//
#include "autograph/Metrics.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"

namespace ag::metrics {

Mean::Mean(const std::string &name)
    : name_(name), total_(constant(0.f), name + "/total", /*trainable=*/false),
      count_(constant(0.f), name + "/count", /*trainable=*/false) {}

void Mean::update_state(const Tensor &values) {
  Tensor v = cast(values, DType::Float32);
  total_.assign_add(reduce_sum(v));
  // The number of values, also when it is known only at run time.
  count_.assign_add(reduce_sum(ones_like(v)));
}

void Mean::update_state(const Tensor &values, const Tensor &sample_weight) {
  Tensor v = cast(values, DType::Float32);
  Tensor w = cast(sample_weight, DType::Float32) * ones_like(v);
  total_.assign_add(reduce_sum(v * w));
  count_.assign_add(reduce_sum(w));
}

Tensor Mean::result() const {
  Tensor count = count_.value();
  Tensor empty = equal(count, constant(0.f));
  return where(empty, constant(0.f), total_.value() / where(empty, constant(1.f), count));
}

void Mean::reset_state() {
  total_.assign(constant(0.f));
  count_.assign(constant(0.f));
}

SparseCategoricalAccuracy::SparseCategoricalAccuracy(const std::string &name) : Mean(name) {}

void SparseCategoricalAccuracy::update_state(const Tensor &labels, const Tensor &logits) {
  if (logits.rank() != 2 || labels.rank() != 1)
    throw InvalidArgumentError(
        name_ + ".update_state: expects labels [batch] and logits [batch, classes], got " +
        format_shape(labels.shape()) + " and " + format_shape(logits.shape()));
  Tensor predicted = argmax(logits, 1);
  Mean::update_state(cast(equal(predicted, cast(labels, predicted.dtype())), DType::Float32));
}

} // namespace ag::metrics
