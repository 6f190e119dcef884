//===- SmallResultsTest.cpp - small results written where the caller says ===//
//
// Compiled code writes results of static shape and at most 64 bytes into
// tensors the caller made (ag::compiled::result_in_place): a call returning
// scalars allocates nothing in compiled code. Results written in place,
// returned results, a value returned twice and arguments returned as they
// are come back right, in their order, and independent of later calls.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include "DumpedIR.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using ag::Tensor;
using ag::TensorList;

// Converted form of:
//   while (n > 1) { if (n % 2 == 0) n = n / 2; else n = 3 * n + 1; steps += 1; }
Tensor collatzSteps(const Tensor &start) {
  TensorList vars = ag::while_loop(
      [](const TensorList &v) { return v[0] > std::int64_t{1}; },
      [](const TensorList &v) {
        Tensor n = v[0];
        n = ag::cond(
            n % std::int64_t{2} == std::int64_t{0},
            [&] { return TensorList{n / std::int64_t{2}}; },
            [&] { return TensorList{n * std::int64_t{3} + std::int64_t{1}}; })[0];
        return TensorList{n, v[1] + std::int64_t{1}};
      },
      {start, ag::constant(std::int64_t{0})});
  return vars[1];
}

TEST(SmallResultsTest, ScalarResultAllocatesNothingInCompiledCode) {
  std::string dir = ag_test::dumpInto("ag_dump_small_results");
  auto compiled = ag::function(collatzSteps, "small_result_collatz");
  // Hand-counted: 6 3 10 5 16 8 4 2 1; 27 takes 111 steps.
  EXPECT_EQ(compiled(ag::constant(std::int64_t{6})).item<std::int64_t>(), 8);
  ::unsetenv("AG_DUMP_DIR");
  EXPECT_EQ(compiled(ag::constant(std::int64_t{27})).item<std::int64_t>(), 111);
  EXPECT_EQ(compiled.trace_count(), 1);
  EXPECT_EQ(compiled.fallback_count(), 0);

  std::string ir = ag_test::dumpedIR(dir, "small_result_collatz");
  ASSERT_NE(ir.find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_EQ(ir.find("@malloc"), std::string::npos) << ir;
}

TEST(SmallResultsTest, InPlaceAndReturnedResultsKeepTheirOrderAndValues) {
  // m: f32[4,4] (64 bytes: in place), z: f32[?,4] and x: f32[?] (returned),
  // y: f32[17] (68 bytes: returned). A returned result of m's rank right
  // after it, a value returned twice and arguments returned as they are.
  auto results = [](const TensorList &args) {
    const Tensor &m = args[0], &z = args[1], &x = args[2], &y = args[3];
    Tensor total = ag::reduce_sum(x);
    return TensorList{m + 1.f, z * 2.f, total, x * 2.f, y * 3.f, total, m, x};
  };
  ag::jit::CompiledFunction compiled(
      results,
      {ag::TensorSpec{ag::DType::Float32, {4, 4}}, ag::TensorSpec{ag::DType::Float32, {-1, 4}},
       ag::TensorSpec{ag::DType::Float32, {-1}}, ag::TensorSpec{ag::DType::Float32, {17}}},
      "small_and_returned_results");
  auto iota = [](std::int64_t n, float from) {
    std::vector<float> values;
    for (std::int64_t i = 0; i < n; ++i)
      values.push_back(from + static_cast<float>(i));
    return values;
  };
  auto doubled = [](std::vector<float> values) {
    for (float &v : values)
      v *= 2.f;
    return values;
  };
  Tensor m = ag::constant(iota(16, 0.f), {4, 4});
  Tensor y = ag::constant(iota(17, 10.f), {17});
  // Each call's x and z: n values from `from`, and n rows of 4.
  auto expectResults = [&](const TensorList &got, std::int64_t n, float from) {
    ASSERT_EQ(got.size(), 8u);
    EXPECT_EQ(got[0].shape(), (ag::Shape{4, 4}));
    EXPECT_EQ(got[0].to_vector<float>(), iota(16, 1.f));
    EXPECT_EQ(got[1].shape(), (ag::Shape{n, 4}));
    EXPECT_EQ(got[1].to_vector<float>(), doubled(iota(4 * n, from)));
    EXPECT_EQ(got[2].shape(), ag::Shape{});
    // n values from `from` sum to n * from + n (n - 1) / 2.
    EXPECT_FLOAT_EQ(got[2].item<float>(),
                    static_cast<float>(n) * from + static_cast<float>(n * (n - 1) / 2));
    EXPECT_EQ(got[3].to_vector<float>(), doubled(iota(n, from)));
    std::vector<float> tripled = iota(17, 10.f);
    for (float &v : tripled)
      v *= 3.f;
    EXPECT_EQ(got[4].to_vector<float>(), tripled);
    EXPECT_EQ(got[5].shape(), ag::Shape{});
    EXPECT_FLOAT_EQ(got[5].item<float>(), got[2].item<float>());
    EXPECT_EQ(got[6].to_vector<float>(), iota(16, 0.f));
    EXPECT_EQ(got[7].to_vector<float>(), iota(n, from));
  };
  TensorList first = compiled({m, ag::constant(iota(12, 1.f), {3, 4}), ag::constant(iota(3, 1.f), {3}), y});
  expectResults(first, 3, 1.f);

  // A second call writes into new tensors: the first call's stay as they were.
  TensorList second =
      compiled({m, ag::constant(iota(20, 7.f), {5, 4}), ag::constant(iota(5, 7.f), {5}), y});
  expectResults(second, 5, 7.f);
  expectResults(first, 3, 1.f);
  EXPECT_NE(first[2].raw_data(), second[2].raw_data());
}

} // namespace
