//===- CreationKernels.cpp - range, fill, one_hot --------------------------===//
#include "ElementConversion.h"
#include "Kernels.h"
#include "TensorImpl.h"

#include <Eigen/Core>

#include <cstring>

namespace ag::detail {
namespace {
template <class T> using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
template <class T> using Out = Eigen::Map<Vec<T>>;
} // namespace

Tensor range_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &start = in[0], &delta = in[2];
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "range");
  TensorImpl &o = *out.impl();
  const std::int64_t n = o.numel;
  if (n == 0)
    return out;
  visit_dtype(spec.dtype, [&](auto t) {
    using T = decltype(t);
    if constexpr (!std::is_same_v<T, bool>) {
      const T s = *start.impl()->as<T>(), d = *delta.impl()->as<T>();
      // Element i is start + i * delta (every value lies in [start, limit),
      // so the exact result fits; the arithmetic wraps in uint64 to get there).
      Out<T>(o.as<T>(), n) = Vec<T>::NullaryExpr(n, [s, d](Eigen::Index i) {
        if constexpr (std::is_floating_point_v<T>)
          return static_cast<T>(s + static_cast<T>(i) * d);
        else
          return static_cast<T>(static_cast<std::int64_t>(
              static_cast<std::uint64_t>(static_cast<std::int64_t>(s)) +
              static_cast<std::uint64_t>(i) *
                  static_cast<std::uint64_t>(static_cast<std::int64_t>(d))));
      });
    }
  });
  return out;
}

Tensor fill_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &value = in[0];
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "fill");
  TensorImpl &o = *out.impl();
  if (o.numel == 0)
    return out;
  visit_dtype(spec.dtype, [&](auto t) {
    using T = decltype(t);
    Out<T>(o.as<T>(), o.numel).setConstant(*value.impl()->as<T>());
  });
  return out;
}

Tensor one_hot_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &indices = in[0];
  std::int64_t depth = attrs.depth;
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "one_hot");
  TensorImpl &o = *out.impl();
  if (o.numel == 0)
    return out;
  const TensorImpl &ix = *indices.impl();
  std::vector<std::int64_t> idx(static_cast<std::size_t>(ix.numel));
  convert_elements(ix.dtype, ix.data, DType::Int64, idx.data(), ix.numel);
  visit_dtype(spec.dtype, [&](auto t) {
    using T = decltype(t);
    T *p = o.as<T>();
    Out<T>(p, o.numel).setZero();
    for (std::int64_t i = 0; i < ix.numel; ++i)
      if (idx[i] >= 0 && idx[i] < depth)
        p[i * depth + idx[i]] = T(1);
  });
  return out;
}

} // namespace ag::detail
