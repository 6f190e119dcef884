//===- OpLayer.cpp - apply_op: trace or run the Eigen kernel ---------------===//
#include "autograph/Op.h"
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

Tensor run_kernel(OpKind kind, Span<const Tensor> in, const OpAttrs &attrs,
                  const TensorSpec &spec) {
  switch (kind) {
  case OpKind::Constant:
    return in[0];
  case OpKind::Add:
  case OpKind::Sub:
  case OpKind::Mul:
  case OpKind::Div:
  case OpKind::Rem:
  case OpKind::Pow:
  case OpKind::Maximum:
  case OpKind::Minimum:
  case OpKind::Compare:
  case OpKind::LogicalAnd:
  case OpKind::LogicalOr:
    return binary_kernel(kind, attrs.predicate, in[0], in[1], spec.dtype);
  case OpKind::Neg:
  case OpKind::Exp:
  case OpKind::Log:
  case OpKind::Sqrt:
  case OpKind::Abs:
  case OpKind::Square:
  case OpKind::Tanh:
  case OpKind::Sigmoid:
  case OpKind::Relu:
  case OpKind::LogicalNot:
    return unary_kernel(kind, in[0]);
  case OpKind::Cast:
    return cast_kernel(in[0], attrs.dtype);
  case OpKind::Select:
    return select_kernel(in[0], in[1], in[2]);
  case OpKind::MatMul:
    return matmul_kernel(in[0], in[1], spec);
  case OpKind::Transpose:
    return transpose_kernel(in[0], attrs.perm, spec);
  case OpKind::Reshape:
    return reshape_kernel(in[0], spec);
  case OpKind::BroadcastTo:
    return broadcast_kernel(in[0], spec);
  case OpKind::Reduce:
    return reduce_kernel(in[0], attrs, spec);
  case OpKind::ArgMax:
    return argmax_kernel(in[0], attrs.axis, spec);
  case OpKind::Concat:
    return concat_kernel(in, attrs.axis, spec);
  case OpKind::Index:
    return index_kernel(in[0], in[1]);
  case OpKind::OneHot:
    return one_hot_kernel(in[0], attrs.depth, spec);
  case OpKind::Range:
    return range_kernel(in[0], in[2], spec);
  case OpKind::Fill:
    return fill_kernel(in[0], spec);
  case OpKind::Gather:
    return gather_kernel(in[0], in[1], spec);
  case OpKind::Slice:
    return slice_kernel(in[0], in[1], spec);
  case OpKind::UpdateRow:
    return update_row_kernel(in[0], in[1], in[2], spec);
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
  return emit_traced(kind, inputs, attrs, spec);
}
} // namespace detail

Tensor apply_op(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs) {
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

} // namespace ag
