//===- Optimizers.h - ag::optimizers: Keras 2's SGD and Adam -----*- C++ -*-===//
//
// SPEC 8.5, with Keras 2's formulas (tf2-training-facts.md section 3):
//
//   SGD   m = m * momentum - g * lr;  var += m
//         (nesterov: var += m * momentum - g * lr; momentum 0: var -= g * lr)
//   Adam  t = iterations + 1; alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
//         m += (g - m)(1 - beta_1); v += (g^2 - v)(1 - beta_2)
//         var -= m * alpha / (sqrt(v) + epsilon)      (epsilon outside the root)
//
// An optimizer is a handle (copies share it). Its slots are variables created
// per variable on first use (so one optimizer can train a head alone after
// the whole model); iterations() is an int64 variable incremented once per
// apply_gradients. Undefined gradients are skipped with TF's warning; all
// undefined is TF's error. Everything is checked before any variable
// changes. Works eagerly and inside compiled functions (slots made while a
// function is traced are captured like any variable).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_OPTIMIZERS_H
#define AUTOGRAPH_OPTIMIZERS_H

#include "autograph/Tensor.h"
#include "autograph/Variable.h"

#include <memory>
#include <string>
#include <vector>

namespace ag::train {
class Checkpoint;
} // namespace ag::train

namespace ag::optimizers {

namespace detail {
struct OptimizerState;
} // namespace detail

class Optimizer {
public:
  virtual ~Optimizer();
  /// Updates each variable with its gradient (same count; undefined
  /// gradients skipped), then increments iterations(). Returns iterations().
  Variable apply_gradients(const std::vector<Tensor> &gradients,
                           const std::vector<Variable> &variables);
  /// How many times apply_gradients updated variables (int64, starts at 0).
  Variable iterations() const;
  float learning_rate() const;
  /// The names of the slots, in slot order (Adam: m, v; SGD with
  /// momentum: momentum), as checkpoints name them.
  virtual std::vector<std::string> slot_names() const = 0;
  /// The slot `slot` (slot_names() order) of `variable`: zeros of its
  /// shape, made on first use, named `VARIABLE/SLOT` (`dense/kernel/m`).
  Variable slot(const Variable &variable, int slot);
  /// The class and hyperparameters, as compiled code bakes them in:
  /// `Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)`.
  const std::string &config() const;

protected:
  friend class ::ag::train::Checkpoint;
  explicit Optimizer(float learning_rate, const char *name);
  /// Sets config() (each subclass's constructor, once its hyperparameters
  /// are known) and marks iterations() as this optimizer's.
  void set_config(std::string config);
  /// One variable's update with its gradient (already checked).
  virtual void update(Variable &variable, const Tensor &gradient) = 0;
  std::shared_ptr<detail::OptimizerState> state_;
};

class SGD : public Optimizer {
public:
  /// momentum in [0, 1], else ag::InvalidArgumentError.
  explicit SGD(float learning_rate = 0.01f, float momentum = 0.f, bool nesterov = false);

  std::vector<std::string> slot_names() const override { return {"momentum"}; }

private:
  void update(Variable &variable, const Tensor &gradient) override;
  float momentum_;
  bool nesterov_;
};

class Adam : public Optimizer {
public:
  explicit Adam(float learning_rate = 0.001f, float beta_1 = 0.9f, float beta_2 = 0.999f,
                float epsilon = 1e-7f);

  std::vector<std::string> slot_names() const override { return {"m", "v"}; }

private:
  void update(Variable &variable, const Tensor &gradient) override;
  float beta_1_, beta_2_, epsilon_;
};

} // namespace ag::optimizers

namespace ag::compiled {
/// For an AOT header: ag::InvalidArgumentError unless `optimizer`'s
/// config() is `compiled_for`, the one the function was compiled with.
void check_optimizer(const char *function, const optimizers::Optimizer &optimizer,
                     const char *compiled_for);
} // namespace ag::compiled

#endif // AUTOGRAPH_OPTIMIZERS_H
