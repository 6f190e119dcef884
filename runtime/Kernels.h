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

/// Add..Minimum, Compare, LogicalAnd, LogicalOr. The operands have equal
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
/// Neg..Relu, LogicalNot.
Tensor unary_kernel(OpKind kind, const Tensor &x);
/// unary_kernel writing into `out` (which may be `x` itself).
void unary_into(OpKind kind, const TensorImpl &x, TensorImpl &out);
Tensor cast_kernel(const Tensor &x, DType to);
Tensor select_kernel(const Tensor &c, const Tensor &a, const Tensor &b);

Tensor matmul_kernel(const Tensor &a, const Tensor &b, const TensorSpec &out);

Tensor transpose_kernel(const Tensor &x, const std::vector<std::int64_t> &perm,
                        const TensorSpec &out);
Tensor reshape_kernel(const Tensor &x, const TensorSpec &out);
Tensor broadcast_kernel(const Tensor &x, const TensorSpec &out);
Tensor concat_kernel(Span<const Tensor> inputs, std::int64_t axis,
                     const TensorSpec &out);
Tensor index_kernel(const Tensor &x, const Tensor &index);
/// Raises ag::InvalidArgumentError for an index outside [0, dim 0).
Tensor gather_kernel(const Tensor &x, const Tensor &indices, const TensorSpec &spec);
/// Rows [start, start + spec.shape[0]) of `x`, a view (bounds checked by infer).
Tensor slice_kernel(const Tensor &x, const Tensor &start, const TensorSpec &spec);
/// A copy of `x` whose row `index` (checked by infer, negative from the end)
/// is `row`.
Tensor update_row_kernel(const Tensor &x, const Tensor &index, const Tensor &row,
                         const TensorSpec &spec);

Tensor reduce_kernel(const Tensor &x, const OpAttrs &attrs,
                     const TensorSpec &out);
Tensor argmax_kernel(const Tensor &x, std::int64_t axis, const TensorSpec &out);

Tensor one_hot_kernel(const Tensor &indices, std::int64_t depth,
                      const TensorSpec &out);
Tensor range_kernel(const Tensor &start, const Tensor &delta,
                    const TensorSpec &out);
Tensor fill_kernel(const Tensor &value, const TensorSpec &out);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_KERNELS_H
