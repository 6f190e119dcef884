//===- Layers.h - ag::nn: modules, Dense and Sequential (Keras 2) -*- C++ -*-===//
//
// SPEC 8.5, in the spirit of LibTorch's torch::nn without its holder/impl
// split: a module is a handle (copies share its variables and sub-modules),
// so `Sequential({trunk, head1})` and `Sequential({trunk, head2})` share
// `trunk`. Variables are listed in Keras 2's order: a module's own trainable
// variables in creation order, then its sub-modules' (each variable once),
// then the non-trainable ones.
//
//   struct Perceptron : ag::nn::Module {
//     ag::nn::Dense hidden{128, ag::relu}, out{10};
//     Perceptron() : Module("perceptron") { register_module(hidden); register_module(out); }
//     ag::Tensor forward(const ag::Tensor &x) override { return out(hidden(x)); }
//   };
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_LAYERS_H
#define AUTOGRAPH_LAYERS_H

#include "autograph/Dataset.h"
#include "autograph/Losses.h"
#include "autograph/Optimizers.h"
#include "autograph/Tensor.h"
#include "autograph/Variable.h"

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace ag::train {
class Checkpoint;
} // namespace ag::train

namespace ag::nn {

namespace detail {
struct ModuleState;
struct DenseState;
} // namespace detail

/// An activation: any function of a tensor (ag::relu, ag::tanh, ...).
using Activation = std::function<Tensor(const Tensor &)>;

/// What Module::fit and Module::evaluate take: batches of (inputs, targets).
using Batches = data::Dataset<std::tuple<Tensor, Tensor>>;

/// What Module::fit returns (Keras's History): per epoch, the mean loss and
/// metrics over the epoch's batches ("loss", "accuracy", ...) and, with
/// validation data, the same on it ("val_loss", "val_accuracy", ...).
struct History {
  std::map<std::string, std::vector<float>> history;
  std::vector<int> epoch;
};

/// How much Module::fit and Module::evaluate print on stdout (Keras's
/// verbose): nothing; a progress bar (live when stdout is a terminal, else
/// its final state once per epoch); or one line per epoch.
enum class Verbosity { Silent = 0, ProgressBar = 1, OneLinePerEpoch = 2 };

class Module {
public:
  virtual ~Module();
  /// forward(x).
  Tensor operator()(const Tensor &x) { return forward(x); }
  virtual Tensor forward(const Tensor &x) = 0;

  /// Trainable then non-trainable variables, each once (Keras 2 order).
  std::vector<Variable> variables() const;
  std::vector<Variable> trainable_variables() const;
  std::vector<Variable> non_trainable_variables() const;
  /// Whether this module's variables (and its sub-modules') train.
  void set_trainable(bool trainable);
  bool trainable() const;
  const std::string &name() const;

