//===- Print.cpp - ag::print, tensor formatting and its C entry points -----===//
//
// The layout follows tf.print (TensorFlow's PrintOneDimV2 with summarize=3):
// elements of the last dimension are separated by one space; outer dimensions
// by newlines (one per remaining inner dimension) followed by an indent of one
// space per enclosing bracket; a dimension longer than 6 prints its first 3
// and last 3 entries around "...".
//
// printf conversions (print_formatted, and the formats of ag.print's values)
// are parsed here and rebuilt with the length modifier the value needs, so a
// `%d` receives a long long and a `%f` a double whatever the user wrote.
//
//===----------------------------------------------------------------------===//
#include "autograph/Print.h"
#include "autograph/Tracer.h"

#include "autograph/Error.h"

#include "TensorImpl.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <string>
#include <vector>

namespace ag {
namespace {

constexpr std::int64_t kEdgeItems = 3;

void append_element(std::string &out, DType dtype, const void *data,
                    std::int64_t offset) {
  switch (dtype) {
  case DType::Float32:
    format_scalar_to(out, static_cast<double>(static_cast<const float *>(data)[offset]));
    return;
  case DType::Float64:
    format_scalar_to(out, static_cast<const double *>(data)[offset]);
    return;
  case DType::Int32:
    format_scalar_to(out, static_cast<std::int64_t>(
                              static_cast<const std::int32_t *>(data)[offset]));
    return;
  case DType::Int64:
    format_scalar_to(out, static_cast<const std::int64_t *>(data)[offset]);
    return;
  case DType::Bool:
    // Any non-zero byte is true (compiled code may store i1 as 0/1 bytes).
    format_scalar_to(out, static_cast<const unsigned char *>(data)[offset] != 0);
    return;
  }
}

void append_spacing(std::string &out, std::int64_t dim, std::int64_t rank) {
  if (dim == rank - 1) {
    out += ' ';
    return;
  }
  out.append(static_cast<std::size_t>(rank - dim - 1), '\n');
  out.append(static_cast<std::size_t>(dim + 1), ' ');
}

void append_dim(std::string &out, DType dtype, const std::int64_t *shape,
                const std::int64_t *strides, std::int64_t rank,
                const void *data, std::int64_t dim, std::int64_t offset) {
  if (dim == rank) {
    append_element(out, dtype, data, offset);
    return;
  }
  out += '[';
  const std::int64_t n = shape[dim];
  const std::int64_t start_of_end = std::max(kEdgeItems, n - kEdgeItems);
  for (std::int64_t i = 0; i < kEdgeItems && i < n; ++i) {
    if (i > 0)
      append_spacing(out, dim, rank);
    append_dim(out, dtype, shape, strides, rank, data, dim + 1,
               offset + i * strides[dim]);
  }
  if (n > 2 * kEdgeItems) {
    append_spacing(out, dim, rank);
    out += "...";
  }
  for (std::int64_t i = start_of_end; i < n; ++i) {
    append_spacing(out, dim, rank);
    append_dim(out, dtype, shape, strides, rank, data, dim + 1,
               offset + i * strides[dim]);
  }
  out += ']';
}

/// One printf conversion: `%`, flags, width and precision as written (the
/// length modifier dropped), and the conversion character.
struct Conversion {
  std::string prefix;
  char type = 0;
  bool integer() const { return std::strchr("diouxXc", type) != nullptr; }
  bool floating() const { return std::strchr("fFeEgGaA", type) != nullptr; }
  std::string text() const { return prefix + type; }
};

[[noreturn]] void bad_format(std::string_view format, const std::string &why) {
  throw InvalidArgumentError("print_formatted: format \"" + std::string(format) +
                             "\": " + why);
}

/// Parses the conversion at format[pos] ('%') and moves pos past it.
Conversion parse_conversion(std::string_view format, std::size_t &pos) {
  Conversion c;
  std::size_t start = pos++;
  auto take = [&](const char *set) {
    while (pos < format.size() && std::strchr(set, format[pos]) && format[pos])
      ++pos;
  };
  take("-+ #0");
  take("0123456789");
  if (pos < format.size() && format[pos] == '.') {
    ++pos;
    take("0123456789");
  }
  c.prefix = std::string(format.substr(start, pos - start));
  if (c.prefix.find('*') != std::string::npos ||
      (pos < format.size() && format[pos] == '*'))
    bad_format(format, "'*' widths and precisions are not supported");
  take("hlLjztq");
  if (pos >= format.size())
    bad_format(format, "it ends inside a conversion");
  c.type = format[pos++];
  if (!c.integer() && !c.floating() && c.type != 's')
    bad_format(format, std::string("'%") + c.type +
                           "' is not a conversion ag can print (use d i o u x "
                           "X c f F e E g G a A s)");
  return c;
}

Conversion parse_single_conversion(std::string_view format) {
  std::size_t pos = 0;
  if (format.empty() || format[0] != '%')
    bad_format(format, "it is not a printf conversion");
  Conversion c = parse_conversion(format, pos);
  if (pos != format.size())
    bad_format(format, "it is not one printf conversion");
  return c;
}

template <class... Args>
void append_printf(std::string &out, const std::string &format, Args... args) {
  int n = std::snprintf(nullptr, 0, format.c_str(), args...);
  if (n <= 0)
    return;
  std::size_t at = out.size();
  out.resize(at + static_cast<std::size_t>(n) + 1);
  std::snprintf(&out[at], static_cast<std::size_t>(n) + 1, format.c_str(), args...);
  out.resize(at + static_cast<std::size_t>(n));
}

void append_converted(std::string &out, const Conversion &c, std::int64_t v) {
  if (c.type == 'd' || c.type == 'i')
    append_printf(out, c.prefix + "ll" + c.type, static_cast<long long>(v));
  else if (c.type == 'c')
    append_printf(out, c.prefix + "c", static_cast<int>(static_cast<unsigned char>(v)));
  else if (c.integer())
    append_printf(out, c.prefix + "ll" + c.type, static_cast<unsigned long long>(v));
  else if (c.floating())
    append_printf(out, c.text(), static_cast<double>(v));
  else
    throw InvalidArgumentError("print_formatted: '" + c.text() +
                               "' needs a string; got a number");
}

void append_converted(std::string &out, const Conversion &c, double v) {
  if (c.floating()) {
    append_printf(out, c.text(), v);
    return;
  }
  // C++ would truncate; values that do not fit an integer are an error
  // rather than undefined behaviour.
  if (!(v > -9.3e18 && v < 9.3e18))
    throw InvalidArgumentError("print_formatted: '" + c.text() +
                               "' formats an integer; got " +
                               std::to_string(v));
  append_converted(out, c, static_cast<std::int64_t>(v));
}

void append_converted(std::string &out, const Conversion &c,
                      const std::string &text) {
  if (c.type == 's')
    append_printf(out, c.prefix + "s", text.c_str());
  else if (c.type == 'c' && text.size() == 1)
    append_printf(out, c.prefix + "c", static_cast<int>(static_cast<unsigned char>(text[0])));
  else
    throw InvalidArgumentError("print_formatted: '" + c.text() +
                               "' needs a number; got the string \"" + text +
                               "\"");
}

void append_arg(std::string &out, const PrintArg &arg) {
  switch (arg.kind) {
  case PrintArg::Kind::String: out += arg.text; return;
  case PrintArg::Kind::Integer: format_scalar_to(out, arg.i); return;
  case PrintArg::Kind::Floating: format_scalar_to(out, arg.f); return;
  case PrintArg::Kind::Boolean: format_scalar_to(out, arg.i != 0); return;
  case PrintArg::Kind::Tensor: out += format_tensor(arg.tensor); return;
  }
}

} // namespace

namespace detail {
void write_stdout(const std::string &line) {
  std::cout.write(line.data(), static_cast<std::streamsize>(line.size()));
  std::cout.flush();
}
} // namespace detail

void format_scalar_to(std::string &out, double value) {
  if (std::isnan(value)) {
    out += "nan";
  } else if (std::isinf(value)) {
    out += value > 0 ? "inf" : "-inf";
  } else {
    char buf[32];
    int n = std::snprintf(buf, sizeof buf, "%g", value);
    out.append(buf, static_cast<std::size_t>(n));
  }
}

void format_scalar_to(std::string &out, std::int64_t value) {
  out += std::to_string(value);
}

void format_scalar_to(std::string &out, bool value) {
  out += value ? "true" : "false";
}

void format_tensor_to(std::string &out, DType dtype, const std::int64_t *shape,
                      std::int64_t rank, const void *data,
                      const std::int64_t *strides) {
  std::int64_t local[16];
  std::vector<std::int64_t> heap;
  if (!strides) {
    std::int64_t *s = local;
    if (rank > 16) {
      heap.resize(static_cast<std::size_t>(rank));
      s = heap.data();
    }
    std::int64_t acc = 1;
    for (std::int64_t i = rank; i-- > 0;) {
      s[i] = acc;
      acc *= shape[i];
    }
    strides = s;
  }
  append_dim(out, dtype, shape, strides, rank, data, 0, 0);
}

std::string format_tensor(const Tensor &t) {
  const detail::TensorImpl &impl = detail::concrete_impl(t, "print");
  std::string out;
  format_tensor_to(out, impl.dtype, impl.dims, impl.rank, impl.data);
  return out;
}

std::string format_print_args(Span<const PrintArg> args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i)
      out += ' ';
    append_arg(out, args[i]);
  }
  return out;
}

