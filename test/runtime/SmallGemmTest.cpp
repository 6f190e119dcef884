//===- SmallGemmTest.cpp - the register-blocked f32 product kernel --------===//
//
// Every block shape, partial row block and masked last vector of
// runtime/SmallGemm.cpp against a product summed by hand, for operands read
// in place (row-major, transposed, strided) and for C inside a wider
// buffer. The operands are small integers, so every product and sum is
// exact in float and the results must be equal, not close. Built twice:
// into the runtime's tests (this machine's vector ISA) and, where the CPU
// has AVX2, into autograph-small-gemm-avx2-tests with the kernel compiled
// for AVX2 alone (AG_EXPECTED_SMALL_GEMM_ISA names the one expected; that
// binary exits before the tests on a CPU without AVX2).
//
//===----------------------------------------------------------------------===//
#include "SmallGemm.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using ag::detail::small_gemm_f32;

/// A matrix stored with arbitrary strides inside a larger buffer.
struct Strided {
  std::vector<float> data;
  std::int64_t rowStride, colStride, offset;
  float &at(std::int64_t i, std::int64_t j) { return data[offset + i * rowStride + j * colStride]; }
};

enum class Layout { RowMajor, ColMajor, Strided };

/// A rows x cols matrix of small integers in the given layout; elements
/// outside it hold a NaN so that a read of one shows in the result.
Strided makeMatrix(std::int64_t rows, std::int64_t cols, Layout layout, int seed) {
  Strided m;
  switch (layout) {
  case Layout::RowMajor: m.rowStride = cols, m.colStride = 1, m.offset = 0; break;
  case Layout::ColMajor: m.rowStride = 1, m.colStride = rows, m.offset = 0; break;
  case Layout::Strided: m.rowStride = 2 * cols + 3, m.colStride = 2, m.offset = 1; break;
  }
  std::int64_t size = m.offset + (rows - 1) * m.rowStride + (cols - 1) * m.colStride + 1;
  m.data.assign(static_cast<std::size_t>(size), std::numeric_limits<float>::quiet_NaN());
  for (std::int64_t i = 0; i < rows; ++i)
    for (std::int64_t j = 0; j < cols; ++j)
      m.at(i, j) = static_cast<float>((i * 7 + j * 13 + seed * 5) % 9 - 4);
  return m;
}

std::string name(Layout layout) {
  return layout == Layout::RowMajor ? "row-major" : layout == Layout::ColMajor ? "col-major" : "strided";
}

/// Runs the kernel on C inside a buffer of row stride n + 5 whose other
/// elements are sentinels, and checks every element of C and that no
/// sentinel changed.
void checkProduct(std::int64_t m, std::int64_t k, std::int64_t n, Layout aLayout,
                  Layout bLayout, bool accumulate) {
  SCOPED_TRACE(std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n) + " A " +
               name(aLayout) + " B " + name(bLayout) + (accumulate ? " C +=" : " C ="));
  Strided a = makeMatrix(m, k, aLayout, 1), b = makeMatrix(k, n, bLayout, 2);
  const std::int64_t ldc = n + 5;
  const float sentinel = -12345.f;
  std::vector<float> c(static_cast<std::size_t>(m * ldc), sentinel);
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      c[i * ldc + j] = static_cast<float>((i + 2 * j) % 5);
  std::vector<float> expected = c;
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      double sum = accumulate ? expected[i * ldc + j] : 0.0;
      for (std::int64_t p = 0; p < k; ++p)
        sum += static_cast<double>(a.at(i, p)) * b.at(p, j);
      expected[i * ldc + j] = static_cast<float>(sum);
    }
  ASSERT_TRUE(small_gemm_f32(a.data.data() + a.offset, a.rowStride, a.colStride,
                             b.data.data() + b.offset, b.rowStride, b.colStride, c.data(), ldc, m,
                             k, n, accumulate));
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < ldc; ++j)
      ASSERT_EQ(c[i * ldc + j], expected[i * ldc + j])
          << "C(" << i << ", " << j << ")" << (j >= n ? ", outside C" : "");
}

