//===- ControlFlow.h - functional control flow (tf.cond, tf.while_loop) ----===//
//
// The operators that autograph-cc's converted code calls for control flow
// over tensors (see docs/control-flow.md). Each runs eagerly when its
// condition is concrete and is recorded as ag.cond / ag.while_loop when the
// condition is symbolic (inside a trace). Branch outputs and loop variables
// are passed explicitly, as functions of their inputs.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CONTROLFLOW_H
#define AUTOGRAPH_CONTROLFLOW_H

#include "autograph/Creation.h"
#include "autograph/Tensor.h"

#include <functional>
#include <string>
#include <vector>

namespace ag {

using TensorList = std::vector<Tensor>;

/// A condition as converted code passes it to ag::cond, ag::while_loop and
/// the logical operators: a 0-d tensor as a boolean (non-zero is true, as in
/// C++), and a C++ value's truth value as a 0-d boolean constant, so plain
/// conditions mixed with tensors (`verbose && x > 0`), and conditions in
/// templates instantiated for C++ values, go through the same operators. A
/// tensor of another rank raises ag::InvalidArgumentError (its truth value is
/// ambiguous), as `if` on it would.
Tensor condition(const Tensor &value);
Tensor condition(bool value);

/// `predicate ? then_branch() : else_branch()` for a 0-d boolean tensor.
/// Eagerly only the taken branch runs; while tracing with a symbolic
/// predicate both are traced and their outputs must agree in dtype and
/// shape (ag::InvalidArgumentError naming the output otherwise).
///
/// `names` name the outputs (the variables they are assigned to) in error
/// messages; autograph-cc passes them. An output without a value in one
/// branch (an undefined ag::Tensor) has none after the cond either.
TensorList cond(const Tensor &predicate,
                const std::function<TensorList()> &then_branch,
                const std::function<TensorList()> &else_branch,
                const std::vector<std::string> &names = {});

/// `while (condition(vars)) vars = body(vars); return vars;`. Eagerly the
/// loop runs in C++; as soon as the condition is symbolic (on the initial
/// values, or after iterations that ran at trace time), the rest of the loop
/// is traced once as ag.while_loop and every loop variable must keep its
/// dtype and shape.
///
/// A variable without a value before the loop (an undefined ag::Tensor) is
/// not carried: each iteration's assignment is a temporary of that
/// iteration, and it has no value after the loop.
TensorList while_loop(const std::function<Tensor(const TensorList &)> &condition,
                      const std::function<TensorList(const TensorList &)> &body,
                      TensorList loop_vars,
                      const std::vector<std::string> &names = {});

/// `for (Tensor i : ag::range(start, limit, delta)) vars = body(i, vars);`
/// with 0-d int32/int64 bounds of one dtype (C++ integers are taken as
/// int64). Eagerly a C++ loop; when a bound is symbolic, one ag.for whose
/// body is traced once, and every loop variable must keep its dtype and
/// shape. A zero `delta` raises ag::InvalidArgumentError.
TensorList for_range(const Tensor &start, const Tensor &limit, const Tensor &delta,
                     const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                     TensorList loop_vars, const std::vector<std::string> &names = {});

/// `for (Tensor i : ag::range(ARGS)) vars = body(i, vars);` as converted
/// code writes it: `for_range_of(ag::range_bounds(ARGS), ...)`. Integer
/// bounds with a symbolic start or limit and a known step give one ag.for
/// over the bounds (the range is never built); otherwise it loops over the
/// rows of ag::range(bounds), as the original does (so its values and
/// errors are range's).
TensorList for_range_of(const RangeBounds &bounds,
                        const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                        TensorList loop_vars, const std::vector<std::string> &names = {});

/// `for (Tensor row : rows) vars = body(row, vars);` over the first axis of
/// `rows` (a 1-d tensor gives 0-d rows). Eagerly a C++ loop; when `rows` is
/// symbolic, one ag.for over its rows.
TensorList for_rows(const Tensor &rows,
                    const std::function<TensorList(const Tensor &, const TensorList &)> &body,
                    TensorList loop_vars, const std::vector<std::string> &names = {});

/// Where the converted function's current statement is in the user's source:
/// autograph-cc puts `AG_LINE(N);` (N the statement's line) before every
/// statement of a block in a converted function, and tracing gives the ops
/// it records this location. `file` must outlive the thread (a literal).
void set_source_location(const char *file, int line) noexcept;
#define AG_LINE(line) ::ag::set_source_location(__FILE__, line)

} // namespace ag

#endif // AUTOGRAPH_CONTROLFLOW_H
