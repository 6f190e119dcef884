//===- GradientTape.h - ag::GradientTape: reverse-mode differentiation -*- C++ -*-===//
//
// tf.GradientTape for C++ (SPEC 8.4):
//
//   ag::Variable w(ag::ones({3, 1}), "w");
//   ag::GradientTape tape;                 // records from here on
//   ag::Tensor loss = ag::reduce_mean(ag::square(ag::matmul(x, w) - y));
//   std::vector<ag::Tensor> g = tape.gradient(loss, std::vector<ag::Variable>{w});
//
// A tape records every op of the op layer (include/autograph/Op.h) whose
// inputs depend on a watched tensor: tensors passed to watch(), and the
// values of trainable variables read while it records. gradient() walks the
// record backwards, applying each op's gradient (runtime/Gradients.cpp,
// `<name>_gradient`, written in ag ops). Because those gradients are ag ops,
// the same code runs eagerly and, inside an AG_FUNCTION, is traced into the
// compiled function; and a tape that records while another computes its
// gradient records the gradient's ops (higher-order gradients).
//
// TF's rules: a non-scalar target is differentiated as its sum; a source the
// target does not depend on gets an undefined tensor (TF's None), or zeros
// with UnconnectedGradients::zero; integer and boolean values carry no
// gradient; ag::stop_gradient(t) cuts the path through t; a non-persistent
// tape computes one set of gradients, then stops recording. An op on the
// path that has no gradient is an ag::InvalidArgumentError, never a zero.
// docs/gradients.md has the design and its limits.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_GRADIENTTAPE_H
#define AUTOGRAPH_GRADIENTTAPE_H

#include "autograph/Op.h"
#include "autograph/Tensor.h"
#include "autograph/Variable.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace ag {

class TensorArray;

/// What gradient() gives a source the target does not depend on.
enum class UnconnectedGradients { none, zero };

namespace detail {
struct TapeState;
} // namespace detail

class GradientTape {
public:
  /// Starts recording. A persistent tape may compute several gradients.
  explicit GradientTape(bool persistent = false, bool watch_accessed_variables = true);
  ~GradientTape();
  GradientTape(const GradientTape &) = delete;
  GradientTape &operator=(const GradientTape &) = delete;

  /// Records the ops that depend on `t` from now on (an integer or boolean
  /// tensor is allowed: its gradient is undefined).
  void watch(const Tensor &t);
  /// Watches the variable's reads from now on (also when it is not
  /// trainable, or watch_accessed_variables is false).
  void watch(const Variable &v);

  /// d(sum of target)/d(source).
  Tensor gradient(const Tensor &target, const Tensor &source,
                  UnconnectedGradients unconnected = UnconnectedGradients::none);
  Tensor gradient(const Tensor &target, const Variable &source,
                  UnconnectedGradients unconnected = UnconnectedGradients::none);
  std::vector<Tensor> gradient(const Tensor &target, const std::vector<Tensor> &sources,
                               UnconnectedGradients unconnected = UnconnectedGradients::none);
  std::vector<Tensor> gradient(const Tensor &target, const std::vector<Variable> &sources,
                               UnconnectedGradients unconnected = UnconnectedGradients::none);

  /// The variables this tape watched, in the order they were first read.
  std::vector<Variable> watched_variables() const;

  /// Pauses recording until the returned scope ends (tape.stop_recording()).
  class Pause {
  public:
    explicit Pause(detail::TapeState *tape);
    ~Pause();
    Pause(const Pause &) = delete;
    Pause &operator=(const Pause &) = delete;

  private:
    detail::TapeState *tape_;
    bool was_recording_;
  };
  Pause stop_recording();

private:
  std::unique_ptr<detail::TapeState> state_;
};

/// `t` with no gradient path through it: a tape sees a new, unwatched tensor.
Tensor stop_gradient(const Tensor &t);

namespace detail {
/// The op layer's hook (runtime/OpLayer.cpp): records an op on the tapes
/// recording on this thread. Cheap when none is.
void record_on_tapes(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                     const Tensor &output);
bool any_tape_recording() noexcept;
/// ag::cond's staged path under a recording tape (StagedGradients.cpp):
/// `emit` stages the cond with the branches it is given, which this wraps
/// to record each branch's ops, so that the cond can be differentiated.
std::vector<Tensor> record_staged_cond(
    const Tensor &predicate, const std::function<std::vector<Tensor>()> &then_branch,
    const std::function<std::vector<Tensor>()> &else_branch,
    const std::function<std::vector<Tensor>(const std::function<std::vector<Tensor>()> &,
                                            const std::function<std::vector<Tensor>()> &)> &emit);

/// The staged paths of ag::while_loop (no induction value) and of ag.for
/// loops (`body` takes the induction value first) under a recording tape:
/// `emit` stages the loop from `initial` values with the body (and, for a
/// while loop, the condition) it is given, which this wraps to record the
/// body and condition and to stack the body's inputs per iteration.
/// `emit`'s last argument gives, for each outer tensor the emitter itself
/// uses (a `for`'s bounds, the rows of a loop over rows), the tensor to use.
/// A `restageable` emitter keeps copies of what it uses: the gradient of an
/// enclosing staged region calls it again to stage the loop again, with the
/// region's values traced again (docs/gradients.md). Otherwise a loop
/// nested in a staged region cannot be differentiated (an error says so).
using LoopBody = std::function<std::vector<Tensor>(const std::vector<Tensor> &)>;
using LoopCondition = std::function<Tensor(const std::vector<Tensor> &)>;
using OuterValue = std::function<Tensor(const Tensor &)>;
using LoopEmitter = std::function<std::vector<Tensor>(
    const std::vector<Tensor> &initial, const LoopCondition &condition, const LoopBody &body,
    const OuterValue &outer)>;
std::vector<Tensor> record_staged_loop(const std::vector<Tensor> &initial, bool hasIndex,
                                       const LoopCondition &condition, const LoopBody &body,
                                       const LoopEmitter &emit, bool restageable);

/// A tracer's run-time extent `result` of `x`'s axis `axis` (Tracer::emit_dim),
/// noted in the record of the staged region being traced, if any, so that
/// the region can be traced again.
void record_dim_in_region(const Tensor &x, std::int64_t axis, const Tensor &result);

/// TensorArray operations (runtime/TensorArray.cpp) reported to the tapes:
/// a write of `value` at `index`, a read giving `value`, a stack giving
/// `value`. Reads and writes are each other's adjoint.
enum class ArrayOp { Write, Read, Stack };
void record_array_op(ArrayOp op, const TensorArray &array, const Tensor &index,
                     const Tensor &value);

/// While it lives, no tape on this thread records (stop_gradient, and
/// variable updates: state blocks gradients, as in TF).
class NoTapeRecording {
public:
  NoTapeRecording();
  ~NoTapeRecording();
  NoTapeRecording(const NoTapeRecording &) = delete;
  NoTapeRecording &operator=(const NoTapeRecording &) = delete;

private:
  std::vector<TapeState *> paused_;
};
/// Variable reads (runtime/Variable.cpp): the tapes that watch `variable`
/// watch `value`.
void record_variable_read(const std::shared_ptr<VariableState> &variable,
                          const Tensor &value);
} // namespace detail

} // namespace ag

#endif // AUTOGRAPH_GRADIENTTAPE_H
