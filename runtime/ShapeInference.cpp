//===- ShapeInference.cpp - result types and checks of every op -----------===//
//
// One function per op computes the result dtype and shape or raises the
// op's error. Eager execution and tracing both call infer_op, so the messages
// are the same in both. Unknown extents (-1, tracing only) propagate.
//
//===----------------------------------------------------------------------===//
#include "ShapeInference.h"
#include "autograph/Tracer.h"

#include "DTypeClasses.h"
#include "ElementConversion.h"
#include "TensorImpl.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace ag {

using detail::checked_impl;
using detail::shape_of;
using detail::TensorImpl;

const char *op_name(OpKind kind) noexcept {
  switch (kind) {
#define AG_OP(Kind, name, Gradient)                                            \
  case OpKind::Kind:                                                           \
    return #name;
#include "autograph/Ops.def"
  }
  return "unknown-op";
}

bool is_unary_elementwise(OpKind kind) noexcept {
  switch (kind) {
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  case OpKind::Kind:                                                           \
    return true;
#include "autograph/Ops.def"
  default:
    return false;
  }
}

bool is_binary_elementwise(OpKind kind) noexcept {
  switch (kind) {
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case OpKind::Kind:                                                           \
    return true;
#include "autograph/Ops.def"
  default:
    return false;
  }
}

const char *predicate_name(ComparePredicate p) noexcept {
  switch (p) {
  case ComparePredicate::EQ: return "eq";
  case ComparePredicate::NE: return "ne";
  case ComparePredicate::LT: return "lt";
  case ComparePredicate::LE: return "le";
  case ComparePredicate::GT: return "gt";
  case ComparePredicate::GE: return "ge";
  }
  return "?";
}

const char *reduction_name(Reduction r) noexcept {
  switch (r) {
  case Reduction::Sum: return "sum";
  case Reduction::Mean: return "mean";
  case Reduction::Max: return "max";
  case Reduction::Min: return "min";
  }
  return "?";
}

