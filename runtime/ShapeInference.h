//===- ShapeInference.h - shared checks of the op layer (internal) -*- C++ -*-===//
#ifndef AUTOGRAPH_RUNTIME_SHAPEINFERENCE_H
#define AUTOGRAPH_RUNTIME_SHAPEINFERENCE_H

#include "autograph/Op.h"

#include <string>

namespace ag::detail {

/// The name errors use for an op: op_name, except that Compare is named by
/// its predicate ("less", "equal", ...).
const char *display_name(OpKind kind, const OpAttrs &attrs) noexcept;

/// Throws unless `dtype` is allowed for the elementwise op `kind`
/// ("exp: unsupported dtype int32 ...").
void check_elementwise_dtype(OpKind kind, DType dtype, const char *name);

/// "add: dtype mismatch float32 vs int32 (use ag::cast)".
[[noreturn]] void throw_dtype_mismatch(const char *name, DType a, DType b);

/// Number of elements of range(start, limit, delta) for concrete 0-d inputs.
std::int64_t range_length(const Tensor &start, const Tensor &limit,
                          const Tensor &delta);

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_SHAPEINFERENCE_H
