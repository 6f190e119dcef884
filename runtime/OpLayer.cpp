//===- OpLayer.cpp - apply_op: trace or run the Eigen kernel ---------------===//
#include "autograph/Op.h"
#include "autograph/GradientTape.h"
#include "autograph/Tracer.h"

#include "Kernels.h"
#include "TensorImpl.h"

#include <string>

namespace ag {

// --- tracer and observer installation ---------------------------------------------

namespace {
thread_local Tracer *tls_tracer = nullptr;
thread_local OpObserver *tls_observer = nullptr;
} // namespace

Tracer::~Tracer() = default;
OpObserver::~OpObserver() = default;

Tracer *current_tracer() noexcept { return tls_tracer; }

TracerScope::TracerScope(Tracer *tracer) noexcept : previous_(tls_tracer) {
  tls_tracer = tracer;
}
TracerScope::~TracerScope() { tls_tracer = previous_; }

OpObserver *current_op_observer() noexcept { return tls_observer; }

OpObserverScope::OpObserverScope(OpObserver *observer) noexcept
    : previous_(tls_observer) {
  tls_observer = observer;
}
OpObserverScope::~OpObserverScope() { tls_observer = previous_; }

// --- the layer -----------------------------------------------------------------

namespace detail {

Tensor constant_kernel(Span<const Tensor> in, const OpAttrs &, const TensorSpec &) {
  return in[0];
}

Tensor run_kernel(OpKind kind, Span<const Tensor> in, const OpAttrs &attrs,
                  const TensorSpec &spec) {
  switch (kind) {
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  case OpKind::Kind:                                                           \
    return unary_kernel(kind, in[0]);
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case OpKind::Kind:                                                           \
    return binary_kernel(kind, attrs.predicate, in[0], in[1], spec.dtype);
#define AG_OP(Kind, name, Gradient)                                            \
  case OpKind::Kind:                                                           \
    return name##_kernel(in, attrs, spec);
#include "autograph/Ops.def"
  }
  throw InvalidArgumentError("apply_op: unknown op kind");
}

Tensor emit_traced(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                   const TensorSpec &spec) {
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError(std::string(op_name(kind)) +
                       ": a symbolic tensor was used outside of the trace "
                       "that created it");
  return tracer->emit(kind, inputs, attrs, spec);
}

} // namespace detail

namespace detail {
Tensor apply_op_traced(OpKind kind, Span<const Tensor> inputs,
                       const OpAttrs &attrs) {
  TensorSpec spec = infer_op(kind, inputs, attrs);
  Tensor out = emit_traced(kind, inputs, attrs, spec);
  if (any_tape_recording())
    record_on_tapes(kind, inputs, attrs, out);
  return out;
}
} // namespace detail

namespace {
Tensor traceOrRun(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs) {
  TensorSpec spec = infer_op(kind, inputs, attrs);
  for (const Tensor &t : inputs)
    if (t.impl()->symbolic)
      return detail::emit_traced(kind, inputs, attrs, spec);
  // A concrete input with a result of unknown extents (broadcast_to a traced
  // shape) is staged too.
  for (std::int64_t d : spec.shape)
    if (d < 0)
      return detail::emit_traced(kind, inputs, attrs, spec);
  Tensor out = detail::run_kernel(kind, inputs, attrs, spec);
  if (OpObserver *observer = tls_observer)
    observer->record(kind, inputs, attrs, out);
  return out;
}
} // namespace

Tensor apply_op(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs) {
  Tensor out = traceOrRun(kind, inputs, attrs);
  // Eager or traced alike, the tapes recording on this thread see the op.
  if (detail::any_tape_recording())
    detail::record_on_tapes(kind, inputs, attrs, out);
  return out;
}

} // namespace ag
