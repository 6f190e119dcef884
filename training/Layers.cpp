//===- Layers.cpp - ag::nn ----------------------------------------------===//
#include "autograph/Layers.h"

#include "ModuleState.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Random.h"

#include <cmath>
#include <optional>
#include <unordered_set>

namespace ag::nn {

namespace detail {
struct DenseState {
  std::int64_t units;
  Activation activation;
  bool use_bias;
  std::optional<Variable> kernel, bias;
};
} // namespace detail

namespace {
/// Keras 2's order: own variables, then the sub-modules', each once; those
/// of frozen modules are non-trainable.
void collect(const detail::ModuleState &state, bool trainable, bool frozenAbove,
             std::vector<Variable> &out, std::unordered_set<const void *> &seen) {
  bool frozen = frozenAbove || !state.trainable;
  for (const Variable &v : state.variables)
    if ((v.trainable() && !frozen) == trainable && seen.insert(v.state().get()).second)
      out.push_back(v);
  for (const auto &child : state.children)
    collect(*child, trainable, frozen, out, seen);
}

void setTrainable(detail::ModuleState &state, bool trainable) {
  state.trainable = trainable;
  for (const auto &child : state.children)
    setTrainable(*child, trainable);
}
} // namespace

Module::Module(std::string name) : state_(std::make_shared<detail::ModuleState>()) {
  state_->name = std::move(name);
}
Module::~Module() = default;

std::vector<Variable> Module::trainable_variables() const {
  std::vector<Variable> out;
  std::unordered_set<const void *> seen;
  collect(*state_, true, false, out, seen);
  return out;
}

std::vector<Variable> Module::non_trainable_variables() const {
  std::vector<Variable> out;
  std::unordered_set<const void *> seen;
  collect(*state_, false, false, out, seen);
  return out;
}

std::vector<Variable> Module::variables() const {
  std::vector<Variable> out = trainable_variables();
  for (const Variable &v : non_trainable_variables())
    out.push_back(v);
  return out;
}

void Module::set_trainable(bool trainable) { setTrainable(*state_, trainable); }
bool Module::trainable() const { return state_->trainable; }
const std::string &Module::name() const { return state_->name; }

Variable &Module::register_variable(Variable variable) {
  state_->variables.push_back(std::move(variable));
  Variable &added = state_->variables.back();
  // A checkpoint restored before the variable existed (Checkpoint.cpp).
  const std::string &name = added.name();
  auto pending = state_->pending.find(name.substr(name.rfind('/') + 1));
  if (pending != state_->pending.end()) {
    detail::PendingRestore restore = std::move(pending->second);
    state_->pending.erase(pending);
    const Tensor &value = restore.value;
    if (value.dtype() != added.dtype() || value.shape() != added.shape())
      throw InvalidArgumentError("checkpoint " + restore.file + ": '" + restore.key + "' is " +
                                 format_spec(value.spec()) + ", but the variable created for it is " +
                                 format_spec(TensorSpec{added.dtype(), added.shape()}));
    // The value itself (concrete), also while a function is traced: the
    // variable starts with it, as it would have started with its initializer.
    added.state()->set(value);
    for (const auto &restoreMore : restore.then)
      restoreMore(added);
  }
  return added;
}

void Module::register_module(const Module &module) {
  state_->children.push_back(module.state_);
}

Dense::Dense(std::int64_t units, Activation activation, bool use_bias, std::string name)
    : Module(std::move(name)), dense_(std::make_shared<detail::DenseState>()) {
  if (units <= 0)
    throw InvalidArgumentError("Dense: Received an invalid value for `units`, expected a "
                               "positive integer. Received: units=" +
                               std::to_string(units));
  dense_->units = units;
  dense_->activation = std::move(activation);
  dense_->use_bias = use_bias;
}

Tensor Dense::forward(const Tensor &x) {
  std::string layer = "Input 0 of layer \"" + name() + "\" is incompatible with the layer: ";
  if (x.rank() < 2)
    throw InvalidArgumentError(layer + "expected min_ndim=2, found ndim=" +
                               std::to_string(x.rank()) + ". Full shape received: " +
                               format_shape(x.shape()));
  std::int64_t last = x.dim(x.rank() - 1);
  if (!dense_->kernel) {
    if (!is_floating(x.dtype()))
      throw InvalidArgumentError("A Dense layer can only be built with a floating-point dtype. "
                                 "Received: dtype=" + std::string(dtype_name(x.dtype())));
    if (last < 0)
      throw InvalidArgumentError("The last dimension of the inputs to a Dense layer should be "
                                 "defined. Found None. Full input shape received: " +
                                 format_shape(x.shape()));
    // Glorot uniform: U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
    double limit = std::sqrt(6.0 / static_cast<double>(last + dense_->units));
    dense_->kernel = register_variable(Variable(
        random::uniform({last, dense_->units}, -limit, limit, std::nullopt, x.dtype()),
        name() + "/kernel"));
    if (dense_->use_bias)
      dense_->bias = register_variable(
          Variable(zeros({dense_->units}, x.dtype()), name() + "/bias"));
  }
  std::int64_t expected = dense_->kernel->shape()[0];
  if (last >= 0 && last != expected)
    throw InvalidArgumentError(layer + "expected axis -1 of input shape to have value " +
                               std::to_string(expected) + ", but received input with shape " +
                               format_shape(x.shape()));
  Tensor y = matmul(x, *dense_->kernel);
  if (dense_->bias)
    y = y + *dense_->bias;
  return dense_->activation ? dense_->activation(y) : y;
}

Sequential::Sequential(std::initializer_list<Element> modules, std::string name)
    : Module(std::move(name)), modules_(std::make_shared<std::vector<Element>>(modules)) {
  for (const Element &element : *modules_)
    register_module(element.module());
}

Tensor Sequential::forward(const Tensor &x) {
  Tensor y = x;
  for (const Element &element : *modules_)
    y = element.module()(y);
  return y;
}

} // namespace ag::nn
