//===- Optimizers.cpp - SGD and Adam with Keras 2's formulas --------------===//
#include "autograph/Optimizers.h"

#include "OptimizerState.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"

#include <iostream>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ag::optimizers {


Optimizer::Optimizer(float learning_rate, const char *name)
    : state_(std::make_shared<detail::OptimizerState>()) {
  state_->learning_rate = learning_rate;
  state_->name = name;
}

Optimizer::~Optimizer() = default;

Variable Optimizer::iterations() const { return state_->iterations; }
float Optimizer::learning_rate() const { return state_->learning_rate; }

Variable Optimizer::slot(const Variable &variable, int slot) {
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::vector<Variable> &slots = state_->slots[variable.state().get()];
  while (static_cast<int>(slots.size()) <= slot)
    slots.emplace_back(zeros(variable.shape(), variable.dtype()),
                       variable.name() + "/slot" + std::to_string(slots.size()),
                       /*trainable=*/false);
  return slots[static_cast<std::size_t>(slot)];
}

Variable Optimizer::apply_gradients(const std::vector<Tensor> &gradients,
                                    const std::vector<Variable> &variables) {
  const std::string where = state_->name + ".apply_gradients: ";
  if (gradients.size() != variables.size())
    throw InvalidArgumentError(where + std::to_string(gradients.size()) + " gradients for " +
                               std::to_string(variables.size()) + " variables");
  // Every check before any update: no partial step.
  std::string missing;
  std::size_t present = 0;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const Tensor &g = gradients[i];
    const Variable &v = variables[i];
    if (!g.defined()) {
      missing += (missing.empty() ? "" : ", ") + v.name();
      continue;
    }
    ++present;
    if (g.dtype() != v.dtype() || g.rank() != static_cast<std::int64_t>(v.shape().size()))
      throw InvalidArgumentError(where + "the gradient of variable '" + v.name() + "' is " +
                                 format_spec(g.spec()) + ", the variable is " +
                                 format_spec(TensorSpec{v.dtype(), v.shape()}));
    Shape gs = g.shape(), vs = v.shape();
    for (std::size_t d = 0; d < gs.size(); ++d)
      if (gs[d] >= 0 && gs[d] != vs[d])
        throw InvalidArgumentError(where + "the gradient of variable '" + v.name() + "' is " +
                                   format_spec(g.spec()) + ", the variable is " +
                                   format_spec(TensorSpec{v.dtype(), v.shape()}));
  }
  if (!variables.empty() && present == 0)
    throw InvalidArgumentError(where + "No gradients provided for any variable: (" + missing +
                               ")");
  if (!missing.empty())
    std::cerr << "WARNING: Gradients do not exist for variables [" << missing
              << "] when minimizing the loss.\n";
  if (variables.empty())
    return state_->iterations;
  for (std::size_t i = 0; i < variables.size(); ++i)
    if (gradients[i].defined()) {
      Variable v = variables[i];
      update(v, gradients[i]);
    }
  state_->iterations.assign_add(constant(std::int64_t{1}));
  return state_->iterations;
}

SGD::SGD(float learning_rate, float momentum, bool nesterov)
    : Optimizer(learning_rate, "SGD"), momentum_(momentum), nesterov_(nesterov) {
  if (momentum < 0.f || momentum > 1.f)
    throw InvalidArgumentError("SGD: `momentum` must be between [0, 1], got " +
                               std::to_string(momentum));
}

void SGD::update(Variable &variable, const Tensor &gradient) {
  Tensor step = gradient * -learning_rate();
  if (momentum_ == 0.f) {
    variable.assign_add(step);
    return;
  }
  Variable m = slot(variable, 0);
  m.assign(m.value() * momentum_ + step);
  variable.assign_add(nesterov_ ? m.value() * momentum_ + step : m.value());
}

Adam::Adam(float learning_rate, float beta_1, float beta_2, float epsilon)
    : Optimizer(learning_rate, "Adam"), beta_1_(beta_1), beta_2_(beta_2), epsilon_(epsilon) {}

void Adam::update(Variable &variable, const Tensor &gradient) {
  Variable m = slot(variable, 0), v = slot(variable, 1);
  DType dtype = variable.dtype();
  Tensor t = cast(iterations().value() + std::int64_t{1}, dtype);
  Tensor one = ones({}, dtype);
  Tensor alpha = sqrt(one - pow(cast(constant(beta_2_), dtype), t)) /
                 (one - pow(cast(constant(beta_1_), dtype), t)) * learning_rate();
  m.assign_add((gradient - m.value()) * (1.f - beta_1_));
  v.assign_add((gradient * gradient - v.value()) * (1.f - beta_2_));
  variable.assign_sub(m.value() * alpha / (sqrt(v.value()) + epsilon_));
}

} // namespace ag::optimizers
