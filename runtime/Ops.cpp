//===- Ops.cpp - the public ops as compositions over the op layer ----------===//
#include "autograph/Ops.h"
#include "autograph/Creation.h"
#include "autograph/GradientTape.h"
#include "autograph/Tracer.h"

#include "ElementConversion.h"
#include "Kernels.h"
#include "ShapeInference.h"
#include "TensorImpl.h"
#include "RowOps.h"
#include "TracedChecks.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ag {

using detail::checked_impl;
using detail::TensorImpl;

Shape broadcast_shapes(const Shape &a, const Shape &b, const char *op) {
  const std::size_t r = std::max(a.size(), b.size());
  Shape out(r);
  for (std::size_t i = 0; i < r; ++i) {
    std::int64_t x = i < r - a.size() ? 1 : a[i - (r - a.size())];
    std::int64_t y = i < r - b.size() ? 1 : b[i - (r - b.size())];
    if (x == y || y == 1)
      out[i] = x;
    else if (x == 1)
      out[i] = y;
    else if (x < 0)
      out[i] = y;
    else if (y < 0)
      out[i] = x;
    else
      throw InvalidArgumentError(std::string(op) + ": incompatible shapes " +
                                 format_shape(a) + " and " + format_shape(b));
  }
  return out;
}

namespace {

bool has_dims(const TensorImpl &t, const Shape &s) {
  return static_cast<std::size_t>(t.rank) == s.size() &&
         std::equal(s.begin(), s.end(), t.dims);
}

bool same_dims(const TensorImpl &a, const TensorImpl &b) {
  return a.rank == b.rank && std::equal(a.dims, a.dims + a.rank, b.dims);
}

// Broadcasting the operands of a traced op whose shapes have extents known
// only at run time. Eagerly broadcast_shapes raises for incompatible extents;
// in a trace each unknown extent gets its run-time size and a check:
//   - the result's size of a dimension where operands have unknown extents
//     is their maximum (a static size when another operand fixes it);
//   - each unknown extent must be 1 or that size, else compiled code raises
//     the eager error's text ("add: incompatible shapes [?] and [?]").
struct TracedBroadcast {
  Shape shape;              // the result's static shape
  std::vector<Tensor> sizes; // the run-time size of each -1 of `shape`
  // For each operand, whether it must be broadcast: its static shape
  // differs, or an unknown extent of it may differ from the result's.
  std::vector<bool> needed;
};

TracedBroadcast broadcast_traced(const char *name, Span<const Tensor> operands,
                                 const Shape &s, const std::string &message) {
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError(std::string(name) + ": a symbolic operand outside of a trace");
  TracedBroadcast out{s, {}, {}};
  std::vector<const TensorImpl *> impls;
  for (const Tensor &operand : operands) {
    impls.push_back(operand.impl());
    out.needed.push_back(!has_dims(*operand.impl(), s));
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::vector<std::size_t> unknown; // operands with an unknown extent here
    std::vector<Tensor> extents;
    for (std::size_t k = 0; k < impls.size(); ++k) {
      std::size_t rank = static_cast<std::size_t>(impls[k]->rank);
      if (i + rank < s.size())
        continue;
      std::size_t j = i - (s.size() - rank);
      if (impls[k]->dims[j] != kUnknownDim)
        continue;
      unknown.push_back(k);
      extents.push_back(tracer->emit_dim(operands[k], static_cast<std::int64_t>(j)));
    }
    if (unknown.empty())
      continue;
    // One unknown extent under static 1s is the result's size itself.
    if (s[i] == kUnknownDim && unknown.size() == 1) {
      out.sizes.push_back(extents[0]);
      continue;
    }
    Tensor size = s[i] == kUnknownDim ? extents[0] : constant(s[i]);
    for (std::size_t n = 1; s[i] == kUnknownDim && n < extents.size(); ++n)
      size = maximum(size, extents[n]);
    for (std::size_t n = 0; n < extents.size(); ++n) {
      tracer->emit_check(logical_or(extents[n] == size,
                                    extents[n] == constant(std::int64_t{1})),
                         message);
      out.needed[unknown[n]] = true;
    }
    if (s[i] == kUnknownDim)
      out.sizes.push_back(size);
  }
  return out;
}

// broadcast_to of an operand in a trace, with the run-time sizes.
Tensor broadcast_operand(const Tensor &x, const TracedBroadcast &b) {
  OpAttrs attrs;
  attrs.shape = b.shape;
  std::vector<Tensor> inputs{x};
  inputs.insert(inputs.end(), b.sizes.begin(), b.sizes.end());
  return detail::apply_op_traced(OpKind::BroadcastTo, inputs, attrs);
}

std::string incompatible(const char *name, std::initializer_list<Shape> shapes) {
  std::string text = std::string(name) + ": incompatible shapes ";
  std::size_t i = 0;
  for (const Shape &shape : shapes) {
    if (i > 0)
      text += i + 1 == shapes.size() ? " and " : ", ";
    text += format_shape(shape);
    ++i;
  }
  return text;
}

// Whether eager ops may skip the op layer (apply_op): not while an observer
// or a gradient tape must see every op.
bool fastPathAllowed() {
  return !current_op_observer() && !detail::any_tape_recording();
}

// Whether `donor` (an operand the caller no longer needs) may receive a
// result of `dtype` with the extents of `shape_src`: nothing else refers to
// its buffer (one reference, not a view, not a view's base, not an adopted
// external buffer).
bool can_donate(const Tensor *donor, DType dtype, const TensorImpl &shape_src) {
  if (!donor)
    return false;
  const TensorImpl *d = donor->impl();
  return d && d->refs.load(std::memory_order_relaxed) == 1 && !d->symbolic &&
         !d->base && (d->block || d->data == d->inline_data) &&
         d->dtype == dtype && same_dims(*d, shape_src);
}

// The binary ops: dtype check, NumPy broadcasting as explicit broadcast_to,
// then the same-shape op. Eagerly, equal shapes and single-element operands
// go straight to the kernel (same result, no materialised broadcast), writing
// into a donated operand's buffer when there is one.
Tensor binary(OpKind kind, const Tensor &a, const Tensor &b,
              ComparePredicate predicate = ComparePredicate::EQ,
              Tensor *donor_a = nullptr, Tensor *donor_b = nullptr) {
  const TensorImpl *pa = a.impl(), *pb = b.impl();
  const DType out_dtype = kind == OpKind::Compare ? DType::Bool
                          : pa                    ? pa->dtype
                                                  : DType::Float32;
  auto run = [&](const TensorImpl &shape_src, bool shape_of_b) -> Tensor {
    for (Tensor *donor : {donor_a, donor_b}) {
      if (can_donate(donor, out_dtype, shape_src)) {
        detail::binary_into(kind, predicate, *pa, *pb, *donor->impl());
        return std::move(*donor);
      }
    }
    return detail::binary_kernel(kind, predicate, a, b, out_dtype, shape_of_b);
  };
  // Eager fast path: both concrete, same dtype and extents, no observer; the
  // dtype is checked by the op layer's own check (infer_op's).
  if (pa && pb && !pa->symbolic && !pb->symbolic && pa->dtype == pb->dtype &&
      same_dims(*pa, *pb) && fastPathAllowed()) {
    detail::check_elementwise_dtype(kind, pa->dtype, op_name(kind));
    return run(*pa, false);
  }
  OpAttrs attrs;
  attrs.predicate = predicate;
  const char *name = detail::display_name(kind, attrs);
  const TensorImpl &ia = checked_impl(a, name);
  const TensorImpl &ib = checked_impl(b, name);
  if (ia.dtype != ib.dtype)
    detail::throw_dtype_mismatch(name, ia.dtype, ib.dtype);
  const bool eager = !ia.symbolic && !ib.symbolic && fastPathAllowed();
  if (eager && same_dims(ia, ib)) {
    detail::check_elementwise_dtype(kind, ia.dtype, name);
    return run(ia, false);
  }
  Shape s = broadcast_shapes(detail::shape_of(ia), detail::shape_of(ib), name);
  if (eager && ia.numel == 1 && has_dims(ib, s)) {
    detail::check_elementwise_dtype(kind, ia.dtype, name);
    return run(ib, true);
  }
  if (eager && ib.numel == 1 && has_dims(ia, s)) {
    detail::check_elementwise_dtype(kind, ia.dtype, name);
    return run(ia, false);
  }
  if (ia.symbolic || ib.symbolic) {
    const Tensor operands[] = {a, b};
    TracedBroadcast cast = broadcast_traced(
        name, operands, s,
        incompatible(name, {detail::shape_of(ia), detail::shape_of(ib)}));
    const Tensor inputs[] = {cast.needed[0] ? broadcast_operand(a, cast) : a,
                             cast.needed[1] ? broadcast_operand(b, cast) : b};
    detail::trace_checks(kind, inputs[0], inputs[1]);
    return apply_op(kind, inputs, attrs);
  }
  const Tensor inputs[] = {has_dims(ia, s) ? a : broadcast_to(a, s),
                           has_dims(ib, s) ? b : broadcast_to(b, s)};
  return apply_op(kind, inputs, attrs);
}

Tensor unary(OpKind kind, const Tensor &x, Tensor *donor = nullptr) {
  const TensorImpl *ix = x.impl();
  // Eager fast path (the same checks as infer_op, without building a spec).
  if (ix && !ix->symbolic && fastPathAllowed()) {
    detail::check_elementwise_dtype(kind, ix->dtype, op_name(kind));
    if (can_donate(donor, ix->dtype, *ix)) {
      detail::unary_into(kind, *ix, *donor->impl());
      return std::move(*donor);
    }
    return detail::unary_kernel(kind, x);
  }
  return apply_op(kind, Span<const Tensor>(&x, 1));
}

std::int64_t normalize_axis(std::int64_t axis, std::int64_t rank,
                            const char *name, const TensorImpl &t) {
  std::int64_t a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank)
    throw InvalidArgumentError(std::string(name) + ": axis " +
                               std::to_string(axis) +
                               " is out of range for shape " +
                               detail::shape_string(t));
  return a;
}

