#include "TensorTestUtil.h"

#include <cmath>
#include <cstdint>
#include <limits>

using agtest::expect_invalid;
using agtest::expect_tensor;

namespace {
const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();
} // namespace

TEST(ElementwiseTest, ArithmeticFloat32) {
  ag::Tensor a = ag::constant({1.f, -2.f, 3.5f});
  ag::Tensor b = ag::constant({4.f, 0.5f, -1.f});
  expect_tensor<float>(a + b, ag::float32, {3}, {5.f, -1.5f, 2.5f});
  expect_tensor<float>(a - b, ag::float32, {3}, {-3.f, -2.5f, 4.5f});
  expect_tensor<float>(a * b, ag::float32, {3}, {4.f, -1.f, -3.5f});
  expect_tensor<float>(a / b, ag::float32, {3}, {0.25f, -4.f, -3.5f});
  expect_tensor<float>(-a, ag::float32, {3}, {-1.f, 2.f, -3.5f});
}

TEST(ElementwiseTest, ArithmeticFloat64) {
  ag::Tensor a = ag::constant({1.0, 9.0});
  ag::Tensor b = ag::constant({3.0, 2.0});
  expect_tensor<double>(a / b, ag::float64, {2}, {1.0 / 3.0, 4.5}, 1e-12);
  expect_tensor<double>(ag::pow(a, b), ag::float64, {2}, {1.0, 81.0});
  // fmod: the sign of the dividend.
  expect_tensor<double>(ag::constant({7.5, -7.5}) % ag::constant({2.0, 2.0}),
                        ag::float64, {2}, {1.5, -1.5});
}

TEST(ElementwiseTest, IntegerDivisionAndRemainderFollowCxx) {
  ag::Tensor a = ag::constant({7, -7, 7, -7});
  ag::Tensor b = ag::constant({2, 2, -2, -2});
  expect_tensor<int>(a / b, ag::int32, {4}, {3, -3, -3, 3});
  expect_tensor<int>(a % b, ag::int32, {4}, {1, -1, 1, -1});
  ag::Tensor c = ag::constant({std::int64_t{-9}, std::int64_t{9}});
  ag::Tensor d = ag::constant({std::int64_t{4}, std::int64_t{-4}});
  expect_tensor<std::int64_t>(c / d, ag::int64, {2}, {-2, -2});
  expect_tensor<std::int64_t>(c % d, ag::int64, {2}, {-1, 1});
}

TEST(ElementwiseTest, IntegerOverflowWrapsWithoutUB) {
  const int max = std::numeric_limits<int>::max();
  const int min = std::numeric_limits<int>::min();
  expect_tensor<int>(ag::constant(max) + 1, ag::int32, {}, {min});
  expect_tensor<int>(ag::constant(min) - 1, ag::int32, {}, {max});
  expect_tensor<int>(ag::constant({min}) / ag::constant({-1}), ag::int32, {1},
                     {min});
  expect_tensor<int>(ag::constant({min}) % ag::constant({-1}), ag::int32, {1},
                     {0});
  expect_tensor<int>(-ag::constant({min}), ag::int32, {1}, {min});
  expect_tensor<int>(ag::abs(ag::constant({min, -3})), ag::int32, {2},
                     {min, 3});
  // 65536^2 = 2^32 wraps to 0.
  expect_tensor<int>(ag::square(ag::constant({65536, -3})), ag::int32, {2},
                     {0, 9});
  expect_tensor<int>(ag::constant({65536}) * ag::constant({65536}), ag::int32,
                     {1}, {0});
}

TEST(ElementwiseTest, IntegerPow) {
  expect_tensor<int>(ag::pow(ag::constant({2, -3, 5, 0}), ag::constant({10, 3, 0, 0})),
                     ag::int32, {4}, {1024, -27, 1, 1});
  expect_tensor<std::int64_t>(ag::pow(ag::constant({std::int64_t{3}}), 4),
                              ag::int64, {1}, {81});
}

