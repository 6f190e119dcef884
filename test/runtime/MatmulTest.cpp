#include "TensorTestUtil.h"

#include <cstdint>

using agtest::expect_invalid;
using agtest::expect_tensor;

TEST(MatMulTest, TwoByThreeTimesThreeByTwo) {
  ag::Tensor a = ag::constant({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}});
  ag::Tensor b = ag::constant({{7.f, 8.f}, {9.f, 10.f}, {11.f, 12.f}});
  // [1*7+2*9+3*11, 1*8+2*10+3*12; 4*7+5*9+6*11, 4*8+5*10+6*12]
  expect_tensor<float>(ag::matmul(a, b), ag::float32, {2, 2},
                       {58.f, 64.f, 139.f, 154.f});
}

TEST(MatMulTest, EachNumericDType) {
  expect_tensor<double>(ag::matmul(ag::constant({{1.0, 2.0}}), ag::constant({{3.0}, {4.0}})),
                        ag::float64, {1, 1}, {11.0});
  expect_tensor<int>(ag::matmul(ag::constant({{1, -2}, {3, 4}}), ag::constant({{5, 6}, {7, 8}})),
                     ag::int32, {2, 2}, {-9, -10, 43, 50});
  ag::Tensor i64 = ag::constant({{std::int64_t{1} << 40}});
  expect_tensor<std::int64_t>(ag::matmul(i64, ag::constant({{std::int64_t{2}}})),
                              ag::int64, {1, 1}, {std::int64_t{1} << 41});
}

TEST(MatMulTest, BatchedAndSharedOperand) {
  // a: [2,1,2] = [[[1,2]], [[3,4]]]; b: [2,2,1] = [[[1],[1]], [[2],[0]]]
  ag::Tensor a = ag::reshape(ag::constant({1.f, 2.f, 3.f, 4.f}), {2, 1, 2});
  ag::Tensor b = ag::reshape(ag::constant({1.f, 1.f, 2.f, 0.f}), {2, 2, 1});
  expect_tensor<float>(ag::matmul(a, b), ag::float32, {2, 1, 1}, {3.f, 6.f});
  // Shared rank-2 right operand: [[1,0],[0,2]]
  ag::Tensor w = ag::constant({{1.f, 0.f}, {0.f, 2.f}});
  expect_tensor<float>(ag::matmul(a, w), ag::float32, {2, 1, 2},
                       {1.f, 4.f, 3.f, 8.f});
}

TEST(MatMulTest, LargerMatchesNaiveProduct) {
  const int n = 37, k = 19, m = 23;
  ag::Tensor a = ag::random::uniform({n, k}, -1, 1, 3, ag::float64);
  ag::Tensor b = ag::random::uniform({k, m}, -1, 1, 4, ag::float64);
  std::vector<double> av = a.to_vector<double>(), bv = b.to_vector<double>();
  std::vector<double> expected(n * m, 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      for (int p = 0; p < k; ++p)
        expected[i * m + j] += av[i * k + p] * bv[p * m + j];
  expect_tensor<double>(ag::matmul(a, b), ag::float64, {n, m}, expected, 1e-12);
}

TEST(MatMulTest, EmptyInnerDimensionGivesZeros) {
  expect_tensor<float>(ag::matmul(ag::zeros({2, 0}), ag::zeros({0, 3})),
                       ag::float32, {2, 3}, std::vector<float>(6, 0.f));
}

TEST(MatMulTest, Errors) {
  expect_invalid([] { ag::matmul(ag::zeros({2, 3}), ag::zeros({2, 3})); },
                 "matmul: incompatible shapes [2,3] and [2,3] (inner dimensions differ)");
  expect_invalid([] { ag::matmul(ag::zeros({3}), ag::zeros({3, 1})); },
                 "matmul: incompatible shapes [3] and [3,1]");
  expect_invalid([] { ag::matmul(ag::zeros({2, 2}), ag::zeros({2, 2}, ag::int32)); },
                 "matmul: dtype mismatch float32 vs int32 (use ag::cast)");
  expect_invalid([] { ag::matmul(ag::zeros({2, 2, 2}), ag::zeros({3, 2, 2})); },
                 "batch dimensions differ");
}
