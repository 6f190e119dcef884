//===- OptimizerState.h - what an optimizer handle shares -------*- C++ -*-===//
#ifndef AUTOGRAPH_TRAINING_OPTIMIZERSTATE_H
#define AUTOGRAPH_TRAINING_OPTIMIZERSTATE_H

#include "autograph/Creation.h"
#include "autograph/Optimizers.h"

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ag::optimizers {

namespace detail {
struct OptimizerState {
  float learning_rate;
  std::string name;
  /// The class and hyperparameters (Optimizer::config()).
  std::string config;
  const std::uint64_t id = ::ag::detail::new_object_id();
  Variable iterations{constant(std::int64_t{0}), "iteration", /*trainable=*/false};
  /// Slots by variable identity (its id, never reused, unlike an address
  /// a destroyed variable's successor may take), then slot number.
  std::unordered_map<std::uint64_t, std::vector<Variable>> slots;
  std::mutex mutex;
};
} // namespace detail

} // namespace ag::optimizers

#endif // AUTOGRAPH_TRAINING_OPTIMIZERSTATE_H