TEST(ElementwiseTest, BroadcastingLikeNumPy) {
  ag::Tensor m = ag::constant({{1, 2, 3}, {4, 5, 6}}); // [2,3]
  ag::Tensor row = ag::constant({10, 20, 30});         // [3]
  ag::Tensor col = ag::constant({{100}, {200}});       // [2,1]
  expect_tensor<int>(m + row, ag::int32, {2, 3}, {11, 22, 33, 14, 25, 36});
  expect_tensor<int>(row + m, ag::int32, {2, 3}, {11, 22, 33, 14, 25, 36});
  expect_tensor<int>(m + col, ag::int32, {2, 3},
                     {101, 102, 103, 204, 205, 206});
  // [2,1] and [3] broadcast to [2,3] (both operands expand).
  expect_tensor<int>(col - row, ag::int32, {2, 3},
                     {90, 80, 70, 190, 180, 170});
  // 0-d tensor with a matrix, both orders.
  expect_tensor<int>(m * ag::constant(2), ag::int32, {2, 3},
                     {2, 4, 6, 8, 10, 12});
  expect_tensor<int>(ag::constant(10) - m, ag::int32, {2, 3},
                     {9, 8, 7, 6, 5, 4});
  // Rank-3 with a size-1 middle axis.
  ag::Tensor t = ag::reshape(ag::range(4), {2, 1, 2});
  ag::Tensor u = ag::reshape(ag::range(3), {3, 1});
  // t[i,0,k] = 2i+k; u[j,0] = j; result[i,j,k] = 2i+k+j, shape [2,3,2].
  expect_tensor<int>(t + u, ag::int32, {2, 3, 2},
                     {0, 1, 1, 2, 2, 3, 2, 3, 3, 4, 4, 5});
  // [1] broadcasts like a scalar but keeps the rank.
  expect_tensor<float>(ag::constant({2.f}) * ag::constant(3.f), ag::float32,
                       {1}, {6.f});
  // Single-element operands of different ranks take the larger rank.
  expect_tensor<int>(ag::constant(1) + ag::ones({1, 1, 1}, ag::int32), ag::int32,
                     {1, 1, 1}, {2});
  expect_tensor<int>(ag::ones({1, 1}, ag::int32) * ag::constant(3), ag::int32,
                     {1, 1}, {3});
  expect_tensor<float>(ag::zeros({0}) + ag::constant({1.f}), ag::float32, {0}, {});
  expect_tensor<float>(ag::constant({1.f}) - ag::zeros({0}), ag::float32, {0}, {});
  // Empty dimensions broadcast too.
  expect_tensor<float>(ag::zeros({0, 3}) + ag::ones({3}), ag::float32, {0, 3},
                       {});
}

TEST(ElementwiseTest, CxxScalarsTakeTheTensorDType) {
  ag::Tensor i = ag::constant({1, 2, 3});
  expect_tensor<int>(i * 2.7, ag::int32, {3}, {2, 4, 6}); // 2.7 -> int32 2
  expect_tensor<int>(10 / i, ag::int32, {3}, {10, 5, 3});
  ag::Tensor f = ag::constant({1.f, 2.f});
  ag::Tensor r = f + 1;
  expect_tensor<float>(r, ag::float32, {2}, {2.f, 3.f});
  expect_tensor<double>(ag::constant(1.0) / 4, ag::float64, {}, {0.25});
  expect_tensor<bool>(i > 1, ag::boolean, {3}, {false, true, true});
  expect_tensor<bool>(2 == i, ag::boolean, {3}, {false, true, false});
  expect_tensor<float>(ag::maximum(f, 1.5), ag::float32, {2}, {1.5f, 2.f});
  expect_tensor<float>(ag::minimum(f, 1.5), ag::float32, {2}, {1.f, 1.5f});
  expect_tensor<float>(ag::pow(f, 2), ag::float32, {2}, {1.f, 4.f});
}

TEST(ElementwiseTest, CompoundAssignmentRebindsTheHandle) {
  ag::Tensor a = ag::constant({1, 2});
  ag::Tensor alias = a;
  a += ag::constant({10, 20});
  expect_tensor<int>(a, ag::int32, {2}, {11, 22});
  expect_tensor<int>(alias, ag::int32, {2}, {1, 2}); // buffers are immutable
  a -= 1;
  a *= 2;
  expect_tensor<int>(a, ag::int32, {2}, {20, 42});
  a /= 4;
  expect_tensor<int>(a, ag::int32, {2}, {5, 10});
  a %= 3;
  expect_tensor<int>(a, ag::int32, {2}, {2, 1});
  ag::Tensor f = ag::constant(1.f);
  for (int k = 0; k < 3; ++k)
    f *= 2.f;
  expect_tensor<float>(f, ag::float32, {}, {8.f});
  ag::Tensor m = ag::constant({true, false});
  m |= ag::constant({false, true});
  expect_tensor<bool>(m, ag::boolean, {2}, {true, true});
  m &= ag::constant({true, false});
  expect_tensor<bool>(m, ag::boolean, {2}, {true, false});
}