void print_args(Span<const PrintArg> args) {
  if (current_tracer() == nullptr) {
    std::string line = format_print_args(args);
    line += '\n';
    detail::write_stdout(line);
    return;
  }
  std::vector<PrintArg> pieces;
  pieces.reserve(2 * args.size() + 1);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i)
      pieces.emplace_back(" ");
    pieces.push_back(args[i]);
  }
  pieces.emplace_back("\n");
  print_pieces(Span<const PrintArg>(pieces.data(), pieces.size()));
}

void print_pieces(Span<const PrintArg> pieces) {
  if (Tracer *tracer = current_tracer()) {
    tracer->emit_print(pieces);
    return;
  }
  std::string text;
  for (const PrintArg &piece : pieces)
    format_piece_to(text, piece);
  detail::write_stdout(text);
}

void format_piece_to(std::string &out, const PrintArg &piece) {
  if (piece.format.empty()) {
    append_arg(out, piece);
    return;
  }
  Conversion c = parse_single_conversion(piece.format);
  switch (piece.kind) {
  case PrintArg::Kind::String: append_converted(out, c, piece.text); return;
  case PrintArg::Kind::Integer:
  case PrintArg::Kind::Boolean: append_converted(out, c, piece.i); return;
  case PrintArg::Kind::Floating: append_converted(out, c, piece.f); return;
  case PrintArg::Kind::Tensor: {
    const detail::TensorImpl &impl = detail::concrete_impl(piece.tensor, "print");
    format_element_to(out, piece.format, impl.dtype, impl.dims, impl.rank,
                      impl.data);
    return;
  }
  }
}

