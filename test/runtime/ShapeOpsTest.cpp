#include "TensorTestUtil.h"

#include <cstdint>

using agtest::expect_invalid;
using agtest::expect_tensor;

TEST(ShapeOpsTest, Reshape) {
  ag::Tensor x = ag::range(6);
  expect_tensor<int>(ag::reshape(x, {2, 3}), ag::int32, {2, 3}, {0, 1, 2, 3, 4, 5});
  expect_tensor<int>(ag::reshape(x, {3, -1}), ag::int32, {3, 2}, {0, 1, 2, 3, 4, 5});
  expect_tensor<int>(ag::reshape(x, {-1}), ag::int32, {6}, {0, 1, 2, 3, 4, 5});
  expect_tensor<int>(ag::reshape(ag::constant(5), {1, 1}), ag::int32, {1, 1}, {5});
  expect_tensor<int>(ag::reshape(ag::zeros({0, 3}, ag::int32), {3, 0}), ag::int32,
                     {3, 0}, {});
  // Large tensors reshape without copying.
  ag::Tensor big = ag::zeros({1000});
  EXPECT_EQ(ag::reshape(big, {10, 100}).raw_data(), big.raw_data());
}

TEST(ShapeOpsTest, ExpandDims) {
  ag::Tensor x = ag::constant({1, 2});
  EXPECT_EQ(ag::expand_dims(x, 0).shape(), (ag::Shape{1, 2}));
  EXPECT_EQ(ag::expand_dims(x, -1).shape(), (ag::Shape{2, 1}));
  expect_invalid([&] { ag::expand_dims(x, 3); }, "expand_dims: axis 3 is out of range");
}

TEST(ShapeOpsTest, TransposeMatrixAndDefaultPerm) {
  ag::Tensor m = ag::constant({{1, 2, 3}, {4, 5, 6}});
  expect_tensor<int>(ag::transpose(m), ag::int32, {3, 2}, {1, 4, 2, 5, 3, 6});
  expect_tensor<int>(ag::transpose(m, {1, 0}), ag::int32, {3, 2}, {1, 4, 2, 5, 3, 6});
  expect_tensor<int>(ag::transpose(m, {0, 1}), ag::int32, {2, 3}, {1, 2, 3, 4, 5, 6});
  expect_tensor<float>(ag::transpose(ag::constant(2.f)), ag::float32, {}, {2.f});
}

TEST(ShapeOpsTest, TransposeRank3AndRank4) {
  // x[i,j,k] = 6i + 3j + k? No: shape [2,3,4], x[i,j,k] = 12i + 4j + k.
  ag::Tensor x = ag::reshape(ag::range(24), {2, 3, 4});
  // perm [2,0,1]: y[k,i,j] = 12i + 4j + k, shape [4,2,3].
  std::vector<int> expected;
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        expected.push_back(12 * i + 4 * j + k);
  expect_tensor<int>(ag::transpose(x, {2, 0, 1}), ag::int32, {4, 2, 3}, expected);
  // perm [1,0,2] (moves rows of 4 contiguous elements).
  expected.clear();
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 2; ++i)
      for (int k = 0; k < 4; ++k)
        expected.push_back(12 * i + 4 * j + k);
  expect_tensor<int>(ag::transpose(x, {1, 0, 2}), ag::int32, {3, 2, 4}, expected);
  // Negative axes in perm, float64 elements.
  ag::Tensor xd = ag::cast(x, ag::float64);
  std::vector<double> ed;
  for (int k = 0; k < 4; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 2; ++i)
        ed.push_back(12 * i + 4 * j + k);
  expect_tensor<double>(ag::transpose(xd, {-1, 1, 0}), ag::float64, {4, 3, 2}, ed);
  // Rank 6 with no mergeable axes takes the generic path: z[a,b,c,d,e,f] over
  // [2,2,2,2,2,2] reversed equals the bit-reversal of the index.
  ag::Tensor z = ag::reshape(ag::range(64), {2, 2, 2, 2, 2, 2});
  std::vector<int> er;
  for (int i = 0; i < 64; ++i) {
    int r = 0;
    for (int bit = 0; bit < 6; ++bit)
      if (i & (1 << bit))
        r |= 1 << (5 - bit);
    er.push_back(r);
  }
  expect_tensor<int>(ag::transpose(z), ag::int32, {2, 2, 2, 2, 2, 2}, er);
  // Booleans move as bytes.
  expect_tensor<bool>(ag::transpose(ag::constant({{true, false}, {false, false}})),
                      ag::boolean, {2, 2}, {true, false, false, false});
}

TEST(ShapeOpsTest, BroadcastTo) {
  expect_tensor<int>(ag::broadcast_to(ag::constant({1, 2}), {3, 2}), ag::int32, {3, 2},
                     {1, 2, 1, 2, 1, 2});
  expect_tensor<int>(ag::broadcast_to(ag::constant({{1}, {2}}), {2, 3}), ag::int32,
                     {2, 3}, {1, 1, 1, 2, 2, 2});
  expect_tensor<float>(ag::broadcast_to(ag::constant(7.f), {2, 2}), ag::float32,
                       {2, 2}, {7, 7, 7, 7});
  // [2,1,2] -> [2,2,2]: b[i,j,k] = x[i,0,k]
  expect_tensor<int>(ag::broadcast_to(ag::reshape(ag::range(4), {2, 1, 2}), {2, 2, 2}),
                     ag::int32, {2, 2, 2}, {0, 1, 0, 1, 2, 3, 2, 3});
  expect_tensor<int>(ag::broadcast_to(ag::constant({1, 2}), {0, 2}), ag::int32,
                     {0, 2}, {});
  expect_invalid([] { ag::broadcast_to(ag::constant({1, 2, 3}), {2, 2}); },
                 "broadcast_to: cannot broadcast shape [3] to [2,2]");
  expect_invalid([] { ag::broadcast_to(ag::zeros({2, 2}), {2}); },
                 "broadcast_to: cannot broadcast shape [2,2] to [2]");
}

