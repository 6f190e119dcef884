//===- Fit.cpp - Module::compile, fit and evaluate (Keras 2) --------------===//
//
// Keras's Model.fit: per epoch, the metrics are reset, then a training step
// runs per batch (forward under a tape, loss, gradients of the trainable
// variables, the optimizer's update, the loss and metric updates). The step
// is one function of the batch's (x, y), compiled per batch shape when the
// JIT is linked (CompiledFunctionHook.h): the model's variables, the
// optimizer's slots and the metrics' totals are variables it captures, so
// the C++ loop over batches only calls it. The loss shown is the batch
// losses' mean weighted by batch size, as Keras's loss tracker.
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledFunctionHook.h"
#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Metrics.h"
#include "autograph/Ops.h"
#include "autograph/Random.h"
#include "autograph/Summary.h"

#include "ModuleState.h"
#include "Progress.h"

#include <cmath>

namespace ag::nn {

namespace detail {
struct TrainingSetup {
  std::shared_ptr<optimizers::Optimizer> optimizer;
  losses::Loss loss;
  metrics::Mean lossTracker{"loss"};
  /// The compiled metrics, under the names given to compile.
  std::vector<std::pair<std::string, metrics::SparseCategoricalAccuracy>> metrics;
  /// The steps, made for the module object fit or evaluate was called on.
  const Module *stepsModule = nullptr;
  ag::detail::TensorFunction trainStep, testStep;

  void reset_metrics() {
    lossTracker.reset_state();
    for (auto &metric : metrics)
      metric.second.reset_state();
  }

  /// The loss then the metrics, as the progress line and History show them.
  ProgressValues results(const std::string &prefix = "") const {
    ProgressValues values{{prefix + "loss", lossTracker.result().item<float>()}};
    for (const auto &[name, metric] : metrics)
      values.emplace_back(prefix + name, metric.result().item<float>());
    return values;
  }

