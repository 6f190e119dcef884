//===- ControlFlow.cpp - functional control flow --------------------------===//
#include "autograph/ControlFlow.h"

#include "autograph/Creation.h"
#include "autograph/Ops.h"

#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Tracer.h"

namespace ag {

namespace {
thread_local SourceLocation current_location;
} // namespace

void set_source_location(const char *file, int line) noexcept {
  current_location = SourceLocation{file, line};
}

SourceLocation current_source_location() noexcept { return current_location; }

namespace {
Tracer &tracerFor(const char *op) {
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError(std::string(op) +
                       ": a symbolic condition outside of a trace");
  return *tracer;
}
} // namespace

std::vector<Tensor>
Tracer::emit_cond(const Tensor &, const std::function<std::vector<Tensor>()> &,
                  const std::function<std::vector<Tensor>()> &,
                  const std::vector<std::string> &) {
  throw TracingError("cond: this tracer does not record control flow");
}

std::vector<Tensor> Tracer::emit_while_loop(
    const std::vector<Tensor> &,
    const std::function<Tensor(const std::vector<Tensor> &)> &,
    const std::function<std::vector<Tensor>(const std::vector<Tensor> &)> &,
    const std::vector<std::string> &) {
  throw TracingError("while_loop: this tracer does not record control flow");
}

std::vector<Tensor> Tracer::emit_for(
    const Tensor &, const Tensor &, const Tensor &, const std::vector<Tensor> &,
    const std::function<std::vector<Tensor>(const Tensor &,
                                            const std::vector<Tensor> &)> &,
    const std::vector<std::string> &) {
  throw TracingError("for: this tracer does not record control flow");
}

Tensor Tracer::emit_dim(const Tensor &, std::int64_t) {
  throw TracingError("for: this tracer cannot record dimension sizes");
}

Tensor Tracer::probe(const std::function<Tensor()> &fn) {
  Tensor result = fn();
  return result.is_symbolic() ? Tensor() : result;
}

void Tracer::emit_check(const Tensor &, const std::string &message) {
  throw TracingError("this tracer cannot record the run-time check '" +
                     message + "'");
}

Tensor condition(const Tensor &value) {
  TensorSpec spec = value.spec();
  if (!spec.shape.empty())
    throw InvalidArgumentError(
        "bool: the truth value of a tensor of shape " + format_shape(spec.shape) +
        " is ambiguous; a condition must be a scalar (0-d) tensor");
  return spec.dtype == DType::Bool ? value : cast(value, DType::Bool);
}

Tensor condition(bool value) { return constant(value); }

TensorList cond(const Tensor &predicate,
                const std::function<TensorList()> &then_branch,
                const std::function<TensorList()> &else_branch,
                const std::vector<std::string> &names) {
  if (predicate.is_symbolic())
    return detail::record_staged_cond(
        predicate, then_branch, else_branch,
        [&](const std::function<TensorList()> &then_traced,
            const std::function<TensorList()> &else_traced) {
          return tracerFor("cond").emit_cond(predicate, then_traced, else_traced, names);
        });
  // explicit operator bool checks for a 0-d tensor.
  return static_cast<bool>(predicate) ? then_branch() : else_branch();
}

namespace {
using IndexedBody = std::function<TensorList(const Tensor &, const TensorList &)>;

/// A `for` body as one taking [index, vars...], and back.
detail::LoopBody withIndex(const IndexedBody &body) {
  return [body](const TensorList &in) {
    return body(in[0], TensorList(in.begin() + 1, in.end()));
  };
}
IndexedBody withIndexSplit(const detail::LoopBody &body) {
  return [body](const Tensor &i, const TensorList &vars) {
    TensorList in{i};
    in.insert(in.end(), vars.begin(), vars.end());
    return body(in);
  };
}

void checkBodyResult(const TensorList &next, const TensorList &vars,
                     const char *op) {
  if (next.size() != vars.size())
    throw InvalidArgumentError(std::string(op) + ": the body returned " +
                               std::to_string(next.size()) +
                               " loop variables for " + std::to_string(vars.size()));
}

} // namespace

namespace {
/// The loop's condition on `vars` if it is concrete, else undefined: while
/// tracing, a symbolic condition's ops are not kept (the loop traces the
/// condition again into its own region), so what it prints runs as often
/// as in C++.
Tensor concreteCondition(const std::function<Tensor(const TensorList &)> &condition,
                         const TensorList &vars) {
  if (Tracer *tracer = current_tracer())
    return tracer->probe([&] { return condition(vars); });
  return condition(vars);
}
} // namespace

TensorList while_loop(const std::function<Tensor(const TensorList &)> &condition,
                      const std::function<TensorList(const TensorList &)> &body,
                      TensorList loop_vars,
                      const std::vector<std::string> &names) {
  Tensor first = concreteCondition(condition, loop_vars);
  auto stage = [&] {
    return detail::record_staged_loop(
        loop_vars, /*hasIndex=*/false, condition, body,
        [names](const TensorList &initial, const detail::LoopCondition &recorded,
                const detail::LoopBody &traced, const detail::OuterValue &) {
          return tracerFor("while_loop").emit_while_loop(initial, recorded, traced, names);
        },
        /*restageable=*/true);
  };
  if (!first.defined())
    return stage();
  bool more = static_cast<bool>(first);
  while (more) {
    TensorList next = body(loop_vars);
    checkBodyResult(next, loop_vars, "while_loop");
    loop_vars = std::move(next);
    Tensor again = concreteCondition(condition, loop_vars);
    // The iterations so far ran at trace time (their ops are in the trace);
    // once the condition depends on traced values, the rest of the loop is
    // staged from the current values (a do/while's first iteration, or a
    // loop whose variables start as constants).
    if (!again.defined())
      return stage();
    more = static_cast<bool>(again);
  }
  return loop_vars;
}

namespace {
void checkBound(const Tensor &bound, const char *what) {
  TensorSpec spec = bound.spec();
  if (!spec.shape.empty() ||
      (spec.dtype != DType::Int32 && spec.dtype != DType::Int64))
    throw InvalidArgumentError(std::string("for_range: ") + what +
                               " must be a 0-d int32 or int64 tensor, got " +
                               format_spec(spec));
}
} // namespace

TensorList for_range(const Tensor &start, const Tensor &limit, const Tensor &delta,
                     const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                     TensorList loop_vars, const std::vector<std::string> &names) {
  checkBound(start, "start");
  checkBound(limit, "limit");
  checkBound(delta, "delta");
  if (start.dtype() != limit.dtype() || start.dtype() != delta.dtype())
    throw InvalidArgumentError(
        "for_range: start, limit and delta must have one dtype, got " +
        format_spec(start.spec()) + ", " + format_spec(limit.spec()) + ", " +
        format_spec(delta.spec()));
  if (start.is_symbolic() || limit.is_symbolic() || delta.is_symbolic()) {
    const Tensor &symbolic =
        start.is_symbolic() ? start : limit.is_symbolic() ? limit : delta;
    return detail::record_staged_loop(
        loop_vars, /*hasIndex=*/true, nullptr, withIndex(body),
        [start, limit, delta, names](const TensorList &initial, const detail::LoopCondition &,
                                     const detail::LoopBody &traced,
                                     const detail::OuterValue &outer) {
          return tracerFor("for_range")
              .emit_for(outer(start), outer(limit), outer(delta), initial,
                        withIndexSplit(traced), names);
        },
        /*restageable=*/true);
  }
  std::int64_t step = delta.item<std::int64_t>();
  if (step == 0)
    throw InvalidArgumentError("for_range: delta must not be zero");
  std::int64_t end = limit.item<std::int64_t>();
  bool int32 = start.dtype() == DType::Int32;
  for (std::int64_t i = start.item<std::int64_t>(); step > 0 ? i < end : i > end;
       i += step) {
    Tensor index = int32 ? constant(static_cast<std::int32_t>(i)) : constant(i);
    TensorList next = body(index, loop_vars);
    checkBodyResult(next, loop_vars, "for_range");
    loop_vars = std::move(next);
  }
  return loop_vars;
}

TensorList for_range_of(const RangeBounds &bounds,
                        const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                        TensorList loop_vars, const std::vector<std::string> &names) {
  const Tensor *all[] = {&bounds.start, &bounds.limit, &bounds.delta};
  bool symbolic = false, integer = true;
  for (const Tensor *b : all) {
    symbolic = symbolic || b->is_symbolic();
    DType d = b->dtype();
    integer = integer && (d == DType::Int32 || d == DType::Int64) &&
              b->dtype() == bounds.start.dtype() && b->rank() == 0;
  }
  // A symbolic step could be zero at run time: range checks that.
  if (symbolic && integer && !bounds.delta.is_symbolic())
    return for_range(bounds.start, bounds.limit, bounds.delta, body,
                     std::move(loop_vars), names);
  return for_rows(range(bounds.start, bounds.limit, bounds.delta), body,
                  std::move(loop_vars), names);
}

TensorList for_rows(const Tensor &rows,
                    const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                    TensorList loop_vars, const std::vector<std::string> &names) {
  if (rows.rank() == 0)
    throw InvalidArgumentError("for_rows: cannot iterate over a 0-d tensor " +
                               format_spec(rows.spec()));
  if (rows.is_symbolic()) {
    auto rowBody = [&](const Tensor &i, const TensorList &vars) { return body(rows[i], vars); };
    return detail::record_staged_loop(
        loop_vars, /*hasIndex=*/true, nullptr, withIndex(rowBody),
        [rows, names](const TensorList &initial, const detail::LoopCondition &,
                      const detail::LoopBody &traced, const detail::OuterValue &outer) {
          Tracer &tracer = tracerFor("for_rows");
          Tensor staged = outer(rows);
          std::int64_t extent = staged.dim(0);
          Tensor upper = extent >= 0 ? constant(extent) : tracer.emit_dim(staged, 0);
          return tracer.emit_for(constant(std::int64_t{0}), upper, constant(std::int64_t{1}),
                                 initial, withIndexSplit(traced), names);
        },
        /*restageable=*/true);
  }
  for (std::int64_t i = 0, n = rows.dim(0); i < n; ++i) {
    TensorList next = body(rows[i], loop_vars);
    checkBodyResult(next, loop_vars, "for_rows");
    loop_vars = std::move(next);
  }
  return loop_vars;
}

} // namespace ag
