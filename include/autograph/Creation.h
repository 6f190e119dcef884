//===- Creation.h - creating tensors ----------------------------*- C++ -*-===//
//
// The dtype of a created tensor follows the C++ type of the values:
// float -> float32, double -> float64, int -> int32, int64_t -> int64,
// bool -> boolean (see dtype_of in DType.h).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CREATION_H
#define AUTOGRAPH_CREATION_H

#include "autograph/DType.h"
#include "autograph/Scalar.h"
#include "autograph/Shape.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <type_traits>
#include <vector>

namespace ag {

namespace detail {
/// A tensor of `dtype` and `shape` copied from `values` (`count` elements of
/// the dtype's C++ type); `op` names the caller in errors.
Tensor make_constant(DType dtype, const Shape &shape, const void *values,
                     std::int64_t count, const char *op);

/// Converts any arithmetic T to the storage type of dtype_of<T>() and calls
/// make_constant.
template <class T, class It>
Tensor constant_from_range(It first, std::size_t n, const Shape &shape) {
  constexpr DType d = dtype_of<T>();
  using Storage = dtype_cpp_t<d>;
  std::unique_ptr<Storage[]> buf(new Storage[n > 0 ? n : 1]);
  for (std::size_t i = 0; i < n; ++i, ++first)
    buf[i] = static_cast<Storage>(*first);
  return make_constant(d, shape, buf.get(), static_cast<std::int64_t>(n),
                       "constant");
}
} // namespace detail

/// A 0-d tensor.
template <class T, enable_if_scalar_t<T> = 0> Tensor constant(T value) {
  return scalar_tensor(Scalar(value), dtype_of<T>());
}
/// A 0-d tensor of an explicit dtype (C++ conversion of `value`).
template <class T, enable_if_scalar_t<T> = 0>
Tensor constant(T value, DType dtype) {
  return scalar_tensor(Scalar(value), dtype);
}
/// A vector: `ag::constant({1.f, 2.f})`.
template <class T> Tensor constant(std::initializer_list<T> values) {
  return detail::constant_from_range<T>(
      values.begin(), values.size(),
      Shape{static_cast<std::int64_t>(values.size())});
}
/// A matrix: `ag::constant({{1, 2}, {3, 4}})`; rows must have equal length.
template <class T>
Tensor constant(std::initializer_list<std::initializer_list<T>> rows) {
  std::vector<T> flat;
  const std::size_t cols = rows.size() ? rows.begin()->size() : 0;
  for (const auto &row : rows) {
    if (row.size() != cols)
      throw InvalidArgumentError("constant: ragged nested list (rows of " +
                                 std::to_string(cols) + " and " +
                                 std::to_string(row.size()) + " elements)");
    flat.insert(flat.end(), row.begin(), row.end());
  }
  return detail::constant_from_range<T>(
      flat.begin(), flat.size(),
      Shape{static_cast<std::int64_t>(rows.size()),
            static_cast<std::int64_t>(cols)});
}
/// A rank-3 tensor from a triply nested list.
template <class T>
Tensor constant(
    std::initializer_list<std::initializer_list<std::initializer_list<T>>>
        blocks) {
  std::vector<T> flat;
  const std::size_t rows = blocks.size() ? blocks.begin()->size() : 0;
  const std::size_t cols =
      rows ? blocks.begin()->begin()->size() : 0;
  for (const auto &block : blocks) {
    if (block.size() != rows)
      throw InvalidArgumentError("constant: ragged nested list");
    for (const auto &row : block) {
      if (row.size() != cols)
        throw InvalidArgumentError("constant: ragged nested list");
      flat.insert(flat.end(), row.begin(), row.end());
    }
  }
  return detail::constant_from_range<T>(
      flat.begin(), flat.size(),
      Shape{static_cast<std::int64_t>(blocks.size()),
            static_cast<std::int64_t>(rows), static_cast<std::int64_t>(cols)});
}
/// A tensor of `shape` from row-major `values` (the counts must agree).
template <class T>
Tensor constant(const std::vector<T> &values, const Shape &shape) {
  return detail::constant_from_range<T>(values.begin(), values.size(), shape);
}
/// A vector holding `values`.
template <class T> Tensor constant(const std::vector<T> &values) {
  return detail::constant_from_range<T>(
      values.begin(), values.size(),
      Shape{static_cast<std::int64_t>(values.size())});
}

Tensor zeros(const Shape &shape, DType dtype = DType::Float32);
Tensor ones(const Shape &shape, DType dtype = DType::Float32);
Tensor zeros_like(const Tensor &x);
Tensor ones_like(const Tensor &x);
/// `shape` filled with a 0-d tensor's value (its dtype).
Tensor fill(const Shape &shape, const Tensor &value);
/// `shape` filled with `value` (dtype from the C++ type).
template <class T, enable_if_scalar_t<T> = 0>
Tensor fill(const Shape &shape, T value) {
  return fill(shape, constant(value));
}

/// [start, start + delta, ...) up to `limit` (exclusive), as a 1-d tensor.
/// All three are 0-d tensors of one numeric dtype; delta must not be 0.
Tensor range(const Tensor &start, const Tensor &limit, const Tensor &delta);
/// [0, 1, ..., limit - 1] in limit's dtype.
Tensor range(const Tensor &limit);

/// A bound of range() that is a 0-d tensor or a C++ scalar; the scalars take
/// the dtype of the tensor bounds (`ag::range(0, n)` with an int64 `n`).
struct RangeBound {
  Tensor tensor;
  Scalar scalar = Scalar(0);
  bool is_tensor = false;
  RangeBound(const Tensor &t) : tensor(t), is_tensor(true) {}
  template <class T, enable_if_scalar_t<T> = 0>
  RangeBound(T v) : scalar(v) {}
};
/// The bounds of a range as 0-d tensors of its dtype: what range() computes
/// its elements from, and what a converted `for (i : ag::range(...))` loops
/// over without building the tensor (ag::for_range_of).
struct RangeBounds {
  Tensor start, limit, delta;
};
/// Tensor and scalar bounds mixed (at least one tensor): the scalars take
/// the tensors' dtype.
RangeBounds range_bounds(const RangeBound &start, const RangeBound &limit,
                         const RangeBound &delta = RangeBound(1));
/// [0, limit) by 1 in limit's dtype.
RangeBounds range_bounds(const Tensor &limit);
/// Scalars: the dtype is that of the common C++ type.
template <class S, class L, class D = int, enable_if_scalar_t<S> = 0,
          enable_if_scalar_t<L> = 0, enable_if_scalar_t<D> = 0>
RangeBounds range_bounds(S start, L limit, D delta = 1) {
  using C = std::common_type_t<S, L, D>;
  return {constant(static_cast<C>(start)), constant(static_cast<C>(limit)),
          constant(static_cast<C>(delta))};
}
template <class L, enable_if_scalar_t<L> = 0> RangeBounds range_bounds(L limit) {
  return range_bounds(constant(limit));
}

/// range() with tensor and scalar bounds mixed (at least one tensor).
Tensor range(const RangeBound &start, const RangeBound &limit,
             const RangeBound &delta = RangeBound(1));
/// Scalars: the dtype is that of the common C++ type (`range(5)` is int32,
/// `range(0.f, 1.f, 0.25f)` float32).
template <class S, class L, class D = int, enable_if_scalar_t<S> = 0,
          enable_if_scalar_t<L> = 0, enable_if_scalar_t<D> = 0>
Tensor range(S start, L limit, D delta = 1) {
  RangeBounds b = range_bounds(start, limit, delta);
  return range(b.start, b.limit, b.delta);
}
template <class L, enable_if_scalar_t<L> = 0> Tensor range(L limit) {
  return range(constant(limit));
}

} // namespace ag

#endif // AUTOGRAPH_CREATION_H