  /// Keras's model.compile: the optimizer (a handle: the caller's copy
  /// sees its iterations and slots), the loss(y_true, y_pred) and metric
  /// names ("accuracy" or "sparse_categorical_accuracy": integer labels
  /// against logits or probabilities). Resets fit's compiled steps.
  template <class O, class = std::enable_if_t<std::is_base_of_v<optimizers::Optimizer, O>>>
  void compile(const O &optimizer, losses::Loss loss, std::vector<std::string> metrics = {}) {
    compile_with(std::make_shared<O>(optimizer), std::move(loss), std::move(metrics));
  }
  /// Keras's model.fit: `epochs` passes over `data`, one training step per
  /// batch (forward, loss, gradients of the trainable variables, optimizer
  /// update, metrics), the step traced and compiled once per batch shape
  /// when the program links autograph::jit (ag::run_functions_eagerly and
  /// AG_RUN_FUNCTIONS_EAGERLY=1 run it eagerly), eager otherwise. Prints a
  /// progress line per epoch (Verbosity); the metrics are reset each epoch.
  /// With a default summary writer (ag::summary), each epoch's values are
  /// also written as scalars epoch_loss, epoch_accuracy, epoch_val_loss, ...
  /// at step = the epoch (0-based), as Keras's TensorBoard callback does.
  History fit(const Batches &data, int epochs = 1,
              Verbosity verbose = Verbosity::ProgressBar,
              const std::optional<Batches> &validation_data = std::nullopt);
  /// Keras's model.fit(x, y, batch_size, epochs, verbose, validation_split,
  /// shuffle): the last `validation_split` of the samples (taken before any
  /// shuffling, as Keras does) are validation data; the others are batched
  /// and, with `shuffle`, reshuffled every epoch (seeded from ag::random, so
  /// ag::random::set_seed makes it repeatable).
  History fit(const Tensor &x, const Tensor &y, std::int64_t batch_size = 32, int epochs = 1,
              Verbosity verbose = Verbosity::ProgressBar, double validation_split = 0.0,
              bool shuffle = true);
  /// Keras's model.evaluate: the mean loss and metrics over `data`
  /// ({"loss": ..., "accuracy": ...}), with a compiled test step.
  std::map<std::string, float> evaluate(const Batches &data,
                                        Verbosity verbose = Verbosity::ProgressBar);
  std::map<std::string, float> evaluate(const Tensor &x, const Tensor &y,
                                        std::int64_t batch_size = 32,
                                        Verbosity verbose = Verbosity::ProgressBar);
  /// Keras's model.predict: the model's outputs for `x`, computed
  /// `batch_size` rows at a time by a compiled step (no compile() needed).
  Tensor predict(const Tensor &x, std::int64_t batch_size = 32);
  /// Keras's train_on_batch / test_on_batch (return_dict=True): fit's or
  /// evaluate's step on one batch; the loss and metrics of that batch alone
  /// (the metrics are reset first, as Keras's reset_metrics=True).
  std::map<std::string, float> train_on_batch(const Tensor &x, const Tensor &y);
  std::map<std::string, float> test_on_batch(const Tensor &x, const Tensor &y);

protected:
  explicit Module(std::string name);
  /// A variable of this module (in creation order).
  Variable &register_variable(Variable variable);
  /// A sub-module (its variables follow this module's own).
  void register_module(const Module &module);

private:
  friend class ::ag::train::Checkpoint;
  void compile_with(std::shared_ptr<optimizers::Optimizer> optimizer, losses::Loss loss,
                    std::vector<std::string> metrics);
  std::shared_ptr<detail::ModuleState> state_;
};

/// y = activation(x kernel + bias): kernel [in, units] (Glorot uniform) then
/// bias [units] (zeros), created on the first call from x's last dimension.
class Dense : public Module {
public:
  explicit Dense(std::int64_t units, Activation activation = nullptr, bool use_bias = true,
                 std::string name = "dense");
  /// An ag function (`ag::relu`, overloaded for rvalues) as the activation.
  Dense(std::int64_t units, Tensor (*activation)(const Tensor &), bool use_bias = true,
        std::string name = "dense")
      : Dense(units, Activation(activation), use_bias, std::move(name)) {}
  Tensor forward(const Tensor &x) override;

private:
  std::shared_ptr<detail::DenseState> dense_;
};

/// Modules applied in order. Holds its modules as handles: a module placed
/// in several Sequentials is shared, never copied.
class Sequential : public Module {
public:
  /// Any module (Dense, Sequential, a user's Module subclass), by handle.
  class Element {
  public:
    template <class M, class = std::enable_if_t<std::is_base_of_v<Module, M>>>
    Element(const M &module) : module_(std::make_shared<M>(module)) {}
    Module &module() const { return *module_; }

  private:
    std::shared_ptr<Module> module_;
  };

  Sequential(std::initializer_list<Element> modules, std::string name = "sequential");
  Tensor forward(const Tensor &x) override;

private:
  std::shared_ptr<std::vector<Element>> modules_;
};

} // namespace ag::nn

#endif // AUTOGRAPH_LAYERS_H