void format_element_to(std::string &out, std::string_view format, DType dtype,
                       const std::int64_t *shape, std::int64_t rank,
                       const void *data) {
  Conversion c = parse_single_conversion(format);
  std::int64_t elements = 1;
  for (std::int64_t d = 0; d < rank; ++d)
    elements *= shape[d];
  if (elements != 1)
    throw InvalidArgumentError(
        "print_formatted: '" + std::string(format) +
        "' formats a tensor of one element; got " +
        format_spec(TensorSpec{dtype, Shape(shape, shape + rank)}));
  switch (dtype) {
  case DType::Float32:
    append_converted(out, c, static_cast<double>(*static_cast<const float *>(data)));
    return;
  case DType::Float64:
    append_converted(out, c, *static_cast<const double *>(data));
    return;
  case DType::Int32:
    append_converted(out, c, std::int64_t{*static_cast<const std::int32_t *>(data)});
    return;
  case DType::Int64:
    append_converted(out, c, *static_cast<const std::int64_t *>(data));
    return;
  case DType::Bool:
    append_converted(out, c, std::int64_t{*static_cast<const unsigned char *>(data) != 0});
    return;
  }
}

void print_formatted(const char *format, std::initializer_list<PrintArg> args) {
  std::string_view text(format ? format : "");
  std::vector<PrintArg> pieces;
  std::string literal;
  const PrintArg *next = args.begin();
  std::size_t conversions = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (text[pos] != '%') {
      literal += text[pos++];
      continue;
    }
    if (pos + 1 < text.size() && text[pos + 1] == '%') {
      literal += '%';
      pos += 2;
      continue;
    }
    Conversion c = parse_conversion(text, pos);
    ++conversions;
    if (next == args.end())
      continue; // counted, reported below
    PrintArg piece = *next++;
    piece.format = c.text();
    if (piece.kind == PrintArg::Kind::Tensor) {
      pieces.emplace_back(std::move(literal));
      literal.clear();
      pieces.push_back(std::move(piece));
    } else {
      format_piece_to(literal, piece);
    }
  }
  if (conversions != args.size())
    bad_format(text, "it has " + std::to_string(conversions) +
                         " conversions for " + std::to_string(args.size()) +
                         " arguments");
  pieces.emplace_back(std::move(literal));
  print_pieces(Span<const PrintArg>(pieces.data(), pieces.size()));
}

PrintStream::PrintStream() {
  text_.flags(std::cout.flags());
  text_.precision(std::cout.precision());
  text_.fill(std::cout.fill());
}

void PrintStream::flushText() {
  std::string text = text_.str();
  if (!text.empty())
    pieces_.emplace_back(std::move(text));
  text_.str(std::string());
}

PrintStream &PrintStream::operator<<(const Tensor &t) {
  flushText();
  pieces_.emplace_back(t);
  return *this;
}

PrintStream &PrintStream::operator<<(std::ostream &(*manipulator)(std::ostream &)) {
  manipulator(text_);
  return *this;
}

void PrintStream::print() {
  flushText();
  print_pieces(Span<const PrintArg>(pieces_.data(), pieces_.size()));
  pieces_.clear();
}

std::ostream &operator<<(std::ostream &os, const Tensor &t) {
  if (!t.defined())
    return os << "Tensor(undefined)";
  if (t.is_symbolic())
    return os << "Tensor(" << format_spec(t.spec()) << ")";
  return os << format_tensor(t);
}

std::ostream &operator<<(std::ostream &os, DType d) { return os << dtype_name(d); }

} // namespace ag

