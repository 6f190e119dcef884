// Every API example of SPEC section 3, run eagerly, with the documented
// results.
#include "TensorTestUtil.h"

#include <cstdint>
#include <vector>

using agtest::expect_tensor;

namespace {
template <class... Args> std::string printed(const Args &...args) {
  testing::internal::CaptureStdout();
  ag::print(args...);
  return testing::internal::GetCapturedStdout();
}
} // namespace

TEST(SpecExamplesTest, TensorAccessors) {
  ag::Tensor t = ag::constant({{1, 2}, {3, 4}});
  EXPECT_EQ(t.dtype(), ag::int32);
  EXPECT_EQ(t.shape(), (ag::Shape{2, 2}));
  EXPECT_EQ(t.rank(), 2);
  EXPECT_EQ(t.to_vector<int>(), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(ag::reduce_sum(t).item<int>(), 10);
  ag::Tensor undefined;
  EXPECT_THROW(undefined + t, ag::InvalidArgumentError);
}

TEST(SpecExamplesTest, Creation) {
  EXPECT_EQ(ag::constant(1.f).dtype(), ag::float32);
  EXPECT_EQ(ag::constant(1.0).dtype(), ag::float64);
  EXPECT_EQ(ag::constant(1).dtype(), ag::int32);
  EXPECT_EQ(ag::constant(std::int64_t{1}).dtype(), ag::int64);
  EXPECT_EQ(ag::constant(true).dtype(), ag::boolean);
  expect_tensor<float>(ag::constant({1.f, 2.f}), ag::float32, {2}, {1, 2});
  expect_tensor<int>(ag::constant({{1, 2}, {3, 4}}), ag::int32, {2, 2}, {1, 2, 3, 4});
  expect_tensor<double>(ag::constant(std::vector<double>{1, 2, 3, 4, 5, 6}, ag::Shape{3, 2}),
                        ag::float64, {3, 2}, {1, 2, 3, 4, 5, 6});
  expect_tensor<int>(ag::zeros({2}, ag::int32), ag::int32, {2}, {0, 0});
  expect_tensor<double>(ag::ones({1, 2}, ag::float64), ag::float64, {1, 2}, {1, 1});
  expect_tensor<float>(ag::fill({2}, 3.f), ag::float32, {2}, {3, 3});
  expect_tensor<int>(ag::range(4), ag::int32, {4}, {0, 1, 2, 3});
  expect_tensor<int>(ag::range(1, 10, 4), ag::int32, {3}, {1, 5, 9});
  expect_tensor<int>(ag::range(ag::constant(1), ag::constant(10), ag::constant(4)),
                     ag::int32, {3}, {1, 5, 9});
  ag::Tensor n = ag::random::normal({2, 3}, 0.f, 1.f, 42);
  EXPECT_EQ(n.shape(), (ag::Shape{2, 3}));
  EXPECT_EQ(n.to_vector<float>(), ag::random::normal({2, 3}, 0.f, 1.f, 42).to_vector<float>());
  ag::Tensor u = ag::random::uniform({4}, 0.f, 1.f, 42);
  EXPECT_EQ(u.dtype(), ag::float32);
}

TEST(SpecExamplesTest, Operators) {
  ag::Tensor a = ag::constant({{1.f, 2.f}, {3.f, 4.f}});
  ag::Tensor b = ag::constant({10.f, 20.f});
  expect_tensor<float>(a + b, ag::float32, {2, 2}, {11, 22, 13, 24});
  expect_tensor<float>(a - b, ag::float32, {2, 2}, {-9, -18, -7, -16});
  expect_tensor<float>(a * b, ag::float32, {2, 2}, {10, 40, 30, 80});
  expect_tensor<float>(b / a, ag::float32, {2, 2}, {10, 10, 10.f / 3, 5});
  expect_tensor<float>(-a, ag::float32, {2, 2}, {-1, -2, -3, -4});
  expect_tensor<int>(ag::constant(-7) / 2, ag::int32, {}, {-3});
  expect_tensor<int>(ag::constant(-7) % 2, ag::int32, {}, {-1});
  expect_tensor<bool>(a < 2.5f, ag::boolean, {2, 2}, {true, true, false, false});
  expect_tensor<bool>((a > 1.f) & (a < 4.f), ag::boolean, {2, 2},
                      {false, true, true, false});
  expect_tensor<bool>((a == 1.f) | ~(a != 4.f), ag::boolean, {2, 2},
                      {true, false, false, true});
  ag::Tensor x = ag::constant(1.f);
  x += 1.f;
  x *= ag::constant(3.f);
  expect_tensor<float>(x, ag::float32, {}, {6});
  EXPECT_THROW(ag::constant(1) / 0, ag::InvalidArgumentError);
  EXPECT_THROW(ag::constant(1) + ag::constant(1.f), ag::InvalidArgumentError);
  ag::Tensor t = ag::constant(true), f = ag::constant(false);
  EXPECT_TRUE(t && !f);
  EXPECT_TRUE(f || t);
}

TEST(SpecExamplesTest, Functions) {
  ag::Tensor a = ag::constant({{1.f, 2.f}, {3.f, 4.f}});
  expect_tensor<float>(ag::matmul(a, a), ag::float32, {2, 2}, {7, 10, 15, 22});
  expect_tensor<float>(ag::transpose(a, {1, 0}), ag::float32, {2, 2}, {1, 3, 2, 4});
  expect_tensor<float>(ag::reshape(a, {4}), ag::float32, {4}, {1, 2, 3, 4});
  expect_tensor<float>(ag::broadcast_to(ag::constant(1.f), {2}), ag::float32, {2}, {1, 1});
  expect_tensor<float>(ag::reduce_sum(a), ag::float32, {}, {10});
  expect_tensor<float>(ag::reduce_mean(a, 0), ag::float32, {2}, {2, 3});
  expect_tensor<float>(ag::reduce_max(a, 1, true), ag::float32, {2, 1}, {2, 4});
  expect_tensor<float>(ag::reduce_min(a), ag::float32, {}, {1});
  expect_tensor<std::int64_t>(ag::argmax(a, 1), ag::int64, {2}, {1, 1});
  expect_tensor<float>(ag::square(a), ag::float32, {2, 2}, {1, 4, 9, 16});
  expect_tensor<float>(ag::sqrt(ag::square(a)), ag::float32, {2, 2}, {1, 2, 3, 4});
  expect_tensor<float>(ag::abs(-a), ag::float32, {2, 2}, {1, 2, 3, 4});
  expect_tensor<float>(ag::log(ag::exp(a)), ag::float32, {2, 2}, {1, 2, 3, 4}, 1e-5);
  expect_tensor<float>(ag::pow(a, 2.f), ag::float32, {2, 2}, {1, 4, 9, 16});
  expect_tensor<float>(ag::tanh(ag::zeros({1})), ag::float32, {1}, {0});
  expect_tensor<float>(ag::sigmoid(ag::zeros({1})), ag::float32, {1}, {0.5});
  expect_tensor<float>(ag::relu(a - 2.5f), ag::float32, {2, 2}, {0, 0, 0.5, 1.5});
  expect_tensor<float>(ag::softmax(ag::constant({0.f, 0.f})), ag::float32, {2}, {0.5, 0.5});
  expect_tensor<float>(ag::maximum(a, 2.5f), ag::float32, {2, 2}, {2.5, 2.5, 3, 4});
  expect_tensor<float>(ag::minimum(a, 2.5f), ag::float32, {2, 2}, {1, 2, 2.5, 2.5});
  expect_tensor<float>(ag::where(a > 2.f, a, ag::zeros({2, 2})), ag::float32, {2, 2},
                       {0, 0, 3, 4});
  expect_tensor<int>(ag::cast(a, ag::int32), ag::int32, {2, 2}, {1, 2, 3, 4});
  expect_tensor<float>(ag::concat({a, a}, 0), ag::float32, {4, 2},
                       {1, 2, 3, 4, 1, 2, 3, 4});
  expect_tensor<float>(ag::stack({a[0], a[1]}, 1), ag::float32, {2, 2}, {1, 3, 2, 4});
  expect_tensor<float>(ag::one_hot(ag::constant({1, 0}), 2), ag::float32, {2, 2},
                       {0, 1, 1, 0});
  expect_tensor<float>(a[1], ag::float32, {2}, {3, 4});
  expect_tensor<float>(a[ag::constant(0)], ag::float32, {2}, {1, 2});
}

TEST(SpecExamplesTest, PrintFormats) {
  EXPECT_EQ(printed(ag::constant(5)), "5\n");
  EXPECT_EQ(printed(ag::constant(0.5f)), "0.5\n");
  EXPECT_EQ(printed(ag::constant({1, 2, 3})), "[1 2 3]\n");
  EXPECT_EQ(printed(ag::constant({{1, 2}, {3, 4}})), "[[1 2]\n [3 4]]\n");
  EXPECT_EQ(printed(ag::constant({true, false})), "[true false]\n");
  EXPECT_EQ(printed("step", 3, "loss", ag::constant(0.25)), "step 3 loss 0.25\n");
  EXPECT_EQ(printed(ag::range(10)), "[0 1 2 ... 7 8 9]\n");
}

TEST(SpecExamplesTest, AssertAndConditions) {
  ag::Tensor x = ag::constant(3);
  EXPECT_NO_THROW(ag::Assert(x > 0, "x must be positive"));
  try {
    ag::Assert(x < 0, "x must be negative");
    FAIL();
  } catch (const ag::InvalidArgumentError &e) {
    std::string what = e.what();
    EXPECT_NE(what.find("x must be negative"), std::string::npos);
    EXPECT_NE(what.find("SpecExamplesTest.cpp:"), std::string::npos);
  }
  int taken = 0;
  if (x > 2)
    taken = 1;
  EXPECT_EQ(taken, 1);
  EXPECT_THROW((void)static_cast<bool>(ag::constant({1, 2})), ag::InvalidArgumentError);
}
