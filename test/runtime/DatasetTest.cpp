//===- DatasetTest.cpp - ag::data::Dataset iterated eagerly, ag::gather ----===//
//
// Each pipeline's elements are compared with values worked out by hand from
// tf.data's semantics. Shuffle's exact order depends on its generator, so
// its tests check the properties that matter: a permutation, the same one
// for the same seed and epoch, another one for the next epoch, and the
// input order for a buffer of one.
//
//===----------------------------------------------------------------------===//
#include "TensorTestUtil.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

namespace {

using agtest::expect_invalid;
using agtest::expect_tensor;
using ag::Tensor;
namespace data = ag::data;

/// The elements of a dataset of 0-d int64 tensors.
std::vector<std::int64_t> scalars(const data::Dataset<Tensor> &ds) {
  std::vector<std::int64_t> out;
  for (Tensor x : ds)
    out.push_back(x.item<std::int64_t>());
  return out;
}

/// The elements of a dataset of 1-d int64 batches.
std::vector<std::vector<std::int64_t>> batches(const data::Dataset<Tensor> &ds) {
  std::vector<std::vector<std::int64_t>> out;
  for (Tensor x : ds)
    out.push_back(x.to_vector<std::int64_t>());
  return out;
}

using Rows = std::vector<std::vector<std::int64_t>>;

TEST(DatasetTest, SlicesAreRowsOfEveryTensor) {
  Tensor x = ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});
  Tensor y = ag::constant({7, 8, 9});
  int count = 0;
  for (auto [features, label] : data::from_tensor_slices(x, y)) {
    expect_tensor<float>(features, ag::DType::Float32, {2},
                         {1.f + 2 * count, 2.f + 2 * count});
    expect_tensor<std::int32_t>(label, ag::DType::Int32, {}, {7 + count});
    ++count;
  }
  EXPECT_EQ(count, 3);
  EXPECT_EQ(data::from_tensor_slices(x, y).cardinality(), 3);
}

TEST(DatasetTest, BatchStacksConsecutiveElements) {
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{5}));
  EXPECT_EQ(batches(ds.batch(2)), (Rows{{0, 1}, {2, 3}, {4}}));
  EXPECT_EQ(batches(ds.batch(2, /*drop_remainder=*/true)), (Rows{{0, 1}, {2, 3}}));
  EXPECT_EQ(batches(ds.batch(8)), (Rows{{0, 1, 2, 3, 4}}));
  EXPECT_EQ(ds.batch(2).cardinality(), 3);
  EXPECT_EQ(ds.batch(2, true).cardinality(), 2);
  // A batch of matrices' rows is a matrix.
  Tensor m = ag::constant({{1, 2}, {3, 4}, {5, 6}});
  for (Tensor b : data::from_tensor_slices(m).batch(2, true))
    expect_tensor<std::int32_t>(b, ag::DType::Int32, {2, 2}, {1, 2, 3, 4});
}

TEST(DatasetTest, RepeatAndTake) {
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{3}));
  EXPECT_EQ(scalars(ds.repeat(2)), (std::vector<std::int64_t>{0, 1, 2, 0, 1, 2}));
  EXPECT_EQ(scalars(ds.repeat(0)), std::vector<std::int64_t>{});
  EXPECT_EQ(scalars(ds.repeat().take(7)),
            (std::vector<std::int64_t>{0, 1, 2, 0, 1, 2, 0}));
  EXPECT_EQ(ds.repeat().cardinality(), -1);
  EXPECT_EQ(ds.repeat().take(7).cardinality(), 7);
  EXPECT_EQ(ds.repeat(2).cardinality(), 6);
  // repeat before batch: batches cross the epochs; after: each epoch's.
  EXPECT_EQ(batches(ds.repeat(2).batch(4)), (Rows{{0, 1, 2, 0}, {1, 2}}));
  EXPECT_EQ(batches(ds.batch(2).repeat(2)), (Rows{{0, 1}, {2}, {0, 1}, {2}}));
}

TEST(DatasetTest, RepeatingAnEmptyDatasetForeverEnds) {
  auto empty = data::from_tensor_slices(ag::zeros({0}, ag::DType::Int64));
  EXPECT_EQ(scalars(empty.repeat()), std::vector<std::int64_t>{});
}

