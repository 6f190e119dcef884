//===- Kernels.h - eager Eigen kernels of the op layer (internal) -*- C++ -*-===//
//
// Each kernel runs on concrete inputs that infer_op has already validated and
// returns the result of the inferred spec.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_KERNELS_H
#define AUTOGRAPH_RUNTIME_KERNELS_H

#include "autograph/Op.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <vector>

namespace ag::detail {

struct TensorImpl;

/// Infers and hands the op to the current tracer even if every input is
/// concrete (used for the broadcasts of an op with a symbolic operand).
Tensor apply_op_traced(OpKind kind, Span<const Tensor> inputs,
                       const OpAttrs &attrs);

/// An elementwise binary op of the registry (AG_BINARY_OP), or Compare
/// with `predicate`. The operands have equal
/// extents, or one of them has a single element and the other the result's
/// extents; the single element then applies to every element (the eager form
/// of broadcasting a scalar). The result has the extents of `b` if
/// `shape_of_b`, else those of `a`.
Tensor binary_kernel(OpKind kind, ComparePredicate predicate, const Tensor &a,
                     const Tensor &b, DType result_dtype, bool shape_of_b = false);
/// binary_kernel writing into `out`, which has the result's dtype and
/// extents and may be the buffer of `a` or `b` (elementwise aliasing is safe;
/// every check that can throw runs before the first write).
void binary_into(OpKind kind, ComparePredicate predicate, const TensorImpl &a,
                 const TensorImpl &b, TensorImpl &out);
/// The value checks of an elementwise binary op of the registry on
/// symbolic operands of one shape (a zero integer divisor), recorded for
/// compiled code (TracedChecks.h).
void trace_checks(OpKind kind, const Tensor &a, const Tensor &b);
/// An elementwise unary op of the registry (AG_UNARY_OP).
Tensor unary_kernel(OpKind kind, const Tensor &x);
/// unary_kernel writing into `out` (which may be `x` itself).
void unary_into(OpKind kind, const TensorImpl &x, TensorImpl &out);
/// The kernel of each other op of the registry (AG_OP in Ops.def), all with
/// one signature: the inputs, the attributes and the inferred result.
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)
#define AG_OP(Kind, name, Gradient)                                            \
  Tensor name##_kernel(Span<const Tensor> inputs, const OpAttrs &attrs,        \
                       const TensorSpec &result);
#include "autograph/Ops.def"

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_KERNELS_H
