//===- CompiledMatmul.cpp - Eigen's GEMM for compiled ag code -------------===//
//
// `convert-matmul-to-runtime-gemm` turns float linalg.matmul into a call to
// these functions: small f32 products run the register-blocked kernel of
// SmallGemm.h (as eager ones do), the others Eigen's blocked GEMM.
// Each matrix arrives as an expanded strided memref descriptor:
// (allocated, aligned, offset, rows, cols, row stride, column stride).
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledCodeABI.h"
#include "Parallel.h"
#include "SmallGemm.h"

#include <Eigen/Core>

#include <type_traits>

namespace {

template <typename T>
using StridedMatrix =
    Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>,
               Eigen::Unaligned, Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>>;

template <typename T>
using RowMajorMatrix =
    Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>,
               Eigen::Unaligned, Eigen::OuterStride<>>;

template <typename T>
using ColMajorMatrix =
    Eigen::Map<Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>,
               Eigen::Unaligned, Eigen::OuterStride<>>;

template <typename T>
StridedMatrix<T> view(T *aligned, int64_t offset, int64_t rows, int64_t cols,
                      int64_t rowStride, int64_t colStride) {
  return StridedMatrix<T>(aligned + offset, rows, cols,
                          Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>(
                              rowStride, colStride));
}

template <typename T>
RowMajorMatrix<T> rowMajor(T *aligned, int64_t offset, int64_t rows,
                           int64_t cols, int64_t rowStride) {
  return RowMajorMatrix<T>(aligned + offset, rows, cols,
                           Eigen::OuterStride<>(rowStride));
}

/// C += A * B for rows of A and C (offsets already at the first row).
template <typename T>
void gemmRows(T *a, int64_t aOffset, int64_t m, int64_t k, int64_t aRow, int64_t aCol,
              T *b, int64_t bOffset, int64_t n, int64_t bRow, int64_t bCol, T *c,
              int64_t cOffset, int64_t cRow, int64_t cCol) {
  // A unit stride in one direction (row-major, or column-major as a
  // transposed view is) lets Eigen pack with vector loads.
  if constexpr (std::is_same_v<T, float>)
    if (cCol == 1 && ag::detail::small_gemm_f32(a + aOffset, aRow, aCol, b + bOffset, bRow,
                                                bCol, c + cOffset, cRow, m, k, n,
                                                /*accumulate=*/true))
      return;
  if (cCol == 1) {
    auto out = rowMajor(c, cOffset, m, n, cRow);
    auto times = [&](const auto &left) {
      if (bCol == 1)
        out.noalias() += left * rowMajor(b, bOffset, k, n, bRow);
      else if (bRow == 1)
        out.noalias() += left * ColMajorMatrix<T>(b + bOffset, k, n, Eigen::OuterStride<>(bCol));
      else
        out.noalias() += left * view(b, bOffset, k, n, bRow, bCol);
    };
    if (aCol == 1)
      times(rowMajor(a, aOffset, m, k, aRow));
    else if (aRow == 1)
      times(ColMajorMatrix<T>(a + aOffset, m, k, Eigen::OuterStride<>(aCol)));
    else
      times(view(a, aOffset, m, k, aRow, aCol));
    return;
  }
  auto out = view(c, cOffset, m, n, cRow, cCol);
  out.noalias() += view(a, aOffset, m, k, aRow, aCol) *
                   view(b, bOffset, k, n, bRow, bCol);
}


/// C += A * B. Sizes were checked when the function was traced, and again by
/// the asserts traced before dynamic-size matmuls; a mismatch here is
/// ignored rather than read out of bounds.
template <typename T>
void gemm(T *a, int64_t aOffset, int64_t m, int64_t k, int64_t aRow, int64_t aCol,
          T *b, int64_t bOffset, int64_t bk, int64_t n, int64_t bRow, int64_t bCol,
          T *c, int64_t cOffset, int64_t cm, int64_t cn, int64_t cRow,
          int64_t cCol) {
  if (k != bk || m != cm || n != cn)
    return;
  // Large products split C's rows between threads (Parallel.h).
  ag::detail::parallel_rows(m, k * n, [&](int64_t r0, int64_t r1) {
    int64_t rows = r1 - r0;
    gemmRows(a, aOffset + r0 * aRow, rows, k, aRow, aCol, b, bOffset, n, bRow, bCol, c,
             cOffset + r0 * cRow, cRow, cCol);
  });
}

} // namespace

extern "C" void agrt_memref_matmul_f32(
    float *, float *a, int64_t aOffset, int64_t m, int64_t k, int64_t aRow,
    int64_t aCol, float *, float *b, int64_t bOffset, int64_t bk, int64_t n,
    int64_t bRow, int64_t bCol, float *, float *c, int64_t cOffset, int64_t cm,
    int64_t cn, int64_t cRow, int64_t cCol) {
  gemm(a, aOffset, m, k, aRow, aCol, b, bOffset, bk, n, bRow, bCol, c, cOffset,
       cm, cn, cRow, cCol);
}

extern "C" void agrt_memref_matmul_f64(
    double *, double *a, int64_t aOffset, int64_t m, int64_t k, int64_t aRow,
    int64_t aCol, double *, double *b, int64_t bOffset, int64_t bk, int64_t n,
    int64_t bRow, int64_t bCol, double *, double *c, int64_t cOffset,
    int64_t cm, int64_t cn, int64_t cRow, int64_t cCol) {
  gemm(a, aOffset, m, k, aRow, aCol, b, bOffset, bk, n, bRow, bCol, c, cOffset,
       cm, cn, cRow, cCol);
}