  /// The loss of a batch, and the metrics' and loss tracker's updates.
  Tensor update_metrics(const Tensor &x, const Tensor &y, const Tensor &predictions) {
    Tensor loss = this->loss(y, predictions);
    if (loss.rank() != 0)
      throw InvalidArgumentError("Module::fit: the loss must be a 0-d tensor (a mean over the "
                                 "batch), got shape " + format_shape(loss.shape()));
    lossTracker.update_state(loss, cast(dim(x, 0), DType::Float32));
    for (auto &metric : metrics)
      metric.second.update_state(y, predictions);
    return loss;
  }
};
} // namespace detail

namespace {
detail::TrainingSetup &setupOf(const std::shared_ptr<detail::ModuleState> &state,
                               const char *caller) {
  if (!state->training)
    throw InvalidArgumentError(std::string("You must call `compile()` before using the model "
                                           "(Module::") + caller + ")");
  return *state->training;
}

/// A batch as the steps take it.
TensorList batchInputs(const std::tuple<Tensor, Tensor> &batch) {
  return {std::get<0>(batch), std::get<1>(batch)};
}
} // namespace

void Module::compile_with(std::shared_ptr<optimizers::Optimizer> optimizer, losses::Loss loss,
                          std::vector<std::string> metrics) {
  if (!loss)
    throw InvalidArgumentError("Module::compile: no loss given");
  auto setup = std::make_shared<detail::TrainingSetup>();
  setup->optimizer = std::move(optimizer);
  setup->loss = std::move(loss);
  for (const std::string &name : metrics) {
    if (name != "accuracy" && name != "acc" && name != "sparse_categorical_accuracy")
      throw InvalidArgumentError("Unknown metric function: '" + name +
                                 "' (Module::compile knows 'accuracy' and "
                                 "'sparse_categorical_accuracy')");
    setup->metrics.emplace_back(name, metrics::SparseCategoricalAccuracy(name));
  }
  state_->training = std::move(setup);
}

namespace {
/// The steps of `setup` for `module`, made on first use.
void makeSteps(detail::TrainingSetup &setup, Module &module) {
  if (setup.stepsModule == &module)
    return;
  detail::TrainingSetup *s = &setup;
  Module *m = &module;
  setup.trainStep = ag::detail::compiled_when_available(
      [s, m](const TensorList &batch) -> TensorList {
        const Tensor &x = batch[0], &y = batch[1];
        std::vector<Tensor> gradients;
        std::vector<Variable> variables;
        Tensor predictions;
        {
          GradientTape tape;
          predictions = (*m)(x);
          Tensor loss = s->update_metrics(x, y, predictions);
          variables = m->trainable_variables();
          gradients = tape.gradient(loss, variables);
        }
        s->optimizer->apply_gradients(gradients, variables);
        return {};
      },
      module.name() + ".train_step");
  setup.testStep = ag::detail::compiled_when_available(
      [s, m](const TensorList &batch) -> TensorList {
        s->update_metrics(batch[0], batch[1], (*m)(batch[0]));
        return {};
      },
      module.name() + ".test_step");
  setup.stepsModule = &module;
}

/// One pass of `step` over `data`, drawing `progress`; the step count.
std::int64_t runEpoch(detail::TrainingSetup &setup, const ag::detail::TensorFunction &step,
                      const Batches &data, detail::ProgressBar &progress) {
  std::int64_t steps = 0;
  for (const auto &batch : data) {
    step(batchInputs(batch));
    ++steps;
    if (progress.wants_update())
      progress.update(steps, setup.results());
  }
  return steps;
}

std::int64_t knownSteps(const Batches &data) {
  std::int64_t n = data.cardinality();
  if (n == -1)
    throw InvalidArgumentError("Module::fit: the dataset is infinite (repeat() without a "
                               "count); take(n) a finite number of batches per epoch");
  return n;
}
} // namespace

History Module::fit(const Batches &data, int epochs, Verbosity verbose,
                    const std::optional<Batches> &validation_data) {
  detail::TrainingSetup &setup = setupOf(state_, "fit");
  makeSteps(setup, *this);
  std::int64_t target = knownSteps(data);
  History history;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    if (verbose != Verbosity::Silent)
      std::printf("Epoch %d/%d\n", epoch + 1, epochs);
    setup.reset_metrics();
    detail::ProgressBar progress(target >= 0 ? target : -1, verbose);
    std::int64_t steps = runEpoch(setup, setup.trainStep, data, progress);
    if (steps == 0)
      throw InvalidArgumentError("Module::fit: the dataset has no batches");
    detail::ProgressValues values = setup.results();
    if (validation_data) {
      setup.reset_metrics();
      detail::ProgressBar silent(-1, Verbosity::Silent);
      runEpoch(setup, setup.testStep, *validation_data, silent);
      for (const auto &value : setup.results("val_"))
        values.push_back(value);
    }
    progress.finish(steps, values);
    for (const auto &[name, value] : values) {
      history.history[name].push_back(value);
      // With a default summary writer, TensorBoard curves as Keras's
      // TensorBoard callback names them (epoch_loss, epoch_accuracy, ...).
      summary::scalar("epoch_" + name, constant(value), epoch);
    }
    history.epoch.push_back(epoch);
  }
  return history;
}

std::map<std::string, float> Module::evaluate(const Batches &data, Verbosity verbose) {
  detail::TrainingSetup &setup = setupOf(state_, "evaluate");
  makeSteps(setup, *this);
  setup.reset_metrics();
  detail::ProgressBar progress(knownSteps(data), verbose);
  std::int64_t steps = runEpoch(setup, setup.testStep, data, progress);
  detail::ProgressValues values = setup.results();
  progress.finish(steps, values);
  return {values.begin(), values.end()};
}

} // namespace ag::nn

namespace ag::nn {
namespace {
std::map<std::string, float> onBatch(detail::TrainingSetup &setup,
                                     const ag::detail::TensorFunction &step, const Tensor &x,
                                     const Tensor &y) {
  setup.reset_metrics();
  step({x, y});
  detail::ProgressValues values = setup.results();
  return {values.begin(), values.end()};
}
} // namespace

std::map<std::string, float> Module::train_on_batch(const Tensor &x, const Tensor &y) {
  detail::TrainingSetup &setup = setupOf(state_, "train_on_batch");
  makeSteps(setup, *this);
  return onBatch(setup, setup.trainStep, x, y);
}

std::map<std::string, float> Module::test_on_batch(const Tensor &x, const Tensor &y) {
  detail::TrainingSetup &setup = setupOf(state_, "test_on_batch");
  makeSteps(setup, *this);
  return onBatch(setup, setup.testStep, x, y);
}
} // namespace ag::nn

