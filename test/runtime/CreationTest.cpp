#include "TensorTestUtil.h"

#include <cstdint>
#include <set>

using agtest::expect_invalid;
using agtest::expect_tensor;

TEST(CreationTest, ScalarConstantsTakeTheDTypeOfTheCxxType) {
  EXPECT_EQ(ag::constant(1.5f).dtype(), ag::float32);
  EXPECT_EQ(ag::constant(1.5).dtype(), ag::float64);
  EXPECT_EQ(ag::constant(3).dtype(), ag::int32);
  EXPECT_EQ(ag::constant(std::int64_t{3}).dtype(), ag::int64);
  EXPECT_EQ(ag::constant(true).dtype(), ag::boolean);
  ag::Tensor s = ag::constant(7);
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.shape(), ag::Shape{});
  EXPECT_EQ(s.num_elements(), 1);
  EXPECT_EQ(s.item<int>(), 7);
  EXPECT_EQ(ag::constant(2.5f).item<float>(), 2.5f);
  EXPECT_EQ(ag::constant(true).item<bool>(), true);
}

TEST(CreationTest, ScalarWithExplicitDType) {
  expect_tensor<double>(ag::constant(2, ag::float64), ag::float64, {}, {2.0});
  expect_tensor<int>(ag::constant(2.9, ag::int32), ag::int32, {}, {2});
  expect_tensor<int>(ag::constant(-2.9, ag::int32), ag::int32, {}, {-2});
  expect_tensor<bool>(ag::constant(3, ag::boolean), ag::boolean, {}, {true});
}

TEST(CreationTest, NestedListsGiveVectorsMatricesAndRank3) {
  expect_tensor<float>(ag::constant({1.f, 2.f, 3.f}), ag::float32, {3},
                       {1.f, 2.f, 3.f});
  expect_tensor<int>(ag::constant({{1, 2}, {3, 4}, {5, 6}}), ag::int32, {3, 2},
                     {1, 2, 3, 4, 5, 6});
  expect_tensor<double>(ag::constant({{{1.0, 2.0}}, {{3.0, 4.0}}}), ag::float64,
                        {2, 1, 2}, {1, 2, 3, 4});
  expect_tensor<bool>(ag::constant({true, false}), ag::boolean, {2},
                      {true, false});
  expect_tensor<std::int64_t>(ag::constant({std::int64_t{5}, std::int64_t{-6}}),
                              ag::int64, {2}, {5, -6});
}

TEST(CreationTest, RaggedListIsAnError) {
  expect_invalid([] { ag::constant({{1, 2}, {3}}); }, "ragged");
}

TEST(CreationTest, VectorWithShape) {
  std::vector<float> v = {1, 2, 3, 4, 5, 6};
  expect_tensor<float>(ag::constant(v, {2, 3}), ag::float32, {2, 3},
                       {1, 2, 3, 4, 5, 6});
  expect_tensor<float>(ag::constant(v), ag::float32, {6}, {1, 2, 3, 4, 5, 6});
  std::vector<bool> b = {true, false, true};
  expect_tensor<bool>(ag::constant(b), ag::boolean, {3}, {true, false, true});
  std::vector<int> empty;
  expect_tensor<int>(ag::constant(empty, {0, 4}), ag::int32, {0, 4}, {});
  expect_invalid([&] { ag::constant(v, {4, 2}); },
                 "constant: 6 value(s) do not fill shape [4,2] (8 elements)");
}

TEST(CreationTest, ZerosOnesFill) {
  expect_tensor<float>(ag::zeros({2, 2}), ag::float32, {2, 2}, {0, 0, 0, 0});
  expect_tensor<int>(ag::ones({3}, ag::int32), ag::int32, {3}, {1, 1, 1});
  expect_tensor<bool>(ag::ones({2}, ag::boolean), ag::boolean, {2},
                      {true, true});
  expect_tensor<double>(ag::fill({2}, 0.25), ag::float64, {2}, {0.25, 0.25});
  expect_tensor<std::int64_t>(ag::fill({1, 2}, std::int64_t{9}), ag::int64,
                              {1, 2}, {9, 9});
  expect_tensor<int>(ag::fill({2}, ag::constant(4)), ag::int32, {2}, {4, 4});
  expect_tensor<float>(ag::zeros({}), ag::float32, {}, {0});
  expect_tensor<float>(ag::zeros({0}), ag::float32, {0}, {});
  expect_tensor<int>(ag::zeros_like(ag::constant({{1, 2}})), ag::int32, {1, 2},
                     {0, 0});
  expect_tensor<float>(ag::ones_like(ag::constant({1.f, 2.f})), ag::float32,
                       {2}, {1, 1});
  expect_invalid([] { ag::fill({2}, ag::constant({1, 2})); },
                 "fill: the value must be a scalar, got shape [2]");
}

TEST(CreationTest, LargeBuffersRoundTrip) {
  // 100000 floats go through the caching allocator, not the inline buffer.
  ag::Tensor t = ag::fill({100000}, 1.5f);
  ag::Tensor s = ag::reduce_sum(t);
  EXPECT_FLOAT_EQ(s.item<float>(), 150000.f);
  t = ag::Tensor(); // release, then reuse the cached block
  ag::Tensor u = ag::zeros({100000});
  EXPECT_EQ(ag::reduce_max(u).item<float>(), 0.f);
}