namespace detail {

const char *display_name(OpKind kind, const OpAttrs &attrs) noexcept {
  if (kind == OpKind::Compare) {
    switch (attrs.predicate) {
    case ComparePredicate::EQ: return "equal";
    case ComparePredicate::NE: return "not_equal";
    case ComparePredicate::LT: return "less";
    case ComparePredicate::LE: return "less_equal";
    case ComparePredicate::GT: return "greater";
    case ComparePredicate::GE: return "greater_equal";
    }
  }
  if (kind == OpKind::Reduce) {
    switch (attrs.reduction) {
    case Reduction::Sum: return "reduce_sum";
    case Reduction::Mean: return "reduce_mean";
    case Reduction::Max: return "reduce_max";
    case Reduction::Min: return "reduce_min";
    }
  }
  return op_name(kind);
}

void throw_dtype_mismatch(const char *name, DType a, DType b) {
  throw InvalidArgumentError(std::string(name) + ": dtype mismatch " +
                             dtype_name(a) + " vs " + dtype_name(b) +
                             " (use ag::cast)");
}

namespace {

[[noreturn]] void unsupported_dtype(const char *name, DType d,
                                    const char *needs) {
  throw InvalidArgumentError(std::string(name) + ": unsupported dtype " +
                             dtype_name(d) + " (needs " + needs + ")");
}

} // namespace

void check_elementwise_dtype(OpKind kind, DType dtype, const char *name) {
  switch (kind) {
#define AG_UNARY_OP(Kind, op, Dtypes, Gradient)                                \
  case OpKind::Kind:                                                           \
    if (!Dtypes::accepts(dtype))                                               \
      unsupported_dtype(name, dtype, Dtypes::kNeeds);                          \
    return;
#define AG_BINARY_OP(Kind, op, Dtypes, Gradient)                               \
  case OpKind::Kind:                                                           \
    if (!Dtypes::accepts(dtype))                                               \
      unsupported_dtype(name, dtype, Dtypes::kNeeds);                          \
    return;
#include "autograph/Ops.def"
  default:
    return;
  }
}

std::int64_t range_length(const Tensor &start, const Tensor &limit,
                          const Tensor &delta) {
  const TensorImpl &s = *start.impl();
  if (is_floating(s.dtype)) {
    double a = 0, b = 0, d = 0;
    convert_elements(s.dtype, s.data, DType::Float64, &a, 1);
    convert_elements(s.dtype, limit.impl()->data, DType::Float64, &b, 1);
    convert_elements(s.dtype, delta.impl()->data, DType::Float64, &d, 1);
    if (d == 0)
      throw InvalidArgumentError("range: delta must not be zero");
    // In the dtype, as TensorFlow computes it.
    double n = s.dtype == DType::Float32
                   ? static_cast<double>(std::ceil((static_cast<float>(b) -
                                                    static_cast<float>(a)) /
                                                   static_cast<float>(d)))
                   : std::ceil((b - a) / d);
    if (std::isnan(n))
      throw InvalidArgumentError("range: start, limit and delta must be finite");
    if (n <= 0)
      return 0;
    if (n > 9.0e15)
      throw InvalidArgumentError("range: too many elements");
    return static_cast<std::int64_t>(n);
  }
  std::int64_t a = 0, b = 0, d = 0;
  convert_elements(s.dtype, s.data, DType::Int64, &a, 1);
  convert_elements(s.dtype, limit.impl()->data, DType::Int64, &b, 1);
  convert_elements(s.dtype, delta.impl()->data, DType::Int64, &d, 1);
  if (d == 0)
    throw InvalidArgumentError("range: delta must not be zero");
  __int128 diff = static_cast<__int128>(b) - a;
  __int128 step = d;
  if ((diff > 0) != (step > 0) || diff == 0)
    return 0;
  if (diff < 0) {
    diff = -diff;
    step = -step;
  }
  __int128 n = (diff + step - 1) / step;
  if (n > (static_cast<__int128>(1) << 62))
    throw InvalidArgumentError("range: too many elements");
  return static_cast<std::int64_t>(n);
}

} // namespace detail

namespace {

using Dims = Shape;

std::string str(const TensorImpl &t) { return detail::shape_string(t); }

void expect_inputs(Span<const Tensor> inputs, std::size_t n, const char *name) {
  if (inputs.size() != n)
    throw InvalidArgumentError(std::string(name) + ": expects " +
                               std::to_string(n) + " input(s), got " +
                               std::to_string(inputs.size()));
}

// The operands after the first of an op with a target shape (broadcast_to,
// fill): one 0-d int64 run-time size per unknown extent of `shape`.
void expect_sizes(Span<const Tensor> inputs, const Dims &shape, const char *name) {
  std::size_t unknown = 0;
  for (std::int64_t d : shape)
    unknown += d == kUnknownDim;
  // Eagerly an unknown extent is just an invalid one (checked_num_elements
  // says so); while tracing it needs its run-time size.
  if (unknown > 0 && inputs.size() == 1 && !current_tracer())
    return;
  if (unknown > 0 && inputs.size() == 1)
    throw TracingError(
        std::string(name) + ": the shape " + format_shape(shape) +
        " has an extent known only at run time, which a shape cannot carry "
        "while tracing; use ag::zeros_like or ag::ones_like of a tensor of "
        "that shape, or broadcast against it (x + ag::zeros_like(y))");
  expect_inputs(inputs, 1 + unknown, name);
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    const TensorImpl &size = checked_impl(inputs[i], name);
    if (size.rank != 0 || size.dtype != DType::Int64)
      throw InvalidArgumentError(std::string(name) +
                                 ": a run-time size must be a 0-d int64, got " +
                                 format_spec(inputs[i].spec()));
  }
}

// Equal extents, allowing unknown ones; the merged extents in `out`.
bool merge_dims(const TensorImpl &a, const TensorImpl &b, Dims &out) {
  if (a.rank != b.rank)
    return false;
  out.assign(a.dims, a.dims + a.rank);
  for (int i = 0; i < a.rank; ++i) {
    std::int64_t x = a.dims[i], y = b.dims[i];
    if (x >= 0 && y >= 0 && x != y)
      return false;
    out[i] = x >= 0 ? x : y;
  }
  return true;
}

