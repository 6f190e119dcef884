//===- Gradients.cpp - <name>_gradient for every differentiable op --------===//
//
// One function per Differentiable entry of the op registry (Ops.def), each
// written in ag ops (so that it is traced inside compiled functions, and
// recorded by an enclosing tape for higher-order gradients). Elementwise
// ops see operands of one shape: broadcasting is an explicit broadcast_to,
// whose gradient sums the adjoint back to the operand's shape. The formulas
// are TensorFlow's (tensorflow/python/ops/math_grad.py, array_grad.py).
//
//===----------------------------------------------------------------------===//
#include "Gradients.h"

#include "RowOps.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <numeric>
#include <string>

namespace ag::detail {
namespace {

using Grads = std::vector<Tensor>;
using In = Span<const Tensor>;

Tensor zerosLike(const Tensor &t) { return zeros_like(t); }

/// `g` where `mask`, else 0.
Tensor maskedBy(const Tensor &mask, const Tensor &g) {
  return where(mask, g, zerosLike(g));
}

/// The axes 0..rank-1 with the last two swapped.
std::vector<std::int64_t> swapLastTwo(std::int64_t rank) {
  std::vector<std::int64_t> perm(static_cast<std::size_t>(rank));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  return perm;
}

/// `g` (of a broadcast result) summed back to `shape`: over the leading
/// axes it lacks and the axes where it has extent 1.
Tensor sumToShape(const Tensor &g, const Shape &shape) {
  Shape gs = g.shape();
  std::size_t lead = gs.size() - shape.size();
  Tensor summed = g;
  if (lead > 0) {
    std::vector<std::int64_t> axes(lead);
    std::iota(axes.begin(), axes.end(), 0);
    summed = reduce_sum(summed, Axes(axes), /*keepdims=*/false);
  }
  std::vector<std::int64_t> ones;
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (shape[d] == 1 && gs[lead + d] != 1)
      ones.push_back(static_cast<std::int64_t>(d));
  if (!ones.empty())
    summed = reduce_sum(summed, Axes(ones), /*keepdims=*/true);
  return summed;
}

/// The shape of a reduction's result with keepdims.
Shape keptShape(const Tensor &x, const OpAttrs &attrs) {
  Shape shape = x.shape();
  for (std::int64_t a : attrs.axes)
    shape[static_cast<std::size_t>(a)] = 1;
  return shape;
}

Tensor rows(const Tensor &t) { return dim(t, 0); }

} // namespace

// --- elementwise, one operand ---------------------------------------------------

Grads neg_gradient(In, const OpAttrs &, const Tensor &, const Tensor &g) { return {-g}; }
Grads abs_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {g * sign(in[0])};
}
Grads square_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {g * in[0] * 2.f};
}
Grads relu_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {maskedBy(in[0] > 0.f, g)};
}
Grads sign_gradient(In, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {zerosLike(g)};
}
Grads exp_gradient(In, const OpAttrs &, const Tensor &out, const Tensor &g) {
  return {g * out};
}
Grads log_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {g / in[0]};
}
Grads sqrt_gradient(In, const OpAttrs &, const Tensor &out, const Tensor &g) {
  return {g * 0.5f / out};
}
Grads tanh_gradient(In, const OpAttrs &, const Tensor &out, const Tensor &g) {
  return {g * (1.f - out * out)};
}
Grads sigmoid_gradient(In, const OpAttrs &, const Tensor &out, const Tensor &g) {
  return {g * out * (1.f - out)};
}

// --- elementwise, two operands ----------------------------------------------------

Grads add_gradient(In, const OpAttrs &, const Tensor &, const Tensor &g) { return {g, g}; }
Grads sub_gradient(In, const OpAttrs &, const Tensor &, const Tensor &g) { return {g, -g}; }
Grads mul_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {g * in[1], g * in[0]};
}
Grads div_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {g / in[1], -g * in[0] / (in[1] * in[1])};
}
Grads rem_gradient(In in, const OpAttrs &, const Tensor &out, const Tensor &g) {
  // a - rem(a, b) = trunc(a / b) * b.
  return {g, -g * (in[0] - out) / in[1]};
}
Grads pow_gradient(In in, const OpAttrs &, const Tensor &out, const Tensor &g) {
  const Tensor &a = in[0], &b = in[1];
  // d/db: log(a) * a^b where a > 0, else 0 (TF's choice).
  Tensor positive = a > 0.f;
  Tensor logA = log(where(positive, a, ones_like(a)));
  return {g * b * pow(a, b - 1.f), maskedBy(positive, g * logA * out)};
}
Grads maximum_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  Tensor first = in[0] >= in[1];
  return {maskedBy(first, g), maskedBy(logical_not(first), g)};
}
Grads minimum_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  Tensor first = in[0] <= in[1];
  return {maskedBy(first, g), maskedBy(logical_not(first), g)};
}

// --- other ops ---------------------------------------------------------------------

Grads cast_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  if (!is_floating(in[0].dtype()))
    return {Tensor()};
  return {cast(g, in[0].dtype())};
}

Grads select_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {Tensor(), maskedBy(in[0], g), maskedBy(logical_not(in[0]), g)};
}

Grads matmul_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  const Tensor &a = in[0], &b = in[1];
  std::int64_t ra = a.rank(), rb = b.rank();
  Tensor da = matmul(g, transpose(b, swapLastTwo(rb)));
  Tensor db = matmul(transpose(a, swapLastTwo(ra)), g);
  // A rank-2 operand shared by a batch gets the sum over the batch.
  return {sumToShape(da, a.shape()), sumToShape(db, b.shape())};
}

