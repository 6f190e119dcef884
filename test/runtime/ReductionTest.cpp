#include "TensorTestUtil.h"

#include <cmath>
#include <cstdint>
#include <limits>

using agtest::expect_invalid;
using agtest::expect_tensor;

namespace {
// [[1 2 3]
//  [4 5 6]]
ag::Tensor m() { return ag::constant({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}}); }
} // namespace

TEST(ReductionTest, SumOverAllAndEachAxis) {
  expect_tensor<float>(ag::reduce_sum(m()), ag::float32, {}, {21.f});
  expect_tensor<float>(ag::reduce_sum(m(), 0), ag::float32, {3}, {5.f, 7.f, 9.f});
  expect_tensor<float>(ag::reduce_sum(m(), 1), ag::float32, {2}, {6.f, 15.f});
  expect_tensor<float>(ag::reduce_sum(m(), -1), ag::float32, {2}, {6.f, 15.f});
  expect_tensor<float>(ag::reduce_sum(m(), {0, 1}), ag::float32, {}, {21.f});
  expect_tensor<float>(ag::reduce_sum(m(), 1, true), ag::float32, {2, 1},
                       {6.f, 15.f});
  expect_tensor<float>(ag::reduce_sum(m(), ag::Axes::all(), true), ag::float32,
                       {1, 1}, {21.f});
  expect_tensor<float>(ag::reduce_sum(m(), std::vector<std::int64_t>{}),
                       ag::float32, {2, 3}, {1, 2, 3, 4, 5, 6});
  expect_tensor<float>(ag::reduce_sum(ag::constant(4.f)), ag::float32, {},
                       {4.f});
}

TEST(ReductionTest, NonAdjacentAxesOfRank3) {
  // x[i,j,k] = 12i + 4j + k over [2,3,4].
  ag::Tensor x = ag::reshape(ag::range(24), {2, 3, 4});
  // Sum over i and k: for each j: sum_i sum_k (12i + 4j + k)
  //   = 4*(0+12) + 8*4j + 2*(0+1+2+3) = 48 + 32j + 12 -> [60, 92, 124].
  expect_tensor<int>(ag::reduce_sum(x, {0, 2}), ag::int32, {3}, {60, 92, 124});
  expect_tensor<int>(ag::reduce_sum(x, {2, 0}, true), ag::int32, {1, 3, 1},
                     {60, 92, 124});
  // Max over j: 12i + 8 + k.
  expect_tensor<int>(ag::reduce_max(x, 1), ag::int32, {2, 4},
                     {8, 9, 10, 11, 20, 21, 22, 23});
  // Min over i and j: k.
  expect_tensor<int>(ag::reduce_min(x, {0, 1}), ag::int32, {4}, {0, 1, 2, 3});
}

TEST(ReductionTest, MeanTruncatesForIntegers) {
  expect_tensor<int>(ag::reduce_mean(ag::constant({1, 2, 4})), ag::int32, {},
                     {2}); // 7 / 3
  expect_tensor<int>(ag::reduce_mean(ag::constant({-1, -2, -4})), ag::int32,
                     {}, {-2}); // -7 / 3 truncates toward zero
  expect_tensor<float>(ag::reduce_mean(m(), 0), ag::float32, {3},
                       {2.5f, 3.5f, 4.5f});
  expect_tensor<double>(ag::reduce_mean(ag::constant({1.0, 2.0})), ag::float64,
                        {}, {1.5});
}

TEST(ReductionTest, MaxMinOfNegativeIntegers) {
  // Negative values across several reduced runs (signed order, not unsigned).
  ag::Tensor x = ag::reshape(ag::constant({-9, 32, -1, 5, -7, -3, 0, -2}), {2, 2, 2});
  expect_tensor<int>(ag::reduce_max(x, {0, 2}), ag::int32, {2}, {32, 5});
  expect_tensor<int>(ag::reduce_min(x, {0, 2}), ag::int32, {2}, {-9, -2});
  expect_tensor<int>(ag::reduce_max(x), ag::int32, {}, {32});
  expect_tensor<int>(ag::reduce_min(x, 1), ag::int32, {2, 2}, {-9, 5, -7, -3});
}

TEST(ReductionTest, MaxMinPropagateNaN) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  ag::Tensor x = ag::constant({{1.f, nan}, {3.f, 2.f}});
  expect_tensor<float>(ag::reduce_max(x), ag::float32, {}, {nan});
  expect_tensor<float>(ag::reduce_max(x, 1), ag::float32, {2}, {nan, 3.f});
  expect_tensor<float>(ag::reduce_min(x, 0), ag::float32, {2}, {1.f, nan});
  expect_tensor<std::int64_t>(
      ag::reduce_max(ag::constant({std::int64_t{-5}, std::int64_t{-2}})),
      ag::int64, {}, {-2});
}