TEST(DatasetTest, ShuffleIsASeededPermutationPerEpoch) {
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{20}));
  std::vector<std::int64_t> identity = scalars(ds);
  auto shuffled = ds.shuffle(20, /*seed=*/3);
  std::vector<std::int64_t> first = scalars(shuffled);
  std::vector<std::int64_t> second = scalars(shuffled); // the next epoch
  EXPECT_TRUE(std::is_permutation(first.begin(), first.end(), identity.begin()));
  EXPECT_TRUE(std::is_permutation(second.begin(), second.end(), identity.begin()));
  EXPECT_NE(first, identity);
  EXPECT_NE(first, second);
  // The same seed on a new dataset starts from the same epoch.
  EXPECT_EQ(scalars(ds.shuffle(20, 3)), first);
  EXPECT_NE(scalars(ds.shuffle(20, 4)), first);
  // Without reshuffling, every epoch has the first order.
  auto fixed = ds.shuffle(20, 3, /*reshuffle_each_iteration=*/false);
  EXPECT_EQ(scalars(fixed), scalars(fixed));
  // Each repetition is an epoch of its own.
  std::vector<std::int64_t> twice = scalars(ds.shuffle(20, 3).repeat(2));
  EXPECT_EQ(std::vector<std::int64_t>(twice.begin(), twice.begin() + 20), first);
  EXPECT_EQ(std::vector<std::int64_t>(twice.begin() + 20, twice.end()), second);
  // A buffer of one keeps the input order.
  EXPECT_EQ(scalars(ds.shuffle(1, 3)), identity);
}

TEST(DatasetTest, ShuffleBufferBoundsHowFarElementsMove) {
  // With a buffer of 2, element k is among the first k + 2 taken.
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{50})).shuffle(2, 9);
  std::vector<std::int64_t> order = scalars(ds);
  for (std::size_t position = 0; position < order.size(); ++position)
    EXPECT_LE(order[position], static_cast<std::int64_t>(position) + 1);
}

TEST(DatasetTest, ShuffledBatchesHoldTheShuffledOrder) {
  // Batches of rows that a shuffle selects are gathered at once; batches of
  // mapped elements are stacked: both hold the shuffled order.
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{10}));
  std::vector<std::int64_t> order = scalars(ds.shuffle(10, 3));
  Rows expected;
  for (std::size_t i = 0; i < order.size(); i += 4)
    expected.emplace_back(order.begin() + i,
                          order.begin() + std::min(order.size(), i + 4));
  EXPECT_EQ(batches(ds.shuffle(10, 3).batch(4)), expected);
  EXPECT_EQ(batches(ds.shuffle(10, 3).map([](Tensor x) { return x; }).batch(4)),
            expected);
}

TEST(DatasetTest, MapTakesTheElementOrItsTensors) {
  auto pairs = data::from_tensor_slices(ag::constant({1, 2, 3}), ag::constant({10, 20, 30}));
  auto sums = pairs.map([](Tensor a, Tensor b) { return a + b; });
  static_assert(std::is_same_v<decltype(sums), data::Dataset<Tensor>>);
  std::vector<int> got;
  for (Tensor s : sums)
    got.push_back(s.item<int>());
  EXPECT_EQ(got, (std::vector<int>{11, 22, 33}));

  auto swapped = pairs.map([](const std::tuple<Tensor, Tensor> &e) {
    return std::make_tuple(std::get<1>(e), std::get<0>(e));
  });
  std::vector<int> firsts;
  for (auto [a, b] : swapped.batch(2))
    firsts.push_back(a.to_vector<int>()[0] - b.to_vector<int>()[0]);
  EXPECT_EQ(firsts, (std::vector<int>{9, 27}));
}

TEST(DatasetTest, PrefetchKeepsValuesAndOrder) {
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{4}));
  EXPECT_EQ(scalars(ds.prefetch(2)), scalars(ds));
}

TEST(DatasetTest, TransformationsLeaveTheirInputAsItIs) {
  auto ds = data::from_tensor_slices(ag::range(std::int64_t{3}));
  auto batched = ds.batch(2);
  EXPECT_EQ(scalars(ds), (std::vector<std::int64_t>{0, 1, 2}));
  EXPECT_EQ(batches(batched), (Rows{{0, 1}, {2}}));
}

