//===- Tape.h - what a GradientTape records (internal) -----------*- C++ -*-===//
//
// Shared by GradientTape.cpp (recording, the backward walk) and
// StagedGradients.cpp (the gradients of staged control flow).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_TAPE_H
#define AUTOGRAPH_RUNTIME_TAPE_H

#include "autograph/GradientTape.h"

#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ag::detail {

struct StagedCond;

/// One recorded computation: an op of the op layer, a staged cond (`cond`,
/// with `outputs`), or something without a gradient yet (`opaque`).
struct TapeEntry {
  OpKind kind;
  std::vector<Tensor> inputs;
  OpAttrs attrs;
  Tensor output;
  /// Set for a computation without a gradient yet (record_opaque_on_tapes).
  const char *opaque = nullptr;
  /// A staged cond: all of its results.
  std::shared_ptr<StagedCond> cond;
  std::vector<Tensor> outputs;
};

/// A staged ag.cond under a recording tape: every op each branch traced (in
/// order, connected to a watched tensor or not, so that they can be traced
/// again), what each branch returned, and the cond's results.
struct StagedCond {
  Tensor predicate;
  std::vector<TapeEntry> branches[2];
  std::vector<Tensor> yields[2];
  std::vector<Tensor> outputs;
};

struct TapeState {
  bool persistent;
  bool watch_accessed_variables;
  bool recording = true;
  bool used = false;
  /// Tensors that depend on a watched one (by identity), kept alive here.
  std::unordered_set<const void *> connected;
  std::vector<Tensor> watched;
  std::vector<TapeEntry> entries;
  /// The variables watched, in order, and the values read from each.
  std::vector<std::shared_ptr<VariableState>> variables;
  std::unordered_map<const VariableState *, std::vector<Tensor>> reads;
  std::unordered_set<const VariableState *> watchedVariables;

  void watchTensor(const Tensor &t) {
    if (connected.insert(t.id()).second)
      watched.push_back(t);
  }
};

/// Adjoints by tensor identity.
using Adjoints = std::unordered_map<const void *, Tensor>;

/// Adds `grad` to the adjoint of `of`.
void accumulate(Adjoints &adjoints, const Tensor &of, const Tensor &grad);

/// Whether values of `dtype` carry gradients (floating ones).
inline bool carries_gradient(DType dtype) { return is_floating(dtype); }

/// The tapes recording on this thread.
const std::vector<TapeState *> &recording_tapes();

/// While staged control flow traces a region, the ops it applies are
/// appended to the innermost region's list (see StagedGradients.cpp).
void record_in_region(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                      const Tensor &output);

/// Notes in the innermost region's record that `outputs` were made by a
/// computation without a gradient yet (`what`).
void record_opaque_in_region(const char *what, Span<const Tensor> outputs);

/// The adjoints of the staged cond's inputs for its outputs' `adjoints`,
/// added to `adjoints` (a cond on the same predicate, each branch traced
/// again from its record and differentiated).
void cond_gradient(const StagedCond &cond, const TapeState &tape, Adjoints &adjoints);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_TAPE_H
