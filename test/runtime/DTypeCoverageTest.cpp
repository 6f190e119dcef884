// Each op family over each dtype it accepts, with hand-computed values.
#include "TensorTestUtil.h"

#include <cstdint>

using agtest::expect_invalid;
using agtest::expect_tensor;

template <class T> class NumericDTypeTest : public testing::Test {};
using NumericTypes = testing::Types<float, double, std::int32_t, std::int64_t>;
TYPED_TEST_SUITE(NumericDTypeTest, NumericTypes);

TYPED_TEST(NumericDTypeTest, ArithmeticWithBroadcasting) {
  using T = TypeParam;
  const ag::DType d = ag::dtype_of<T>();
  // m = [[6, -4], [9, 3]], v = [3, 2]
  ag::Tensor m = ag::constant(std::vector<T>{6, -4, 9, 3}, {2, 2});
  ag::Tensor v = ag::constant(std::vector<T>{3, 2});
  expect_tensor<T>(m + v, d, {2, 2}, {9, -2, 12, 5});
  expect_tensor<T>(m - v, d, {2, 2}, {3, -6, 6, 1});
  expect_tensor<T>(m * v, d, {2, 2}, {18, -8, 27, 6});
  expect_tensor<T>(m / v, d, {2, 2}, {2, -2, 3, T(3) / T(2)}); // 1 for ints, 1.5 for floats
  expect_tensor<T>(ag::maximum(m, v), d, {2, 2}, {6, 2, 9, 3});
  expect_tensor<T>(ag::minimum(m, v), d, {2, 2}, {3, -4, 3, 2});
  expect_tensor<T>(ag::pow(v, ag::constant(std::vector<T>{2, 3})), d, {2}, {9, 8});
  expect_tensor<T>(m % ag::constant(std::vector<T>{4}), d, {2, 2}, {2, 0, 1, 3});
  expect_tensor<T>(-m, d, {2, 2}, {-6, 4, -9, -3});
  expect_tensor<T>(ag::abs(m), d, {2, 2}, {6, 4, 9, 3});
  expect_tensor<T>(ag::square(m), d, {2, 2}, {36, 16, 81, 9});
  expect_tensor<T>(ag::relu(m), d, {2, 2}, {6, 0, 9, 3});
  expect_tensor<T>(m + 1, d, {2, 2}, {7, -3, 10, 4});
  expect_tensor<T>(2 * v, d, {2}, {6, 4});
  // 0-d with 0-d.
  expect_tensor<T>(ag::constant(T(5)) - ag::constant(T(7)), d, {}, {-2});
}

TYPED_TEST(NumericDTypeTest, ComparisonsAndSelect) {
  using T = TypeParam;
  const ag::DType d = ag::dtype_of<T>();
  ag::Tensor a = ag::constant(std::vector<T>{1, 5, -3});
  ag::Tensor b = ag::constant(T(1));
  expect_tensor<bool>(a == b, ag::boolean, {3}, {true, false, false});
  expect_tensor<bool>(a != b, ag::boolean, {3}, {false, true, true});
  expect_tensor<bool>(a < b, ag::boolean, {3}, {false, false, true});
  expect_tensor<bool>(a <= b, ag::boolean, {3}, {true, false, true});
  expect_tensor<bool>(a > b, ag::boolean, {3}, {false, true, false});
  expect_tensor<bool>(a >= b, ag::boolean, {3}, {true, true, false});
  expect_tensor<T>(ag::where(a > b, a, ag::constant(T(0))), d, {3}, {0, 5, 0});
}

TYPED_TEST(NumericDTypeTest, ReductionsAndArgMax) {
  using T = TypeParam;
  const ag::DType d = ag::dtype_of<T>();
  // [[4, -2, 7], [1, 8, -6]]
  ag::Tensor m = ag::constant(std::vector<T>{4, -2, 7, 1, 8, -6}, {2, 3});
  expect_tensor<T>(ag::reduce_sum(m), d, {}, {12});
  expect_tensor<T>(ag::reduce_sum(m, 0), d, {3}, {5, 6, 1});
  expect_tensor<T>(ag::reduce_max(m, 1), d, {2}, {7, 8});
  expect_tensor<T>(ag::reduce_min(m, 1, true), d, {2, 1}, {-2, -6});
  expect_tensor<T>(ag::reduce_mean(m, 1), d, {2}, {3, 1}); // 9/3, 3/3
  expect_tensor<std::int64_t>(ag::argmax(m, 1), ag::int64, {2}, {2, 1});
  expect_tensor<std::int64_t>(ag::argmax(m, 0), ag::int64, {3}, {0, 1, 0});
}

