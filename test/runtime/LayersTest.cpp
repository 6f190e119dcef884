//===- LayersTest.cpp - ag::nn modules, Dense and Sequential ---------------===//
//
// SPEC 8.5 and Keras 2's rules (tf2-training-facts.md section 2): lazy
// building, Glorot bounds, variable order, sharing, set_trainable, errors in
// Keras's words, and the guide's transfer-learning idiom.
//
//===----------------------------------------------------------------------===//
#include "autograph/autograph.h"

#include "TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace {

using agtest::errorOf;

using ag::Tensor;

std::vector<std::string> names(const std::vector<ag::Variable> &vars) {
  std::vector<std::string> out;
  for (const ag::Variable &v : vars)
    out.push_back(v.name());
  return out;
}

TEST(LayersTest, DenseBuildsOnFirstCallWithGlorotBounds) {
  ag::nn::Dense dense(4, ag::relu, true, "d");
  EXPECT_TRUE(dense.variables().empty());
  Tensor y = dense(ag::ones({2, 3}));
  EXPECT_EQ(y.shape(), (ag::Shape{2, 4}));
  ASSERT_EQ(names(dense.trainable_variables()), (std::vector<std::string>{"d/kernel", "d/bias"}));
  // limit = sqrt(6 / (3 + 4)).
  double limit = std::sqrt(6.0 / 7.0);
  for (float w : dense.variables()[0].value().to_vector<float>())
    EXPECT_LE(std::fabs(w), limit);
  EXPECT_EQ(dense.variables()[1].value().to_vector<float>(), (std::vector<float>(4, 0.f)));
  for (float v : y.to_vector<float>())
    EXPECT_GE(v, 0.f); // relu
  EXPECT_EQ(errorOf([&] { dense(ag::ones({3})); }),
            "Input 0 of layer \"d\" is incompatible with the layer: expected min_ndim=2, found "
            "ndim=1. Full shape received: [3]");
  EXPECT_EQ(errorOf([&] { dense(ag::ones({2, 5})); }),
            "Input 0 of layer \"d\" is incompatible with the layer: expected axis -1 of input "
            "shape to have value 3, but received input with shape [2,5]");
}

TEST(LayersTest, SequentialSharesItsModulesAndListsEachVariableOnce) {
  ag::nn::Dense a(3, nullptr, true, "a"), b(2, nullptr, true, "b");
  ag::nn::Sequential trunk({a}, "trunk");
  ag::nn::Sequential path1({trunk, b}, "path1");
  ag::nn::Sequential twice({trunk, trunk}, "twice"); // a shared module, listed once
  path1(ag::ones({1, 3}));
  EXPECT_EQ(names(path1.trainable_variables()),
            (std::vector<std::string>{"a/kernel", "a/bias", "b/kernel", "b/bias"}));
  EXPECT_EQ(names(twice.variables()), (std::vector<std::string>{"a/kernel", "a/bias"}));
  // The trunk inside path1 is `a` itself: its variables are a's.
  EXPECT_EQ(trunk.variables()[0].state(), a.variables()[0].state());
  trunk.set_trainable(false);
  EXPECT_EQ(names(path1.trainable_variables()), (std::vector<std::string>{"b/kernel", "b/bias"}));
  EXPECT_EQ(names(path1.non_trainable_variables()),
            (std::vector<std::string>{"a/kernel", "a/bias"}));
  trunk.set_trainable(true);
}

/// The guide's transfer learning: a trunk with two heads; path1 trained,
/// then head2 fine-tuned alone with the same optimizer.
TEST(LayersTest, TransferLearningLeavesTheTrunkUnchanged) {
  ag::random::set_seed(3);
  ag::nn::Dense trunkLayer(8, ag::relu, true, "trunk"), head1(1, nullptr, true, "head1"),
      head2(1, nullptr, true, "head2");
  ag::nn::Sequential path1({trunkLayer, head1}), path2({trunkLayer, head2});
  Tensor x = ag::random::uniform({16, 4}, -1, 1, 5);
  Tensor y1 = ag::reduce_sum(x, {1}, true), y2 = ag::reduce_max(x, {1}, true);
  ag::optimizers::Adam optimizer(0.05f);
  auto loss1 = [&] { return ag::losses::mean_squared_error(y1, path1(x)); };
  float before = loss1().item<float>();
  for (int step = 0; step < 30; ++step) {
    ag::GradientTape tape;
    Tensor loss = loss1();
    optimizer.apply_gradients(tape.gradient(loss, path1.trainable_variables()),
                              path1.trainable_variables());
  }
  EXPECT_LT(loss1().item<float>(), before);
  std::vector<float> trunkWeights = trunkLayer.variables()[0].value().to_vector<float>();
  for (int step = 0; step < 10; ++step) {
    ag::GradientTape tape;
    Tensor loss = ag::losses::mean_squared_error(y2, path2(x));
    // Only head2's variables are optimized.
    optimizer.apply_gradients(tape.gradient(loss, head2.trainable_variables()),
                              head2.trainable_variables());
  }
  EXPECT_EQ(trunkLayer.variables()[0].value().to_vector<float>(), trunkWeights);
  EXPECT_EQ(optimizer.iterations().value().item<std::int64_t>(), 40);
}

} // namespace
