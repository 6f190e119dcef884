//===- SmallGemm.cpp - register-blocked f32 products of small matrices ----===//
//
// C is computed in blocks of kRows rows by kVectors vectors of columns. A
// block's accumulators stay in registers for the whole of k: per step of k
// the kernel loads one row of the block's columns of B, broadcasts one
// element of A per row and issues kRows x kVectors fused multiply-adds. The
// last vector of a row is masked, so any n works without padding and
// without reading past B's or C's rows.
//
//===----------------------------------------------------------------------===//
#include "SmallGemm.h"

#include <algorithm>
#include <vector>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#define AG_SMALL_GEMM_KERNEL 1
#endif

namespace ag::detail {

#if defined(AG_SMALL_GEMM_KERNEL)
namespace {

#if defined(__AVX512F__)
/// 16 floats a vector and 32 registers: 8 x 3 blocks keep 24
/// accumulators, a row of B's block and a broadcast in registers.
struct Simd {
  using Vec = __m512;
  using Mask = __mmask16;
  static constexpr int kWidth = 16, kRows = 8, kVectors = 3;
  static constexpr const char *kName = "avx512f";
  static Mask first(std::int64_t count) {
    return count >= kWidth ? Mask(0xffff) : Mask((1u << count) - 1);
  }
  static Vec load(const float *p) { return _mm512_loadu_ps(p); }
  static Vec load(const float *p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
  static void store(float *p, Vec v) { _mm512_storeu_ps(p, v); }
  static void store(float *p, Mask m, Vec v) { _mm512_mask_storeu_ps(p, m, v); }
  static Vec zero() { return _mm512_setzero_ps(); }
  static Vec broadcast(float x) { return _mm512_set1_ps(x); }
  static Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
};
#else
/// 8 floats a vector and 16 registers: 6 x 2 blocks (12 accumulators).
struct Simd {
  using Vec = __m256;
  using Mask = __m256i;
  static constexpr int kWidth = 8, kRows = 6, kVectors = 2;
  static constexpr const char *kName = "avx2";
  static Mask first(std::int64_t count) {
    int lanes = static_cast<int>(std::min<std::int64_t>(count, kWidth));
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes),
                              _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static Vec load(const float *p) { return _mm256_loadu_ps(p); }
  static Vec load(const float *p, Mask m) { return _mm256_maskload_ps(p, m); }
  static void store(float *p, Vec v) { _mm256_storeu_ps(p, v); }
  static void store(float *p, Mask m, Vec v) { _mm256_maskstore_ps(p, m, v); }
  static Vec zero() { return _mm256_setzero_ps(); }
  static Vec broadcast(float x) { return _mm256_set1_ps(x); }
  static Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
};
#endif

constexpr int W = Simd::kWidth;

/// Where one block reads and writes: A at its first row, B and C at the
/// block's first column (B row-major with row stride ldb).
struct Operands {
  const float *a;
  std::int64_t aRowStride, aColStride;
  const float *b;
  std::int64_t ldb;
  float *c;
  std::int64_t ldc;
  std::int64_t k;
  Simd::Mask last; // lanes of the last vector of each row that are columns
  bool accumulate;
};

/// R rows by V vectors of C; the last vector is masked.
template <int R, int V>
__attribute__((always_inline)) inline void block(const Operands &o) {
  Simd::Vec acc[R][V];
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) {
      const float *row = o.c + r * o.ldc + v * W;
      acc[r][v] = !o.accumulate     ? Simd::zero()
                  : v + 1 < V       ? Simd::load(row)
                                    : Simd::load(row, o.last);
    }
  for (std::int64_t p = 0; p < o.k; ++p) {
    const float *bRow = o.b + p * o.ldb;
    Simd::Vec bv[V];
    for (int v = 0; v < V; ++v)
      bv[v] = v + 1 < V ? Simd::load(bRow + v * W) : Simd::load(bRow + v * W, o.last);
    const float *aCol = o.a + p * o.aColStride;
    for (int r = 0; r < R; ++r) {
      Simd::Vec s = Simd::broadcast(aCol[r * o.aRowStride]);
      for (int v = 0; v < V; ++v)
        acc[r][v] = Simd::fma(s, bv[v], acc[r][v]);
    }
  }
  for (int r = 0; r < R; ++r)
    for (int v = 0; v < V; ++v) {
      float *row = o.c + r * o.ldc + v * W;
      if (v + 1 < V)
        Simd::store(row, acc[r][v]);
      else
        Simd::store(row, o.last, acc[r][v]);
    }
}

/// The last `rows` (< kRows) rows of a panel: one block of that height.
template <int V, int R>
void remainingRows(std::int64_t rows, const Operands &o) {
  if constexpr (R > 0) {
    if (rows == R)
      block<R, V>(o);
    else
      remainingRows<V, R - 1>(rows, o);
  }
}

/// All m rows of a panel of V vectors of columns.
template <int V>
void panel(std::int64_t m, Operands o) {
  std::int64_t i = 0;
  for (; i + Simd::kRows <= m; i += Simd::kRows) {
    block<Simd::kRows, V>(o);
    o.a += Simd::kRows * o.aRowStride;
    o.c += Simd::kRows * o.ldc;
  }
  remainingRows<V, Simd::kRows - 1>(m - i, o);
}

/// A panel of `vectors` (1..V) vectors.
template <int V>
void panelOfWidth(int vectors, std::int64_t m, const Operands &o) {
  if constexpr (V > 0) {
    if (vectors == V)
      panel<V>(m, o);
    else
      panelOfWidth<V - 1>(vectors, m, o);
  }
}

} // namespace

bool small_gemm_f32(const float *a, std::int64_t aRowStride, std::int64_t aColStride,
                    const float *b, std::int64_t bRowStride, std::int64_t bColStride,
                    float *c, std::int64_t cRowStride, std::int64_t m, std::int64_t k,
                    std::int64_t n, bool accumulate) {
  if (m < 2 || k < 1 || n < 2 || k > kSmallGemmMaxB / n)
    return false;
  // Vector loads need B's rows contiguous: copy B row-major otherwise (a
  // transposed operand; at most kSmallGemmMaxB elements).
  std::int64_t ldb = bRowStride;
  if (bColStride != 1) {
    static thread_local std::vector<float> packed;
    packed.resize(static_cast<std::size_t>(k * n));
    for (std::int64_t p = 0; p < k; ++p)
      for (std::int64_t j = 0; j < n; ++j)
        packed[p * n + j] = b[p * bRowStride + j * bColStride];
    b = packed.data();
    ldb = n;
  }
  constexpr std::int64_t panelWidth = Simd::kVectors * W;
  for (std::int64_t j = 0; j < n; j += panelWidth) {
    std::int64_t columns = std::min(panelWidth, n - j);
    int vectors = static_cast<int>((columns + W - 1) / W);
    Operands o{a,     aRowStride, aColStride, b + j, ldb,
               c + j, cRowStride, k,          Simd::first(columns - (vectors - 1) * W),
               accumulate};
    panelOfWidth<Simd::kVectors>(vectors, m, o);
  }
  return true;
}

const char *small_gemm_isa() { return Simd::kName; }

#else // no vector kernel: every product goes to Eigen

bool small_gemm_f32(const float *, std::int64_t, std::int64_t, const float *, std::int64_t,
                    std::int64_t, float *, std::int64_t, std::int64_t, std::int64_t,
                    std::int64_t, bool) {
  return false;
}

const char *small_gemm_isa() { return ""; }

#endif

} // namespace ag::detail
