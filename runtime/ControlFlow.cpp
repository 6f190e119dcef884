//===- ControlFlow.cpp - functional control flow --------------------------===//
#include "autograph/ControlFlow.h"

#include "autograph/Error.h"
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
Tracer &tracerFor(const Tensor &symbolic, const char *op) {
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError(std::string(op) +
                       ": a symbolic condition outside of a trace");
  (void)symbolic;
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

TensorList cond(const Tensor &predicate,
                const std::function<TensorList()> &then_branch,
                const std::function<TensorList()> &else_branch,
                const std::vector<std::string> &names) {
  if (predicate.is_symbolic())
    return tracerFor(predicate, "cond").emit_cond(predicate, then_branch,
                                                  else_branch, names);
  // explicit operator bool checks for a 0-d tensor.
  return static_cast<bool>(predicate) ? then_branch() : else_branch();
}

TensorList while_loop(const std::function<Tensor(const TensorList &)> &condition,
                      const std::function<TensorList(const TensorList &)> &body,
                      TensorList loop_vars,
                      const std::vector<std::string> &names) {
  Tensor first = condition(loop_vars);
  if (first.is_symbolic())
    return tracerFor(first, "while_loop")
        .emit_while_loop(loop_vars, condition, body, names);
  bool more = static_cast<bool>(first);
  while (more) {
    TensorList next = body(loop_vars);
    if (next.size() != loop_vars.size())
      throw InvalidArgumentError(
          "while_loop: the body returned " + std::to_string(next.size()) +
          " loop variables for " + std::to_string(loop_vars.size()));
    loop_vars = std::move(next);
    Tensor again = condition(loop_vars);
    // The iterations so far ran at trace time (their ops are in the trace);
    // once the condition depends on traced values, the rest of the loop is
    // staged from the current values (a do/while's first iteration, or a
    // loop whose variables start as constants).
    if (again.is_symbolic())
      return tracerFor(again, "while_loop")
          .emit_while_loop(loop_vars, condition, body, names);
    more = static_cast<bool>(again);
  }
  return loop_vars;
}

} // namespace ag
