//===- TracedChecks.h - value checks of traced ops (internal) ----*- C++ -*-===//
//
// What eager execution checks on values (a zero integer divisor, an index
// out of range), written once in ag ops for a trace: each records the check
// with Tracer::emit_check, so that compiled code raises the error eager
// execution raises (ag::InvalidArgumentError, the same text where it does
// not depend on the values). Called by the op layer's compositions when an
// input is symbolic; eagerly the kernels and infer_op check.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_TRACEDCHECKS_H
#define AUTOGRAPH_RUNTIME_TRACEDCHECKS_H

#include "autograph/Tensor.h"

namespace ag::detail {

/// Integer `b` has no zero element: `message` otherwise.
void trace_no_zero(const Tensor &b, const char *message);
/// Integer `b` has no negative element: `message` otherwise.
void trace_no_negative(const Tensor &b, const char *message);
/// The row index `index` of `x` (0-d int) counted from the end when
/// negative, as int64, checked to be in range ("OP: index is out of range
/// for shape [?,3]").
Tensor trace_row_index(const Tensor &x, const Tensor &index, const char *op);
/// Every element of `indices` is a row of `x`.
void trace_gather_indices(const Tensor &x, const Tensor &indices);
/// 0 <= start <= limit <= dim 0 of `x`.
void trace_slice_bounds(const Tensor &x, const Tensor &start, const Tensor &limit);
/// The extents of `row` known only at run time are those of a row of `x`.
void trace_row_shape(const Tensor &x, const Tensor &row);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_TRACEDCHECKS_H