TEST(ReductionTest, EmptyReductions) {
  expect_tensor<float>(ag::reduce_sum(ag::zeros({0, 3}), 0), ag::float32, {3},
                       {0, 0, 0});
  expect_tensor<float>(ag::reduce_sum(ag::zeros({3, 0}), 1), ag::float32, {3},
                       {0, 0, 0});
  expect_tensor<float>(ag::reduce_mean(ag::zeros({0})), ag::float32, {},
                       {std::numeric_limits<float>::quiet_NaN()});
  expect_invalid([] { ag::reduce_max(ag::zeros({0})); },
                 "reduce_max: cannot reduce an empty axis of shape [0]");
  expect_invalid([] { ag::reduce_mean(ag::zeros({2, 0}, ag::int32), 1); },
                 "reduce_mean: cannot reduce an empty axis");
}

TEST(ReductionTest, IntegerSumWraps) {
  const int max = std::numeric_limits<int>::max();
  expect_tensor<int>(ag::reduce_sum(ag::constant({max, 1})), ag::int32, {},
                     {std::numeric_limits<int>::min()});
}

TEST(ReductionTest, LargeSumIsAccurate) {
  // 1..4096 summed: 4096 * 4097 / 2 = 8390656 (exact in float32).
  ag::Tensor x = ag::cast(ag::range(1, 4097), ag::float32);
  expect_tensor<float>(ag::reduce_sum(x), ag::float32, {}, {8390656.f});
  // Column sums of a [1000, 8] matrix of ones via the strided path.
  expect_tensor<float>(ag::reduce_sum(ag::ones({1000, 8}), 0), ag::float32,
                       {8}, std::vector<float>(8, 1000.f));
}

TEST(ReductionTest, ReductionErrors) {
  expect_invalid([] { ag::reduce_sum(m(), 2); },
                 "reduce_sum: axis 2 is out of range for shape [2,3]");
  expect_invalid([] { ag::reduce_sum(m(), {0, 0}); },
                 "reduce_sum: axis 0 is repeated");
  expect_invalid([] { ag::reduce_sum(ag::constant({true})); },
                 "reduce_sum: unsupported dtype bool");
}

TEST(ReductionTest, ArgMax) {
  ag::Tensor x = ag::constant({{1.f, 7.f, 7.f}, {9.f, 0.f, 2.f}});
  expect_tensor<std::int64_t>(ag::argmax(x), ag::int64, {3}, {1, 0, 0});
  expect_tensor<std::int64_t>(ag::argmax(x, 1), ag::int64, {2}, {1, 0});
  expect_tensor<std::int64_t>(ag::argmax(x, -1), ag::int64, {2}, {1, 0});
  expect_tensor<std::int64_t>(ag::argmax(ag::constant({3, -1, 8, 8})), ag::int64,
                              {}, {2});
  const float nan = std::numeric_limits<float>::quiet_NaN();
  expect_tensor<std::int64_t>(ag::argmax(ag::constant({1.f, nan, 5.f, nan})),
                              ag::int64, {}, {1});
  expect_invalid([] { ag::argmax(ag::zeros({0})); }, "argmax: cannot take the argmax of an empty axis");
  expect_invalid([&] { ag::argmax(x, 2); }, "argmax: axis 2 is out of range");
}

TEST(ReductionTest, Softmax) {
  // softmax([0, ln 3]) = [1/4, 3/4]; rows independent.
  ag::Tensor x = ag::constant({{0.0, std::log(3.0)}, {5.0, 5.0}});
  expect_tensor<double>(ag::softmax(x), ag::float64, {2, 2},
                        {0.25, 0.75, 0.5, 0.5}, 1e-12);
  // Large logits do not overflow.
  expect_tensor<float>(ag::softmax(ag::constant({1000.f, 1000.f})), ag::float32,
                       {2}, {0.5f, 0.5f});
  expect_tensor<double>(ag::softmax(x, 0), ag::float64, {2, 2},
                        {1.0 / (1.0 + std::exp(5.0)),
                         3.0 / (3.0 + std::exp(5.0)),
                         std::exp(5.0) / (1.0 + std::exp(5.0)),
                         std::exp(5.0) / (3.0 + std::exp(5.0))},
                        1e-12);
  expect_invalid([] { ag::softmax(ag::constant({1, 2})); },
                 "softmax: unsupported dtype int32");
}
