//===- Variable.h - ag::Variable: state that outlives a call ----*- C++ -*-===//
//
// tf.Variable for C++ (SPEC 8.2). A Variable is a handle: copies share one
// variable, which lives while a handle does; there is no global collection.
// It converts to its current value, so it works in every op, operator and
// ag::print.
//
// Inside a compiled function (an AG_FUNCTION or ag::function), a variable
// that is read is an implicit input of the compiled code and one that is
// assigned an implicit output, written back after the call (the variable
// takes the result's buffer): every call sees the current values and
// assignments persist, in JIT and AOT alike. A variable's value is never
// baked into compiled code (docs/state.md).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_VARIABLE_H
#define AUTOGRAPH_VARIABLE_H

#include "autograph/Signature.h"
#include "autograph/Tensor.h"

#include <memory>
#include <mutex>
#include <string>

namespace ag {

namespace detail {
/// For a variable an optimizer made for its own use: its step counter
/// (`slot` < 0) or slot `slot` of `slot_of`. An AOT header then takes the
/// optimizer and asks it for the variable, instead of a parameter the
/// calling program could not name (docs/state.md).
struct VariableOwner {
  /// The optimizer's identity and its class and hyperparameters,
  /// `Adam(learning_rate=0.001, ...)`, which compiled code bakes in.
  std::uint64_t optimizer_id = 0;
  std::string optimizer_config;
  int slot = -1;
  std::weak_ptr<const struct VariableState> slot_of;
};

/// What the handles of one variable share.
struct VariableState {
  VariableState(Tensor initial, std::string name, bool trainable);

  const std::string name;
  const bool trainable;
  /// The identity in compiled functions' signature keys.
  const std::uint64_t id = new_object_id();
  /// The value's dtype and shape, which every assignment keeps.
  const TensorSpec spec;
  /// Set once by the optimizer that makes the variable, before another
  /// handle exists.
  std::shared_ptr<const VariableOwner> owner;

  /// The current value (concrete).
  Tensor get() const;
  /// Replaces the value (already checked against `spec`).
  void set(Tensor value);
  /// Adds (sign +1) or subtracts (-1) `delta` in place when no other handle
  /// shares the value's buffer, else into a new buffer.
  void accumulate(const Tensor &delta, int sign);

private:
  mutable std::mutex mutex_;
  Tensor value_;
};
} // namespace detail

class Variable {
public:
  /// `initial` gives the value, dtype and shape; it must be concrete (a
  /// variable created while a function is traced takes a value computed
  /// then, not one that depends on the function's inputs).
  explicit Variable(const Tensor &initial, std::string name = "Variable",
                    bool trainable = true);

  /// The current value; inside a traced function, the value at this point of
  /// the function (an implicit input the first time it is read).
  Tensor value() const;
  operator Tensor() const { return value(); }

  /// Same dtype and shape, else ag::InvalidArgumentError naming the
  /// variable. Returns the variable.
  Variable &assign(const Tensor &value);
  Variable &assign_add(const Tensor &delta);
  Variable &assign_sub(const Tensor &delta);

  const std::string &name() const;
  DType dtype() const;
  Shape shape() const;
  bool trainable() const;

  /// A handle to the variable `state` is (as a copy of any of its handles).
  static Variable from_state(std::shared_ptr<detail::VariableState> state) {
    Variable variable;
    variable.state_ = std::move(state);
    return variable;
  }

  /// The shared state: what identifies the variable (handles that share it
  /// are the same variable).
  const std::shared_ptr<detail::VariableState> &state() const { return state_; }

private:
  Variable() = default;
  std::shared_ptr<detail::VariableState> state_;
};

/// A variable argument of a compiled function: its identity is part of the
/// signature (another variable traces again); its value is read inside like
/// any variable's, never a constant.
template <> struct function_argument<Variable> {
  static constexpr bool passes_object = true;
  static void add(SignatureKey &key, TensorList &, const Variable &variable) {
    key.add_object(variable.state()->id);
  }
  static std::size_t input_count(const Variable &) { return 0; }
};

} // namespace ag

#endif // AUTOGRAPH_VARIABLE_H
