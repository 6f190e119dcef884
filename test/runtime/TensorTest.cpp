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

TEST(TensorTest, TemporariesDonateTheirBuffers) {
  ag::Tensor x = ag::range(0.f, 1000.f, 1.f);
  ag::Tensor w = ag::fill({1000}, 2.f);
  // x * w is a temporary: + 1 writes into its buffer.
  ag::Tensor t = x * w;
  const void *buf = t.raw_data();
  ag::Tensor u = std::move(t) + 1.f;
  EXPECT_EQ(u.raw_data(), buf);
  ag::Tensor v = ag::sigmoid(std::move(u));
  EXPECT_EQ(v.raw_data(), buf);
  EXPECT_NEAR(v.to_vector<float>()[0], 0.7310586f, 1e-6); // sigmoid(1)
  // Named operands are never overwritten.
  ag::Tensor y = ag::sigmoid(x * w + 1.f) * 2.f - 1.f;
  EXPECT_EQ(x.to_vector<float>()[999], 999.f);
  EXPECT_EQ(w.to_vector<float>()[0], 2.f);
  EXPECT_NEAR(y.to_vector<float>()[0], 2 * 0.7310586f - 1, 1e-6);
  // A temporary that shares its buffer with another handle is not reused.
  ag::Tensor keep = x * w;
  ag::Tensor shared = keep;
  ag::Tensor z = std::move(shared) + 1.f;
  EXPECT_NE(z.raw_data(), keep.raw_data());
  EXPECT_EQ(keep.to_vector<float>()[1], 2.f);
  // Views and their bases are not reused.
  ag::Tensor base = ag::reshape(x, {10, 100});
  ag::Tensor row = base[2] + 0.f;
  EXPECT_EQ(row.to_vector<float>()[0], 200.f);
  ag::Tensor r2 = std::move(base) * 0.f;
  EXPECT_EQ(x.to_vector<float>()[5], 5.f);
  // External buffers are not reused.
  float ext[20] = {};
  ag::Tensor blob = ag::Tensor::from_blob(ag::float32, {20}, ext);
  ag::Tensor b2 = std::move(blob) + 1.f;
  EXPECT_EQ(ext[0], 0.f);
  EXPECT_EQ(b2.to_vector<float>()[0], 1.f);
}

TEST(TensorTest, CompoundAssignmentReusesAnUnsharedBuffer) {
  ag::Tensor acc = ag::zeros({1000});
  const void *buf = acc.raw_data();
  for (int i = 0; i < 3; ++i)
    acc += ag::ones({1000});
  EXPECT_EQ(acc.raw_data(), buf);
  EXPECT_EQ(acc.to_vector<float>()[999], 3.f);
  ag::Tensor alias = acc;
  acc *= 2.f;
  EXPECT_NE(acc.raw_data(), alias.raw_data());
  EXPECT_EQ(alias.to_vector<float>()[0], 3.f);
  EXPECT_EQ(acc.to_vector<float>()[0], 6.f);
  // A failing compound assignment leaves the operand unchanged.
  ag::Tensor i = ag::constant({4, 6});
  EXPECT_THROW(i /= ag::constant({1, 0}), ag::InvalidArgumentError);
  EXPECT_EQ(i.to_vector<int>(), (std::vector<int>{4, 6}));
  i /= 2;
  EXPECT_EQ(i.to_vector<int>(), (std::vector<int>{2, 3}));
  // Self-operands.
  ag::Tensor s = ag::constant({1.f, 2.f});
  s += s;
  EXPECT_EQ(s.to_vector<float>(), (std::vector<float>{2.f, 4.f}));
  s *= s;
  EXPECT_EQ(s.to_vector<float>(), (std::vector<float>{4.f, 16.f}));
}
