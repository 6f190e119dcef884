//===- ShapeKernels.cpp - transpose, broadcast, reshape, concat, rows ------===//
//
// Data movement depends only on the element size, so the kernels are
// instantiated per size (1, 4, 8 bytes), not per dtype. Axes that move
// together are merged first, which brings almost every transpose or broadcast
// down to rank <= 4 for Eigen's Tensor module (shuffle / broadcast).
//
//===----------------------------------------------------------------------===//
#include "ElementConversion.h"
#include "Kernels.h"
#include "TensorImpl.h"

#include <unsupported/Eigen/CXX11/Tensor>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace ag::detail {
namespace {

constexpr int kMaxEigenRank = 5;

template <class E, int N>
void shuffle_n(const void *src, void *dst, const std::vector<std::int64_t> &in_dims,
               const std::vector<std::int64_t> &perm) {
  std::array<Eigen::Index, N> d{}, p{}, od{};
  for (int i = 0; i < N; ++i) {
    d[i] = in_dims[i];
    p[i] = perm[i];
  }
  for (int i = 0; i < N; ++i)
    od[i] = d[p[i]];
  Eigen::TensorMap<const Eigen::Tensor<const E, N, Eigen::RowMajor>> in(
      static_cast<const E *>(src), d);
  Eigen::TensorMap<Eigen::Tensor<E, N, Eigen::RowMajor>> out(static_cast<E *>(dst), od);
  out = in.shuffle(p);
}

// Generic strided copy for ranks Eigen is not instantiated for:
// out[i] = in[sum(idx_k * in_stride_k)].
template <class E>
void strided_copy(const E *in, E *out, const std::vector<std::int64_t> &out_dims,
                  const std::vector<std::int64_t> &in_strides) {
  const std::size_t r = out_dims.size();
  std::int64_t total = 1;
  for (std::int64_t d : out_dims)
    total *= d;
  std::vector<std::int64_t> idx(r, 0);
  std::int64_t src = 0;
  for (std::int64_t i = 0; i < total; ++i) {
    out[i] = in[src];
    for (std::size_t k = r; k-- > 0;) {
      if (++idx[k] < out_dims[k]) {
        src += in_strides[k];
        break;
      }
      src -= in_strides[k] * (out_dims[k] - 1);
      idx[k] = 0;
    }
  }
}

template <class E>
void transpose_sized(const void *src, void *dst, const std::vector<std::int64_t> &d,
                     const std::vector<std::int64_t> &p) {
  const int r = static_cast<int>(d.size());
  switch (r) {
  case 2: {
    using M = Eigen::Matrix<E, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<const M> in(static_cast<const E *>(src), d[0], d[1]);
    Eigen::Map<M> out(static_cast<E *>(dst), d[1], d[0]);
    out = in.transpose();
    return;
  }
  case 3: return shuffle_n<E, 3>(src, dst, d, p);
  case 4: return shuffle_n<E, 4>(src, dst, d, p);
  case 5: return shuffle_n<E, 5>(src, dst, d, p);
  default: {
    std::vector<std::int64_t> in_strides(r), out_dims(r), strides(r);
    std::int64_t s = 1;
    for (int i = r; i-- > 0;) {
      in_strides[i] = s;
      s *= d[i];
    }
    for (int i = 0; i < r; ++i) {
      out_dims[i] = d[p[i]];
      strides[i] = in_strides[p[i]];
    }
    strided_copy(static_cast<const E *>(src), static_cast<E *>(dst), out_dims,
                 strides);
  }
  }
}

template <class E, int N>
void broadcast_n(const void *src, void *dst, const std::vector<std::int64_t> &in_dims,
                 const std::vector<std::int64_t> &out_dims) {
  std::array<Eigen::Index, N> d{}, f{}, od{};
  for (int i = 0; i < N; ++i) {
    d[i] = in_dims[i];
    od[i] = out_dims[i];
    f[i] = in_dims[i] == out_dims[i] ? 1 : out_dims[i];
  }
  Eigen::TensorMap<const Eigen::Tensor<const E, N, Eigen::RowMajor>> in(
      static_cast<const E *>(src), d);
  Eigen::TensorMap<Eigen::Tensor<E, N, Eigen::RowMajor>> out(static_cast<E *>(dst), od);
  out = in.broadcast(f);
}

template <class E>
void broadcast_sized(const void *src, void *dst, std::int64_t in_numel,
                     std::int64_t out_numel, const std::vector<std::int64_t> &d,
                     const std::vector<std::int64_t> &od) {
  if (in_numel == 1) {
    Eigen::Map<Eigen::Array<E, Eigen::Dynamic, 1>>(static_cast<E *>(dst), out_numel)
        .setConstant(*static_cast<const E *>(src));
    return;
  }
  switch (d.size()) {
  case 1: return broadcast_n<E, 1>(src, dst, d, od);
  case 2: return broadcast_n<E, 2>(src, dst, d, od);
  case 3: return broadcast_n<E, 3>(src, dst, d, od);
  case 4: return broadcast_n<E, 4>(src, dst, d, od);
  case 5: return broadcast_n<E, 5>(src, dst, d, od);
  default: {
    const std::size_t r = d.size();
    std::vector<std::int64_t> strides(r);
    std::int64_t s = 1;
    for (std::size_t i = r; i-- > 0;) {
      strides[i] = d[i] == 1 ? 0 : s;
      s *= d[i];
    }
    strided_copy(static_cast<const E *>(src), static_cast<E *>(dst), od, strides);
  }
  }
}

template <class F> void visit_size(std::size_t size, F &&f) {
  switch (size) {
  case 1: f(std::uint8_t{}); break;
  case 4: f(std::uint32_t{}); break;
  default: f(std::uint64_t{}); break;
  }
}

static_assert(kMaxEigenRank == 5, "kernels above are instantiated up to 5");

} // namespace

