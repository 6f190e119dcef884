//===- Optimizers.cpp - SGD and Adam with Keras 2's formulas --------------===//
#include "autograph/Optimizers.h"

#include "OptimizerState.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"

#include <charconv>
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
const std::string &Optimizer::config() const { return state_->config; }

void Optimizer::set_config(std::string config) {
  // Marked only with a config: an AOT header checks the optimizer by it.
  state_->config = std::move(config);
  auto owner = std::make_shared<::ag::detail::VariableOwner>();
  owner->optimizer_id = state_->id;
  owner->optimizer_config = state_->config;
  state_->iterations.state()->owner = std::move(owner);
}

Variable Optimizer::slot(const Variable &variable, int slot) {
  std::vector<std::string> names = slot_names();
  if (slot < 0 || static_cast<std::size_t>(slot) >= names.size())
    throw InvalidArgumentError(state_->name + ": no slot " + std::to_string(slot) + " (it has " +
                               std::to_string(names.size()) + ")");
  std::lock_guard<std::mutex> lock(state_->mutex);
  std::vector<Variable> &slots = state_->slots[variable.state()->id];
  while (static_cast<int>(slots.size()) <= slot) {
    int k = static_cast<int>(slots.size());
    Variable made(zeros(variable.shape(), variable.dtype()),
                  variable.name() + "/" + names[static_cast<std::size_t>(k)],
                  /*trainable=*/false);
    if (!state_->config.empty()) {
      auto owner = std::make_shared<::ag::detail::VariableOwner>();
      owner->optimizer_id = state_->id;
      owner->optimizer_config = state_->config;
      owner->slot = k;
      owner->slot_of = variable.state();
      made.state()->owner = std::move(owner);
    }
    slots.push_back(std::move(made));
  }
  return slots[static_cast<std::size_t>(slot)];
}

namespace {
/// A float as config() writes it: the shortest form that reads back
/// exactly, whatever the C locale (std::to_chars ignores it).
std::string formatFloat(float value) {
  char text[32];
  auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc() ? std::string(text, end) : std::to_string(value);
}
} // namespace

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
  set_config("SGD(learning_rate=" + formatFloat(learning_rate) + ", momentum=" +
             formatFloat(momentum) + ", nesterov=" + (nesterov ? "true" : "false") + ")");
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
    : Optimizer(learning_rate, "Adam"), beta_1_(beta_1), beta_2_(beta_2), epsilon_(epsilon) {
  set_config("Adam(learning_rate=" + formatFloat(learning_rate) + ", beta_1=" +
             formatFloat(beta_1) + ", beta_2=" + formatFloat(beta_2) +
             ", epsilon=" + formatFloat(epsilon) + ")");
}

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

namespace ag::compiled {
void check_optimizer(const char *function, const optimizers::Optimizer &optimizer,
                     const char *compiled_for) {
  if (optimizer.config() != compiled_for)
    throw InvalidArgumentError(std::string(function) + ": the optimizer is " +
                               optimizer.config() + ", but the function was compiled for " +
                               compiled_for);
}
} // namespace ag::compiled
