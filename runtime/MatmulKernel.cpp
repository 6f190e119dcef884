//===- MatMulKernel.cpp - matmul through Eigen's GEMM ----------------------===//
#include "ElementConversion.h"
#include "Kernels.h"
#include "Parallel.h"
#include "SmallGemm.h"
#include "TensorImpl.h"

#include <Eigen/Core>

#include <type_traits>

namespace ag::detail {
namespace {

template <class T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <class T>
void gemm_batches(const TensorImpl &a, const TensorImpl &b, TensorImpl &c,
                  std::int64_t batches) {
  // Integers multiply as unsigned so that overflow wraps instead of being UB.
  using W = wrapping_t<T>;
  const std::int64_t m = a.dims[a.rank - 2], k = a.dims[a.rank - 1];
  const std::int64_t n = b.dims[b.rank - 1];
  const std::int64_t a_step = a.rank > 2 ? m * k : 0;
  const std::int64_t b_step = b.rank > 2 ? k * n : 0;
  const W *pa = static_cast<const W *>(a.data);
  const W *pb = static_cast<const W *>(b.data);
  W *pc = static_cast<W *>(c.data);
  for (std::int64_t i = 0; i < batches; ++i) {
    Eigen::Map<RowMajor<W>> C(pc + i * m * n, m, n);
    if (k == 0) {
      C.setZero();
      continue;
    }
    Eigen::Map<const RowMajor<W>> A(pa + i * a_step, m, k);
    Eigen::Map<const RowMajor<W>> B(pb + i * b_step, k, n);
    parallel_rows(m, k * n, [&](std::int64_t r0, std::int64_t r1) {
      // Small f32 products: the register-blocked kernel (SmallGemm.h).
      if constexpr (std::is_same_v<T, float>)
        if (small_gemm_f32(A.data() + r0 * k, k, 1, B.data(), n, 1, C.data() + r0 * n, n,
                           r1 - r0, k, n, /*accumulate=*/false))
          return;
      C.middleRows(r0, r1 - r0).noalias() = A.middleRows(r0, r1 - r0) * B;
    });
  }
}

} // namespace

Tensor matmul_kernel(Span<const Tensor> in, const OpAttrs &attrs, const TensorSpec &spec) {
  const Tensor &a = in[0], &b = in[1];
  Tensor out = make_uninitialized(spec.dtype, spec.shape, "matmul");
  TensorImpl &c = *out.impl();
  if (c.numel == 0)
    return out;
  const std::int64_t m = spec.shape[spec.shape.size() - 2];
  const std::int64_t n = spec.shape[spec.shape.size() - 1];
  const std::int64_t batches = c.numel / (m * n);
  const TensorImpl &ia = *a.impl(), &ib = *b.impl();
  switch (spec.dtype) {
  case DType::Float32: gemm_batches<float>(ia, ib, c, batches); break;
  case DType::Float64: gemm_batches<double>(ia, ib, c, batches); break;
  case DType::Int32: gemm_batches<std::int32_t>(ia, ib, c, batches); break;
  case DType::Int64: gemm_batches<std::int64_t>(ia, ib, c, batches); break;
  case DType::Bool: break;
  }
  return out;
}

} // namespace ag::detail
