//===- ModuleState.h - what an ag::nn::Module handle shares -----*- C++ -*-===//
#ifndef AUTOGRAPH_TRAINING_MODULESTATE_H
#define AUTOGRAPH_TRAINING_MODULESTATE_H

#include "autograph/Layers.h"

#include <memory>
#include <string>
#include <vector>

namespace ag::nn::detail {

/// What Module::compile set up and fit's compiled steps (Fit.cpp).
struct TrainingSetup;

struct ModuleState {
  std::string name;
  bool trainable = true;
  std::vector<Variable> variables;
  std::vector<std::shared_ptr<ModuleState>> children;
  std::shared_ptr<TrainingSetup> training;
};

} // namespace ag::nn::detail

#endif // AUTOGRAPH_TRAINING_MODULESTATE_H