Grads transpose_gradient(In in, const OpAttrs &attrs, const Tensor &, const Tensor &g) {
  std::vector<std::int64_t> inverse(attrs.perm.size());
  for (std::size_t i = 0; i < attrs.perm.size(); ++i)
    inverse[static_cast<std::size_t>(attrs.perm[i])] = static_cast<std::int64_t>(i);
  (void)in;
  return {transpose(g, inverse)};
}

Grads reshape_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {reshape(g, in[0].shape())};
}

Grads broadcast_to_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  Grads grads(in.size());
  const Tensor &x = in[0];
  grads[0] = sumToShape(g, x.shape());
  // An extent known only at run time that was 1 and got broadcast would
  // need a sum that the trace cannot know to emit: a run-time error, never
  // an adjoint of the wrong shape.
  if (Tracer *tracer = current_tracer()) {
    Shape shape = x.shape();
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (shape[d] < 0)
        tracer->emit_check(
            equal(dim(x, static_cast<std::int64_t>(d)), dim(grads[0], static_cast<std::int64_t>(d))),
            "gradient of broadcast_to: an extent known only at run time (axis " +
                std::to_string(d) + " of shape " + format_shape(shape) +
                ") was broadcast from 1; this gradient is not supported yet "
                "(docs/gradients.md)");
  }
  return grads;
}

Grads reduce_gradient(In in, const OpAttrs &attrs, const Tensor &out, const Tensor &g) {
  const Tensor &x = in[0];
  Shape kept = keptShape(x, attrs);
  Tensor gKept = attrs.keepdims ? g : reshape(g, kept);
  Tensor spread = gKept * ones_like(x); // the adjoint at every input element
  Axes axes(attrs.axes);
  switch (attrs.reduction) {
  case Reduction::Sum:
    return {spread};
  case Reduction::Mean:
    return {spread / reduce_sum(ones_like(x), axes, /*keepdims=*/true)};
  case Reduction::Max:
  case Reduction::Min: {
    // Shared equally by the elements equal to the result (TF's choice).
    Tensor outKept = attrs.keepdims ? out : reshape(out, kept);
    Tensor hits = cast(equal(x, outKept * ones_like(x)), x.dtype());
    return {spread * hits / reduce_sum(hits, axes, /*keepdims=*/true)};
  }
  }
  return {Tensor()};
}

Grads concat_gradient(In in, const OpAttrs &attrs, const Tensor &, const Tensor &g) {
  // Each input's rows of the adjoint, along the axis (moved to the front).
  std::int64_t axis = attrs.axis, rank = g.rank();
  std::vector<std::int64_t> perm(static_cast<std::size_t>(rank));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[0], perm[static_cast<std::size_t>(axis)]);
  Tensor front = axis == 0 ? g : transpose(g, perm);
  Grads grads;
  Tensor start = constant(std::int64_t{0});
  for (const Tensor &input : in) {
    Tensor limit = start + dim(input, axis);
    Tensor part = slice_rows(front, start, limit);
    grads.push_back(axis == 0 ? part : transpose(part, perm));
    start = limit;
  }
  return grads;
}

Grads index_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  return {update_row(zerosLike(in[0]), in[1], g), Tensor()};
}

Grads fill_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  Grads grads(in.size());
  grads[0] = reduce_sum(g);
  return grads;
}

Grads gather_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  // Rows of the adjoint added into the gathered rows: one_hot(indices)^T g.
  const Tensor &x = in[0], &indices = in[1];
  Shape shape = x.shape();
  std::int64_t width = 1;
  for (std::size_t d = 1; d < shape.size(); ++d)
    width = shape[d] < 0 || width < 0 ? -1 : width * shape[d];
  if (shape[0] < 0 || width < 0)
    throw InvalidArgumentError(
        "gather: its gradient needs the gathered tensor's extents other than "
        "the first indices' to be known while tracing, got shape " +
        format_shape(shape));
  Tensor picks = one_hot(reshape(indices, {-1}), shape[0], x.dtype());
  Tensor flat = reshape(g, {-1, width});
  return {reshape(matmul(transpose(picks), flat), shape), Tensor()};
}

Grads slice_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  const Tensor &x = in[0], &start = in[1], &limit = in[2];
  Tensor zero = zerosLike(start);
  Tensor before = zerosLike(slice_rows(x, zero, start));
  Tensor after = zerosLike(slice_rows(x, limit, cast(rows(x), limit.dtype())));
  return {concat({before, g, after}, 0), Tensor(), Tensor()};
}

Grads update_row_gradient(In in, const OpAttrs &, const Tensor &, const Tensor &g) {
  const Tensor &index = in[1], &row = in[2];
  return {update_row(g, index, zerosLike(row)), Tensor(), g[index]};
}

namespace {
[[noreturn]] Grads noGradient(OpKind kind) {
  throw InvalidArgumentError(std::string("GradientTape.gradient: no gradient is defined for op '") +
                             op_name(kind) + "', which is on the path from the target to a source");
}
} // namespace

std::vector<Tensor> op_gradient(OpKind kind, Span<const Tensor> inputs, const OpAttrs &attrs,
                                const Tensor &output, const Tensor &adjoint) {
  switch (kind) {
#define Differentiable(name) name##_gradient(inputs, attrs, output, adjoint)
#define NotDifferentiable(name) noGradient(kind)
#define AG_OP(Kind, name, Gradient)                                            \
  case OpKind::Kind:                                                           \
    return Gradient(name);
#include "autograph/Ops.def"
#undef Differentiable
#undef NotDifferentiable
  }
  return noGradient(kind);
}

} // namespace ag::detail