// The elementwise families of the registry: the dtype the entry accepts,
// and (binary) one dtype and one shape.
TensorSpec infer_unary(OpKind kind, Span<const Tensor> inputs,
                       const OpAttrs &attrs) {
  const char *name = detail::display_name(kind, attrs);
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  detail::check_elementwise_dtype(kind, x.dtype, name);
  return TensorSpec{x.dtype, shape_of(x)};
}

TensorSpec infer_binary(OpKind kind, Span<const Tensor> inputs,
                        const OpAttrs &attrs) {
  const char *name = detail::display_name(kind, attrs);
  expect_inputs(inputs, 2, name);
  const TensorImpl &a = checked_impl(inputs[0], name);
  const TensorImpl &b = checked_impl(inputs[1], name);
  if (a.dtype != b.dtype)
    detail::throw_dtype_mismatch(name, a.dtype, b.dtype);
  detail::check_elementwise_dtype(kind, a.dtype, name);
  Dims dims;
  if (!merge_dims(a, b, dims))
    throw InvalidArgumentError(std::string(name) + ": incompatible shapes " +
                               str(a) + " and " + str(b));
  DType out = kind == OpKind::Compare ? DType::Bool : a.dtype;
  return TensorSpec{out, std::move(dims)};
}

TensorSpec infer_constant(Span<const Tensor> inputs, const OpAttrs &) {
  expect_inputs(inputs, 1, "constant");
  return inputs[0].spec();
}

// Any dtype, one dtype and one shape; a bool result.
TensorSpec infer_compare(Span<const Tensor> inputs, const OpAttrs &attrs) {
  return infer_binary(OpKind::Compare, inputs, attrs);
}

TensorSpec infer_cast(Span<const Tensor> inputs, const OpAttrs &attrs) {
  expect_inputs(inputs, 1, "cast");
  const TensorImpl &x = checked_impl(inputs[0], "cast");
  return TensorSpec{attrs.dtype, shape_of(x)};
}

TensorSpec infer_select(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "select";
  expect_inputs(inputs, 3, name);
  const TensorImpl &c = checked_impl(inputs[0], name);
  const TensorImpl &a = checked_impl(inputs[1], name);
  const TensorImpl &b = checked_impl(inputs[2], name);
  if (c.dtype != DType::Bool)
    throw InvalidArgumentError(std::string(name) +
                               ": condition must be bool, got " +
                               dtype_name(c.dtype));
  if (a.dtype != b.dtype)
    detail::throw_dtype_mismatch(name, a.dtype, b.dtype);
  Dims d1, d2;
  if (!merge_dims(a, b, d1) || !merge_dims(c, a, d2))
    throw InvalidArgumentError(std::string(name) + ": incompatible shapes " +
                               str(c) + ", " + str(a) + " and " + str(b));
  for (std::size_t i = 0; i < d1.size(); ++i)
    if (d1[i] < 0)
      d1[i] = d2[i];
  return TensorSpec{a.dtype, std::move(d1)};
}

