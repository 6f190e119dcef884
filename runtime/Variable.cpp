//===- Variable.cpp - ag::Variable ----------------------------------------===//
#include "autograph/Variable.h"

#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

namespace ag {

namespace detail {

VariableState::VariableState(Tensor initial, std::string name, bool trainable)
    : name(std::move(name)), trainable(trainable), spec(initial.spec()),
      value_(std::move(initial)) {}

Tensor VariableState::get() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return value_;
}

void VariableState::set(Tensor value) {
  std::lock_guard<std::mutex> lock(mutex_);
  value_ = std::move(value);
}

void VariableState::accumulate(const Tensor &delta, int sign) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Compound assignment writes into the value's buffer when this is its
  // only handle (no value() copy is alive), else into a new one.
  if (sign > 0)
    value_ += delta;
  else
    value_ -= delta;
}

} // namespace detail

namespace {

/// Checks that `value` can be assigned to `state` by `op`.
void checkAssignable(const detail::VariableState &state, const Tensor &value,
                     const char *op) {
  if (!value.defined())
    throw InvalidArgumentError(std::string(op) + ": variable '" + state.name +
                               "': the value is an undefined tensor");
  TensorSpec spec = value.spec();
  if (spec != state.spec)
    throw InvalidArgumentError(
        std::string(op) + ": variable '" + state.name + "' is " +
        format_spec(state.spec) + ", the value is " + format_spec(spec) +
        " (a variable keeps its dtype and shape)");
}

} // namespace

Variable::Variable(const Tensor &initial, std::string name, bool trainable) {
  if (!initial.defined())
    throw InvalidArgumentError("Variable '" + name +
                               "': the initial value is an undefined tensor");
  if (initial.is_symbolic())
    throw InvalidArgumentError(
        "Variable '" + name +
        "': the initial value depends on the inputs of the function being "
        "traced; create the variable from a value computed outside the "
        "function, or from constants");
  for (std::int64_t extent : initial.shape())
    if (extent < 0)
      throw InvalidArgumentError("Variable '" + name +
                                 "': the initial value has no static shape");
  state_ = std::make_shared<detail::VariableState>(initial, std::move(name),
                                                   trainable);
}

Tensor Variable::value() const {
  Tensor value = current_tracer() ? current_tracer()->read_variable(state_) : state_->get();
  // Tapes watch the reads of trainable (or watched) variables.
  if (detail::any_tape_recording())
    detail::record_variable_read(state_, value);
  return value;
}

Variable &Variable::assign(const Tensor &value) {
  checkAssignable(*state_, value, "assign");
  if (Tracer *tracer = current_tracer())
    tracer->assign_variable(state_, value);
  else
    state_->set(value);
  return *this;
}

Variable &Variable::assign_add(const Tensor &delta) {
  checkAssignable(*state_, delta, "assign_add");
  // An update is not differentiable: state blocks gradients (as in TF).
  detail::NoTapeRecording pause;
  if (Tracer *tracer = current_tracer())
    tracer->assign_variable(state_, add(tracer->read_variable(state_), delta));
  else
    state_->accumulate(delta, +1);
  return *this;
}

Variable &Variable::assign_sub(const Tensor &delta) {
  checkAssignable(*state_, delta, "assign_sub");
  // An update is not differentiable: state blocks gradients (as in TF).
  detail::NoTapeRecording pause;
  if (Tracer *tracer = current_tracer())
    tracer->assign_variable(state_, sub(tracer->read_variable(state_), delta));
  else
    state_->accumulate(delta, -1);
  return *this;
}

const std::string &Variable::name() const { return state_->name; }
DType Variable::dtype() const { return state_->spec.dtype; }
Shape Variable::shape() const { return state_->spec.shape; }
bool Variable::trainable() const { return state_->trainable; }

Tensor Tracer::read_variable(const std::shared_ptr<detail::VariableState> &variable) {
  return variable->get();
}

void Tracer::assign_variable(const std::shared_ptr<detail::VariableState> &variable,
                             const Tensor &) {
  throw TracingError("assign: this tracer cannot record an assignment of "
                     "variable '" + variable->name + "'");
}

} // namespace ag
