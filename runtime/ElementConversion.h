//===- ElementConversion.h - C++ element conversion without UB --*- C++ -*-===//
#ifndef AUTOGRAPH_RUNTIME_ELEMENTCONVERSION_H
#define AUTOGRAPH_RUNTIME_ELEMENTCONVERSION_H

#include "autograph/DType.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace ag::detail {

/// static_cast<To>(v) where it is defined; floating to integer truncates,
/// saturates out of range and maps NaN to 0; to bool is `v != 0`; integer
/// narrowing wraps (two's complement).
template <class To, class From> inline To convert_value(From v) noexcept {
  if constexpr (std::is_same_v<To, bool>) {
    return v != From(0);
  } else if constexpr (std::is_floating_point_v<From> && std::is_integral_v<To>) {
    if (std::isnan(v))
      return 0;
    // 2^(digits) is exactly representable; compare in the floating type.
    constexpr From hi = static_cast<From>(std::numeric_limits<To>::max()) + From(1);
    constexpr From lo = static_cast<From>(std::numeric_limits<To>::min());
    if (v >= hi)
      return std::numeric_limits<To>::max();
    if (v < lo)
      return std::numeric_limits<To>::min();
    return static_cast<To>(v);
  } else if constexpr (std::is_integral_v<From> && std::is_integral_v<To> &&
                       !std::is_same_v<From, bool>) {
    using U = std::make_unsigned_t<To>;
    return static_cast<To>(static_cast<U>(v));
  } else {
    return static_cast<To>(v);
  }
}

/// The type integer arithmetic runs in so that overflow wraps (two's
/// complement) instead of being undefined: the unsigned type of the same
/// width for integers, T itself otherwise.
template <class T, class = void> struct wrapping { using type = T; };
template <class T>
struct wrapping<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  using type = std::make_unsigned_t<T>;
};
template <class T> using wrapping_t = typename wrapping<T>::type;

/// Converts `n` elements of dtype `from` at `src` into dtype `to` at `dst`.
void convert_elements(DType from, const void *src, DType to, void *dst,
                      std::int64_t n);

/// Calls f(T{}) with T the C++ type of `d`.
template <class F> decltype(auto) visit_dtype(DType d, F &&f) {
  switch (d) {
  case DType::Float32: return f(float{});
  case DType::Float64: return f(double{});
  case DType::Int32: return f(std::int32_t{});
  case DType::Int64: return f(std::int64_t{});
  case DType::Bool: break;
  }
  return f(bool{});
}

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_ELEMENTCONVERSION_H