Tensor transpose_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  const std::vector<std::int64_t> &perm = attrs.perm;
  const TensorImpl &ix = *x.impl();
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "transpose");
  if (ix.numel <= 1) {
    std::memcpy(out.impl()->data, ix.data, ix.nbytes());
    return out;
  }
  // Drop extent-1 axes, then merge output axes that are adjacent in the input.
  std::vector<std::int64_t> keep_map(ix.rank, -1);
  std::vector<std::int64_t> kept_in;
  for (int i = 0; i < ix.rank; ++i)
    if (ix.dims[i] != 1) {
      keep_map[i] = static_cast<std::int64_t>(kept_in.size());
      kept_in.push_back(i);
    }
  std::vector<std::int64_t> p;
  for (std::int64_t a : perm)
    if (keep_map[a] >= 0)
      p.push_back(keep_map[a]);
  // Merge runs p[j+1] == p[j] + 1.
  std::vector<std::vector<std::int64_t>> groups; // in input-axis order per output group
  for (std::size_t j = 0; j < p.size(); ++j) {
    if (!groups.empty() && groups.back().back() + 1 == p[j])
      groups.back().push_back(p[j]);
    else
      groups.push_back({p[j]});
  }
  // Order groups by their first input axis to get the merged input dims.
  std::vector<std::size_t> order(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g)
    order[g] = g;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return groups[a].front() < groups[b].front();
  });
  std::vector<std::int64_t> in_dims(groups.size()), new_perm(groups.size());
  for (std::size_t pos = 0; pos < order.size(); ++pos) {
    std::int64_t e = 1;
    for (std::int64_t a : groups[order[pos]])
      e *= ix.dims[kept_in[a]];
    in_dims[pos] = e;
  }
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t pos = 0; pos < order.size(); ++pos)
      if (order[pos] == g)
        new_perm[g] = static_cast<std::int64_t>(pos);
  void *dst = out.impl()->data;
  if (in_dims.size() <= 1) {
    std::memcpy(dst, ix.data, ix.nbytes());
    return out;
  }
  visit_size(dtype_size(ix.dtype), [&](auto e) {
    transpose_sized<decltype(e)>(ix.data, dst, in_dims, new_perm);
  });
  return out;
}

Tensor reshape_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  return make_view(x, spec.shape.data(), static_cast<int>(spec.shape.size()), 0);
}

Tensor broadcast_to_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0];
  const TensorImpl &ix = *x.impl();
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "broadcast_to");
  TensorImpl &o = *out.impl();
  if (o.numel == 0)
    return out;
  // Align ranks, drop axes of extent 1 on both sides, merge neighbours that
  // are both copied or both broadcast.
  const std::size_t r = spec.shape.size(), off = r - ix.rank;
  std::vector<std::int64_t> d, od;
  int last = -1; // 0 copy, 1 broadcast
  for (std::size_t i = 0; i < r; ++i) {
    std::int64_t in = i < off ? 1 : ix.dims[i - off], to = spec.shape[i];
    if (to == 1)
      continue;
    int kind = in == to ? 0 : 1;
    if (kind == last) {
      d.back() *= in;
      od.back() *= to;
    } else {
      d.push_back(in);
      od.push_back(to);
      last = kind;
    }
  }
  if (d.empty()) {
    std::memcpy(o.data, ix.data, o.nbytes());
    return out;
  }
  visit_size(dtype_size(ix.dtype), [&](auto e) {
    broadcast_sized<decltype(e)>(ix.data, o.data, ix.numel, o.numel, d, od);
  });
  return out;
}

