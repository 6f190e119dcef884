//===- Scalar.h - C++ scalars mixed with tensors ----------------*- C++ -*-===//
//
// A C++ scalar next to a tensor takes the tensor's dtype (`x * 2` on a float32
// `x` multiplies by a float32 2). The conversion is C++'s, except that a
// floating value out of an integer dtype's range saturates and NaN gives 0
// (never undefined behaviour).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_SCALAR_H
#define AUTOGRAPH_SCALAR_H

#include "autograph/DType.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <type_traits>

namespace ag {

/// A C++ scalar before it gets a dtype.
struct Scalar {
  enum class Kind : std::uint8_t { Floating, Integer, Boolean };
  Kind kind = Kind::Integer;
  double f = 0.0;
  std::int64_t i = 0;

  template <class T, std::enable_if_t<std::is_arithmetic_v<T>, int> = 0>
  Scalar(T value) noexcept {
    if constexpr (std::is_same_v<T, bool>) {
      kind = Kind::Boolean;
      i = value ? 1 : 0;
    } else if constexpr (std::is_floating_point_v<T>) {
      kind = Kind::Floating;
      f = static_cast<double>(value);
    } else {
      kind = Kind::Integer;
      i = static_cast<std::int64_t>(value);
    }
  }
};

/// A 0-d tensor of `dtype` holding `value`.
Tensor scalar_tensor(const Scalar &value, DType dtype);
/// A 0-d tensor holding `value` in `like`'s dtype (`like` must be defined;
/// `op` names the operation in the error otherwise).
Tensor scalar_like(const Tensor &like, const Scalar &value, const char *op);

template <class T>
using enable_if_scalar_t = std::enable_if_t<std::is_arithmetic_v<T>, int>;

} // namespace ag

#endif // AUTOGRAPH_SCALAR_H