TEST(ElementwiseTest, UnaryMath) {
  ag::Tensor x = ag::constant({0.0, 1.0, 4.0});
  expect_tensor<double>(ag::exp(x), ag::float64, {3},
                        {1.0, 2.718281828459045, 54.598150033144236});
  expect_tensor<double>(ag::sqrt(x), ag::float64, {3}, {0.0, 1.0, 2.0});
  expect_tensor<double>(ag::log(ag::constant({1.0, 2.718281828459045})),
                        ag::float64, {2}, {0.0, 1.0});
  expect_tensor<float>(ag::abs(ag::constant({-1.5f, 2.f})), ag::float32, {2},
                       {1.5f, 2.f});
  expect_tensor<float>(ag::square(ag::constant({-3.f, 0.5f})), ag::float32,
                       {2}, {9.f, 0.25f});
  // tanh(1) = 0.7615941559557649; sigmoid(0) = 0.5; sigmoid(2) = 0.8807970779778823
  expect_tensor<float>(ag::tanh(ag::constant({0.f, 1.f, -1.f})), ag::float32,
                       {3}, {0.f, 0.7615942f, -0.7615942f}, 1e-5);
  expect_tensor<float>(ag::sigmoid(ag::constant({0.f, 2.f, -2.f})), ag::float32,
                       {3}, {0.5f, 0.8807971f, 0.1192029f}, 1e-5);
  expect_tensor<double>(ag::sigmoid(ag::constant({0.0, 2.0})), ag::float64,
                        {2}, {0.5, 0.8807970779778823}, 1e-12);
  expect_tensor<float>(ag::relu(ag::constant({-1.f, 0.f, 2.f})), ag::float32,
                       {3}, {0.f, 0.f, 2.f});
  expect_tensor<int>(ag::relu(ag::constant({-1, 3})), ag::int32, {2}, {0, 3});
  expect_tensor<std::int64_t>(ag::neg(ag::constant({std::int64_t{4}})),
                              ag::int64, {1}, {-4});
  // The 0-d path.
  expect_tensor<float>(ag::sqrt(ag::constant(9.f)), ag::float32, {}, {3.f});
}

TEST(ElementwiseTest, SignOfEveryNumericDType) {
  // -1, 0 or 1; NaN stays NaN and -0 stays -0 (numpy.sign's values).
  ag::Tensor f = ag::sign(ag::constant({-2.5f, 0.f, 3.f, kNaN, -kInf, -0.f}));
  expect_tensor<float>(f, ag::float32, {6}, {-1.f, 0.f, 1.f, kNaN, -1.f, -0.f});
  EXPECT_TRUE(std::signbit(f.to_vector<float>()[5]));
  expect_tensor<double>(ag::sign(ag::constant({-1e-300, 7.0})), ag::float64, {2},
                        {-1.0, 1.0});
  expect_tensor<int>(ag::sign(ag::constant({-7, 0, 9})), ag::int32, {3}, {-1, 0, 1});
  expect_tensor<std::int64_t>(
      ag::sign(ag::constant({std::numeric_limits<std::int64_t>::min(), std::int64_t{5}})),
      ag::int64, {2}, {-1, 1});
  expect_tensor<float>(ag::sign(ag::constant(-4.f)), ag::float32, {}, {-1.f});
  expect_invalid([] { ag::sign(ag::constant({true})); },
                 "sign: unsupported dtype bool (needs a numeric dtype; use ag::cast)");
}

TEST(ElementwiseTest, NaNPropagatesThroughMaximumMinimumAndRelu) {
  ag::Tensor a = ag::constant({kNaN, 1.f, 2.f});
  ag::Tensor b = ag::constant({0.f, kNaN, 1.f});
  expect_tensor<float>(ag::maximum(a, b), ag::float32, {3}, {kNaN, kNaN, 2.f});
  expect_tensor<float>(ag::minimum(a, b), ag::float32, {3}, {kNaN, kNaN, 1.f});
  expect_tensor<float>(ag::relu(a), ag::float32, {3}, {kNaN, 1.f, 2.f});
  expect_tensor<float>(ag::maximum(ag::constant(kNaN), ag::constant(1.f)),
                       ag::float32, {}, {kNaN});
  expect_tensor<float>(ag::constant({1.f, -1.f}) / ag::constant({0.f, 0.f}),
                       ag::float32, {2}, {kInf, -kInf});
}

TEST(ElementwiseTest, Comparisons) {
  ag::Tensor a = ag::constant({1, 2, 3});
  ag::Tensor b = ag::constant({2, 2, 2});
  expect_tensor<bool>(a < b, ag::boolean, {3}, {true, false, false});
  expect_tensor<bool>(a <= b, ag::boolean, {3}, {true, true, false});
  expect_tensor<bool>(a > b, ag::boolean, {3}, {false, false, true});
  expect_tensor<bool>(a >= b, ag::boolean, {3}, {false, true, true});
  expect_tensor<bool>(a == b, ag::boolean, {3}, {false, true, false});
  expect_tensor<bool>(a != b, ag::boolean, {3}, {true, false, true});
  expect_tensor<bool>(ag::less(ag::constant(1.5), ag::constant(2.0)),
                      ag::boolean, {}, {true});
  expect_tensor<bool>(ag::constant({kNaN}) == ag::constant({kNaN}),
                      ag::boolean, {1}, {false});
  expect_tensor<bool>(ag::constant({true, false}) == ag::constant(true),
                      ag::boolean, {2}, {true, false});
}