Tensor concat_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  Span<const Tensor> inputs = in;
  std::int64_t axis = attrs.axis;
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "concat");
  TensorImpl &o = *out.impl();
  if (o.numel == 0)
    return out;
  std::int64_t outer = 1, inner = 1;
  for (std::int64_t i = 0; i < axis; ++i)
    outer *= spec.shape[i];
  for (std::size_t i = axis + 1; i < spec.shape.size(); ++i)
    inner *= spec.shape[i];
  const std::size_t esize = dtype_size(spec.dtype);
  const std::size_t row = static_cast<std::size_t>(spec.shape[axis] * inner) * esize;
  char *dst = static_cast<char *>(o.data);
  std::size_t col = 0;
  for (const Tensor &t : inputs) {
    const TensorImpl &it = *t.impl();
    const std::size_t chunk = static_cast<std::size_t>(it.dims[axis] * inner) * esize;
    const char *src = static_cast<const char *>(it.data);
    for (std::int64_t k = 0; k < outer; ++k)
      if (chunk)
        std::memcpy(dst + k * row + col, src + k * chunk, chunk);
    col += chunk;
  }
  return out;
}

Tensor index_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0], &index = in[1];
  const TensorImpl &ix = *x.impl();
  std::int64_t i = 0;
  if (index.impl()->dtype == DType::Int32)
    i = *index.impl()->as<std::int32_t>();
  else
    i = *index.impl()->as<std::int64_t>();
  if (i < 0)
    i += ix.dims[0];
  const std::size_t row =
      ix.dims[0] ? ix.nbytes() / static_cast<std::size_t>(ix.dims[0]) : 0;
  return make_view(x, ix.dims + 1, ix.rank - 1, static_cast<std::size_t>(i) * row);
}

Tensor gather_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0], &indices = in[1];
  const TensorImpl &ix = *x.impl();
  const TensorImpl &ii = *indices.impl();
  std::vector<std::int64_t> rows(static_cast<std::size_t>(ii.numel));
  detail::convert_elements(ii.dtype, ii.data, DType::Int64, rows.data(), ii.numel);
  for (std::int64_t r : rows)
    if (r < 0 || r >= ix.dims[0])
      throw InvalidArgumentError("gather: index " + std::to_string(r) +
                                 " is out of range for shape " +
                                 format_shape(shape_of(ix)));
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "gather");
  const std::size_t row =
      ix.dims[0] ? ix.nbytes() / static_cast<std::size_t>(ix.dims[0]) : 0;
  char *dst = static_cast<char *>(out.impl()->data);
  const char *src = static_cast<const char *>(ix.data);
  for (std::size_t k = 0; k < rows.size(); ++k)
    if (row)
      std::memcpy(dst + k * row, src + static_cast<std::size_t>(rows[k]) * row, row);
  return out;
}

Tensor slice_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0], &start = in[1];
  const TensorImpl &ix = *x.impl();
  std::int64_t first = 0;
  detail::convert_elements(start.impl()->dtype, start.impl()->data, DType::Int64, &first, 1);
  const std::size_t row =
      ix.dims[0] ? ix.nbytes() / static_cast<std::size_t>(ix.dims[0]) : 0;
  return make_view(x, spec.shape.data(), static_cast<int>(spec.shape.size()),
                   static_cast<std::size_t>(first) * row);
}

Tensor update_row_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &x = in[0], &index = in[1], &row = in[2];
  const TensorImpl &ix = *x.impl();
  std::int64_t i = 0;
  detail::convert_elements(index.impl()->dtype, index.impl()->data, DType::Int64, &i, 1);
  if (i < 0)
    i += ix.dims[0];
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "update_row");
  const std::size_t bytes = ix.nbytes();
  const std::size_t rowBytes = ix.dims[0] ? bytes / static_cast<std::size_t>(ix.dims[0]) : 0;
  char *dst = static_cast<char *>(out.impl()->data);
  if (bytes)
    std::memcpy(dst, ix.data, bytes);
  if (rowBytes)
    std::memcpy(dst + static_cast<std::size_t>(i) * rowBytes, row.impl()->data, rowBytes);
  return out;
}

} // namespace ag::detail
