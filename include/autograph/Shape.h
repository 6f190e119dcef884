//===- Shape.h - tensor shapes ----------------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_SHAPE_H
#define AUTOGRAPH_SHAPE_H

#include <cstdint>
#include <string>
#include <vector>

namespace ag {

/// A tensor shape: one extent per dimension, outermost first. While tracing,
/// `kUnknownDim` (-1) stands for a dimension known only at run time.
using Shape = std::vector<std::int64_t>;

inline constexpr std::int64_t kUnknownDim = -1;

/// "[2,3]"; "[]" for a scalar; unknown dimensions as "?" ("[?,784]").
std::string format_shape(const Shape &shape);
std::string format_shape(const std::int64_t *dims, std::size_t rank);

/// Number of elements of a fully known shape. Throws
/// ag::InvalidArgumentError naming `op` for a negative or unknown extent and
/// for a product that overflows int64.
std::int64_t checked_num_elements(const Shape &shape, const char *op);

} // namespace ag

#endif // AUTOGRAPH_SHAPE_H
