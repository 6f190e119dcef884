//===- ParallelLoopsTest.cpp - compiled loops on several threads ----------===//
//
// A large elementwise loop of compiled code becomes an OpenMP loop (its
// optimised IR forks threads through libomp, and stays vectorised); it gives
// the same bits on one thread and on two, and the eager results. A tape's
// gradient through large ops is the eager one too.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/GradientTape.h"
#include "autograph/autograph.h"

#include "DumpedIR.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// Sets ag's thread count for one scope.
class ScopedThreads {
public:
  explicit ScopedThreads(int n) : saved_(ag::get_num_threads()) { ag::set_num_threads(n); }
  ~ScopedThreads() { ag::set_num_threads(saved_); }

private:
  int saved_;
};

ag::Tensor chain(const ag::Tensor &x, const ag::Tensor &w) {
  return ag::sigmoid(x * w + 0.5f) * 2.f - 1.f;
}

ag::Tensor ramp(std::int64_t n) {
  std::vector<float> values(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    values[static_cast<std::size_t>(i)] = static_cast<float>(i % 1000) / 250.f - 2.f;
  return ag::constant(values, {n});
}

using ag_test::dumpedIR;
using ag_test::dumpInto;

TEST(ParallelLoopsTest, LargeElementwiseLoopsForkThreadsAndKeepTheirResults) {
#if !defined(AUTOGRAPH_OPENMP)
  GTEST_SKIP() << "built without AUTOGRAPH_OPENMP: compiled loops run in sequence";
#endif
  std::string dir = dumpInto("ag_dump_parallel");
  auto compiled = ag::function(chain, "parallel_chain");
  const std::int64_t n = (1 << 20) + 3;
  ag::Tensor x = ramp(n), w = ag::constant(0.75f);
  ag::Tensor one, two;
  {
    ScopedThreads threads(1);
    one = compiled(x, w);
  }
  ::unsetenv("AG_DUMP_DIR");
  {
    ScopedThreads threads(2);
    two = compiled(x, w);
  }
  EXPECT_EQ(compiled.trace_count(), 1);
  EXPECT_EQ(compiled.fallback_count(), 0);
  ASSERT_EQ(one.shape(), (ag::Shape{n}));
  EXPECT_EQ(std::memcmp(one.raw_data(), two.raw_data(), static_cast<std::size_t>(n) * 4), 0)
      << "one thread and two threads differ";
  std::vector<float> eager = chain(x, w).to_vector<float>(), got = two.to_vector<float>();
  for (std::size_t i = 0; i < eager.size(); ++i)
    ASSERT_NEAR(got[i], eager[i], 1e-6f) << i;

  std::string ir = dumpedIR(dir, "parallel_chain");
  ASSERT_NE(ir.find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_NE(ir.find("__kmpc_fork_call"), std::string::npos) << "no parallel loop";
  EXPECT_NE(ir.find("agrt_memref_num_threads"), std::string::npos);
  EXPECT_TRUE(std::regex_search(ir, std::regex("<(4|8|16) x float>")))
      << "the parallel loop is not vectorised";
}

// A full reduction carries its accumulator from one element to the next; it
// runs in 64 fixed chunks (a parallel first stage), so it forks threads and
// gives the same bits on one thread and on two. 2^20 + 5 elements: 5 are
// left over after the chunks.
TEST(ParallelLoopsTest, LargeFullReductionsForkThreadsWithFixedChunks) {
#if !defined(AUTOGRAPH_OPENMP)
  GTEST_SKIP() << "built without AUTOGRAPH_OPENMP: compiled loops run in sequence";
#endif
  std::string dir = dumpInto("ag_dump_parallel_sum");
  auto sum = ag::function([](const ag::Tensor &x) { return ag::reduce_sum(x); },
                          "parallel_sum");
  auto largest = ag::function([](const ag::Tensor &x) { return ag::reduce_max(x); },
                              "parallel_max");
  const std::int64_t n = (1 << 20) + 5;
  std::vector<float> values(static_cast<std::size_t>(n));
  std::vector<std::int32_t> integers(static_cast<std::size_t>(n));
  double exact = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    values[static_cast<std::size_t>(i)] = static_cast<float>(i % 1000) / 250.f - 1.5f;
    exact += static_cast<double>(values[static_cast<std::size_t>(i)]);
    integers[static_cast<std::size_t>(i)] = static_cast<std::int32_t>((i * 7919) % 100003);
  }
  integers.back() = 200000; // the largest is among the 5 left over
  ag::Tensor x = ag::constant(values, {n}), k = ag::constant(integers, {n});
  ag::Tensor one, two, maxOne, maxTwo;
  {
    ScopedThreads threads(1);
    one = sum(x);
    maxOne = largest(k);
  }
  ::unsetenv("AG_DUMP_DIR");
  {
    ScopedThreads threads(2);
    two = sum(x);
    maxTwo = largest(k);
  }
  EXPECT_EQ(sum.fallback_count(), 0);
  EXPECT_EQ(largest.fallback_count(), 0);
  EXPECT_EQ(one.item<float>(), two.item<float>()) << "one thread and two threads differ";
  // |exact| is about 2.6e5; the sum of magnitudes about 1e6.
  EXPECT_NEAR(two.item<float>(), exact, 1e-6 * 1.1e6);
  EXPECT_EQ(maxOne.item<std::int32_t>(), 200000);
  EXPECT_EQ(maxTwo.item<std::int32_t>(), 200000);
  for (const char *name : {"parallel_sum", "parallel_max"}) {
    std::string ir = dumpedIR(dir, name);
    ASSERT_NE(ir.find("define"), std::string::npos) << name << ": no optimised IR dumped";
    EXPECT_NE(ir.find("__kmpc_fork_call"), std::string::npos) << name << ": no parallel loop";
  }
  EXPECT_TRUE(std::regex_search(dumpedIR(dir, "parallel_sum"), std::regex("<(4|8|16) x float>")))
      << "the chunks' sums are not vectorised";
}

TEST(ParallelLoopsTest, GradientThroughLargeOpsIsTheEagerOne) {
  auto gradient = [](const ag::Tensor &x, const ag::Tensor &w) {
    ag::GradientTape tape;
    tape.watch(w);
    ag::Tensor loss = ag::reduce_sum(chain(x, w) * x);
    return tape.gradient(loss, w);
  };
  auto compiled = ag::function(gradient, "parallel_gradient");
  ScopedThreads threads(2);
  ag::Tensor x = ramp(300000), w = ag::constant(0.75f);
  float got = compiled(x, w).item<float>(), expected = gradient(x, w).item<float>();
  EXPECT_NEAR(got, expected, 1e-4f * std::abs(expected));
  EXPECT_EQ(compiled.fallback_count(), 0);
}

} // namespace
