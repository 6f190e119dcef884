//===- ThreadsTest.cpp - large ops on several threads ----------------------===//
//
// ag::set_num_threads: large elementwise ops, reductions and matrix products
// split across threads (shown by the chunks other threads ran), with the
// results Threads.h promises: elementwise ops and reductions along an axis
// bit-identical to one thread, a float sum of one long row within 1e-6
// relative, integer sums and max/min exact.
//
//===----------------------------------------------------------------------===//
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <random>
#include <thread>
#include <cstdlib>
#include <vector>

namespace ag::detail {
std::uint64_t helper_chunks_run() noexcept;
} // namespace ag::detail

namespace {

using ag::Tensor;

/// Restores the thread count a test changed.
class ThreadsTest : public ::testing::Test {
protected:
  void SetUp() override { saved_ = ag::get_num_threads(); }
  void TearDown() override { ag::set_num_threads(saved_); }

  /// `f` with one thread and with two; expects the second to have split
  /// work across threads (when the build runs ops on several threads).
  std::pair<Tensor, Tensor> oneAndTwoThreads(const std::function<Tensor()> &f) {
    ag::set_num_threads(1);
    std::uint64_t before = ag::detail::helper_chunks_run();
    Tensor one = f();
    EXPECT_EQ(ag::detail::helper_chunks_run(), before) << "one thread split work";
    ag::set_num_threads(2);
    Tensor two = f();
#if defined(AUTOGRAPH_OPENMP)
    EXPECT_GT(ag::detail::helper_chunks_run(), before) << "two threads did not split work";
#endif
    return {one, two};
  }

  int saved_ = 1;
};

Tensor randomFloats(std::int64_t n, float low, float high, unsigned seed,
                    ag::Shape shape = {}) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(low, high);
  std::vector<float> values(static_cast<std::size_t>(n));
  for (float &v : values)
    v = dist(rng);
  return ag::constant(values, shape.empty() ? ag::Shape{n} : shape);
}

bool bitIdentical(const Tensor &a, const Tensor &b) {
  if (a.dtype() != b.dtype() || a.shape() != b.shape())
    return false;
  std::size_t bytes = static_cast<std::size_t>(a.num_elements()) * ag::dtype_size(a.dtype());
  return std::memcmp(a.raw_data(), b.raw_data(), bytes) == 0;
}

// The default: AG_NUM_THREADS, else OMP_NUM_THREADS, else every core.
// test/runtime/CMakeLists.txt also runs this test with each variable set.
TEST_F(ThreadsTest, DefaultComesFromTheEnvironment) {
  int expected = static_cast<int>(std::thread::hardware_concurrency());
  if (const char *omp = std::getenv("OMP_NUM_THREADS"))
    expected = std::atoi(omp);
  if (const char *ag = std::getenv("AG_NUM_THREADS"))
    expected = std::atoi(ag);
  EXPECT_EQ(saved_, expected);
}

TEST_F(ThreadsTest, SetAndGet) {
  ag::set_num_threads(3);
  EXPECT_EQ(ag::get_num_threads(), 3);
  ag::set_num_threads(1);
  EXPECT_EQ(ag::get_num_threads(), 1);
  EXPECT_THROW(ag::set_num_threads(0), ag::InvalidArgumentError);
  EXPECT_EQ(ag::get_num_threads(), 1);
}

TEST_F(ThreadsTest, ElementwiseChainIsBitIdenticalOnTwoThreads) {
  // 1M + 5 elements: the last chunk ends in a partial vector.
  const std::int64_t n = (1 << 20) + 5;
  Tensor x = randomFloats(n, -4.f, 4.f, 1), w = randomFloats(n, -2.f, 2.f, 2);
  Tensor b = ag::constant(0.25f);
  auto [one, two] = oneAndTwoThreads(
      [&] { return ag::sigmoid(x * w + b) * 2.f - 1.f + ag::tanh(x) + ag::exp(w); });
  EXPECT_TRUE(bitIdentical(one, two));
}

TEST_F(ThreadsTest, SmallOpsStayOnTheCallingThread) {
  ag::set_num_threads(2);
  Tensor x = randomFloats(1000, -1.f, 1.f, 3);
  // A training step's product: 32x64 by 64x128, 0.26M multiply-adds.
  Tensor a = randomFloats(32 * 64, -1.f, 1.f, 9, {32, 64});
  Tensor b = randomFloats(64 * 128, -1.f, 1.f, 10, {64, 128});
  std::uint64_t before = ag::detail::helper_chunks_run();
  Tensor y = ag::exp(x * x + 1.f);
  Tensor z = ag::matmul(a, b);
  EXPECT_EQ(ag::detail::helper_chunks_run(), before);
}

TEST_F(ThreadsTest, FloatSumOfOneLongRowIsWithin1e6Relative) {
  const std::int64_t n = 1 << 20;
  Tensor x = randomFloats(n, 0.f, 1.f, 4);
  auto [one, two] = oneAndTwoThreads([&] { return ag::reduce_sum(x); });
  // Reference in double: 1M values in [0, 1).
  const float *p = x.data<float>();
  double exact = 0;
  for (std::int64_t i = 0; i < n; ++i)
    exact += p[i];
  EXPECT_NEAR(one.item<float>(), exact, 1e-6 * exact * 4);
  EXPECT_NEAR(two.item<float>(), one.item<float>(), 1e-6 * exact);
  auto [maxOne, maxTwo] = oneAndTwoThreads([&] { return ag::reduce_max(x); });
  EXPECT_TRUE(bitIdentical(maxOne, maxTwo));
}

TEST_F(ThreadsTest, IntegerSumIsExact) {
  const std::int64_t n = 1 << 20;
  std::vector<std::int64_t> values(static_cast<std::size_t>(n));
  std::int64_t expected = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    values[static_cast<std::size_t>(i)] = i % 1000 - 300;
    expected += i % 1000 - 300;
  }
  Tensor x = ag::constant(values, {n});
  auto [one, two] = oneAndTwoThreads([&] { return ag::reduce_sum(x); });
  EXPECT_EQ(one.item<std::int64_t>(), expected);
  EXPECT_EQ(two.item<std::int64_t>(), expected);
}

TEST_F(ThreadsTest, ReductionsAlongAnAxisAreBitIdentical) {
  Tensor x = randomFloats(512 * 1024, -1.f, 1.f, 5, {512, 1024});
  for (std::int64_t axis : {0, 1}) {
    auto [one, two] = oneAndTwoThreads([&] { return ag::reduce_sum(x, {axis}); });
    EXPECT_TRUE(bitIdentical(one, two)) << "axis " << axis;
  }
  // Few outer rows, long inner rows: the columns split.
  Tensor y = randomFloats(4 * 100000 * 3, -1.f, 1.f, 6, {4, 100000, 3});
  auto [one, two] = oneAndTwoThreads([&] { return ag::reduce_mean(y, {0}); });
  EXPECT_TRUE(bitIdentical(one, two));
}

TEST_F(ThreadsTest, MatmulOnTwoThreadsMatchesOneThread) {
  const std::int64_t n = 512;
  Tensor a = randomFloats(n * n, -1.f, 1.f, 7, {n, n});
  Tensor b = randomFloats(n * n, -1.f, 1.f, 8, {n, n});
  auto [one, two] = oneAndTwoThreads([&] { return ag::matmul(a, b); });
  std::vector<float> u = one.to_vector<float>(), v = two.to_vector<float>();
  for (std::size_t i = 0; i < u.size(); ++i)
    ASSERT_NEAR(u[i], v[i], 1e-4f) << i;
}

} // namespace
