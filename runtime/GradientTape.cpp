//===- GradientTape.cpp - recording ops and walking them backwards --------===//
//
// Tapes recording on a thread form a list (a tape records from its
// construction to its destruction, or to its first gradient() when it is not
// persistent). The op layer reports every op it applies; each recording tape
// keeps the ops whose inputs it has seen connected to a watched tensor, with
// their inputs and output (so tensor identities stay valid). gradient() runs
// the record backwards: the adjoint of each op's output, accumulated over
// its uses, goes through the op's gradient (Gradients.cpp) to its inputs.
//
//===----------------------------------------------------------------------===//
#include "autograph/GradientTape.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include "Gradients.h"
#include "Tape.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace ag {
namespace detail {

namespace {
thread_local std::vector<TapeState *> tls_tapes;
thread_local int tls_recording = 0; // tapes in tls_tapes that record
} // namespace

bool any_tape_recording() noexcept { return tls_recording > 0; }

const std::vector<TapeState *> &recording_tapes() { return tls_tapes; }

void accumulate(Adjoints &adjoints, const Tensor &of, const Tensor &grad) {
  auto [slot, added] = adjoints.try_emplace(of.id(), grad);
  if (!added)
    slot->second = slot->second + grad;
}

void record_on_tapes(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                     const Tensor &output) {
  record_in_region(kind, inputs, attrs, output);
  for (TapeState *tape : tls_tapes) {
    if (!tape->recording)
      continue;
    bool connected = false;
    for (const Tensor &input : inputs)
      connected = connected || tape->connected.count(input.id());
    if (!connected)
      continue;
    tape->entries.push_back(
        TapeEntry{kind, std::vector<Tensor>(inputs.begin(), inputs.end()), attrs, output});
    if (carries_gradient(output.dtype()))
      tape->connected.insert(output.id());
  }
}

void record_variable_read(const std::shared_ptr<VariableState> &variable,
                          const Tensor &value) {
  if (value.is_symbolic())
    record_read_in_region(variable, value);
  for (TapeState *tape : tls_tapes) {
    if (!tape->recording)
      continue;
    bool watches = tape->watchedVariables.count(variable.get()) ||
                   (tape->watch_accessed_variables && variable->trainable);
    if (!watches)
      continue;
    if (std::find(tape->variables.begin(), tape->variables.end(), variable) ==
        tape->variables.end())
      tape->variables.push_back(variable);
    std::vector<Tensor> &reads = tape->reads[variable.get()];
    bool seen = false;
    for (const Tensor &read : reads)
      seen = seen || read.id() == value.id();
    if (!seen)
      reads.push_back(value);
    tape->watchTensor(value);
  }
}

NoTapeRecording::NoTapeRecording() {
  for (TapeState *tape : tls_tapes)
    if (tape->recording) {
      tape->recording = false;
      paused_.push_back(tape);
    }
  tls_recording -= static_cast<int>(paused_.size());
}

NoTapeRecording::~NoTapeRecording() {
  for (TapeState *tape : paused_)
    tape->recording = true;
  tls_recording += static_cast<int>(paused_.size());
}

namespace {

/// Pauses recording on one tape while it is set.
class PauseRecording {
public:
  explicit PauseRecording(TapeState *tape) : tape_(tape), was_(tape->recording) {
    if (was_) {
      tape_->recording = false;
      --tls_recording;
    }
  }
  ~PauseRecording() {
    if (was_) {
      tape_->recording = true;
      ++tls_recording;
    }
  }

private:
  TapeState *tape_;
  bool was_;
};

/// The adjoints of the tape's tensors for `target`, over every recorded op.
Adjoints backpropagate(const TapeState &tape, const Tensor &target) {
  Adjoints adjoints;
  adjoints[target.id()] = ones_like(target);
  create_adjoint_arrays(tape);
  backprop_region(tape.entries, tape, nullptr, adjoints);
  return adjoints;
}

void checkTarget(const Tensor &target) {
  if (!target.defined())
    throw InvalidArgumentError("GradientTape.gradient: the target is an undefined tensor");
  if (!carries_gradient(target.dtype()))
    throw InvalidArgumentError(
        std::string("GradientTape.gradient: the target must be a floating tensor "
                    "(float32 or float64), got ") +
        format_spec(target.spec()) + ": integer and boolean values carry no gradient");
}

} // namespace
} // namespace detail

GradientTape::GradientTape(bool persistent, bool watch_accessed_variables)
    : state_(std::make_unique<detail::TapeState>()) {
  state_->persistent = persistent;
  state_->watch_accessed_variables = watch_accessed_variables;
  state_->regionDepth = detail::region_depth();
  detail::tls_tapes.push_back(state_.get());
  ++detail::tls_recording;
}