Tensor reduce(Reduction r, const Tensor &x, const Axes &axis, bool keepdims) {
  OpAttrs attrs;
  attrs.reduction = r;
  attrs.keepdims = keepdims;
  const char *name = detail::display_name(OpKind::Reduce, attrs);
  const TensorImpl &ix = checked_impl(x, name);
  if (axis.is_all()) {
    for (std::int64_t i = 0; i < ix.rank; ++i)
      attrs.axes.push_back(i);
  } else {
    for (std::int64_t a : axis.list()) {
      std::int64_t n = a < 0 ? a + ix.rank : a;
      if (n < 0 || n >= ix.rank)
        throw InvalidArgumentError(std::string(name) + ": axis " +
                                   std::to_string(a) +
                                   " is out of range for shape " +
                                   detail::shape_string(ix));
      if (std::find(attrs.axes.begin(), attrs.axes.end(), n) != attrs.axes.end())
        throw InvalidArgumentError(std::string(name) + ": axis " +
                                   std::to_string(a) + " is repeated");
      attrs.axes.push_back(n);
    }
    std::sort(attrs.axes.begin(), attrs.axes.end());
  }
  return apply_op(OpKind::Reduce, Span<const Tensor>(&x, 1), attrs);
}

} // namespace

Tensor scalar_tensor(const Scalar &value, DType dtype) {
  Tensor t(detail::new_impl());
  TensorImpl &impl = *t.impl();
  impl.dtype = dtype;
  impl.numel = 1;
  impl.rank = 0;
  impl.dims = impl.inline_dims;
  impl.data = impl.inline_data;
  detail::visit_dtype(dtype, [&](auto z) {
    using T = decltype(z);
    T v;
    switch (value.kind) {
    case Scalar::Kind::Floating: v = detail::convert_value<T>(value.f); break;
    case Scalar::Kind::Integer: v = detail::convert_value<T>(value.i); break;
    default: v = detail::convert_value<T>(value.i != 0); break;
    }
    *static_cast<T *>(impl.data) = v;
  });
  return t;
}

