//===- RowOps.h - row ops of the op layer for the runtime (internal) -*- C++ -*-===//
//
// Compositions over the op layer that the runtime's dataset loops use:
// they apply Slice and UpdateRow, with the value checks compiled code needs
// when an input is symbolic (TracedChecks.h).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_ROWOPS_H
#define AUTOGRAPH_RUNTIME_ROWOPS_H

#include "autograph/Tensor.h"

namespace ag::detail {

/// Rows [start, limit) of `x` (a view), bounds checked.
Tensor slice_rows(const Tensor &x, const Tensor &start, const Tensor &limit);
/// `x` with row `index` (negative from the end) replaced by `row`.
Tensor update_row(const Tensor &x, const Tensor &index, const Tensor &row);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_ROWOPS_H
