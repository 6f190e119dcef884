#include "TensorTestUtil.h"

#include <cstdint>
#include <thread>
#include <vector>

using agtest::expect_tensor;

TEST(TensorTest, CopiesShareMovesTransfer) {
  ag::Tensor a = ag::constant({1, 2, 3});
  ag::Tensor b = a;
  EXPECT_EQ(a.id(), b.id());
  ag::Tensor c = std::move(b);
  EXPECT_FALSE(b.defined()); // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(c.id(), a.id());
  c = c; // self-assignment keeps the value
  expect_tensor<int>(c, ag::int32, {3}, {1, 2, 3});
  c = ag::Tensor();
  EXPECT_FALSE(c.defined());
  expect_tensor<int>(a, ag::int32, {3}, {1, 2, 3});
}

TEST(TensorTest, ViewsOutliveTheirBase) {
  ag::Tensor row;
  ag::Tensor reshaped;
  {
    ag::Tensor big = ag::reshape(ag::range(200), {2, 100});
    row = big[1];
    reshaped = ag::reshape(row, {10, 10});
  }
  EXPECT_EQ(row.to_vector<int>()[0], 100);
  EXPECT_EQ(reshaped.to_vector<int>()[99], 199);
  expect_tensor<int>(ag::reduce_sum(reshaped[0]), ag::int32, {}, {1045}); // 100..109
}

TEST(TensorTest, HighRankTensors) {
  // Rank 7 (above the inline extents) through every kind of op.
  ag::Tensor x = ag::reshape(ag::range(128), {2, 2, 2, 2, 2, 2, 2});
  EXPECT_EQ(x.rank(), 7);
  EXPECT_EQ(ag::reduce_sum(x).item<int>(), 127 * 128 / 2);
  ag::Tensor y = x + ag::reshape(ag::constant({1000, 2000}), {2, 1, 1, 1, 1, 1, 1});
  EXPECT_EQ(y.to_vector<int>()[0], 1000);
  EXPECT_EQ(y.to_vector<int>()[127], 2127);
  EXPECT_EQ(ag::reduce_sum(x, {0, 6}).shape(), (ag::Shape{2, 2, 2, 2, 2}));
  EXPECT_EQ(x[1].rank(), 6);
}

TEST(TensorTest, ItemAndToVectorConvertToAnyArithmeticType) {
  EXPECT_EQ(ag::constant(300).item<short>(), 300);
  EXPECT_EQ(ag::constant(2.5).item<long double>(), 2.5L);
  EXPECT_EQ(ag::constant({1.5f, 2.5f}).to_vector<int>(), (std::vector<int>{1, 2}));
  EXPECT_EQ(ag::constant({7, 8}).to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{7, 8}));
}

TEST(TensorTest, TensorsCrossThreads) {
  // Tensors created on one thread are used and released on others.
  std::vector<ag::Tensor> made(64);
  std::thread producer([&] {
    for (int i = 0; i < 64; ++i)
      made[i] = ag::constant(i) * 2;
  });
  producer.join();
  std::vector<std::thread> workers;
  std::vector<int> sums(2, 0);
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&, w] {
      for (int round = 0; round < 200; ++round) {
        ag::Tensor acc = ag::constant(0);
        for (int i = w; i < 64; i += 2)
          acc += made[i];
        sums[w] = acc.item<int>();
        ag::Tensor big = ag::ones({5000}) * float(round);
        (void)big;
      }
    });
  for (auto &t : workers)
    t.join();
  // 2 * (0 + 2 + ... + 62) = 1984; 2 * (1 + 3 + ... + 63) = 2048
  EXPECT_EQ(sums[0], 1984);
  EXPECT_EQ(sums[1], 2048);
  made.clear();
}