Tensor scalar_like(const Tensor &like, const Scalar &value, const char *op) {
  return scalar_tensor(value, checked_impl(like, op).dtype);
}

#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  Tensor name(const Tensor &x) { return unary(OpKind::Kind, x); }              \
  Tensor name(Tensor &&x) { return unary(OpKind::Kind, x, &x); }
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  Tensor name(const Tensor &a, const Tensor &b) {                              \
    return binary(OpKind::Kind, a, b);                                         \
  }
#include "autograph/Ops.def"

Tensor compare(const Tensor &a, const Tensor &b, ComparePredicate p) {
  return binary(OpKind::Compare, a, b, p);
}
Tensor equal(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::EQ);
}
Tensor not_equal(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::NE);
}
Tensor less(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::LT);
}
Tensor less_equal(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::LE);
}
Tensor greater(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::GT);
}
Tensor greater_equal(const Tensor &a, const Tensor &b) {
  return compare(a, b, ComparePredicate::GE);
}

Tensor cast(const Tensor &x, DType dtype) {
  if (checked_impl(x, "cast").dtype == dtype)
    return x;
  OpAttrs attrs;
  attrs.dtype = dtype;
  return apply_op(OpKind::Cast, Span<const Tensor>(&x, 1), attrs);
}

Tensor where(const Tensor &condition, const Tensor &a, const Tensor &b) {
  const char *name = "where";
  const TensorImpl &ic = checked_impl(condition, name);
  const TensorImpl &ia = checked_impl(a, name);
  const TensorImpl &ib = checked_impl(b, name);
  if (ic.dtype != DType::Bool)
    throw InvalidArgumentError(std::string(name) +
                               ": condition must be bool, got " +
                               dtype_name(ic.dtype));
  if (ia.dtype != ib.dtype)
    detail::throw_dtype_mismatch(name, ia.dtype, ib.dtype);
  Shape s = broadcast_shapes(detail::shape_of(ia), detail::shape_of(ib), name);
  s = broadcast_shapes(detail::shape_of(ic), s, name);
  if (ic.symbolic || ia.symbolic || ib.symbolic) {
    const Tensor operands[] = {condition, a, b};
    TracedBroadcast cast = broadcast_traced(
        name, operands, s,
        incompatible(name, {detail::shape_of(ic), detail::shape_of(ia),
                            detail::shape_of(ib)}));
    const Tensor inputs[] = {
        cast.needed[0] ? broadcast_operand(condition, cast) : condition,
        cast.needed[1] ? broadcast_operand(a, cast) : a,
        cast.needed[2] ? broadcast_operand(b, cast) : b};
    return apply_op(OpKind::Select, inputs);
  }
  const Tensor inputs[] = {has_dims(ic, s) ? condition : broadcast_to(condition, s),
                           has_dims(ia, s) ? a : broadcast_to(a, s),
                           has_dims(ib, s) ? b : broadcast_to(b, s)};
  return apply_op(OpKind::Select, inputs);
}

