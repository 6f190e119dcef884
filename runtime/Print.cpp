//===- Print.cpp - ag::print, tensor formatting and its C entry points -----===//
//
// The layout follows tf.print (TensorFlow's PrintOneDimV2 with summarize=3):
// elements of the last dimension are separated by one space; outer dimensions
// by newlines (one per remaining inner dimension) followed by an indent of one
// space per enclosing bracket; a dimension longer than 6 prints its first 3
// and last 3 entries around "...".
//
//===----------------------------------------------------------------------===//
#include "autograph/Print.h"
#include "autograph/Tracer.h"

#include "TensorImpl.h"

#include <cmath>
#include <cstdio>
#include <iostream>
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
  if (Tracer *tracer = current_tracer()) {
    tracer->emit_print(args);
    return;
  }
  std::string line = format_print_args(args);
  line += '\n';
  detail::write_stdout(line);
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

