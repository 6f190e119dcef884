//===- DType.h - tensor element types ---------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_DTYPE_H
#define AUTOGRAPH_DTYPE_H

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace ag {

/// Element type of a tensor. The numeric values are stable: AOT headers and
/// compiled code rely on them.
enum class DType : std::uint8_t {
  Float32 = 0,
  Float64 = 1,
  Int32 = 2,
  Int64 = 3,
  Bool = 4,
};

inline constexpr DType float32 = DType::Float32;
inline constexpr DType float64 = DType::Float64;
inline constexpr DType int32 = DType::Int32;
inline constexpr DType int64 = DType::Int64;
inline constexpr DType boolean = DType::Bool;

/// "float32", "float64", "int32", "int64", "bool" (the names in messages).
const char *dtype_name(DType dtype) noexcept;
/// "f32", "f64", "i32", "i64", "bool" (the names in signatures).
const char *dtype_short_name(DType dtype) noexcept;
/// Bytes per element (bool is stored as one byte holding 0 or 1).
constexpr std::size_t dtype_size(DType dtype) noexcept {
  return dtype == DType::Bool ? 1
         : (dtype == DType::Float64 || dtype == DType::Int64) ? 8
                                                               : 4;
}

constexpr bool is_floating(DType d) noexcept {
  return d == DType::Float32 || d == DType::Float64;
}
constexpr bool is_integer(DType d) noexcept {
  return d == DType::Int32 || d == DType::Int64;
}
constexpr bool is_numeric(DType d) noexcept { return d != DType::Bool; }

/// The dtype a C++ scalar type maps to: float -> float32, double -> float64,
/// bool -> boolean, integers of at most 32 bits -> int32, wider -> int64.
template <class T> constexpr DType dtype_of() noexcept {
  static_assert(std::is_arithmetic_v<T>, "ag: not an arithmetic type");
  if constexpr (std::is_same_v<T, bool>)
    return DType::Bool;
  else if constexpr (std::is_same_v<T, float>)
    return DType::Float32;
  else if constexpr (std::is_floating_point_v<T>)
    return DType::Float64;
  else if constexpr (sizeof(T) <= 4)
    return DType::Int32;
  else
    return DType::Int64;
}

/// The C++ element type stored for a dtype.
template <DType D> struct dtype_cpp;
template <> struct dtype_cpp<DType::Float32> { using type = float; };
template <> struct dtype_cpp<DType::Float64> { using type = double; };
template <> struct dtype_cpp<DType::Int32> { using type = std::int32_t; };
template <> struct dtype_cpp<DType::Int64> { using type = std::int64_t; };
template <> struct dtype_cpp<DType::Bool> { using type = bool; };
template <DType D> using dtype_cpp_t = typename dtype_cpp<D>::type;

} // namespace ag

#endif // AUTOGRAPH_DTYPE_H
