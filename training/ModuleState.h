//===- ModuleState.h - what an ag::nn::Module handle shares -----*- C++ -*-===//
#ifndef AUTOGRAPH_TRAINING_MODULESTATE_H
#define AUTOGRAPH_TRAINING_MODULESTATE_H

#include "autograph/Layers.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ag::nn::detail {

/// What Module::compile set up and fit's compiled steps (Fit.cpp).
struct TrainingSetup;

/// A checkpoint value for a variable the module has not created yet
/// (restored into a model before its first call): applied when the module
/// registers a variable of that name (the part after the last '/').
struct PendingRestore {
  Tensor value;
  std::string key, file; // for errors
  /// What else to restore then (the optimizers' slots of the variable).
  std::vector<std::function<void(const Variable &)>> then;
};

struct ModuleState {
  std::string name;
  bool trainable = true;
  std::vector<Variable> variables;
  std::vector<std::shared_ptr<ModuleState>> children;
  std::shared_ptr<TrainingSetup> training;
  std::map<std::string, PendingRestore> pending;
  /// predict's compiled forward pass, for the module object it was made for.
  std::function<std::vector<Tensor>(const std::vector<Tensor> &)> predictStep;
  const Module *predictModule = nullptr;
};

} // namespace ag::nn::detail

#endif // AUTOGRAPH_TRAINING_MODULESTATE_H