TEST(ShapeOpsTest, ConcatAndStack) {
  ag::Tensor a = ag::constant({{1, 2}, {3, 4}});
  ag::Tensor b = ag::constant({{5, 6}});
  expect_tensor<int>(ag::concat({a, b}, 0), ag::int32, {3, 2}, {1, 2, 3, 4, 5, 6});
  ag::Tensor c = ag::constant({{7}, {8}});
  expect_tensor<int>(ag::concat({a, c}, 1), ag::int32, {2, 3}, {1, 2, 7, 3, 4, 8});
  expect_tensor<int>(ag::concat({a, c}, -1), ag::int32, {2, 3}, {1, 2, 7, 3, 4, 8});
  expect_tensor<float>(ag::concat({ag::constant({1.f}), ag::zeros({0}), ag::constant({2.f})}),
                       ag::float32, {2}, {1.f, 2.f});
  ag::Tensor x = ag::constant({1, 2}), y = ag::constant({3, 4});
  expect_tensor<int>(ag::stack({x, y}), ag::int32, {2, 2}, {1, 2, 3, 4});
  expect_tensor<int>(ag::stack({x, y}, 1), ag::int32, {2, 2}, {1, 3, 2, 4});
  expect_tensor<int>(ag::stack({ag::constant(1), ag::constant(2)}), ag::int32, {2},
                     {1, 2});
  expect_invalid([&] { ag::concat({a, ag::constant({{1, 2, 3}})}, 0); },
                 "concat: incompatible shapes [2,2] and [1,3] along axis 0");
  expect_invalid([&] { ag::concat({a, ag::cast(b, ag::float32)}, 0); },
                 "concat: dtype mismatch int32 vs float32 (use ag::cast)");
  expect_invalid([&] { ag::stack({x, ag::constant({1, 2, 3})}); },
                 "stack: incompatible shapes [2] and [3]");
  expect_invalid([] { ag::concat({}); }, "concat: needs at least one tensor");
}

TEST(ShapeOpsTest, IndexAlongTheFirstAxis) {
  ag::Tensor m = ag::constant({{1, 2, 3}, {4, 5, 6}});
  expect_tensor<int>(m[0], ag::int32, {3}, {1, 2, 3});
  expect_tensor<int>(m[1], ag::int32, {3}, {4, 5, 6});
  expect_tensor<int>(m[-1], ag::int32, {3}, {4, 5, 6});
  expect_tensor<int>(m[1][2], ag::int32, {}, {6});
  expect_tensor<int>(m[ag::constant(1)], ag::int32, {3}, {4, 5, 6});
  expect_tensor<int>(m[ag::constant(std::int64_t{0})], ag::int32, {3}, {1, 2, 3});
  // Rows of a large tensor are views.
  ag::Tensor big = ag::reshape(ag::range(1000), {10, 100});
  ag::Tensor row = big[3];
  EXPECT_EQ(row.to_vector<int>()[0], 300);
  EXPECT_EQ(row.data<int>(), big.data<int>() + 300);
}

TEST(ShapeOpsTest, OneHot) {
  expect_tensor<float>(ag::one_hot(ag::constant({0, 2, 5, -1}), 3), ag::float32, {4, 3},
                       {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  expect_tensor<int>(ag::one_hot(ag::constant({{std::int64_t{1}}}), 2, ag::int32),
                     ag::int32, {1, 1, 2}, {0, 1});
  expect_tensor<float>(ag::one_hot(ag::constant(1), 2), ag::float32, {2}, {0, 1});
  expect_invalid([] { ag::one_hot(ag::constant({0.f}), 3); },
                 "one_hot: indices must be int32 or int64, got float32");
  expect_invalid([] { ag::one_hot(ag::constant({0}), -1); },
                 "one_hot: depth must be non-negative");
}

TEST(ShapeOpsTest, RangeForIteratesOverRows) {
  std::vector<std::vector<float>> rows;
  for (ag::Tensor row : ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}}))
    rows.push_back(row.to_vector<float>());
  EXPECT_EQ(rows, (std::vector<std::vector<float>>{{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}}));
  std::vector<std::int64_t> values;
  for (const ag::Tensor &i : ag::range(ag::constant(std::int64_t{4}))) {
    EXPECT_EQ(i.rank(), 0);
    values.push_back(i.item<std::int64_t>());
  }
  EXPECT_EQ(values, (std::vector<std::int64_t>{0, 1, 2, 3}));
  int count = 0;
  for (ag::Tensor row : ag::zeros({0, 3}, ag::float32)) {
    (void)row;
    ++count;
  }
  EXPECT_EQ(count, 0);
  expect_invalid([] { for (ag::Tensor x : ag::constant(1.f)) (void)x; },
                 "iteration: cannot iterate over a 0-d tensor");
}