TensorSpec infer_matmul(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "matmul";
  expect_inputs(inputs, 2, name);
  const TensorImpl &a = checked_impl(inputs[0], name);
  const TensorImpl &b = checked_impl(inputs[1], name);
  if (a.dtype != b.dtype)
    detail::throw_dtype_mismatch(name, a.dtype, b.dtype);
  if (!is_numeric(a.dtype))
    throw InvalidArgumentError(std::string(name) +
                               ": unsupported dtype bool (needs a numeric "
                               "dtype; use ag::cast)");
  auto bad = [&](const char *why) {
    throw InvalidArgumentError(std::string(name) + ": incompatible shapes " +
                               str(a) + " and " + str(b) + " (" + why + ")");
  };
  if (a.rank < 2 || b.rank < 2)
    bad("operands need rank 2 or more");
  std::int64_t k1 = a.dims[a.rank - 1], k2 = b.dims[b.rank - 2];
  if (k1 >= 0 && k2 >= 0 && k1 != k2)
    bad("inner dimensions differ");
  Dims out;
  if (a.rank > 2 && b.rank > 2) {
    if (a.rank != b.rank)
      bad("batch ranks differ");
    for (int i = 0; i < a.rank - 2; ++i) {
      std::int64_t x = a.dims[i], y = b.dims[i];
      if (x >= 0 && y >= 0 && x != y)
        bad("batch dimensions differ");
      out.push_back(x >= 0 ? x : y);
    }
  } else if (a.rank > 2) {
    out.assign(a.dims, a.dims + a.rank - 2);
  } else if (b.rank > 2) {
    out.assign(b.dims, b.dims + b.rank - 2);
  }
  out.push_back(a.dims[a.rank - 2]);
  out.push_back(b.dims[b.rank - 1]);
  return TensorSpec{a.dtype, std::move(out)};
}

TensorSpec infer_transpose(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "transpose";
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const auto &perm = attrs.perm;
  bool ok = static_cast<std::int64_t>(perm.size()) == x.rank;
  std::vector<bool> seen(perm.size(), false);
  for (std::size_t i = 0; ok && i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= x.rank || seen[perm[i]])
      ok = false;
    else
      seen[perm[i]] = true;
  }
  if (!ok)
    throw InvalidArgumentError(std::string(name) + ": perm " +
                               format_shape(perm) +
                               " is not a permutation of the axes of shape " +
                               str(x));
  Dims out(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i)
    out[i] = x.dims[perm[i]];
  return TensorSpec{x.dtype, std::move(out)};
}

TensorSpec infer_reshape(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "reshape";
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  Dims out = attrs.shape;
  int unknown = 0;
  std::int64_t known = 1;
  bool overflow = false;
  for (std::int64_t d : out) {
    if (d == -1)
      ++unknown;
    else if (d < 0)
      throw InvalidArgumentError(std::string(name) + ": invalid target shape " +
                                 format_shape(out));
    else if (__builtin_mul_overflow(known, d, &known))
      overflow = true;
  }
  if (overflow)
    throw InvalidArgumentError(std::string(name) + ": target shape " +
                               format_shape(out) + " has too many elements");
  auto mismatch = [&]() {
    std::string target = "[";
    for (std::size_t i = 0; i < out.size(); ++i)
      target += (i ? "," : "") + std::to_string(out[i]);
    target += "]";
    throw InvalidArgumentError(
        std::string(name) + ": cannot reshape a tensor of shape " + str(x) +
        " (" + std::to_string(x.numel) + " elements) to shape " + target +
        (unknown ? "" : " (" + std::to_string(known) + " elements)"));
  };
  if (x.numel < 0) // unknown input extents: keep -1 as unknown
    return TensorSpec{x.dtype, std::move(out)};
  if (unknown > 1)
    throw InvalidArgumentError(std::string(name) + ": target shape " +
                               format_shape(out) +
                               " has more than one -1 extent");
  if (unknown == 1) {
    if (known == 0 || x.numel % known != 0)
      mismatch();
    for (std::int64_t &d : out)
      if (d == -1)
        d = x.numel / known;
  } else if (known != x.numel) {
    mismatch();
  }
  return TensorSpec{x.dtype, std::move(out)};
}