Tensor matmul(const Tensor &a, const Tensor &b) {
  const Tensor inputs[] = {a, b};
  return apply_op(OpKind::Matmul, inputs);
}

Tensor transpose(const Tensor &x, std::vector<std::int64_t> perm) {
  const TensorImpl &ix = checked_impl(x, "transpose");
  if (perm.empty() && ix.rank > 0)
    for (std::int64_t i = ix.rank; i-- > 0;)
      perm.push_back(i);
  for (std::int64_t &p : perm)
    if (p < 0)
      p += ix.rank;
  OpAttrs attrs;
  attrs.perm = std::move(perm);
  return apply_op(OpKind::Transpose, Span<const Tensor>(&x, 1), attrs);
}

Tensor reshape(const Tensor &x, const Shape &shape) {
  OpAttrs attrs;
  attrs.shape = shape;
  return apply_op(OpKind::Reshape, Span<const Tensor>(&x, 1), attrs);
}

Tensor broadcast_to(const Tensor &x, const Shape &shape) {
  OpAttrs attrs;
  attrs.shape = shape;
  return apply_op(OpKind::BroadcastTo, Span<const Tensor>(&x, 1), attrs);
}

Tensor expand_dims(const Tensor &x, std::int64_t axis) {
  const TensorImpl &ix = checked_impl(x, "expand_dims");
  std::int64_t a = axis < 0 ? axis + ix.rank + 1 : axis;
  if (a < 0 || a > ix.rank)
    throw InvalidArgumentError("expand_dims: axis " + std::to_string(axis) +
                               " is out of range for shape " +
                               detail::shape_string(ix));
  Shape s = detail::shape_of(ix);
  s.insert(s.begin() + a, 1);
  return reshape(x, s);
}

Tensor dim(const Tensor &x, std::int64_t axis) {
  const TensorImpl &ix = checked_impl(x, "dim");
  std::int64_t a = axis < 0 ? axis + ix.rank : axis;
  if (a < 0 || a >= ix.rank)
    throw InvalidArgumentError("dim: axis " + std::to_string(axis) +
                               " is out of range for shape " + detail::shape_string(ix));
  std::int64_t extent = ix.dims[a];
  if (extent >= 0)
    return constant(extent);
  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError("dim: a symbolic tensor was used outside of the trace that created it");
  return tracer->emit_dim(x, a);
}

