//===- SavedModel.h - ag::saved_model: models that load without source -*- C++ -*-===//
//
// SPEC 8.6, as tf.saved_model:
//
//   // the training program (linked with autograph::jit):
//   ag::saved_model::save(trunk, {"f32[?,8]"}, "exported/trunk");
//
//   // another program, linked with autograph::runtime only:
//   auto trunk = ag::saved_model::load("exported/trunk");
//   ag::Tensor features = trunk(x);           // x checked against the signatures
//   trunk.variables();                         // the weights, by object path
//
// save() traces the model's forward pass (or a function of tensors) for
// each signature, compiles it ahead of time for this CPU and links the
// objects into DIR/model.so with the system's C compiler driver (`cc`, at
// save time only); the variables it reads are stored in
// DIR/variables.safetensors (by object path, as checkpoints store them) and
// passed to the compiled code on each call, so they stay variables of the
// loaded model; DIR/saved_model.json lists the signatures and variables.
// load() needs no compiler: it reads the weights, dlopen()s the code and
// checks every file (an ag::Error naming the file and what is wrong).
// `autograph-saved-model show DIR` prints the signatures and variables.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_SAVEDMODEL_H
#define AUTOGRAPH_SAVEDMODEL_H

#include "autograph/ControlFlow.h"
#include "autograph/Layers.h"
#include "autograph/Tensor.h"
#include "autograph/Variable.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ag::saved_model {

/// Compiles `model` (its forward pass, one tensor in, one out) for each
/// signature ("f32[?,8]": dtype and shape, ? for an extent known at run
/// time) and writes the saved model to `dir`. Needs autograph::jit.
void save(nn::Module &model, const std::vector<std::string> &signatures,
          const std::string &dir);
/// The same for a function of tensors; a signature lists each input
/// ("f32[?,8],i64[]"). Its variables are named by their names.
void save(const std::function<TensorList(const TensorList &)> &function,
          const std::vector<std::string> &signatures, const std::string &dir);

namespace detail {
struct LoadedState;
} // namespace detail

/// A saved model in this process (a handle).
class LoadedModel {
public:
  /// Runs the signature the arguments match (dtypes and shapes), else an
  /// ag::InvalidArgumentError listing the signatures.
  TensorList call(const TensorList &args) const;
  Tensor operator()(const Tensor &x) const { return call({x}).at(0); }

  /// The variables, in the manifest's order (object paths as names).
  std::vector<Variable> variables() const;
  std::vector<Variable> trainable_variables() const;
  /// The compiled signatures: inputs as saved ("f32[?,8]") and outputs.
  struct Signature {
    std::string inputs, outputs;
  };
  std::vector<Signature> signatures() const;
  /// The directory it was loaded from.
  const std::string &directory() const;

private:
  friend LoadedModel load(const std::string &dir);
  std::shared_ptr<detail::LoadedState> state_;
};

/// Loads DIR (autograph::runtime only: no compiler at run time).
LoadedModel load(const std::string &dir);

} // namespace ag::saved_model

#endif // AUTOGRAPH_SAVEDMODEL_H