TensorSpec infer_broadcast_to(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "broadcast_to";
  expect_sizes(inputs, attrs.shape, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const Dims &target = attrs.shape;
  auto fail = [&]() {
    throw InvalidArgumentError(std::string(name) + ": cannot broadcast shape " +
                               str(x) + " to " + format_shape(target));
  };
  // Without run-time sizes (eagerly) every extent must be known.
  for (std::int64_t d : target)
    if (d < -1 || (d == kUnknownDim && inputs.size() == 1))
      fail();
  if (static_cast<std::int64_t>(target.size()) < x.rank)
    fail();
  std::size_t off = target.size() - static_cast<std::size_t>(x.rank);
  for (int i = 0; i < x.rank; ++i) {
    std::int64_t s = x.dims[i], t = target[off + i];
    if (s == 1 || s == t || s < 0 || t < 0)
      continue;
    fail();
  }
  if (x.numel >= 0) {
    bool all_known = true;
    for (std::int64_t d : target)
      all_known = all_known && d >= 0;
    if (all_known)
      checked_num_elements(target, name);
  }
  return TensorSpec{x.dtype, target};
}

TensorSpec infer_reduce(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = detail::display_name(OpKind::Reduce, attrs);
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  if (!is_numeric(x.dtype))
    throw InvalidArgumentError(std::string(name) +
                               ": unsupported dtype bool (needs a numeric "
                               "dtype; use ag::cast)");
  std::vector<bool> reduced(static_cast<std::size_t>(x.rank), false);
  for (std::size_t i = 0; i < attrs.axes.size(); ++i) {
    std::int64_t a = attrs.axes[i];
    if (a < 0 || a >= x.rank || reduced[a])
      throw InvalidArgumentError(std::string(name) + ": invalid axes " +
                                 format_shape(attrs.axes) + " for shape " +
                                 str(x));
    reduced[a] = true;
  }
  bool empty = false;
  for (int i = 0; i < x.rank; ++i)
    empty = empty || (reduced[i] && x.dims[i] == 0);
  if (empty && (attrs.reduction == Reduction::Max ||
                attrs.reduction == Reduction::Min ||
                (attrs.reduction == Reduction::Mean && is_integer(x.dtype))))
    throw InvalidArgumentError(std::string(name) +
                               ": cannot reduce an empty axis of shape " +
                               str(x));
  Dims out;
  for (int i = 0; i < x.rank; ++i) {
    if (!reduced[i])
      out.push_back(x.dims[i]);
    else if (attrs.keepdims)
      out.push_back(1);
  }
  return TensorSpec{x.dtype, std::move(out)};
}

TensorSpec infer_argmax(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "argmax";
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  if (!is_numeric(x.dtype))
    throw InvalidArgumentError(std::string(name) +
                               ": unsupported dtype bool (needs a numeric "
                               "dtype; use ag::cast)");
  if (attrs.axis < 0 || attrs.axis >= x.rank)
    throw InvalidArgumentError(std::string(name) + ": axis " +
                               std::to_string(attrs.axis) +
                               " is out of range for shape " + str(x));
  if (x.dims[attrs.axis] == 0)
    throw InvalidArgumentError(std::string(name) +
                               ": cannot take the argmax of an empty axis "
                               "(shape " + str(x) + ")");
  Dims out;
  for (int i = 0; i < x.rank; ++i)
    if (i != attrs.axis)
      out.push_back(x.dims[i]);
  return TensorSpec{DType::Int64, std::move(out)};
}

TensorSpec infer_concat(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "concat";
  if (inputs.empty())
    throw InvalidArgumentError("concat: needs at least one tensor");
  const TensorImpl &first = checked_impl(inputs[0], name);
  if (first.rank == 0)
    throw InvalidArgumentError("concat: cannot concatenate scalars (shape [])");
  if (attrs.axis < 0 || attrs.axis >= first.rank)
    throw InvalidArgumentError("concat: axis " + std::to_string(attrs.axis) +
                               " is out of range for shape " + str(first));
  Dims out = shape_of(first);
  for (std::size_t i = 1; i < inputs.size(); ++i) {
    const TensorImpl &t = checked_impl(inputs[i], name);
    if (t.dtype != first.dtype)
      detail::throw_dtype_mismatch(name, first.dtype, t.dtype);
    bool ok = t.rank == first.rank;
    for (int d = 0; ok && d < t.rank; ++d) {
      if (d == attrs.axis)
        continue;
      if (t.dims[d] >= 0 && out[d] >= 0 && t.dims[d] != out[d])
        ok = false;
      else if (out[d] < 0)
        out[d] = t.dims[d];
    }
    if (!ok)
      throw InvalidArgumentError("concat: incompatible shapes " + str(first) +
                                 " and " + str(t) + " along axis " +
                                 std::to_string(attrs.axis));
    std::int64_t &o = out[attrs.axis];
    if (o < 0 || t.dims[attrs.axis] < 0)
      o = -1;
    else if (__builtin_add_overflow(o, t.dims[attrs.axis], &o))
      throw InvalidArgumentError("concat: result has too many elements");
  }
  return TensorSpec{first.dtype, std::move(out)};
}

/// `name` is the op that indexes: index, or update_row.
TensorSpec checked_index(Span<const Tensor> inputs, const char *name) {
  expect_inputs(inputs, 2, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const TensorImpl &i = checked_impl(inputs[1], name);
  if (x.rank == 0)
    throw InvalidArgumentError(std::string(name) + ": cannot index a scalar (shape [])");
  if (!is_integer(i.dtype) || i.rank != 0)
    throw InvalidArgumentError(
        std::string(name) + ": the index must be a 0-d int32 or int64 tensor, got " +
        dtype_name(i.dtype) + str(i));
  if (!i.symbolic && x.dims[0] >= 0) {
    std::int64_t v = 0;
    detail::convert_elements(i.dtype, i.data, DType::Int64, &v, 1);
    if (v < -x.dims[0] || v >= x.dims[0])
      throw InvalidArgumentError(std::string(name) + ": index " + std::to_string(v) +
                                 " is out of range for shape " + str(x));
  }
  return TensorSpec{x.dtype, Dims(x.dims + 1, x.dims + x.rank)};
}

TensorSpec infer_index(Span<const Tensor> inputs, const OpAttrs &) {
  return checked_index(inputs, "index");
}

TensorSpec infer_gather(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "gather";
  expect_inputs(inputs, 2, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const TensorImpl &i = checked_impl(inputs[1], name);
  if (x.rank == 0)
    throw InvalidArgumentError("gather: cannot gather rows of a scalar (shape [])");
  if (!is_integer(i.dtype))
    throw InvalidArgumentError(
        std::string("gather: indices must be int32 or int64, got ") +
        dtype_name(i.dtype) + str(i));
  Dims out = shape_of(i);
  out.insert(out.end(), x.dims + 1, x.dims + x.rank);
  if (i.numel >= 0 && x.numel >= 0)
    checked_num_elements(out, name);
  return TensorSpec{x.dtype, std::move(out)};
}

TensorSpec infer_slice(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "slice";
  expect_inputs(inputs, 3, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const TensorImpl &start = checked_impl(inputs[1], name);
  const TensorImpl &limit = checked_impl(inputs[2], name);
  if (x.rank == 0)
    throw InvalidArgumentError("slice: cannot slice a scalar (shape [])");
  if (!is_integer(start.dtype) || start.rank != 0 || start.dtype != limit.dtype ||
      limit.rank != 0)
    throw InvalidArgumentError(
        std::string("slice: start and limit must be 0-d int32 or int64 tensors "
                    "of one dtype, got ") +
        dtype_name(start.dtype) + str(start) + " and " + dtype_name(limit.dtype) +
        str(limit));
  Dims out = shape_of(x);
  out[0] = -1;
  if (!start.symbolic && !limit.symbolic) {
    std::int64_t bounds[2] = {0, 0};
    detail::convert_elements(start.dtype, start.data, DType::Int64, &bounds[0], 1);
    detail::convert_elements(limit.dtype, limit.data, DType::Int64, &bounds[1], 1);
    if (bounds[0] < 0 || bounds[0] > bounds[1] || (x.dims[0] >= 0 && bounds[1] > x.dims[0]))
      throw InvalidArgumentError("slice: rows [" + std::to_string(bounds[0]) + ", " +
                                 std::to_string(bounds[1]) +
                                 ") are out of range for shape " + str(x));
    out[0] = bounds[1] - bounds[0];
  }
  return TensorSpec{x.dtype, std::move(out)};
}

TensorSpec infer_update_row(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "update_row";
  expect_inputs(inputs, 3, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  const TensorImpl &row = checked_impl(inputs[2], name);
  // The index is checked as ag.index checks it.
  const Tensor index[] = {inputs[0], inputs[1]};
  TensorSpec expected = checked_index(index, name);
  TensorSpec given{row.dtype, shape_of(row)};
  bool compatible = given.dtype == expected.dtype &&
                    given.shape.size() == expected.shape.size();
  for (std::size_t d = 0; compatible && d < given.shape.size(); ++d)
    compatible = given.shape[d] < 0 || expected.shape[d] < 0 ||
                 given.shape[d] == expected.shape[d];
  if (!compatible)
    throw InvalidArgumentError("update_row: a row of " + str(x) + " " +
                               dtype_name(x.dtype) + " cannot be " +
                               dtype_name(row.dtype) + str(row));
  return TensorSpec{x.dtype, shape_of(x)};
}

TensorSpec infer_one_hot(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "one_hot";
  expect_inputs(inputs, 1, name);
  const TensorImpl &x = checked_impl(inputs[0], name);
  if (!is_integer(x.dtype))
    throw InvalidArgumentError(
        std::string("one_hot: indices must be int32 or int64, got ") +
        dtype_name(x.dtype));
  if (attrs.depth < 0)
    throw InvalidArgumentError("one_hot: depth must be non-negative, got " +
                               std::to_string(attrs.depth));
  Dims out = shape_of(x);
  out.push_back(attrs.depth);
  if (x.numel >= 0)
    checked_num_elements(out, name);
  return TensorSpec{attrs.dtype, std::move(out)};
}

TensorSpec infer_range(Span<const Tensor> inputs, const OpAttrs &) {
  const char *name = "range";
  expect_inputs(inputs, 3, name);
  const TensorImpl &s = checked_impl(inputs[0], name);
  bool concrete = true;
  for (const Tensor &t : inputs) {
    const TensorImpl &i = checked_impl(t, name);
    if (i.dtype != s.dtype)
      detail::throw_dtype_mismatch(name, s.dtype, i.dtype);
    if (i.rank != 0)
      throw InvalidArgumentError(
          "range: start, limit and delta must be scalars, got shape " + str(i));
    concrete = concrete && !i.symbolic;
  }
  if (!is_numeric(s.dtype))
    throw InvalidArgumentError("range: unsupported dtype bool");
  std::int64_t n =
      concrete ? detail::range_length(inputs[0], inputs[1], inputs[2]) : -1;
  return TensorSpec{s.dtype, Dims{n}};
}

TensorSpec infer_fill(Span<const Tensor> inputs, const OpAttrs &attrs) {
  const char *name = "fill";
  expect_sizes(inputs, attrs.shape, name);
  const TensorImpl &v = checked_impl(inputs[0], name);
  if (v.rank != 0)
    throw InvalidArgumentError("fill: the value must be a scalar, got shape " +
                               str(v));
  // Without run-time sizes (eagerly) every extent must be valid.
  bool all_known = true;
  for (std::int64_t d : attrs.shape)
    all_known = all_known && d != kUnknownDim;
  if (all_known || inputs.size() == 1)
    checked_num_elements(attrs.shape, name);
  return TensorSpec{v.dtype, attrs.shape};
}

} // namespace

TensorSpec infer_op(OpKind kind, Span<const Tensor> inputs,
                    const OpAttrs &attrs) {
  switch (kind) {
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  case OpKind::Kind:                                                           \
    return infer_unary(kind, inputs, attrs);
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  case OpKind::Kind:                                                           \
    return infer_binary(kind, inputs, attrs);
#define AG_OP(Kind, name, Gradient)                                            \
  case OpKind::Kind:                                                           \
    return infer_##name(inputs, attrs);
#include "autograph/Ops.def"
  }
  throw InvalidArgumentError("infer_op: unknown op kind");
}

} // namespace ag
