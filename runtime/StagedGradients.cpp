//===- StagedGradients.cpp - gradients of staged control flow -------------===//
//
// A staged ag.cond under a recording tape is recorded with every op of each
// branch (connected to a watched tensor or not). Its gradient is another
// ag.cond on the same predicate: each branch traces its forward ops again
// from the record (rematerialising what the backward pass needs: nothing
// is carried out of the forward cond, nothing is stored for the branch not
// taken) and then their gradients, from the adjoints of the cond's results
// to the adjoints of the outer tensors either branch used. Both branches
// return those, zeros where a branch did not use one (TF's compiled cond
// does the same; docs/gradients.md).
//
//===----------------------------------------------------------------------===//
#include "Gradients.h"
#include "Tape.h"

#include "autograph/ControlFlow.h"
#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <string>
#include <unordered_set>

namespace ag::detail {

namespace {
/// The regions being traced on this thread under a recording tape,
/// innermost last: each collects the ops applied while it is traced.
thread_local std::vector<std::vector<TapeEntry> *> tls_regions;

/// The outer tensors (not made by the region's ops) that a region's record
/// uses and that `tape` has connected to a watched tensor.
std::vector<Tensor> connectedOuterInputs(const std::vector<TapeEntry> &entries,
                                         const std::vector<Tensor> &yields,
                                         const TapeState &tape) {
  std::unordered_set<const void *> made, seen;
  std::vector<Tensor> outer;
  auto consider = [&](const Tensor &t) {
    if (t.defined() && t.is_symbolic() && carries_gradient(t.dtype()) && !made.count(t.id()) &&
        tape.connected.count(t.id()) && seen.insert(t.id()).second)
      outer.push_back(t);
  };
  for (const TapeEntry &entry : entries) {
    if (entry.variable) {
      // A variable read in a branch is the variable's value outside it.
      consider(entry.output);
      continue;
    }
    for (const Tensor &input : entry_inputs(entry, tape))
      consider(input);
    for (const Tensor &output : entry_outputs(entry))
      made.insert(output.id());
  }
  for (const Tensor &y : yields)
    consider(y);
  return outer;
}

} // namespace

/// The sources of a staged cond's gradient on `tape`: the connected outer
/// tensors of both branches, each once.
std::vector<Tensor> cond_sources(const StagedCond &cond, const TapeState &tape) {
  std::vector<Tensor> sources;
  std::unordered_set<const void *> seen;
  for (int b = 0; b < 2; ++b)
    for (const Tensor &t : connectedOuterInputs(cond.branches[b], cond.yields[b], tape))
      if (seen.insert(t.id()).second)
        sources.push_back(t);
  return sources;
}

std::vector<Tensor> entry_inputs(const TapeEntry &entry, const TapeState &tape) {
  if (entry.loop)
    return loop_entry_inputs(*entry.loop, tape);
  if (!entry.cond)
    return entry.inputs;
  std::vector<Tensor> inputs{entry.cond->predicate};
  for (const Tensor &source : cond_sources(*entry.cond, tape))
    inputs.push_back(source);
  return inputs;
}

std::vector<Tensor> entry_outputs(const TapeEntry &entry) {
  if (entry.cond || entry.loop)
    return entry.outputs;
  return {entry.output};
}

Tensor value_in(const Adjoints &values, const Tensor &t) {
  auto found = values.find(t.id());
  return found == values.end() ? t : found->second;
}

void backprop_region(const std::vector<TapeEntry> &entries, const TapeState &tape,
                     const Adjoints *values, Adjoints &local) {
  static const Adjoints none;
  const Adjoints &traced = values ? *values : none;
  bool outermost = values == nullptr;
  auto reached = [&](const TapeEntry &entry) {
    for (const Tensor &output : entry.outputs)
      if (local.count(output.id()))
        return true;
    return writes_connected_arrays(entry, tape);
  };
  for (auto entry = entries.rbegin(); entry != entries.rend(); ++entry) {
    if (entry->dimAxis >= 0 || entry->variable)
      continue;
    if (entry->array) {
      array_gradient(*entry, tape, traced, local);
      continue;
    }
    if (entry->cond) {
      if (reached(*entry))
        cond_gradient(*entry->cond, tape, local, values);
      continue;
    }
    if (entry->loop) {
      // Nested in a region, the loop was staged again with the region
      // (replay); at the top level its own stacks hold its iterations.
      if (reached(*entry))
        loop_gradient(*entry->loop, tape, local, values);
      continue;
    }
    if (!local.count(entry->output.id()))
      continue;
    std::vector<Tensor> inputs;
    for (const Tensor &input : entry->inputs)
      inputs.push_back(value_in(traced, input));
    std::vector<Tensor> grads = op_gradient(entry->kind, inputs, entry->attrs,
                                            value_in(traced, entry->output),
                                            local.find(entry->output.id())->second);
    for (std::size_t i = 0; i < entry->inputs.size() && i < grads.size(); ++i) {
      const Tensor &input = entry->inputs[i];
      // At the top level only what the tape connected to a source matters.
      if (grads[i].defined() && carries_gradient(input.dtype()) &&
          (!outermost || tape.connected.count(input.id())))
        accumulate(local, input, grads[i]);
    }
  }
}

void replay(const std::vector<TapeEntry> &entries, Adjoints &values, bool forGradient) {
  auto valueOf = [&](const Tensor &t) {
    auto found = values.find(t.id());
    return found == values.end() ? t : found->second;
  };
  for (const TapeEntry &entry : entries) {
    if (entry.cond) {
      // A nested cond, staged again on the replayed values.
      const StagedCond &cond = *entry.cond;
      auto branch = [&](int b) {
        return [&, b]() {
          Adjoints inner = values;
          replay(cond.branches[b], inner, /*forGradient=*/false);
          std::vector<Tensor> yields;
          for (const Tensor &y : cond.yields[b])
            yields.push_back(value_in(inner, y));
          return yields;
        };
      };
      std::vector<std::string> names(cond.outputs.size(), "a replayed cond's result");
      std::vector<Tensor> outputs = ::ag::cond(valueOf(cond.predicate), branch(0), branch(1), names);
      for (std::size_t k = 0; k < outputs.size() && k < cond.outputs.size(); ++k)
        values[cond.outputs[k].id()] = outputs[k];
      continue;
    }
    if (entry.loop) {
      // A nested loop, staged again on the replayed values.
      restage_loop(*entry.loop, values, forGradient);
      continue;
    }
    std::vector<Tensor> inputs;
    for (const Tensor &input : entry.inputs)
      inputs.push_back(valueOf(input));
    if (entry.array) {
      // Reads and stacks read the array again; writes are not done twice.
      const ArrayRecord &record = *entry.array;
      if (record.op == ArrayOp::Read)
        values[record.value.id()] = record.array.read(valueOf(record.index));
      else if (record.op == ArrayOp::Stack)
        values[record.value.id()] = record.array.stack();
      continue;
    }
    if (entry.variable) {
      // The variable read again where the region is traced again.
      NoTapeRecording quiet; // not a new read for the tapes
      values[entry.output.id()] = Variable::from_state(entry.variable).value();
      continue;
    }
    values[entry.output.id()] =
        entry.dimAxis >= 0 ? current_tracer()->emit_dim(inputs[0], entry.dimAxis)
                           : apply_op(entry.kind, inputs, entry.attrs);
  }
}

std::size_t region_depth() { return tls_regions.size(); }

void record_loop_in_region(const TapeEntry &entry) {
  if (!tls_regions.empty())
    tls_regions.back()->push_back(entry);
}

bool record_array_in_region(const TapeEntry &entry) {
  if (tls_regions.empty())
    return false;
  tls_regions.back()->push_back(entry);
  return true;
}

void record_read_in_region(const std::shared_ptr<VariableState> &variable, const Tensor &value) {
  if (tls_regions.empty())
    return;
  TapeEntry entry{OpKind::Constant, {}, {}, value};
  entry.variable = variable;
  tls_regions.back()->push_back(entry);
}

std::vector<const TapeEntry *> region_reads(const std::vector<TapeEntry> &entries) {
  std::vector<const TapeEntry *> reads;
  std::unordered_set<const void *> seen;
  for (const TapeEntry &entry : entries)
    if (entry.variable && seen.insert(entry.output.id()).second)
      reads.push_back(&entry);
  return reads;
}

void record_dim_in_region(const Tensor &x, std::int64_t axis, const Tensor &result) {
  if (tls_regions.empty())
    return;
  TapeEntry entry{OpKind::Constant, {x}, {}, result};
  entry.dimAxis = axis;
  tls_regions.back()->push_back(entry);
}

RegionRecording::RegionRecording(std::vector<TapeEntry> &entries) {
  tls_regions.push_back(&entries);
}
RegionRecording::~RegionRecording() { tls_regions.pop_back(); }

void record_in_region(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                      const Tensor &output) {
  if (!tls_regions.empty())
    tls_regions.back()->push_back(
        TapeEntry{kind, std::vector<Tensor>(inputs.begin(), inputs.end()), attrs, output});
}

std::vector<Tensor> record_staged_cond(
    const Tensor &predicate, const std::function<std::vector<Tensor>()> &then_branch,
    const std::function<std::vector<Tensor>()> &else_branch,
    const std::function<std::vector<Tensor>(const std::function<std::vector<Tensor>()> &,
                                            const std::function<std::vector<Tensor>()> &)> &emit) {
  if (!any_tape_recording())
    return emit(then_branch, else_branch);
  auto cond = std::make_shared<StagedCond>();
  cond->predicate = predicate;
  auto traced = [&](int b, const std::function<std::vector<Tensor>()> &branch) {
    return [&, b]() {
      cond->branches[b].clear(); // a branch traced again starts over
      RegionRecording recording(cond->branches[b]);
      cond->yields[b] = branch();
      return cond->yields[b];
    };
  };
  cond->outputs = emit(traced(0, then_branch), traced(1, else_branch));
  // Recorded on the tapes that see a branch use a watched tensor.
  for (TapeState *tape : recording_tapes()) {
    if (!tape->recording || cond_sources(*cond, *tape).empty())
      continue;
    TapeEntry entry{OpKind::Constant, {predicate}, {}, cond->outputs.empty() ? Tensor() : cond->outputs[0]};
    entry.cond = cond;
    entry.outputs = cond->outputs;
    tape->entries.push_back(entry);
    for (const Tensor &output : cond->outputs)
      if (output.defined() && carries_gradient(output.dtype()))
        tape->connected.insert(output.id());
  }
  if (!tls_regions.empty()) {
    // In an enclosing region's record, the cond cannot be traced again yet.
    TapeEntry entry{OpKind::Constant, {predicate}, {}, cond->outputs.empty() ? Tensor() : cond->outputs[0]};
    entry.cond = cond;
    entry.outputs = cond->outputs;
    tls_regions.back()->push_back(entry);
  }
  return cond->outputs;
}

void cond_gradient(const StagedCond &cond, const TapeState &tape, Adjoints &adjoints,
                   const Adjoints *values) {
  static const Adjoints none;
  const Adjoints &outer = values ? *values : none;
  std::vector<Tensor> sources = cond_sources(cond, tape);
  // The adjoints of the cond's results (zeros for those not reached), all
  // defined before the gradient cond, so both of its branches see them.
  std::vector<Tensor> outputAdjoints;
  for (const Tensor &output : cond.outputs) {
    auto found = adjoints.find(output.id());
    outputAdjoints.push_back(found != adjoints.end()            ? found->second
                             : carries_gradient(output.dtype()) ? zeros_like(value_in(outer, output))
                                                                : Tensor());
  }
  auto branchGradient = [&](int b) {
    return [&, b]() {
      Adjoints replayed = outer;
      replay(cond.branches[b], replayed, /*forGradient=*/true);
      Adjoints local;
      for (std::size_t k = 0; k < cond.yields[b].size(); ++k)
        if (outputAdjoints[k].defined() && cond.yields[b][k].is_symbolic())
          accumulate(local, cond.yields[b][k], outputAdjoints[k]);
      backprop_region(cond.branches[b], tape, &replayed, local);
      std::vector<Tensor> result;
      for (const Tensor &source : sources) {
        auto found = local.find(source.id());
        result.push_back(found != local.end() ? found->second
                                              : zeros_like(value_in(outer, source)));
      }
      return result;
    };
  };
  std::vector<std::string> names;
  for (std::size_t k = 0; k < sources.size(); ++k)
    names.push_back("the adjoint of input " + std::to_string(k) + " of a staged cond");
  std::vector<Tensor> grads = ::ag::cond(value_in(outer, cond.predicate), branchGradient(0),
                                         branchGradient(1), names);
  for (std::size_t k = 0; k < sources.size(); ++k)
    accumulate(adjoints, sources[k], grads[k]);
}

} // namespace ag::detail