TEST(CreationTest, RangeOfScalars) {
  expect_tensor<int>(ag::range(5), ag::int32, {5}, {0, 1, 2, 3, 4});
  expect_tensor<int>(ag::range(2, 11, 3), ag::int32, {3}, {2, 5, 8});
  expect_tensor<int>(ag::range(5, 0, -2), ag::int32, {3}, {5, 3, 1});
  expect_tensor<int>(ag::range(3, 3), ag::int32, {0}, {});
  expect_tensor<int>(ag::range(5, 1), ag::int32, {0}, {});
  expect_tensor<float>(ag::range(0.f, 1.f, 0.25f), ag::float32, {4},
                       {0.f, 0.25f, 0.5f, 0.75f});
  expect_tensor<double>(ag::range(1.0, 2.0, 0.4), ag::float64, {3},
                        {1.0, 1.4, 1.8});
  expect_tensor<std::int64_t>(ag::range(std::int64_t{3}), ag::int64, {3},
                              {0, 1, 2});
}

TEST(CreationTest, RangeOfTensors) {
  expect_tensor<int>(ag::range(ag::constant(4)), ag::int32, {4}, {0, 1, 2, 3});
  expect_tensor<std::int64_t>(
      ag::range(ag::constant(std::int64_t{-3}), ag::constant(std::int64_t{3}),
                ag::constant(std::int64_t{2})),
      ag::int64, {3}, {-3, -1, 1});
}

TEST(CreationTest, RangeMixingTensorsAndScalars) {
  ag::Tensor n = ag::constant(std::int64_t{4});
  expect_tensor<std::int64_t>(ag::range(1, n), ag::int64, {3}, {1, 2, 3});
  expect_tensor<std::int64_t>(ag::range(n, 0, -2), ag::int64, {2}, {4, 2});
  expect_tensor<float>(ag::range(ag::constant(0.f), 1, 0.5), ag::float32, {2},
                       {0.f, 0.5f});
  expect_tensor<int>(ag::range(ag::constant(2), ag::constant(5)), ag::int32, {3},
                     {2, 3, 4});
}

TEST(CreationTest, RangeErrors) {
  expect_invalid([] { ag::range(0, 5, 0); }, "range: delta must not be zero");
  expect_invalid(
      [] { ag::range(ag::constant(0), ag::constant(5.f), ag::constant(1)); },
      "range: dtype mismatch int32 vs float32");
  expect_invalid([] { ag::range(ag::constant({1, 2})); },
                 "range: start, limit and delta must be scalars");
}

TEST(CreationTest, RandomIsSeededAndInRange) {
  ag::Tensor a = ag::random::uniform({1000}, -1.0, 2.0, 42);
  ag::Tensor b = ag::random::uniform({1000}, -1.0, 2.0, 42);
  ag::Tensor c = ag::random::uniform({1000}, -1.0, 2.0, 43);
  EXPECT_EQ(a.dtype(), ag::float32);
  EXPECT_EQ(a.to_vector<float>(), b.to_vector<float>());
  EXPECT_NE(a.to_vector<float>(), c.to_vector<float>());
  for (float v : a.to_vector<float>()) {
    EXPECT_GE(v, -1.f);
    EXPECT_LT(v, 2.f);
  }
  // Mean of U(-1, 2) is 0.5; 1000 samples: standard error ~0.027.
  EXPECT_NEAR(ag::reduce_mean(a).item<float>(), 0.5f, 0.15f);

  ag::Tensor n = ag::random::normal({4000}, 3.0, 2.0, 7, ag::float64);
  EXPECT_EQ(n.dtype(), ag::float64);
  EXPECT_NEAR(ag::reduce_mean(n).item<double>(), 3.0, 0.2);
  ag::Tensor centered = n - 3.0;
  double var = ag::reduce_mean(centered * centered).item<double>();
  EXPECT_NEAR(var, 4.0, 0.5);
  EXPECT_EQ(ag::random::normal({3}, 0, 1, 5).to_vector<float>(),
            ag::random::normal({3}, 0, 1, 5).to_vector<float>());

  ag::Tensor ints = ag::random::uniform({500}, 0, 4, 1, ag::int32);
  std::set<int> seen;
  for (int v : ints.to_vector<int>()) {
    EXPECT_GE(v, 0);
    EXPECT_LT(v, 4);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 4u);
}

TEST(CreationTest, UnseededRandomCallsDiffer) {
  EXPECT_NE(ag::random::normal({8}).to_vector<float>(),
            ag::random::normal({8}).to_vector<float>());
  expect_invalid([] { ag::random::normal({2}, 0, 1, 1, ag::int32); },
                 "random::normal: unsupported dtype int32");
}

TEST(CreationTest, FromDataAndBlob) {
  const double raw[] = {1.5, 2.5};
  expect_tensor<double>(ag::Tensor::from_data(ag::float64, {2}, raw),
                        ag::float64, {2}, {1.5, 2.5});
  static int deleted = 0;
  int *buf = new int[3]{7, 8, 9};
  {
    ag::Tensor t = ag::Tensor::from_blob(
        ag::int32, {3}, buf, [](void *p, void *) {
          delete[] static_cast<int *>(p);
          ++deleted;
        });
    expect_tensor<int>(t + 1, ag::int32, {3}, {8, 9, 10});
  }
  EXPECT_EQ(deleted, 1);
}
