//===- Print.h - ag::print and tensor formatting ----------------*- C++ -*-===//
//
// The format is tf.print's: arguments separated by one space, a newline at the
// end; scalars plain (`5`, `0.5`); floating values `%g`; booleans `true` /
// `false`; vectors `[1 2 3]`; matrices `[[1 2]\n [3 4]]`; a dimension longer
// than 6 shows its first 3 and last 3 entries around `...`. Compiled code
// prints through the same formatter (CompiledCodeABI.h), so the output is
// byte-identical in every mode.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_PRINT_H
#define AUTOGRAPH_PRINT_H

#include "autograph/DType.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

namespace ag {

/// One argument of ag::print: a string, a C++ scalar or a tensor.
struct PrintArg {
  enum class Kind : std::uint8_t { String, Integer, Floating, Boolean, Tensor };
  Kind kind = Kind::String;
  std::string text;
  std::int64_t i = 0;
  double f = 0.0;
  ag::Tensor tensor;

  PrintArg(const char *s) : kind(Kind::String), text(s ? s : "") {}
  PrintArg(std::string s) : kind(Kind::String), text(std::move(s)) {}
  PrintArg(std::string_view s) : kind(Kind::String), text(s) {}
  PrintArg(char c) : kind(Kind::String), text(1, c) {}
  PrintArg(const ag::Tensor &t) : kind(Kind::Tensor), tensor(t) {}
  template <class T,
            std::enable_if_t<std::is_arithmetic_v<T> &&
                                 !std::is_same_v<T, char>,
                             int> = 0>
  PrintArg(T v) {
    if constexpr (std::is_same_v<T, bool>) {
      kind = Kind::Boolean;
      i = v ? 1 : 0;
    } else if constexpr (std::is_floating_point_v<T>) {
      kind = Kind::Floating;
      f = static_cast<double>(v);
    } else {
      kind = Kind::Integer;
      i = static_cast<std::int64_t>(v);
    }
  }
};

/// Prints `args` (see the format above) to stdout, or records the print in
/// the current Tracer while tracing.
void print_args(Span<const PrintArg> args);

/// `ag::print("loss:", loss, "step", 3);`
template <class... Args> void print(const Args &...args) {
  if constexpr (sizeof...(Args) == 0) {
    print_args(Span<const PrintArg>());
  } else {
    const PrintArg list[] = {PrintArg(args)...};
    print_args(Span<const PrintArg>(list));
  }
}

/// The text ag::print writes for `args` (without the trailing newline).
/// Tensors must be concrete.
std::string format_print_args(Span<const PrintArg> args);

/// The text of a concrete tensor.
std::string format_tensor(const Tensor &t);

/// Appends the text of a buffer of `dtype` with extents `shape[0..rank)` to
/// `out`. `strides` (in elements; nullptr for row-major contiguous) lets
/// compiled code pass a strided memref as is.
void format_tensor_to(std::string &out, DType dtype, const std::int64_t *shape,
                      std::int64_t rank, const void *data,
                      const std::int64_t *strides = nullptr);

/// Appends one element formatted like ag::print (`%g` for floating values,
/// `nan`, `inf`, `-inf`, `true`, `false`).
void format_scalar_to(std::string &out, double value);
void format_scalar_to(std::string &out, std::int64_t value);
void format_scalar_to(std::string &out, bool value);

/// Writes format_tensor(t); symbolic tensors print as `Tensor(f32[?,3])`.
std::ostream &operator<<(std::ostream &os, const Tensor &t);
/// Writes dtype_name(d).
std::ostream &operator<<(std::ostream &os, DType d);

} // namespace ag

#endif // AUTOGRAPH_PRINT_H
