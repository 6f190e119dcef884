//===- Creation.cpp - constant, zeros, ones, fill, range -------------------===//
#include "autograph/Creation.h"
#include "autograph/Op.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include "TensorImpl.h"

#include <cstring>

namespace ag {

namespace detail {
Tensor make_constant(DType dtype, const Shape &shape, const void *values,
                     std::int64_t count, const char *op) {
  std::int64_t n = checked_num_elements(shape, op);
  if (n != count)
    throw InvalidArgumentError(std::string(op) + ": " + std::to_string(count) +
                               " value(s) do not fill shape " +
                               format_shape(shape) + " (" + std::to_string(n) +
                               " elements)");
  Tensor t = make_uninitialized(dtype, shape, op);
  if (n)
    std::memcpy(t.impl()->data, values, t.impl()->nbytes());
  return t;
}
} // namespace detail

Tensor fill(const Shape &shape, const Tensor &value) {
  OpAttrs attrs;
  attrs.shape = shape;
  const Tensor inputs[] = {value};
  return apply_op(OpKind::Fill, inputs, attrs);
}

Tensor zeros(const Shape &shape, DType dtype) {
  return fill(shape, scalar_tensor(Scalar(0), dtype));
}

Tensor ones(const Shape &shape, DType dtype) {
  return fill(shape, scalar_tensor(Scalar(1), dtype));
}

namespace {
/// A tensor of `x`'s dtype and shape filled with `value`; in a trace, its
/// unknown extents are `x`'s run-time ones.
Tensor filled_like(const Tensor &x, Scalar value, const char *name) {
  const detail::TensorImpl &ix = detail::checked_impl(x, name);
  Shape shape = detail::shape_of(ix);
  std::vector<Tensor> inputs{scalar_tensor(value, ix.dtype)};
  if (ix.symbolic)
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (shape[d] == kUnknownDim)
        inputs.push_back(current_tracer()->emit_dim(x, static_cast<std::int64_t>(d)));
  OpAttrs attrs;
  attrs.shape = std::move(shape);
  return apply_op(OpKind::Fill, inputs, attrs);
}
} // namespace

Tensor zeros_like(const Tensor &x) { return filled_like(x, Scalar(0), "zeros_like"); }

Tensor ones_like(const Tensor &x) { return filled_like(x, Scalar(1), "ones_like"); }

Tensor range(const Tensor &start, const Tensor &limit, const Tensor &delta) {
  const Tensor inputs[] = {start, limit, delta};
  return apply_op(OpKind::Range, inputs);
}

RangeBounds range_bounds(const RangeBound &start, const RangeBound &limit,
                         const RangeBound &delta) {
  const RangeBound *bounds[] = {&start, &limit, &delta};
  const Tensor *typed = nullptr;
  for (const RangeBound *b : bounds)
    if (b->is_tensor) {
      typed = &b->tensor;
      break;
    }
  if (!typed)
    throw InvalidArgumentError("range: needs a tensor bound to take the dtype from");
  DType d = detail::checked_impl(*typed, "range").dtype;
  auto as_tensor = [&](const RangeBound &b) {
    return b.is_tensor ? b.tensor : scalar_tensor(b.scalar, d);
  };
  return {as_tensor(start), as_tensor(limit), as_tensor(delta)};
}

RangeBounds range_bounds(const Tensor &limit) {
  DType d = detail::checked_impl(limit, "range").dtype;
  return {scalar_tensor(Scalar(0), d), limit, scalar_tensor(Scalar(1), d)};
}

Tensor range(const RangeBound &start, const RangeBound &limit,
             const RangeBound &delta) {
  RangeBounds b = range_bounds(start, limit, delta);
  return range(b.start, b.limit, b.delta);
}

Tensor range(const Tensor &limit) {
  RangeBounds b = range_bounds(limit);
  return range(b.start, b.limit, b.delta);
}

} // namespace ag