TEST(DatasetTest, BadArgumentsAreErrors) {
  expect_invalid([] { data::from_tensor_slices(ag::constant(1.f)); },
                 "from_tensor_slices: cannot slice a 0-d tensor f32[]");
  expect_invalid(
      [] { data::from_tensor_slices(ag::zeros({3, 2}), ag::zeros({4})); },
      "from_tensor_slices: the tensors' first dimensions differ: [3,2] and [4]");
  expect_invalid([] { data::from_tensor_slices(Tensor()); },
                 "from_tensor_slices: a tensor has no value");
  auto ds = data::from_tensor_slices(ag::zeros({3}));
  expect_invalid([&] { ds.batch(0); }, "dataset: batch_size must be positive, got 0");
  expect_invalid([&] { ds.shuffle(0); },
                 "dataset: shuffle's buffer_size must be positive, got 0");
  expect_invalid([&] { ds.repeat(-2); },
                 "dataset: repeat's count must be -1 or more, got -2");
  // Elements of different shapes cannot be stacked into a batch.
  auto ragged = data::from_tensor_slices(ag::constant({1, 2, 3}))
                    .map([](Tensor x) { return ag::range(x); });
  expect_invalid([&] { batches(ragged.batch(2)); }, "stack");
}

TEST(DatasetTest, GatherTakesRowsInTheIndicesShape) {
  Tensor x = ag::constant({{1, 2}, {3, 4}, {5, 6}});
  expect_tensor<std::int32_t>(ag::gather(x, ag::constant({2, 0, 2})),
                              ag::DType::Int32, {3, 2}, {5, 6, 1, 2, 5, 6});
  expect_tensor<std::int32_t>(
      ag::gather(x, ag::constant(std::vector<std::int64_t>{1, 0}, {2, 1})),
      ag::DType::Int32, {2, 1, 2}, {3, 4, 1, 2});
  expect_tensor<std::int32_t>(ag::gather(x, ag::zeros({0}, ag::DType::Int64)),
                              ag::DType::Int32, {0, 2}, {});
  expect_invalid([&] { ag::gather(x, ag::constant({0, 3})); },
                 "gather: index 3 is out of range for shape [3,2]");
  expect_invalid([&] { ag::gather(x, ag::constant({-1})); },
                 "gather: index -1 is out of range for shape [3,2]");
  expect_invalid([&] { ag::gather(x, ag::constant({0.5f})); },
                 "gather: indices must be int32 or int64, got float32");
  expect_invalid([&] { ag::gather(ag::constant(1), ag::constant({0})); },
                 "gather: cannot gather rows of a scalar");
}

// The op layer's row ops that staged dataset loops use.
TEST(DatasetTest, SliceIsAViewOfConsecutiveRows) {
  Tensor x = ag::constant({{1, 2}, {3, 4}, {5, 6}});
  auto slice = [&](std::int64_t start, std::int64_t limit) {
    const Tensor inputs[] = {x, ag::constant(start), ag::constant(limit)};
    return ag::apply_op(ag::OpKind::Slice, inputs);
  };
  expect_tensor<std::int32_t>(slice(1, 3), ag::DType::Int32, {2, 2}, {3, 4, 5, 6});
  expect_tensor<std::int32_t>(slice(2, 2), ag::DType::Int32, {0, 2}, {});
  expect_invalid([&] { slice(2, 4); }, "slice: rows [2, 4) are out of range for shape [3,2]");
  expect_invalid([&] { slice(2, 1); }, "slice: rows [2, 1) are out of range for shape [3,2]");
  expect_invalid([&] { slice(-1, 1); }, "slice: rows [-1, 1) are out of range");
}

TEST(DatasetTest, UpdateRowReplacesOneRowOfACopy) {
  Tensor x = ag::constant({{1, 2}, {3, 4}, {5, 6}});
  auto update = [&](Tensor index, Tensor row) {
    const Tensor inputs[] = {x, index, row};
    return ag::apply_op(ag::OpKind::UpdateRow, inputs);
  };
  expect_tensor<std::int32_t>(update(ag::constant(1), ag::constant({7, 8})),
                              ag::DType::Int32, {3, 2}, {1, 2, 7, 8, 5, 6});
  // Negative counts from the end, as t[i] does; x itself is unchanged.
  expect_tensor<std::int32_t>(update(ag::constant(std::int64_t{-1}), ag::constant({0, 0})),
                              ag::DType::Int32, {3, 2}, {1, 2, 3, 4, 0, 0});
  expect_tensor<std::int32_t>(x, ag::DType::Int32, {3, 2}, {1, 2, 3, 4, 5, 6});
  expect_invalid([&] { update(ag::constant(3), ag::constant({0, 0})); },
                 "update_row: index 3 is out of range for shape [3,2]");
  expect_invalid([&] { update(ag::constant(0), ag::constant({0, 0, 0})); },
                 "update_row: a row of [3,2] int32 cannot be int32[3]");
  expect_invalid([&] { update(ag::constant(0), ag::constant({0.f, 0.f})); },
                 "update_row: a row of [3,2] int32 cannot be float32[2]");
}

} // namespace