TYPED_TEST(NumericDTypeTest, ShapeOpsAndCasts) {
  using T = TypeParam;
  const ag::DType d = ag::dtype_of<T>();
  ag::Tensor m = ag::constant(std::vector<T>{1, 2, 3, 4, 5, 6}, {2, 3});
  expect_tensor<T>(ag::transpose(m), d, {3, 2}, {1, 4, 2, 5, 3, 6});
  expect_tensor<T>(ag::reshape(m, {3, 2}), d, {3, 2}, {1, 2, 3, 4, 5, 6});
  expect_tensor<T>(ag::broadcast_to(m[0], {2, 3}), d, {2, 3}, {1, 2, 3, 1, 2, 3});
  expect_tensor<T>(ag::concat({m, m[ag::constant(1)][ag::constant(0)] + m}, 1), d,
                   {2, 6}, {1, 2, 3, 5, 6, 7, 4, 5, 6, 8, 9, 10});
  expect_tensor<T>(ag::stack({m[1], m[0]}), d, {2, 3}, {4, 5, 6, 1, 2, 3});
  expect_tensor<T>(ag::fill({2}, ag::constant(T(7))), d, {2}, {7, 7});
  expect_tensor<T>(ag::matmul(m, ag::transpose(m)), d, {2, 2}, {14, 32, 32, 77});
  expect_tensor<T>(ag::one_hot(ag::constant({1, 0}), 2, d), d, {2, 2}, {0, 1, 1, 0});
  expect_tensor<T>(ag::range(ag::constant(T(3))), d, {3}, {0, 1, 2});
  expect_tensor<double>(ag::cast(m, ag::float64), ag::float64, {2, 3}, {1, 2, 3, 4, 5, 6});
  expect_tensor<std::int64_t>(ag::cast(m, ag::int64), ag::int64, {2, 3}, {1, 2, 3, 4, 5, 6});
  expect_tensor<bool>(ag::cast(m - 2, ag::boolean), ag::boolean, {2, 3},
                      {true, false, true, true, true, true});
  EXPECT_EQ(ag::reduce_sum(m).item<T>(), T(21));
}

TEST(DTypeCoverageTest, FloatingOnlyOpsOnBothFloatTypes) {
  expect_tensor<float>(ag::exp(ag::constant({0.f})), ag::float32, {1}, {1.f});
  expect_tensor<double>(ag::exp(ag::constant({0.0})), ag::float64, {1}, {1.0});
  expect_tensor<float>(ag::log(ag::constant({1.f})), ag::float32, {1}, {0.f});
  expect_tensor<double>(ag::sqrt(ag::constant({16.0})), ag::float64, {1}, {4.0});
  expect_tensor<double>(ag::tanh(ag::constant({0.0})), ag::float64, {1}, {0.0});
  expect_tensor<float>(ag::softmax(ag::constant({{1.f, 1.f}})), ag::float32, {1, 2},
                       {0.5f, 0.5f});
  expect_tensor<double>(ag::softmax(ag::constant({{2.0, 2.0, 2.0, 2.0}})), ag::float64,
                        {1, 4}, {0.25, 0.25, 0.25, 0.25});
  for (ag::DType d : {ag::int32, ag::int64, ag::boolean}) {
    ag::Tensor x = ag::zeros({2}, d);
    EXPECT_THROW(ag::exp(x), ag::InvalidArgumentError);
    EXPECT_THROW(ag::log(x), ag::InvalidArgumentError);
    EXPECT_THROW(ag::sqrt(x), ag::InvalidArgumentError);
    EXPECT_THROW(ag::tanh(x), ag::InvalidArgumentError);
    EXPECT_THROW(ag::sigmoid(x), ag::InvalidArgumentError);
  }
}

TEST(DTypeCoverageTest, BooleansThroughShapeOps) {
  ag::Tensor b = ag::constant({{true, false, false}, {false, true, true}});
  expect_tensor<bool>(ag::transpose(b), ag::boolean, {3, 2},
                      {true, false, false, true, false, true});
  expect_tensor<bool>(ag::reshape(b, {6}), ag::boolean, {6},
                      {true, false, false, false, true, true});
  expect_tensor<bool>(ag::concat({b[0], b[1]}), ag::boolean, {6},
                      {true, false, false, false, true, true});
  expect_tensor<bool>(ag::broadcast_to(ag::constant(true), {2}), ag::boolean, {2},
                      {true, true});
  expect_tensor<bool>(ag::where(b, b, ~b), ag::boolean, {2, 3},
                      {true, true, true, true, true, true});
  expect_tensor<bool>(ag::fill({2}, true), ag::boolean, {2}, {true, true});
  expect_tensor<bool>(b[1] == ag::constant({false, true, false}), ag::boolean, {3},
                      {true, true, false});
  expect_tensor<bool>(ag::one_hot(ag::constant({2}), 3, ag::boolean), ag::boolean,
                      {1, 3}, {false, false, true});
  for (auto f : {+[](const ag::Tensor &x) { return ag::reduce_sum(x); },
                 +[](const ag::Tensor &x) { return ag::argmax(x); },
                 +[](const ag::Tensor &x) { return ag::matmul(x, x); },
                 +[](const ag::Tensor &x) { return ag::abs(x); }})
    expect_invalid([&] { f(b); }, "unsupported dtype bool");
}
