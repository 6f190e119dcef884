//===- Checkpoint.h - ag::train::Checkpoint: save and restore state -*- C++ -*-===//
//
// SPEC 8.6, as tf.train.Checkpoint:
//
//   ag::train::Checkpoint ckpt({{"model", model}, {"optimizer", optimizer}});
//   std::string path = ckpt.save("ckpts/run");     // "ckpts/run-1", "-2", ...
//   ckpt.restore(path);                            // or latest_checkpoint("ckpts")
//
// A checkpoint tracks named objects by handle: modules (their variables
// and their sub-modules'), optimizers (iterations and the slots of the
// tracked variables), metrics and variables. Each value is stored under its
// object path in a safetensors file PATH.safetensors (dtype and shape in
// the header): `model/dense/kernel`, `model/dense_1/bias` (a module's
// sub-modules by name, `_1`, `_2`, ... for repeated names),
// `optimizer/iterations`, `model/dense/kernel/.OPTIMIZER_SLOT/optimizer/m`,
// `loss/total`, `save_counter`. A variable reachable twice is stored once.
//
// save() is atomic (a temporary file renamed into place: a crash leaves the
// previous checkpoint intact) and records the path in DIR/checkpoint for
// latest_checkpoint(). restore() checks the whole file and every name,
// dtype and shape before changing anything (an ag::Error naming the file
// and what is wrong; nothing half-restored). Variables a model has not
// created yet (a Dense layer before its first call) are restored when they
// are created, with their optimizer slots.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CHECKPOINT_H
#define AUTOGRAPH_CHECKPOINT_H

#include "autograph/Layers.h"
#include "autograph/Metrics.h"
#include "autograph/Optimizers.h"
#include "autograph/Variable.h"

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag::train {

class Checkpoint {
public:
  /// What a checkpoint tracks (a handle on it).
  class Object {
  public:
    Object(const Variable &variable) : variable_(variable) {}
    Object(const metrics::Mean &metric) : metric_(metric) {}
    /// Any module, by its shared state (a Dense, a Sequential, yours).
    Object(const nn::Module &module) : module_(Checkpoint::stateOf(module)) {}
    template <class O, std::enable_if_t<std::is_base_of_v<optimizers::Optimizer, O>, int> = 0>
    Object(const O &optimizer) : optimizer_(std::make_shared<O>(optimizer)) {}

  private:
    friend class Checkpoint;
    std::shared_ptr<nn::detail::ModuleState> module_;
    std::shared_ptr<optimizers::Optimizer> optimizer_;
    std::optional<Variable> variable_;
    std::optional<metrics::Mean> metric_;
  };

  Checkpoint(std::initializer_list<std::pair<std::string, Object>> objects);

  /// Saves to PREFIX-N.safetensors, N = save_counter() + 1; returns
  /// "PREFIX-N" (what restore() and latest_checkpoint() take).
  std::string save(const std::string &prefix);
  /// Restores from "PREFIX-N" (or the .safetensors file itself).
  void restore(const std::string &path);
  /// How many times save() was called (restored with the checkpoint).
  Variable save_counter() const { return saveCounter_; }

  /// The values save() would store, by object path (for inspection).
  std::vector<std::pair<std::string, Variable>> variables() const;

  struct Tracked; // what the objects hold, by path (Checkpoint.cpp)

private:
  static std::shared_ptr<nn::detail::ModuleState> stateOf(const nn::Module &module);
  void collect(Tracked &tracked) const;
  std::vector<std::pair<std::string, Object>> objects_;
  Variable saveCounter_;
};

/// The checkpoint save() last wrote in `directory` ("" when none).
std::string latest_checkpoint(const std::string &directory);

} // namespace ag::train

#endif // AUTOGRAPH_CHECKPOINT_H
