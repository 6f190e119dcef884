//===- TracedChecks.cpp - value checks of traced ops, in ag ops ------------===//
#include "TracedChecks.h"

#include "autograph/Creation.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <string>

namespace ag::detail {
namespace {

Tracer &tracer(const char *what) {
  Tracer *current = current_tracer();
  if (!current)
    throw TracingError(std::string(what) + ": a check of a symbolic value outside of a trace");
  return *current;
}

/// Whether every element of the bool tensor `t` is true (a 0-d bool).
Tensor all(const Tensor &t) {
  if (t.rank() == 0)
    return t;
  return cast(reduce_min(cast(t, DType::Int32)), DType::Bool);
}

/// Dimension 0 of `x` as a 0-d int64: a constant, or its run-time size.
Tensor rows_of(const Tensor &x, const char *what) {
  std::int64_t rows = x.dim(0);
  return rows >= 0 ? constant(rows) : tracer(what).emit_dim(x, 0);
}

std::string shape_of(const Tensor &x) { return format_shape(x.shape()); }

} // namespace

void trace_no_zero(const Tensor &b, const char *message) {
  if (is_integer(b.dtype()))
    tracer(message).emit_check(all(b != 0), message);
}

void trace_no_negative(const Tensor &b, const char *message) {
  if (is_integer(b.dtype()))
    tracer(message).emit_check(all(b >= 0), message);
}

Tensor trace_row_index(const Tensor &x, const Tensor &index, const char *op) {
  Tensor extent = rows_of(x, op);
  Tensor i = cast(index, DType::Int64);
  Tensor wrapped = where(i < std::int64_t{0}, i + extent, i);
  tracer(op).emit_check(
      logical_and(wrapped >= std::int64_t{0}, wrapped < extent),
      std::string(op) + ": index is out of range for shape " + shape_of(x));
  return wrapped;
}

void trace_gather_indices(const Tensor &x, const Tensor &indices) {
  // The least and the greatest index (the reductions' identities when there
  // are none, which pass the check).
  Tensor least = cast(reduce_min(indices), DType::Int64);
  Tensor greatest = cast(reduce_max(indices), DType::Int64);
  tracer("gather").emit_check(
      logical_and(least >= std::int64_t{0}, greatest < rows_of(x, "gather")),
      "gather: an index is out of range for shape " + shape_of(x));
}

void trace_slice_bounds(const Tensor &x, const Tensor &start, const Tensor &limit) {
  Tensor extent = cast(rows_of(x, "slice"), start.dtype());
  Tensor zero = zeros({}, start.dtype());
  tracer("slice").emit_check(
      logical_and(logical_and(start >= zero, start <= limit), limit <= extent),
      "slice: the rows are out of range for shape " + shape_of(x));
}

void trace_row_shape(const Tensor &x, const Tensor &row) {
  Shape rowShape = row.shape(), xShape = x.shape();
  Tensor same;
  for (std::size_t d = 0; d < rowShape.size(); ++d) {
    if (rowShape[d] != kUnknownDim && xShape[d + 1] != kUnknownDim)
      continue; // equal: the types agree
    Tracer &t = tracer("update_row");
    Tensor equal = t.emit_dim(row, static_cast<std::int64_t>(d)) ==
                   t.emit_dim(x, static_cast<std::int64_t>(d + 1));
    same = same.defined() ? logical_and(same, equal) : equal;
  }
  if (same.defined())
    tracer("update_row")
        .emit_check(same, "update_row: the row's shape differs from a row of shape " +
                              shape_of(x));
}

} // namespace ag::detail
