//===- SmallGemm.h - register-blocked f32 products of small matrices -*- C++ -*-===//
//
// The products of a training step are small (32 x 64 x 128, 128 x 32 x 10):
// Eigen's GEMM packs both operands into blocks for its cache blocking and
// reaches 30-110 GFLOP/s on them. This kernel reads the operands where
// they are (packing B only when its rows are not contiguous) and keeps a
// block of C in vector registers: 150-220 GFLOP/s on the same products
// (docs/performance.md, "Matrix products"). The eager matmul and compiled
// code's GEMM calls both use it, so their f32 products round alike.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_SMALLGEMM_H
#define AUTOGRAPH_RUNTIME_SMALLGEMM_H

#include <cstdint>

namespace ag::detail {

/// Products with B larger than this many elements (1 MiB of floats) stay
/// with Eigen's GEMM, whose cache blocking pays off there: this kernel
/// reads all of B once per block of rows of C.
inline constexpr std::int64_t kSmallGemmMaxB = std::int64_t{1} << 18;

/// C = A * B, or C += A * B if `accumulate`, for A of m x k, B of k x n and
/// C of m x n, each element at `row * rowStride + col * colStride` (C's
/// columns contiguous). Each element of C is one chain of fused
/// multiply-adds over k in order. Returns false, without touching C, when
/// the kernel does not apply: no vector kernel in this build (it needs
/// AVX-512F or AVX2 with FMA), an empty dimension, a single row or column
/// (m = 1 or n = 1: a matrix-vector product, where Eigen's GEMV is
/// faster), or B above kSmallGemmMaxB elements.
bool small_gemm_f32(const float *a, std::int64_t aRowStride, std::int64_t aColStride,
                    const float *b, std::int64_t bRowStride, std::int64_t bColStride,
                    float *c, std::int64_t cRowStride, std::int64_t m, std::int64_t k,
                    std::int64_t n, bool accumulate);

/// The vector instructions the kernel was built for ("avx512f", "avx2",
/// or "" when there is none and every product goes to Eigen).
const char *small_gemm_isa();

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_SMALLGEMM_H