Tensor shape(const Tensor &x) {
  const TensorImpl &ix = checked_impl(x, "shape");
  if (ix.rank == 0)
    return zeros({0}, DType::Int64);
  std::vector<Tensor> extents;
  for (std::int32_t a = 0; a < ix.rank; ++a)
    extents.push_back(dim(x, a));
  return stack(extents);
}

Tensor concat(const std::vector<Tensor> &tensors, std::int64_t axis) {
  if (tensors.empty())
    throw InvalidArgumentError("concat: needs at least one tensor");
  const TensorImpl &first = checked_impl(tensors[0], "concat");
  OpAttrs attrs;
  attrs.axis = first.rank > 0 ? normalize_axis(axis, first.rank, "concat", first)
                              : axis;
  return apply_op(OpKind::Concat, tensors, attrs);
}

Tensor stack(const std::vector<Tensor> &tensors, std::int64_t axis) {
  if (tensors.empty())
    throw InvalidArgumentError("stack: needs at least one tensor");
  const TensorImpl &first = checked_impl(tensors[0], "stack");
  std::int64_t a = normalize_axis(axis, first.rank + 1, "stack", first);
  std::vector<Tensor> expanded;
  expanded.reserve(tensors.size());
  for (const Tensor &t : tensors) {
    const TensorImpl &it = checked_impl(t, "stack");
    if (!same_dims(it, first))
      throw InvalidArgumentError("stack: incompatible shapes " +
                                 detail::shape_string(first) + " and " +
                                 detail::shape_string(it));
    expanded.push_back(expand_dims(t, a));
  }
  return concat(expanded, a);
}

Tensor reduce_sum(const Tensor &x, const Axes &axis, bool keepdims) {
  return reduce(Reduction::Sum, x, axis, keepdims);
}
Tensor reduce_mean(const Tensor &x, const Axes &axis, bool keepdims) {
  return reduce(Reduction::Mean, x, axis, keepdims);
}
Tensor reduce_max(const Tensor &x, const Axes &axis, bool keepdims) {
  return reduce(Reduction::Max, x, axis, keepdims);
}
Tensor reduce_min(const Tensor &x, const Axes &axis, bool keepdims) {
  return reduce(Reduction::Min, x, axis, keepdims);
}

Tensor argmax(const Tensor &x, std::int64_t axis) {
  const TensorImpl &ix = checked_impl(x, "argmax");
  OpAttrs attrs;
  attrs.axis = ix.rank > 0 ? normalize_axis(axis, ix.rank, "argmax", ix) : axis;
  return apply_op(OpKind::ArgMax, Span<const Tensor>(&x, 1), attrs);
}

Tensor softmax(const Tensor &x, std::int64_t axis) {
  const TensorImpl &ix = checked_impl(x, "softmax");
  if (!is_floating(ix.dtype))
    throw InvalidArgumentError(std::string("softmax: unsupported dtype ") +
                               dtype_name(ix.dtype) +
                               " (needs float32 or float64; use ag::cast)");
  std::int64_t a = normalize_axis(axis, ix.rank, "softmax", ix);
  Tensor e = exp(x - reduce_max(x, a, true));
  return e / reduce_sum(e, a, true);
}

Tensor gather(const Tensor &x, const Tensor &indices) {
  const Tensor inputs[] = {x, indices};
  if (x.is_symbolic() || indices.is_symbolic()) {
    infer_op(OpKind::Gather, inputs, {}); // its errors before the checks'
    detail::trace_gather_indices(x, indices);
  }
  return apply_op(OpKind::Gather, inputs);
}

namespace detail {
Tensor slice_rows(const Tensor &x, const Tensor &start, const Tensor &limit) {
  const Tensor inputs[] = {x, start, limit};
  if (x.is_symbolic() || start.is_symbolic() || limit.is_symbolic()) {
    infer_op(OpKind::Slice, inputs, {});
    trace_slice_bounds(x, start, limit);
  }
  return apply_op(OpKind::Slice, inputs);
}

Tensor update_row(const Tensor &x, const Tensor &index, const Tensor &row) {
  const Tensor checked[] = {x, index, row};
  if (!x.is_symbolic() && !index.is_symbolic() && !row.is_symbolic())
    return apply_op(OpKind::UpdateRow, checked);
  infer_op(OpKind::UpdateRow, checked, {});
  trace_row_shape(x, row);
  const Tensor inputs[] = {x, trace_row_index(x, index, "update_row"), row};
  return apply_op(OpKind::UpdateRow, inputs);
}
} // namespace detail