TEST(ElementwiseTest, Logic) {
  ag::Tensor p = ag::constant({true, true, false, false});
  ag::Tensor q = ag::constant({true, false, true, false});
  expect_tensor<bool>(p & q, ag::boolean, {4}, {true, false, false, false});
  expect_tensor<bool>(p | q, ag::boolean, {4}, {true, true, true, false});
  expect_tensor<bool>(~p, ag::boolean, {4}, {false, false, true, true});
  expect_tensor<bool>(ag::logical_and(p, ag::constant(true)), ag::boolean, {4},
                      {true, true, false, false});
  expect_tensor<bool>(ag::logical_not(ag::constant(false)), ag::boolean, {},
                      {true});
}

TEST(ElementwiseTest, ShortCircuitOperatorsUseTheTruthValue) {
  ag::Tensor t = ag::constant(true), f = ag::constant(false);
  int evaluated = 0;
  auto side = [&] {
    ++evaluated;
    return ag::constant(true);
  };
  EXPECT_FALSE(f && side());
  EXPECT_TRUE(t || side());
  EXPECT_EQ(evaluated, 0);
  EXPECT_TRUE(t && side());
  EXPECT_EQ(evaluated, 1);
  EXPECT_TRUE(!f);
  EXPECT_TRUE(static_cast<bool>(ag::constant(2)));
  EXPECT_FALSE(static_cast<bool>(ag::constant(0.0)));
  if (ag::constant(3) > 2) {
    SUCCEED();
  } else {
    ADD_FAILURE();
  }
}

TEST(ElementwiseTest, CastFollowsCxxWithoutUB) {
  ag::Tensor f = ag::constant({1.9f, -1.9f, kNaN, 3e9f, -3e9f, kInf});
  const int max = std::numeric_limits<int>::max();
  const int min = std::numeric_limits<int>::min();
  expect_tensor<int>(ag::cast(f, ag::int32), ag::int32, {6},
                     {1, -1, 0, max, min, max});
  expect_tensor<std::int64_t>(ag::cast(ag::constant({2.5, -0.5}), ag::int64),
                              ag::int64, {2}, {2, 0});
  expect_tensor<float>(ag::cast(ag::constant({1, -2}), ag::float32),
                       ag::float32, {2}, {1.f, -2.f});
  expect_tensor<bool>(ag::cast(ag::constant({0.f, 0.5f, -2.f}), ag::boolean),
                      ag::boolean, {3}, {false, true, true});
  expect_tensor<int>(ag::cast(ag::constant({true, false}), ag::int32),
                     ag::int32, {2}, {1, 0});
  // int64 -> int32 wraps (two's complement).
  expect_tensor<int>(ag::cast(ag::constant({std::int64_t{4294967297}}), ag::int32),
                     ag::int32, {1}, {1});
  ag::Tensor same = ag::constant({1.f});
  EXPECT_EQ(ag::cast(same, ag::float32).id(), same.id());
}

TEST(ElementwiseTest, WhereSelectsAndBroadcasts) {
  ag::Tensor c = ag::constant({true, false, true});
  expect_tensor<int>(ag::where(c, ag::constant({1, 2, 3}), ag::constant({-1, -2, -3})),
                     ag::int32, {3}, {1, -2, 3});
  expect_tensor<float>(ag::where(c, ag::constant({1.f, 2.f, 3.f}), 0.f),
                       ag::float32, {3}, {1.f, 0.f, 3.f});
  // [2,1] condition against [3] values -> [2,3].
  ag::Tensor c2 = ag::constant({{true}, {false}});
  expect_tensor<int>(ag::where(c2, ag::constant({1, 2, 3}), ag::constant(0)),
                     ag::int32, {2, 3}, {1, 2, 3, 0, 0, 0});
  expect_invalid([] { ag::where(ag::constant({1}), ag::constant({1}), ag::constant({2})); },
                 "where: condition must be bool, got int32");
}

TEST(ElementwiseTest, ItemAndToVectorConvert) {
  ag::Tensor t = ag::constant(2.75f);
  EXPECT_EQ(t.item<int>(), 2);
  EXPECT_DOUBLE_EQ(t.item<double>(), 2.75);
  EXPECT_EQ(ag::constant({1, 0}).to_vector<bool>(), (std::vector<bool>{true, false}));
  EXPECT_EQ(*ag::constant({5, 6}).data<int>(), 5);
}
