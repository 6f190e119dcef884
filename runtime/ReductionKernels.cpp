//===- ReductionKernels.cpp - reduce (sum/mean/max/min) and argmax ---------===//
//
// Reduced axes that are adjacent merge into one; each maximal run of reduced
// axes is then an [outer, R, inner] problem: for inner == 1 a contiguous Eigen
// reduction per row, else accumulation of rows of `inner` elements with
// vectorised Eigen array ops. Max and min propagate NaN; integer sums wrap.
//
//===----------------------------------------------------------------------===//
#include "ElementConversion.h"
#include "Kernels.h"
#include "Parallel.h"
#include "TensorImpl.h"

#include <Eigen/Core>

#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>
#include <vector>

namespace ag::detail {
namespace {

template <class T> using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
template <class T> using In = Eigen::Map<const Vec<T>>;
template <class T> using Out = Eigen::Map<Vec<T>>;

struct Segment {
  std::int64_t extent;
  bool reduced;
};

template <class T> T combine(Reduction r, T a, T b) {
  if (r == Reduction::Sum || r == Reduction::Mean)
    return a + b;
  if (r == Reduction::Max)
    return Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>()(a, b);
  return Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>()(a, b);
}

// Reduces the middle axis of [outer, R, inner] for the outer rows
// [o0, o1) and the inner columns [i0, i1); T is the accumulation type
// (unsigned for integer sums so that they wrap).
template <class T>
void reduce_block(Reduction r, const T *in, T *out, std::int64_t o0, std::int64_t o1,
                  std::int64_t R, std::int64_t inner, std::int64_t i0, std::int64_t i1) {
  const bool is_sum = r == Reduction::Sum || r == Reduction::Mean;
  const std::int64_t width = i1 - i0;
  for (std::int64_t o = o0; o < o1; ++o) {
    const T *base = in + o * R * inner + i0;
    T *dst = out + o * inner + i0;
    if (inner == 1) {
      if (R == 0) {
        *dst = T(0);
        continue;
      }
      In<T> row(base, R);
      if (is_sum)
        *dst = row.sum();
      else if (r == Reduction::Max)
        *dst = row.template maxCoeff<Eigen::PropagateNaN>();
      else
        *dst = row.template minCoeff<Eigen::PropagateNaN>();
      continue;
    }
    Out<T> acc(dst, width);
    if (R == 0) {
      acc.setZero();
      continue;
    }
    acc = In<T>(base, width);
    for (std::int64_t k = 1; k < R; ++k) {
      In<T> row(base + k * inner, width);
      if (is_sum)
        acc += row;
      else if (r == Reduction::Max)
        acc = acc.binaryExpr(row, Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>());
      else
        acc = acc.binaryExpr(row, Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>());
    }
  }
}

// Reduces the middle axis of [outer, R, inner], on several threads when it
// is large: the outer rows split between them, else the inner columns (each
// result element computed as with one thread), else one long row in
// per-thread parts whose partial results are then combined in order (a
// float sum may then differ from one thread's in the last bits).
template <class T>
void reduce_middle(Reduction r, const T *in, T *out, std::int64_t outer,
                   std::int64_t R, std::int64_t inner) {
  const std::int64_t total = outer * R * inner;
  if (chunk_count(total) <= 1) {
    reduce_block(r, in, out, 0, outer, R, inner, 0, inner);
    return;
  }
  if (outer > 1) {
    parallel_for(outer, R * inner, [&](std::int64_t b, std::int64_t e) {
      reduce_block(r, in, out, b, e, R, inner, 0, inner);
    }, /*align=*/1);
    return;
  }
  if (inner > 1) {
    parallel_for(inner, R, [&](std::int64_t b, std::int64_t e) {
      reduce_block(r, in, out, 0, 1, R, inner, b, e);
    });
    return;
  }
  // One long row: a partial result per chunk.
  T partials[64];
  int chunks = std::min(chunk_count(R), 64);
  parallel_for(static_cast<std::int64_t>(chunks), R / chunks, [&](std::int64_t b, std::int64_t e) {
    for (std::int64_t k = b; k < e; ++k) {
      std::int64_t begin = chunk_begin(R, chunks, static_cast<int>(k)),
                   end = chunk_begin(R, chunks, static_cast<int>(k) + 1);
      reduce_block(r, in + begin, &partials[k], 0, 1, end - begin, 1, 0, 1);
    }
  }, /*align=*/1);
  T result = partials[0];
  for (int k = 1; k < chunks; ++k)
    result = combine(r, result, partials[k]);
  *out = result;
}

// W is the element type the reduction runs in: the unsigned type for integer
// sums (wrapping), T itself for max/min (signed order) and floating types.
template <class T, class W>
void reduce_as(const TensorImpl &x, const OpAttrs &attrs, TensorImpl &out) {
  const Reduction r = attrs.reduction;
  // Segments with extent-1 axes dropped and neighbours of equal kind merged.
  std::vector<Segment> segs;
  std::int64_t count = 1; // elements per reduced group (for the mean)
  {
    std::vector<bool> red(static_cast<std::size_t>(x.rank), false);
    for (std::int64_t a : attrs.axes)
      red[a] = true;
    for (int i = 0; i < x.rank; ++i) {
      if (red[i])
        count *= x.dims[i];
      if (x.dims[i] == 1)
        continue;
      if (!segs.empty() && segs.back().reduced == red[i])
        segs.back().extent *= x.dims[i];
      else
        segs.push_back({x.dims[i], red[i]});
    }
  }
  const std::int64_t n_out = out.numel;
  W *dst = static_cast<W *>(out.data);
  // Work buffers for intermediate steps when several runs are reduced.
  std::unique_ptr<W[]> tmp_a, tmp_b;
  const W *src = static_cast<const W *>(x.data);
  bool any = false;
  for (const Segment &s : segs)
    any = any || s.reduced;
  if (!any) {
    std::memcpy(dst, src, static_cast<std::size_t>(n_out) * sizeof(W));
  }
  while (any) {
    // Reduce the last reduced segment.
    std::size_t j = segs.size();
    while (!segs[--j].reduced) {
    }
    std::int64_t outer = 1, inner = 1;
    for (std::size_t i = 0; i < j; ++i)
      outer *= segs[i].extent;
    for (std::size_t i = j + 1; i < segs.size(); ++i)
      inner *= segs[i].extent;
    bool last = true;
    for (std::size_t i = 0; i < j; ++i)
      last = last && !segs[i].reduced;
    W *target;
    if (last) {
      target = dst;
    } else {
      auto &buf = (src == tmp_a.get()) ? tmp_b : tmp_a;
      buf.reset(new W[static_cast<std::size_t>(std::max<std::int64_t>(outer * inner, 1))]);
      target = buf.get();
    }
    reduce_middle<W>(r, src, target, outer, segs[j].extent, inner);
    src = target;
    // Remove segment j, merging its neighbours when they are both kept.
    segs.erase(segs.begin() + static_cast<std::ptrdiff_t>(j));
    if (j > 0 && j < segs.size() && segs[j - 1].reduced == segs[j].reduced) {
      segs[j - 1].extent *= segs[j].extent;
      segs.erase(segs.begin() + static_cast<std::ptrdiff_t>(j));
    }
    any = !last;
  }
  if (r == Reduction::Mean && n_out > 0) {
    T *o = static_cast<T *>(out.data);
    if constexpr (std::is_floating_point_v<T>) {
      Out<T>(o, n_out) /= static_cast<T>(count);
    } else {
      // count > 0 was checked by infer_op; C++ division truncates.
      for (std::int64_t i = 0; i < n_out; ++i)
        o[i] = static_cast<T>(static_cast<std::int64_t>(o[i]) / count);
    }
  }
}

template <class T>
void reduce_typed(const TensorImpl &x, const OpAttrs &attrs, TensorImpl &out) {
  if (attrs.reduction == Reduction::Sum || attrs.reduction == Reduction::Mean)
    reduce_as<T, wrapping_t<T>>(x, attrs, out);
  else
    reduce_as<T, T>(x, attrs, out);
}

template <class T>
void argmax_typed(const TensorImpl &x, std::int64_t axis, TensorImpl &out) {
  std::int64_t outer = 1, inner = 1;
  for (std::int64_t i = 0; i < axis; ++i)
    outer *= x.dims[i];
  for (std::int64_t i = axis + 1; i < x.rank; ++i)
    inner *= x.dims[i];
  const std::int64_t R = x.dims[axis];
  const T *in = static_cast<const T *>(x.data);
  std::int64_t *o = static_cast<std::int64_t *>(out.data);
  for (std::int64_t a = 0; a < outer; ++a) {
    for (std::int64_t b = 0; b < inner; ++b) {
      const T *p = in + a * R * inner + b;
      std::int64_t best = 0;
      T best_v = p[0];
      for (std::int64_t k = 1; k < R; ++k) {
        T v = p[k * inner];
        bool nan_best = false, nan_v = false;
        if constexpr (std::is_floating_point_v<T>) {
          nan_best = best_v != best_v;
          nan_v = v != v;
        }
        if (nan_best)
          break; // the first NaN is the maximum
        if (v > best_v || nan_v) {
          best = k;
          best_v = v;
        }
      }
      o[a * inner + b] = best;
    }
  }
}

} // namespace

Tensor reduce_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  const TensorImpl &ix = *x.impl();
  Tensor out = make_uninitialized(spec.dtype, spec.shape, op_name(OpKind::Reduce));
  TensorImpl &o = *out.impl();
  switch (ix.dtype) {
  case DType::Float32: reduce_typed<float>(ix, attrs, o); break;
  case DType::Float64: reduce_typed<double>(ix, attrs, o); break;
  case DType::Int32: reduce_typed<std::int32_t>(ix, attrs, o); break;
  case DType::Int64: reduce_typed<std::int64_t>(ix, attrs, o); break;
  case DType::Bool: break;
  }
  return out;
}

Tensor argmax_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  std::int64_t axis = attrs.axis;
  const TensorImpl &ix = *x.impl();
  Tensor out = make_uninitialized(DType::Int64, spec.shape, "argmax");
  TensorImpl &o = *out.impl();
  if (o.numel == 0)
    return out;
  switch (ix.dtype) {
  case DType::Float32: argmax_typed<float>(ix, axis, o); break;
  case DType::Float64: argmax_typed<double>(ix, axis, o); break;
  case DType::Int32: argmax_typed<std::int32_t>(ix, axis, o); break;
  case DType::Int64: argmax_typed<std::int64_t>(ix, axis, o); break;
  case DType::Bool: break;
  }
  return out;
}

} // namespace ag::detail
