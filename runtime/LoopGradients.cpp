//===- LoopGradients.cpp - gradients of staged loops ----------------------===//
//
// A staged loop (ag.while_loop, ag.for) under a recording tape is recorded
// with every op its body traced, and the compiled body pushes its inputs
// (the induction value of a `for`, the loop variables) on one stack each
// (a dynamic ag::TensorArray) at every iteration: memory O(iterations x
// loop variables), not a copy of all state. Its gradient is a loop over the
// iterations in reverse (their count is the stacks' size, known at run
// time): each reads its inputs back, traces the body again from the record
// (rematerialising the intermediates) and then the body's gradient, carrying
// the loop variables' adjoints from one iteration to the one before and
// summing those of the outer tensors the body uses.
//
//===----------------------------------------------------------------------===//
#include "Gradients.h"
#include "Tape.h"

#include "autograph/ControlFlow.h"
#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"

#include <string>
#include <unordered_set>

namespace ag::detail {

namespace {

/// The outer tensors the body uses (not its inputs, not made by its ops)
/// that `tape` has connected to a watched tensor.
std::vector<Tensor> loopSources(const StagedLoop &loop, const TapeState &tape) {
  std::unordered_set<const void *> local, seen;
  for (const Tensor &input : loop.inputs)
    local.insert(input.id());
  std::vector<Tensor> sources;
  auto consider = [&](const Tensor &t) {
    if (t.defined() && t.is_symbolic() && carries_gradient(t.dtype()) && !local.count(t.id()) &&
        tape.connected.count(t.id()) && seen.insert(t.id()).second)
      sources.push_back(t);
  };
  for (const TapeEntry &entry : loop.body) {
    // Variable reads in the body are loop-carried values: their adjoints
    // are summed separately (loop_gradient).
    for (const Tensor &input : entry_inputs(entry, tape))
      consider(input);
    for (const Tensor &output : entry_outputs(entry))
      local.insert(output.id());
  }
  for (const Tensor &y : loop.yields)
    consider(y);
  return sources;
}

bool loopIsConnected(const StagedLoop &loop, const TapeState &tape) {
  for (const Tensor &t : loop.initial)
    if (tape.connected.count(t.id()))
      return true;
  for (const TapeEntry *read : region_reads(loop.body))
    if (tape.connected.count(read->output.id()))
      return true;
  return !loopSources(loop, tape).empty();
}

/// One stack per body input, created before the loop.
std::vector<TensorArray> makeStacks(bool hasIndex, const std::vector<Tensor> &initial) {
  std::vector<TensorArray> stacks;
  if (hasIndex)
    stacks.emplace_back(DType::Int64, std::int64_t{0}, /*dynamic_size=*/true, "loop index stack");
  for (const Tensor &value : initial)
    stacks.emplace_back(value.dtype(), std::int64_t{0}, /*dynamic_size=*/true,
                        "loop variable stack");
  return stacks;
}

/// The body's inputs at this iteration, pushed on their stacks.
void pushInputs(std::vector<TensorArray> &stacks, bool hasIndex, const std::vector<Tensor> &inputs) {
  // The stacks are the gradient's bookkeeping, not part of any record.
  NoTapeRecording quiet;
  for (std::size_t k = 0; k < inputs.size() && k < stacks.size(); ++k) {
    Tensor value = hasIndex && k == 0 ? cast(inputs[k], DType::Int64) : inputs[k];
    stacks[k].write(stacks[k].size(), value);
  }
}
} // namespace

std::vector<Tensor> record_staged_loop(const std::vector<Tensor> &initial, bool hasIndex,
                                       const LoopCondition &condition, const LoopBody &body,
                                       const LoopEmitter &emit, bool restageable) {
  const OuterValue itself = [](const Tensor &t) { return t; };
  if (!any_tape_recording())
    return emit(initial, condition, body, itself);
  auto loop = std::make_shared<StagedLoop>();
  loop->initial = initial;
  loop->hasIndex = hasIndex;
  // A tape for which the loop is nested in a staged region differentiates
  // the loop staged again, with new stacks: the loop's own stacks serve
  // the tapes made inside the innermost region (or outside any).
  const std::size_t depth = region_depth();
  auto topLevelFor = [depth](const TapeState &tape) { return tape.regionDepth >= depth; };
  bool anyTopLevel = false;
  for (TapeState *tape : recording_tapes())
    anyTopLevel = anyTopLevel || (tape->recording && topLevelFor(*tape));
  if (anyTopLevel)
    loop->stacks = makeStacks(hasIndex, initial);
  if (restageable)
    loop->emit = emit;
  LoopBody traced = [&](const std::vector<Tensor> &inputs) {
    // A body traced again (a trial) starts over.
    loop->body.clear();
    loop->inputs = inputs;
    // The body's parameters stand for the loop variables: what depends on
    // them is recorded (and a cond in the body sees them as its sources).
    for (TapeState *tape : recording_tapes())
      if (tape->recording)
        for (const Tensor &input : inputs)
          if (carries_gradient(input.dtype()))
            tape->connected.insert(input.id());
    pushInputs(loop->stacks, hasIndex, inputs);
    std::vector<TapeEntry> entries;
    std::vector<Tensor> results;
    {
      // Recorded like a cond's branch (StagedGradients.cpp).
      RegionRecording recording(entries);
      results = body(inputs);
    }
    loop->body = std::move(entries);
    loop->yields = results;
    return results;
  };
  LoopCondition recordedCondition;
  if (condition) {
    loop->hasCondition = true;
    recordedCondition = [&](const std::vector<Tensor> &inputs) {
      // Recorded so that the loop can be staged again (restage_loop).
      loop->condition.clear();
      loop->conditionInputs = inputs;
      RegionRecording recording(loop->condition);
      loop->conditionResult = condition(inputs);
      return loop->conditionResult;
    };
  }
  loop->outputs = emit(initial, recordedCondition, traced, itself);
  TapeEntry entry{OpKind::Constant, initial, {}, loop->outputs.empty() ? Tensor() : loop->outputs[0]};
  entry.loop = loop;
  entry.outputs = loop->outputs;
  for (TapeState *tape : recording_tapes()) {
    if (!tape->recording || !loopIsConnected(*loop, *tape))
      continue;
    if (topLevelFor(*tape))
      tape->entries.push_back(entry);
    for (const Tensor &output : loop->outputs)
      if (output.defined() && carries_gradient(output.dtype()))
        tape->connected.insert(output.id());
  }
  // In an enclosing region's record: staged again when the region is
  // (restage_loop), or an error there if it cannot be.
  record_loop_in_region(entry);
  return loop->outputs;
}

void restage_loop(const StagedLoop &loop, Adjoints &values, bool withStacks) {
  if (!loop.emit)
    throw InvalidArgumentError("GradientTape.gradient: differentiating through a loop over a "
                               "dataset nested in staged control flow is not supported yet "
                               "(docs/gradients.md)");
  std::vector<Tensor> initial;
  for (const Tensor &t : loop.initial)
    initial.push_back(value_in(values, t));
  std::vector<TensorArray> stacks;
  if (withStacks)
    stacks = makeStacks(loop.hasIndex, initial);
  LoopBody body = [&](const std::vector<Tensor> &inputs) {
    pushInputs(stacks, loop.hasIndex, inputs);
    Adjoints inner = values;
    for (std::size_t n = 0; n < inputs.size() && n < loop.inputs.size(); ++n)
      inner[loop.inputs[n].id()] = inputs[n];
    // For the values only: this body's gradient is the loop's gradient's.
    replay(loop.body, inner, /*forGradient=*/false);
    std::vector<Tensor> yields;
    for (const Tensor &y : loop.yields)
      yields.push_back(value_in(inner, y));
    return yields;
  };
  LoopCondition condition;
  if (loop.hasCondition)
    condition = [&](const std::vector<Tensor> &inputs) {
      Adjoints inner = values;
      for (std::size_t n = 0; n < inputs.size() && n < loop.conditionInputs.size(); ++n)
        inner[loop.conditionInputs[n].id()] = inputs[n];
      replay(loop.condition, inner, /*forGradient=*/false);
      return value_in(inner, loop.conditionResult);
    };
  std::vector<Tensor> outputs =
      loop.emit(initial, condition, body, [&](const Tensor &t) { return value_in(values, t); });
  for (std::size_t k = 0; k < outputs.size() && k < loop.outputs.size(); ++k)
    values[loop.outputs[k].id()] = outputs[k];
  if (withStacks)
    loop.restaged = std::move(stacks);
}

std::vector<Tensor> loop_entry_inputs(const StagedLoop &loop, const TapeState &tape) {
  std::vector<Tensor> inputs = loop.initial;
  for (const Tensor &source : loopSources(loop, tape))
    inputs.push_back(source);
  for (const TapeEntry *read : region_reads(loop.body))
    if (tape.connected.count(read->output.id()))
      inputs.push_back(read->output);
  return inputs;
}

void loop_gradient(const StagedLoop &loop, const TapeState &tape, Adjoints &adjoints,
                   const Adjoints *values) {
  static const Adjoints none;
  const Adjoints &outer = values ? *values : none;
  // A nested loop's iterations are those it made when staged again.
  const std::vector<TensorArray> &stacks = values ? loop.restaged : loop.stacks;
  if (stacks.empty())
    throw Error("GradientTape.gradient: internal error: a loop's gradient without the "
                "stacks of its iterations");
  std::vector<Tensor> sources = loopSources(loop, tape);
  std::size_t first = loop.hasIndex ? 1 : 0; // inputs[first + j] is loop variable j
  // The carried adjoints: the loop variables' (zeros where the results got
  // none; only floating ones carry gradients), then the sources'.
  std::vector<std::size_t> carried; // loop variables with an adjoint
  std::vector<Tensor> init;
  Tensor count = stacks[0].size();
  init.push_back(count - constant(std::int32_t{1})); // the iteration, counting down
  for (std::size_t j = 0; j < loop.outputs.size(); ++j) {
    const Tensor &output = loop.outputs[j];
    if (!carries_gradient(output.dtype()))
      continue;
    auto found = adjoints.find(output.id());
    carried.push_back(j);
    init.push_back(found != adjoints.end() ? found->second : zeros_like(value_in(outer, output)));
  }
  for (const Tensor &source : sources)
    init.push_back(zeros_like(value_in(outer, source)));
  // The body's variable reads: their adjoints, summed over the iterations.
  std::vector<const TapeEntry *> reads;
  for (const TapeEntry *read : region_reads(loop.body))
    if (tape.connected.count(read->output.id()) && carries_gradient(read->variable->spec.dtype)) {
      reads.push_back(read);
      init.push_back(zeros(read->variable->spec.shape, read->variable->spec.dtype));
    }
  std::vector<std::string> names{"the iteration of a loop's gradient"};
  for (std::size_t n = 1; n < init.size(); ++n)
    names.push_back("an adjoint of a loop's gradient");

  auto condition = [](const TensorList &v) { return v[0] >= constant(std::int32_t{0}); };
  auto body = [&](const TensorList &v) {
    const Tensor &k = v[0];
    // The body's inputs at iteration k, and its ops traced again from them.
    Adjoints traced = outer;
    for (std::size_t n = 0; n < loop.inputs.size(); ++n) {
      Tensor value;
      {
        NoTapeRecording quiet;
        value = stacks[n].read(k);
      }
      if (loop.hasIndex && n == 0)
        value = cast(value, loop.inputs[0].dtype());
      traced[loop.inputs[n].id()] = value;
    }
    replay(loop.body, traced, /*forGradient=*/true);
    // The body's gradient, from its results' adjoints (the carried ones).
    Adjoints local;
    for (std::size_t c = 0; c < carried.size(); ++c) {
      const Tensor &yield = loop.yields[carried[c]];
      if (yield.is_symbolic())
        accumulate(local, yield, v[1 + c]);
    }
    backprop_region(loop.body, tape, &traced, local);
    TensorList next{k - constant(std::int32_t{1})};
    for (std::size_t c = 0; c < carried.size(); ++c) {
      const Tensor &input = loop.inputs[first + carried[c]];
      auto found = local.find(input.id());
      next.push_back(found != local.end() ? found->second : zeros_like(v[1 + c]));
    }
    for (std::size_t s = 0; s < sources.size(); ++s) {
      const Tensor &sum = v[1 + carried.size() + s];
      auto found = local.find(sources[s].id());
      next.push_back(found != local.end() ? sum + found->second : sum);
    }
    for (std::size_t r = 0; r < reads.size(); ++r) {
      const Tensor &sum = v[1 + carried.size() + sources.size() + r];
      auto found = local.find(reads[r]->output.id());
      next.push_back(found != local.end() ? sum + found->second : sum);
    }
    return next;
  };
  TensorList result = while_loop(condition, body, init, names);
  if (values) {
    // The stacks of a loop staged again serve this gradient only: freed
    // now rather than when the compiled call returns (an inner loop's
    // stacks, once per iteration of the loop around it).
    NoTapeRecording quiet;
    for (const TensorArray &stack : loop.restaged)
      release_tensor_array(stack);
    loop.restaged.clear();
  }
  for (std::size_t c = 0; c < carried.size(); ++c) {
    const Tensor &start = loop.initial[carried[c]];
    if (tape.connected.count(start.id()))
      accumulate(adjoints, start, result[1 + c]);
  }
  for (std::size_t s = 0; s < sources.size(); ++s)
    accumulate(adjoints, sources[s], result[1 + carried.size() + s]);
  // A read's adjoint is keyed by the value read (GradientTape::gradient sums
  // a variable's reads).
  for (std::size_t r = 0; r < reads.size(); ++r)
    accumulate(adjoints, reads[r]->output, result[1 + carried.size() + sources.size() + r]);
}

} // namespace ag::detail
