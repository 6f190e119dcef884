//===- Tracer.h - the hook that tracing plugs into --------------*- C++ -*-===//
//
// The eager runtime knows nothing about MLIR. A tracer (autograph::jit)
// implements this interface and installs itself for the current thread with
// TracerScope; from then on every op with a symbolic input, every ag::print and
// every ag::Assert is handed to it instead of being executed.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACER_H
#define AUTOGRAPH_TRACER_H

#include "autograph/Op.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ag {

struct PrintArg;
namespace detail {
struct VariableState;
} // namespace detail

/// Where a statement is in the user's source.
struct SourceLocation {
  const char *file = "";
  int line = 0;
};

class Tracer {
public:
  virtual ~Tracer();

  /// Records `kind` on `inputs` and returns the symbolic result. At least one
  /// input is symbolic; concrete inputs are values to capture as constants.
  /// `result` is what infer_op computed (already validated).
  virtual Tensor emit(OpKind kind, Span<const Tensor> inputs,
                      const OpAttrs &attrs, const TensorSpec &result) = 0;

  /// Records a print of `pieces` (strings, scalars, concrete or symbolic
  /// tensors, each with its printf format if any), printed at run time as
  /// they are, without separators, exactly as print_pieces would.
  virtual void emit_print(Span<const PrintArg> pieces) = 0;

  /// Records an ag::Assert: at run time, if `condition` (0-d) is false, raise
  /// ag::InvalidArgumentError with format_assert_message(message, where).
  virtual void emit_assert(const Tensor &condition, const std::string &message,
                           const SourceLocation &where) = 0;

  /// Records ag::cond on a symbolic predicate: both branches are traced
  /// (each returns the branch's outputs, which must agree in dtype and
  /// shape) and the symbolic outputs are returned. `names` (may be empty)
  /// name the outputs in error messages.
  virtual std::vector<Tensor>
  emit_cond(const Tensor &predicate,
            const std::function<std::vector<Tensor>()> &then_branch,
            const std::function<std::vector<Tensor>()> &else_branch,
            const std::vector<std::string> &names);

  /// Records ag::while_loop whose condition is symbolic: `condition` and
  /// `body` are traced once on symbolic loop variables of the initial
  /// values' types; the body must keep every variable's dtype and shape.
  virtual std::vector<Tensor> emit_while_loop(
      const std::vector<Tensor> &initial,
      const std::function<Tensor(const std::vector<Tensor> &)> &condition,
      const std::function<std::vector<Tensor>(const std::vector<Tensor> &)>
          &body,
      const std::vector<std::string> &names);

  /// Records ag::for_range / ag::for_rows with a symbolic bound: `body` is
  /// traced once on a symbolic induction value (0-d, the bounds' dtype) and
  /// symbolic loop variables of the initial values' types, which it must
  /// keep. `lower`, `upper`, `step` are 0-d tensors of one integer dtype.
  virtual std::vector<Tensor> emit_for(
      const Tensor &lower, const Tensor &upper, const Tensor &step,
      const std::vector<Tensor> &initial,
      const std::function<std::vector<Tensor>(const Tensor &,
                                              const std::vector<Tensor> &)> &body,
      const std::vector<std::string> &names);

  /// The extent of dimension `axis` of symbolic `tensor`, as a 0-d int64
  /// tensor.
  virtual Tensor emit_dim(const Tensor &tensor, std::int64_t axis);

  /// Evaluates a condition that decides whether control flow is staged (a
  /// loop's condition) without recording it twice: `fn` runs with what it
  /// records kept aside; a concrete result keeps those records (as if `fn`
  /// had run normally) and is returned, a symbolic one drops them and gives
  /// an undefined tensor (the caller then traces `fn` again where its ops
  /// belong: in the loop's condition region). The default keeps everything.
  virtual Tensor probe(const std::function<Tensor()> &fn);

  /// Records a run-time check of the op layer: when the 0-d bool
  /// `condition` is false, compiled code raises ag::InvalidArgumentError
  /// with exactly `message` (the error eager execution raises for the same
  /// input, such as "add: incompatible shapes [?] and [?]").
  virtual void emit_check(const Tensor &condition, const std::string &message);

  /// The value of `variable` at this point of the traced function: an
  /// implicit input of the function the first time it is read, then what
  /// the function assigned. The default (a tracer that records no
  /// function) is the variable's current value.
  virtual Tensor read_variable(const std::shared_ptr<detail::VariableState> &variable);

  /// Records an assignment of `value` (already checked against the
  /// variable's dtype and shape): later reads in the trace see it, and the
  /// variable holds it after each call (an implicit output). The default
  /// raises ag::TracingError.
  virtual void assign_variable(const std::shared_ptr<detail::VariableState> &variable,
                               const Tensor &value);

  /// ag::TensorArray in a traced function: the compiled code creates the
  /// array (a 0-d int64 handle) and writes, reads and stacks it through
  /// the runtime, in program order. `index` and `size` are 0-d int32/int64;
  /// `element` and `stacked` give the results' dtype and shape (-1 where
  /// known only at run time). The defaults raise ag::TracingError.
  virtual Tensor emit_tensor_array_create(const Tensor &size, DType dtype,
                                          bool dynamic_size, const std::string &name);
  virtual void emit_tensor_array_write(const Tensor &handle, const Tensor &index,
                                       const Tensor &value);
  virtual Tensor emit_tensor_array_read(const Tensor &handle, const Tensor &index,
                                        const TensorSpec &element);
  virtual Tensor emit_tensor_array_stack(const Tensor &handle, const TensorSpec &stacked);
  virtual Tensor emit_tensor_array_size(const Tensor &handle);
  virtual void emit_tensor_array_release(const Tensor &handle);

  /// ag::summary in a traced function: at run time, write `data` at `step`
  /// (0-d int64) under `tag` to the default writer of that moment. `plugin`
  /// is "scalars" (data 0-d float32) or "histograms" (data float64, any
  /// shape, `buckets` buckets). The default raises ag::TracingError.
  virtual void emit_summary(const std::string &plugin, const std::string &tag,
                            const std::string &description, const Tensor &data,
                            const Tensor &step, std::int64_t buckets);
};

/// The statement that converted code on this thread last reported with
/// ag::set_source_location ({"", 0} before any).
SourceLocation current_source_location() noexcept;

/// The tracer installed on this thread, or nullptr (eager execution).
Tracer *current_tracer() noexcept;

/// Installs `tracer` (nullptr suspends tracing) for the current thread until
/// the scope ends, then restores the previous one.
class TracerScope {
public:
  explicit TracerScope(Tracer *tracer) noexcept;
  ~TracerScope();
  TracerScope(const TracerScope &) = delete;
  TracerScope &operator=(const TracerScope &) = delete;

private:
  Tracer *previous_;
};

/// Sees every op executed eagerly on this thread (the hook for a gradient
/// tape). While an observer is installed, broadcasting is always applied as an
/// explicit broadcast_to op so that the recorded ops are exact.
class OpObserver {
public:
  virtual ~OpObserver();
  virtual void record(OpKind kind, Span<const Tensor> inputs,
                      const OpAttrs &attrs, const Tensor &result) = 0;
};

OpObserver *current_op_observer() noexcept;

class OpObserverScope {
public:
  explicit OpObserverScope(OpObserver *observer) noexcept;
  ~OpObserverScope();
  OpObserverScope(const OpObserverScope &) = delete;
  OpObserverScope &operator=(const OpObserverScope &) = delete;

private:
  OpObserver *previous_;
};

} // namespace ag

#endif // AUTOGRAPH_TRACER_H