namespace ag::nn {
namespace {
/// x's and y's rows [begin, end).
std::pair<Tensor, Tensor> rows(const Tensor &x, const Tensor &y, std::int64_t begin,
                               std::int64_t end) {
  Tensor indices = range(constant(begin), constant(end), constant(std::int64_t{1}));
  return {gather(x, indices), gather(y, indices)};
}

void checkSamples(const char *caller, const Tensor &x, const Tensor &y,
                  std::int64_t batch_size) {
  if (x.rank() < 1 || y.rank() < 1 || x.dim(0) != y.dim(0))
    throw InvalidArgumentError(std::string("Module::") + caller +
                               ": Data cardinality is ambiguous: x sizes: " +
                               format_shape(x.shape()) + " y sizes: " + format_shape(y.shape()) +
                               ". Make sure all arrays contain the same number of samples.");
  if (batch_size <= 0)
    throw InvalidArgumentError(std::string("Module::") + caller +
                               ": batch_size must be positive, got " + std::to_string(batch_size));
}
} // namespace

History Module::fit(const Tensor &x, const Tensor &y, std::int64_t batch_size, int epochs,
                    Verbosity verbose, double validation_split, bool shuffle) {
  checkSamples("fit", x, y, batch_size);
  if (!(validation_split >= 0.0 && validation_split < 1.0))
    throw InvalidArgumentError("Module::fit: validation_split must be in [0, 1), got " +
                               std::to_string(validation_split));
  std::int64_t n = x.dim(0);
  // Keras: split_at = floor(n * (1 - validation_split)).
  auto splitAt = static_cast<std::int64_t>(std::floor(static_cast<double>(n) *
                                                      (1.0 - validation_split)));
  auto [xTrain, yTrain] = rows(x, y, 0, splitAt);
  Batches train = data::from_tensor_slices(xTrain, yTrain);
  if (shuffle && splitAt > 1) {
    auto seed = static_cast<std::uint64_t>(
        random::uniform({}, 0.0, 2147483647.0, std::nullopt, DType::Float64).item<double>());
    train = train.shuffle(splitAt, seed);
  }
  train = train.batch(batch_size);
  std::optional<Batches> validation;
  if (splitAt < n) {
    auto [xVal, yVal] = rows(x, y, splitAt, n);
    validation = data::from_tensor_slices(xVal, yVal).batch(batch_size);
  }
  return fit(train, epochs, verbose, validation);
}

std::map<std::string, float> Module::evaluate(const Tensor &x, const Tensor &y,
                                              std::int64_t batch_size, Verbosity verbose) {
  checkSamples("evaluate", x, y, batch_size);
  return evaluate(data::from_tensor_slices(x, y).batch(batch_size), verbose);
}

Tensor Module::predict(const Tensor &x, std::int64_t batch_size) {
  if (x.rank() < 1 || batch_size <= 0)
    throw InvalidArgumentError("Module::predict: expects samples along axis 0 and a positive "
                               "batch_size, got " + format_shape(x.shape()) + " and " +
                               std::to_string(batch_size));
  if (state_->predictModule != this) {
    Module *m = this;
    state_->predictStep = ag::detail::compiled_when_available(
        [m](const TensorList &batch) -> TensorList { return {(*m)(batch[0])}; },
        name() + ".predict_step");
    state_->predictModule = this;
  }
  std::vector<Tensor> outputs;
  for (const Tensor &batch : data::from_tensor_slices(x).batch(batch_size))
    outputs.push_back(state_->predictStep({batch}).at(0));
  if (outputs.empty())
    throw InvalidArgumentError("Module::predict: x has no samples");
  return outputs.size() == 1 ? outputs[0] : concat(outputs, 0);
}
} // namespace ag::nn
