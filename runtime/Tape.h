//===- Tape.h - what a GradientTape records (internal) -----------*- C++ -*-===//
//
// Shared by GradientTape.cpp (recording, the backward walk) and
// StagedGradients.cpp (the gradients of staged control flow).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_TAPE_H
#define AUTOGRAPH_RUNTIME_TAPE_H

#include "autograph/GradientTape.h"
#include "autograph/TensorArray.h"

#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ag::detail {

struct StagedCond;
struct StagedLoop;

/// A TensorArray operation: a write (of `value`, the entry's input), a
/// read or a stack (giving `value`, the entry's output).
struct ArrayRecord {
  ArrayOp op;
  TensorArray array;
  Tensor index;
  Tensor value;
  const void *key; // the array's identity
};

/// The identity of an array (its state eagerly, its handle when traced).
const void *array_key(const TensorArray &array);

/// One recorded computation: an op of the op layer, a staged cond or loop
/// (`cond`, `loop`, with `outputs`), a variable read, a TensorArray
/// operation or a tracer's run-time extent.
struct TapeEntry {
  OpKind kind;
  std::vector<Tensor> inputs;
  OpAttrs attrs;
  Tensor output;
  /// A tracer's run-time extent (Tracer::emit_dim) of inputs[0]'s axis.
  std::int64_t dimAxis = -1;
  /// A read of this variable (its value is `output`), in a region's record.
  std::shared_ptr<VariableState> variable;
  /// A TensorArray operation.
  std::shared_ptr<ArrayRecord> array;
  /// A staged cond or loop: all of its results.
  std::shared_ptr<StagedCond> cond;
  std::shared_ptr<StagedLoop> loop;
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

/// A staged loop (ag.while_loop, ag.for) under a recording tape: every op
/// its body traced, the body's inputs (the induction value of a `for`, then
/// the loop variables) and results, and per input a stack (a dynamic
/// TensorArray) that the compiled body pushes the input's value on at each
/// iteration, so that the backward loop can trace the body again for each
/// iteration in reverse.
///
/// A loop nested in a staged region (a loop body, a cond's branch) also
/// keeps its condition's record and how to stage it: the region's gradient
/// traces the region again, which stages the loop again from the region's
/// new values, with new stacks (`restaged`), and then differentiates it
/// from those.
struct StagedLoop {
  std::vector<Tensor> initial;
  std::vector<Tensor> inputs;   // the body's parameters, as traced
  std::vector<Tensor> yields;   // the body's results (one per loop variable)
  std::vector<TapeEntry> body;
  std::vector<TensorArray> stacks; // one per input
  bool hasIndex = false;            // inputs[0] is a `for`'s induction value
  std::vector<Tensor> outputs;
  /// A while loop's condition: its parameters, its ops and its result.
  bool hasCondition = false;
  std::vector<Tensor> conditionInputs;
  std::vector<TapeEntry> condition;
  Tensor conditionResult;
  /// Stages the loop again; null if it cannot be (a dataset's loop).
  LoopEmitter emit;
  /// The stacks of the loop as replay() last staged it again for the
  /// gradient of the region being traced again, which reads and then
  /// releases them.
  mutable std::vector<TensorArray> restaged;
};

struct TapeState {
  /// How many staged regions were being recorded when the tape was made:
  /// a loop recorded deeper than that is nested in a region for this tape,
  /// and its gradient comes from the region's (the loop staged again).
  std::size_t regionDepth = 0;
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
  /// The TensorArrays written with a connected value, and during gradient()
  /// the arrays of their elements' adjoints.
  std::unordered_set<const void *> connectedArrays;
  mutable std::unordered_map<const void *, TensorArray> adjointArrays;

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

/// While it lives, the ops applied on this thread are also appended to
/// `entries` (the record of a staged region: a cond's branch, a loop's
/// body), all of them, so that the region can be traced again.
class RegionRecording {
public:
  explicit RegionRecording(std::vector<TapeEntry> &entries);
  ~RegionRecording();
  RegionRecording(const RegionRecording &) = delete;
  RegionRecording &operator=(const RegionRecording &) = delete;
};

/// While staged control flow traces a region, the ops it applies are
/// appended to the innermost region's list (see StagedGradients.cpp).
void record_in_region(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                      const Tensor &output);

/// The adjoint of a TensorArray operation: a read's adjoint is added to its
/// element's in the array of adjoints, a stack's to every element's, and a
/// write takes its element's adjoint (and clears it).
void array_gradient(const TapeEntry &entry, const TapeState &tape, const Adjoints &values,
                    Adjoints &adjoints);
/// Whether a staged cond or loop writes, somewhere in its record, to an
/// array whose elements may have adjoints (so that its gradient is needed
/// even when its results have none).
bool writes_connected_arrays(const TapeEntry &entry, const TapeState &tape);
/// Creates, before the backward pass, the adjoint array of each array this
/// tape saw written with a connected value (also in staged regions).
void create_adjoint_arrays(const TapeState &tape);

/// How many staged regions are being recorded on this thread.
std::size_t region_depth();

/// Appends a staged loop's entry to the innermost region's record, if any.
void record_loop_in_region(const TapeEntry &entry);

/// Appends a TensorArray operation to the innermost region's record;
/// false outside staged regions.
bool record_array_in_region(const TapeEntry &entry);

/// Notes a read of `variable` (giving `value`) in the innermost region's
/// record: traced again, the region reads the variable again, and the
/// read's adjoint is carried out of a loop to the variable.
void record_read_in_region(const std::shared_ptr<VariableState> &variable, const Tensor &value);

/// The variable reads in a region's record, each once (a loop's gradient
/// sums their adjoints over the iterations).
std::vector<const TapeEntry *> region_reads(const std::vector<TapeEntry> &entries);

/// Traces the record `entries` again; `values` maps each recorded result's
/// identity to its new tensor (outer tensors are themselves). Nested conds
/// and loops are staged again on the new values; `forGradient` when the
/// region's gradient follows (backprop_region on the same values), so that
/// the loops staged again stack their iterations for it.
void replay(const std::vector<TapeEntry> &entries, Adjoints &values, bool forGradient);

/// The adjoints of the staged cond's inputs for its outputs' `adjoints`,
/// added to `adjoints` (a cond on the same predicate, each branch traced
/// again from its record and differentiated).
/// `values` maps recorded tensors to those of a region traced again (a cond
/// nested in a loop body or a branch), null at the top level.
void cond_gradient(const StagedCond &cond, const TapeState &tape, Adjoints &adjoints,
                   const Adjoints *values = nullptr);

/// The connected outer tensors a staged cond's branches use.
std::vector<Tensor> cond_sources(const StagedCond &cond, const TapeState &tape);
/// What an entry takes and gives, for source analysis: a cond's predicate
/// and sources, and all of its results.
std::vector<Tensor> entry_inputs(const TapeEntry &entry, const TapeState &tape);
std::vector<Tensor> entry_outputs(const TapeEntry &entry);
/// `t` as traced again (`values`), or itself.
Tensor value_in(const Adjoints &values, const Tensor &t);
/// Adds to `local` the adjoints of what the record `entries` used, from the
/// adjoints already in `local`: the tape's own record (`values` null), or a
/// staged region's, on `values` (the region traced again).
void backprop_region(const std::vector<TapeEntry> &entries, const TapeState &tape,
                     const Adjoints *values, Adjoints &local);

/// The adjoints of the staged loop's initial values and of the outer
/// tensors its body used, added to `adjoints`: a loop over the recorded
/// iterations in reverse, each tracing the body again from its inputs'
/// stacked values and then its gradient. `values` maps recorded tensors to
/// those of the enclosing region traced again (a loop nested in a loop
/// body or a branch, staged again by replay()), null at the top level.
void loop_gradient(const StagedLoop &loop, const TapeState &tape, Adjoints &adjoints,
                   const Adjoints *values = nullptr);

/// Stages the loop of a region's record again on `values` (replay()), with
/// new stacks if `withStacks` (for its gradient, which releases them), and
/// maps its recorded results to the new ones.
void restage_loop(const StagedLoop &loop, Adjoints &values, bool withStacks);

/// What a loop entry takes, for source analysis: its initial values, the
/// connected outer tensors its body uses, and the values of the connected
/// variable reads in it.
std::vector<Tensor> loop_entry_inputs(const StagedLoop &loop, const TapeState &tape);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_TAPE_H