/// The kernel this build should have: the AVX2 test binary names it; the
/// runtime built with -march=native has the best this CPU runs.
std::string expectedIsa() {
#if defined(AG_EXPECTED_SMALL_GEMM_ISA)
  return AG_EXPECTED_SMALL_GEMM_ISA;
#elif defined(AG_RUNTIME_MARCH_NATIVE) && (defined(__x86_64__) || defined(__i386__))
  if (__builtin_cpu_supports("avx512f"))
    return "avx512f";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return "avx2";
  return "";
#else
  return ag::detail::small_gemm_isa(); // a portable build: nothing to expect
#endif
}

#define SKIP_WITHOUT_KERNEL()                                                                      \
  if (std::string(ag::detail::small_gemm_isa()).empty())                                           \
  GTEST_SKIP() << "no vector kernel in this build (Eigen computes every product)"

TEST(SmallGemmTest, BuiltForTheExpectedInstructions) {
  EXPECT_EQ(std::string(ag::detail::small_gemm_isa()), expectedIsa());
}

// Rows: one to three full blocks of 8 (AVX-512) or 6 (AVX2) rows, and
// every partial block. Columns: full and partial vectors of 8 and 16
// lanes, one to three vectors per block, several panels.
TEST(SmallGemmTest, EveryBlockShapeMatchesTheSumByHand) {
  SKIP_WITHOUT_KERNEL();
  for (std::int64_t m : {2, 3, 5, 6, 7, 8, 9, 13, 16, 24, 25})
    for (std::int64_t n : {2, 7, 8, 9, 10, 15, 16, 17, 24, 31, 32, 33, 47, 48, 49, 64, 97, 128})
      for (std::int64_t k : {1, 4, 19}) {
        checkProduct(m, k, n, Layout::RowMajor, Layout::RowMajor, false);
        checkProduct(m, k, n, Layout::RowMajor, Layout::RowMajor, true);
        if (::testing::Test::HasFatalFailure())
          return;
      }
}

// Transposed operands are read in place; a B whose rows are not
// contiguous is copied first.
TEST(SmallGemmTest, OperandsAreReadWithTheirStrides) {
  SKIP_WITHOUT_KERNEL();
  for (Layout aLayout : {Layout::RowMajor, Layout::ColMajor, Layout::Strided})
    for (Layout bLayout : {Layout::RowMajor, Layout::ColMajor, Layout::Strided})
      for (bool accumulate : {false, true}) {
        checkProduct(32, 64, 128, aLayout, bLayout, accumulate); // x * W1
        checkProduct(32, 128, 10, aLayout, bLayout, accumulate); // h * W2
        checkProduct(32, 10, 128, aLayout, bLayout, accumulate); // dy * W2^T
        checkProduct(128, 32, 10, aLayout, bLayout, accumulate); // h^T * dy
        checkProduct(11, 7, 21, aLayout, bLayout, accumulate);
        if (::testing::Test::HasFatalFailure())
          return;
      }
}

TEST(SmallGemmTest, ProductsItDoesNotTakeAreLeftAlone) {
  std::vector<float> a(4096, 1.f), b(1 << 19, 1.f), c(4096, 7.f);
  const std::vector<float> before = c;
  EXPECT_FALSE(small_gemm_f32(a.data(), 4, 1, b.data(), 1, 1, c.data(), 1, 8, 4, 1, false))
      << "a single column";
  EXPECT_FALSE(small_gemm_f32(a.data(), 4, 1, b.data(), 8, 1, c.data(), 8, 1, 4, 8, false))
      << "a single row";
  EXPECT_FALSE(small_gemm_f32(a.data(), 0, 1, b.data(), 8, 1, c.data(), 8, 4, 0, 8, false))
      << "k = 0";
  EXPECT_FALSE(small_gemm_f32(a.data(), 512, 1, b.data(), 1024, 1, c.data(), 1024, 2, 512, 1024,
                              false))
      << "B above kSmallGemmMaxB";
  EXPECT_EQ(c, before);
}

} // namespace