Tensor one_hot(const Tensor &indices, std::int64_t depth, DType dtype) {
  OpAttrs attrs;
  attrs.depth = depth;
  attrs.dtype = dtype;
  return apply_op(OpKind::OneHot, Span<const Tensor>(&indices, 1), attrs);
}

// --- operators ----------------------------------------------------------------

Tensor operator+(const Tensor &a, const Tensor &b) { return add(a, b); }
Tensor operator-(const Tensor &a, const Tensor &b) { return sub(a, b); }
Tensor operator*(const Tensor &a, const Tensor &b) { return mul(a, b); }
Tensor operator/(const Tensor &a, const Tensor &b) { return div(a, b); }
Tensor operator%(const Tensor &a, const Tensor &b) { return rem(a, b); }
Tensor operator-(const Tensor &x) { return neg(x); }
Tensor operator<(const Tensor &a, const Tensor &b) { return less(a, b); }
Tensor operator<=(const Tensor &a, const Tensor &b) { return less_equal(a, b); }
Tensor operator>(const Tensor &a, const Tensor &b) { return greater(a, b); }
Tensor operator>=(const Tensor &a, const Tensor &b) {
  return greater_equal(a, b);
}
Tensor operator==(const Tensor &a, const Tensor &b) { return equal(a, b); }
Tensor operator!=(const Tensor &a, const Tensor &b) { return not_equal(a, b); }
Tensor operator&(const Tensor &a, const Tensor &b) { return logical_and(a, b); }
Tensor operator|(const Tensor &a, const Tensor &b) { return logical_or(a, b); }
Tensor operator~(const Tensor &x) { return logical_not(x); }

#define AG_RVALUE_BINARY_(OP, KIND)                                           \
  Tensor OP(Tensor &&a, const Tensor &b) {                                     \
    return binary(OpKind::KIND, a, b, ComparePredicate::EQ, &a);               \
  }                                                                            \
  Tensor OP(const Tensor &a, Tensor &&b) {                                     \
    return binary(OpKind::KIND, a, b, ComparePredicate::EQ, nullptr, &b);      \
  }                                                                            \
  Tensor OP(Tensor &&a, Tensor &&b) {                                          \
    return binary(OpKind::KIND, a, b, ComparePredicate::EQ, &a, &b);           \
  }
AG_RVALUE_BINARY_(operator+, Add)
AG_RVALUE_BINARY_(operator-, Sub)
AG_RVALUE_BINARY_(operator*, Mul)
AG_RVALUE_BINARY_(operator/, Div)
#undef AG_RVALUE_BINARY_
Tensor operator-(Tensor &&x) { return neg(std::move(x)); }

// The old value of `a` is replaced, so its buffer may take the result.
Tensor &operator+=(Tensor &a, const Tensor &b) {
  return a = binary(OpKind::Add, a, b, ComparePredicate::EQ, &a);
}
Tensor &operator-=(Tensor &a, const Tensor &b) {
  return a = binary(OpKind::Sub, a, b, ComparePredicate::EQ, &a);
}
Tensor &operator*=(Tensor &a, const Tensor &b) {
  return a = binary(OpKind::Mul, a, b, ComparePredicate::EQ, &a);
}
Tensor &operator/=(Tensor &a, const Tensor &b) {
  return a = binary(OpKind::Div, a, b, ComparePredicate::EQ, &a);
}
Tensor &operator%=(Tensor &a, const Tensor &b) {
  return a = binary(OpKind::Rem, a, b, ComparePredicate::EQ, &a);
}
Tensor &operator&=(Tensor &a, const Tensor &b) { return a = logical_and(a, b); }
Tensor &operator|=(Tensor &a, const Tensor &b) { return a = logical_or(a, b); }

// --- indexing ---------------------------------------------------------------------

Tensor Tensor::operator[](std::int64_t index) const {
  checked_impl(*this, "index");
  return (*this)[scalar_tensor(Scalar(index), DType::Int64)];
}

Tensor Tensor::operator[](const Tensor &index) const {
  const Tensor inputs[] = {*this, index};
  if (!is_symbolic() && !index.is_symbolic())
    return apply_op(OpKind::Index, inputs);
  infer_op(OpKind::Index, inputs, {});
  // Compiled code counts a negative index from the end and checks it, as
  // infer_op does eagerly.
  const Tensor traced[] = {*this, detail::trace_row_index(*this, index, "index")};
  return apply_op(OpKind::Index, traced);
}

} // namespace ag
