//===- Print.h - ag::print and tensor formatting ----------------*- C++ -*-===//
//
// The format is tf.print's: arguments separated by one space, a newline at the
// end; scalars plain (`5`, `0.5`); floating values `%g`; booleans `true` /
// `false`; vectors `[1 2 3]`; matrices `[[1 2]\n [3 4]]`; a dimension longer
// than 6 shows its first 3 and last 3 entries around `...`. Compiled code
// prints through the same formatter (CompiledCodeABI.h), so the output is
// byte-identical in every mode.
//
// What autograph-cc makes of the C++ ways of printing: a `std::cout << ...`
// chain with a tensor in it becomes an ag::PrintStream chain, `printf` with a
// tensor argument becomes ag::print_formatted. Both print what the original
// statement printed, as one ag.print.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_PRINT_H
#define AUTOGRAPH_PRINT_H

#include "autograph/DType.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <sstream>
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
  /// A printf conversion ("%.3f", "%5d", "%s") that formats this argument: a
  /// C++ value, or a tensor of exactly one element. Empty: ag::print's format.
  std::string format;

  PrintArg(const char *s) : kind(Kind::String), text(s ? s : "") {}
  PrintArg(std::string s) : kind(Kind::String), text(std::move(s)) {}
  PrintArg(std::string_view s) : kind(Kind::String), text(s) {}
  PrintArg(char c) : kind(Kind::String), text(1, c) {}
  PrintArg(const ag::Tensor &t) : kind(Kind::Tensor), tensor(t) {}
  /// What converts to a tensor (a variable: its value).
  template <class T, std::enable_if_t<std::is_convertible_v<const T &, ag::Tensor> &&
                                          !std::is_same_v<T, ag::Tensor>,
                                      int> = 0>
  PrintArg(const T &value) : kind(Kind::Tensor), tensor(ag::Tensor(value)) {}
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

/// Prints `pieces` as they are: no separator, no newline added. While tracing
/// the pieces become one ag.print.
void print_pieces(Span<const PrintArg> pieces);

/// `printf(format, args...)` with tensor arguments: each conversion of
/// `format` (`%d`, `%.3f`, `%5s`, ...; `%%` is a percent sign) formats the
/// next argument as printf would, a tensor of one element by its value (cast
/// to the conversion's integer or floating type). Raises InvalidArgumentError
/// when the conversions and the arguments do not match.
void print_formatted(const char *format, std::initializer_list<PrintArg> args);

/// A `std::cout << ...` chain with tensors in it, converted:
///   (::ag::PrintStream() << "loss " << loss << std::endl).print();
/// C++ values (and manipulators) go through a std::ostringstream that starts
/// with std::cout's flags, precision and fill, so they print exactly as
/// std::cout would; tensors are kept as pieces. print() prints the whole chain
/// once, or records it as one ag.print while tracing.
class PrintStream {
public:
  PrintStream();
  PrintStream &operator<<(const Tensor &t);
  PrintStream &operator<<(std::ostream &(*manipulator)(std::ostream &));
  template <class T> PrintStream &operator<<(const T &value) {
    text_ << value;
    return *this;
  }
  void print();

private:
  void flushText();
  std::ostringstream text_;
  std::vector<PrintArg> pieces_;
};

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

/// Appends one piece of print_pieces: a string, a C++ value or a concrete
/// tensor, with its printf `format` if it has one.
void format_piece_to(std::string &out, const PrintArg &piece);

/// Appends the value of a tensor of one element (`dtype`, extents
/// `shape[0..rank)`, its element at `data`) formatted by the printf
/// conversion `format`. Raises InvalidArgumentError for a tensor of another
/// size, a conversion that is not one printf conversion, or one that does not
/// take a number (`%s`).
void format_element_to(std::string &out, std::string_view format, DType dtype,
                       const std::int64_t *shape, std::int64_t rank,
                       const void *data);

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