GradientTape::~GradientTape() {
  auto &tapes = detail::tls_tapes;
  auto it = std::find(tapes.begin(), tapes.end(), state_.get());
  if (it != tapes.end()) {
    if ((*it)->recording)
      --detail::tls_recording;
    tapes.erase(it);
  }
}

void GradientTape::watch(const Tensor &t) {
  if (!t.defined())
    throw InvalidArgumentError("GradientTape.watch: the tensor is undefined");
  state_->watchTensor(t);
}

void GradientTape::watch(const Variable &v) {
  state_->watchedVariables.insert(v.state().get());
  // Its current value is watched too (a read that happened before).
  if (!current_tracer())
    detail::record_variable_read(v.state(), v.state()->get());
}

std::vector<Tensor> GradientTape::gradient(const Tensor &target,
                                           const std::vector<Tensor> &sources,
                                           UnconnectedGradients unconnected) {
  detail::checkTarget(target);
  if (state_->used && !state_->persistent)
    throw InvalidArgumentError(
        "GradientTape.gradient: a non-persistent GradientTape can only be used to "
        "compute one set of gradients (create it with persistent = true)");
  state_->used = true;
  std::unordered_map<const void *, Tensor> adjoints;
  {
    // This tape does not record its own gradient; a non-persistent one
    // stops recording for good.
    detail::PauseRecording pause(state_.get());
    adjoints = detail::backpropagate(*state_, target);
  }
  if (!state_->persistent && state_->recording) {
    state_->recording = false;
    --detail::tls_recording;
  }
  state_->adjointArrays.clear();
  std::vector<Tensor> result;
  for (const Tensor &source : sources) {
    if (!source.defined())
      throw InvalidArgumentError("GradientTape.gradient: a source is an undefined tensor");
    auto found = adjoints.find(source.id());
    if (found != adjoints.end() && source.id() != target.id()) {
      result.push_back(found->second);
    } else if (source.id() == target.id()) {
      result.push_back(ones_like(source));
    } else if (unconnected == UnconnectedGradients::zero) {
      result.push_back(zeros_like(source));
    } else {
      result.emplace_back();
    }
  }
  return result;
}

std::vector<Tensor> GradientTape::gradient(const Tensor &target,
                                           const std::vector<Variable> &sources,
                                           UnconnectedGradients unconnected) {
  // A variable's gradient sums those of the values read from it.
  std::vector<Tensor> reads;
  std::vector<std::size_t> first{0};
  for (const Variable &variable : sources) {
    auto found = state_->reads.find(variable.state().get());
    if (found != state_->reads.end())
      reads.insert(reads.end(), found->second.begin(), found->second.end());
    first.push_back(reads.size());
  }
  std::vector<Tensor> grads = gradient(target, reads, UnconnectedGradients::none);
  std::vector<Tensor> result;
  for (std::size_t k = 0; k < sources.size(); ++k) {
    Tensor sum;
    for (std::size_t i = first[k]; i < first[k + 1]; ++i)
      if (grads[i].defined())
        sum = sum.defined() ? sum + grads[i] : grads[i];
    if (!sum.defined() && unconnected == UnconnectedGradients::zero)
      sum = zeros(sources[k].shape(), sources[k].dtype());
    result.push_back(sum);
  }
  return result;
}

Tensor GradientTape::gradient(const Tensor &target, const Tensor &source,
                              UnconnectedGradients unconnected) {
  return gradient(target, std::vector<Tensor>{source}, unconnected)[0];
}

Tensor GradientTape::gradient(const Tensor &target, const Variable &source,
                              UnconnectedGradients unconnected) {
  return gradient(target, std::vector<Variable>{source}, unconnected)[0];
}

std::vector<Variable> GradientTape::watched_variables() const {
  std::vector<Variable> result;
  for (const auto &state : state_->variables)
    result.push_back(Variable::from_state(state));
  return result;
}

GradientTape::Pause::Pause(detail::TapeState *tape) : tape_(tape), was_recording_(tape->recording) {
  if (was_recording_) {
    tape_->recording = false;
    --detail::tls_recording;
  }
}

GradientTape::Pause::~Pause() {
  if (was_recording_) {
    tape_->recording = true;
    ++detail::tls_recording;
  }
}

GradientTape::Pause GradientTape::stop_recording() { return Pause(state_.get()); }

Tensor stop_gradient(const Tensor &t) {
  if (!t.defined())
    throw InvalidArgumentError("stop_gradient: the tensor is undefined");
  if (!is_floating(t.dtype()))
    return t;
  // The same values under a new identity, made while no tape records.
  detail::NoTapeRecording pause;
  return t * ones({}, t.dtype());
}

} // namespace ag
