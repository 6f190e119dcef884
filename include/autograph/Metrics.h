//===- Metrics.h - ag::metrics: Mean and SparseCategoricalAccuracy -*- C++ -*-===//
//
// SPEC 8.5 and tf.keras.metrics: state in non-trainable variables (total,
// count), so a metric works inside compiled functions. result() is 0 when
// nothing was seen (divide_no_nan). A metric is a handle: copies share it.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_METRICS_H
#define AUTOGRAPH_METRICS_H

#include "autograph/Tensor.h"
#include "autograph/Variable.h"

#include <string>

namespace ag::metrics {

/// The running mean of every value given (tf.keras.metrics.Mean).
class Mean {
public:
  explicit Mean(const std::string &name = "mean");
  /// total += sum(values); count += number of values.
  void update_state(const Tensor &values);
  /// Weighted (Keras's sample_weight, broadcast to values' shape):
  /// total += sum(values * weight); count += sum(weight).
  void update_state(const Tensor &values, const Tensor &sample_weight);
  /// total / count (float32, 0-d), 0 when count is 0.
  Tensor result() const;
  void reset_state();
  void reset_states() { reset_state(); } // TF's deprecated name
  const std::string &name() const { return name_; }
  Variable total() const { return total_; }
  Variable count() const { return count_; }

protected:
  std::string name_;
  Variable total_, count_;
};

/// The fraction of rows whose largest logit is at the label
/// (tf.keras.metrics.SparseCategoricalAccuracy).
class SparseCategoricalAccuracy : public Mean {
public:
  explicit SparseCategoricalAccuracy(const std::string &name = "sparse_categorical_accuracy");
  /// labels [batch] (integers), logits [batch, classes].
  void update_state(const Tensor &labels, const Tensor &logits);
};

} // namespace ag::metrics

#endif // AUTOGRAPH_METRICS_H
