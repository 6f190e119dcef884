//===- DatasetLoopTest.cpp - loops over datasets, eager vs staged ---------===//
//
// ag::data::for_dataset as converted code calls it: the same loop run
// eagerly and traced (one ag.while_loop over the elements, for source
// lengths known at trace time and at run time) gives the same values and the
// same printed output, ends at a break flag even when the dataset repeats
// forever, and reports what it cannot stage.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace {

using ag::Tensor;
using ag::TensorList;
namespace data = ag::data;

ag::TensorSpec i64(std::int64_t length) { return {ag::DType::Int64, {length}}; }

/// `for (Tensor b : from_tensor_slices(x).repeat(2).batch(3)) acc = acc * 100 + sum(b);`
Tensor batch_digits(Tensor x) {
  auto ds = data::from_tensor_slices(x).repeat(2).batch(3);
  return data::for_dataset(
      ds,
      [](const Tensor &batch, const TensorList &v) {
        return TensorList{v[0] * ag::constant(std::int64_t{100}) + ag::reduce_sum(batch)};
      },
      {ag::constant(std::int64_t{0})}, {"acc"})[0];
}

TEST(DatasetLoopTest, BatchesOfARepeatedDatasetMatchEagerExecution) {
  // [0 1 2 3 4 0 1 2 3 4] in batches of 3: sums 3, 7, 6, 4.
  Tensor x = ag::range(std::int64_t{5});
  EXPECT_EQ(batch_digits(x).item<std::int64_t>(), 3070604);
  for (std::int64_t length : {std::int64_t{-1}, std::int64_t{5}}) {
    ag::jit::CompiledFunction compiled(
        [](const TensorList &args) { return TensorList{batch_digits(args[0])}; },
        {i64(length)}, "batch_digits");
    EXPECT_EQ(compiled({x})[0].item<std::int64_t>(), 3070604) << length;
    EXPECT_NE(compiled.mlir().find("ag.while_loop"), std::string::npos);
    EXPECT_NE(compiled.mlir().find("ag.gather"), std::string::npos);
    if (length < 0) {
      // [7 7] is one batch; nothing gives no batch.
      EXPECT_EQ(compiled({ag::constant(std::vector<std::int64_t>{7}, {1})})[0]
                    .item<std::int64_t>(),
                14);
      EXPECT_EQ(compiled({ag::zeros({0}, ag::DType::Int64)})[0].item<std::int64_t>(), 0);
    }
  }
}

/// `repeat().take(7).batch(3, drop_remainder)`: a finite stream cut from an
/// infinite one, its last short batch dropped.
Tensor taken_digits(Tensor x) {
  auto ds = data::from_tensor_slices(x).repeat().take(7).batch(3, /*drop_remainder=*/true);
  return data::for_dataset(
      ds,
      [](const Tensor &batch, const TensorList &v) {
        return TensorList{v[0] * ag::constant(std::int64_t{100}) + ag::reduce_sum(batch)};
      },
      {ag::constant(std::int64_t{0})}, {"acc"})[0];
}

TEST(DatasetLoopTest, TakeAndDropRemainderMatchEagerExecution) {
  // 0 1 2 3 4 0 1 in full batches of 3: sums 3 and 7; [1] is dropped.
  Tensor x = ag::range(std::int64_t{5});
  EXPECT_EQ(taken_digits(x).item<std::int64_t>(), 307);
  ag::jit::CompiledFunction compiled(
      [](const TensorList &args) {
        // Unknown before run time: the length of a symbolic source.
        EXPECT_EQ(data::from_tensor_slices(args[0]).cardinality(), -2);
        return TensorList{taken_digits(args[0])};
      },
      {i64(-1)}, "taken_digits");
  EXPECT_EQ(compiled({x})[0].item<std::int64_t>(), 307);
  // Two elements repeated: [0 1 0] [1 0 1], [0] dropped -> sums 1 and 2.
  EXPECT_EQ(compiled({ag::range(std::int64_t{2})})[0].item<std::int64_t>(), 102);
  EXPECT_EQ(taken_digits(ag::range(std::int64_t{2})).item<std::int64_t>(), 102);
}

/// Doubled elements of x, repeated forever, summed until the total exceeds
/// `limit`: the body does nothing once `done` is set, and for_dataset stops
/// there (stop_var 1).
Tensor total_past(Tensor x, Tensor limit) {
  auto ds = data::from_tensor_slices(x).repeat().map(
      [](Tensor v) { return v * ag::constant(std::int64_t{2}); });
  TensorList out = data::for_dataset(
      ds,
      [&](const Tensor &v, const TensorList &s) {
        return ag::cond(
            ag::logical_not(s[1]),
            [&] {
              Tensor total = s[0] + v;
              return TensorList{total, total > limit};
            },
            [&] { return s; });
      },
      {ag::constant(std::int64_t{0}), ag::constant(false)}, {"total", "done"}, 1);
  return out[0];
}

TEST(DatasetLoopTest, ABreakFlagEndsAnInfiniteRepeat) {
  Tensor x = ag::constant(std::vector<std::int64_t>{1, 2, 3}, {3});
  auto limit = [](std::int64_t v) { return ag::constant(v); };
  // 2, 6, 12 > 10; 2, 6, 12, 14, 18, 24 > 20.
  EXPECT_EQ(total_past(x, limit(10)).item<std::int64_t>(), 12);
  EXPECT_EQ(total_past(x, limit(20)).item<std::int64_t>(), 24);
  ag::jit::CompiledFunction compiled(
      [](const TensorList &args) { return TensorList{total_past(args[0], args[1])}; },
      {i64(-1), ag::TensorSpec{ag::DType::Int64, {}}}, "total_past");
  EXPECT_EQ(compiled({x, limit(10)})[0].item<std::int64_t>(), 12);
  EXPECT_EQ(compiled({x, limit(20)})[0].item<std::int64_t>(), 24);
  // An empty dataset repeated forever has no element.
  EXPECT_EQ(compiled({ag::zeros({0}, ag::DType::Int64), limit(5)})[0].item<std::int64_t>(), 0);
  EXPECT_EQ(total_past(ag::zeros({0}, ag::DType::Int64), limit(5)).item<std::int64_t>(), 0);
}

/// Prints each shuffled batch of (x, y) over two epochs.
Tensor print_shuffled(Tensor x, Tensor y) {
  auto ds = data::from_tensor_slices(x, y).shuffle(8, /*seed=*/5).repeat(2).batch(3);
  return data::for_dataset(
      ds,
      [](const std::tuple<Tensor, Tensor> &batch, const TensorList &v) {
        auto [xb, yb] = batch;
        ag::print("x", xb, "y", yb);
        return TensorList{v[0] + ag::reduce_sum(yb)};
      },
      {ag::constant(0.f)}, {"total"})[0];
}

TEST(DatasetLoopTest, ShuffledBatchesMatchEagerExecution) {
  Tensor x = ag::range(std::int64_t{8});
  Tensor y = ag::cast(x, ag::DType::Float32) * ag::constant(0.5f);
  testing::internal::CaptureStdout();
  Tensor eager = print_shuffled(x, y);
  std::string eagerOutput = testing::internal::GetCapturedStdout();
  // 16 elements in batches of 3: six batches, the last of one element.
  EXPECT_EQ(std::count(eagerOutput.begin(), eagerOutput.end(), '\n'), 6) << eagerOutput;
  EXPECT_EQ(eagerOutput.find("x [0 1 2] y"), std::string::npos) << eagerOutput;
  EXPECT_FLOAT_EQ(eager.item<float>(), 28.f); // 2 * (0 + 0.5 + ... + 3.5)

  ag::jit::CompiledFunction compiled(
      [](const TensorList &args) { return TensorList{print_shuffled(args[0], args[1])}; },
      {i64(8), ag::TensorSpec{ag::DType::Float32, {8}}}, "print_shuffled");
  testing::internal::CaptureStdout();
  TensorList result = compiled({x, y});
  EXPECT_EQ(testing::internal::GetCapturedStdout(), eagerOutput);
  EXPECT_FLOAT_EQ(result[0].item<float>(), 28.f);
}

/// A map before the batch prints each element it maps; the batches cross
/// the two epochs.
Tensor mapped_batches(Tensor x) {
  auto ds = data::from_tensor_slices(x)
                .map([](Tensor v) {
                  ag::print("map", v);
                  return v * ag::constant(std::int64_t{10});
                })
                .repeat(2)
                .batch(3);
  return data::for_dataset(
      ds,
      [](const Tensor &batch, const TensorList &v) {
        ag::print("batch", batch);
        return TensorList{v[0] + ag::reduce_sum(batch)};
      },
      {ag::constant(std::int64_t{0})}, {"total"})[0];
}

TEST(DatasetLoopTest, AMapBeforeTheBatchRunsOnEachElementInOrder) {
  Tensor x = ag::range(std::int64_t{5});
  // Worked out from the pipeline: 0 1 2 3 4 0 1 2 3 4, times 10, in threes.
  const std::string expected = "map 0\nmap 1\nmap 2\nbatch [0 10 20]\n"
                               "map 3\nmap 4\nmap 0\nbatch [30 40 0]\n"
                               "map 1\nmap 2\nmap 3\nbatch [10 20 30]\n"
                               "map 4\nbatch [40]\n";
  testing::internal::CaptureStdout();
  EXPECT_EQ(mapped_batches(x).item<std::int64_t>(), 200);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), expected);
  for (std::int64_t length : {std::int64_t{-1}, std::int64_t{5}}) {
    ag::jit::CompiledFunction compiled(
        [](const TensorList &args) { return TensorList{mapped_batches(args[0])}; },
        {i64(length)}, "mapped_batches");
    EXPECT_NE(compiled.mlir().find("ag.update_row"), std::string::npos);
    testing::internal::CaptureStdout();
    EXPECT_EQ(compiled({x})[0].item<std::int64_t>(), 200);
    EXPECT_EQ(testing::internal::GetCapturedStdout(), expected) << length;
  }
}

/// Shuffled pairs, each mapped to (sum of x's row, y) before batches of 3.
Tensor mapped_pairs(Tensor x, Tensor y) {
  auto ds = data::from_tensor_slices(x, y)
                .shuffle(4, /*seed=*/11)
                .map([](Tensor row, Tensor label) {
                  return std::make_tuple(ag::reduce_sum(row), label * 2.f);
                })
                .batch(3);
  return data::for_dataset(
      ds,
      [](const std::tuple<Tensor, Tensor> &batch, const TensorList &v) {
        auto [sums, labels] = batch;
        ag::print(sums, labels);
        return TensorList{v[0] + ag::reduce_sum(sums * labels)};
      },
      {ag::constant(0.f)}, {"total"})[0];
}

TEST(DatasetLoopTest, MappedShuffledPairsMatchEagerExecution) {
  Tensor x = ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}, {7.f, 8.f}});
  Tensor y = ag::constant({1.f, 0.f, -1.f, 0.5f});
  testing::internal::CaptureStdout();
  Tensor eager = mapped_pairs(x, y);
  std::string eagerOutput = testing::internal::GetCapturedStdout();
  // Sums 3 7 11 15 with labels 2 0 -2 1, in some order: 6 - 22 + 15.
  EXPECT_FLOAT_EQ(eager.item<float>(), -1.f);
  EXPECT_EQ(std::count(eagerOutput.begin(), eagerOutput.end(), '\n'), 2) << eagerOutput;
  ag::jit::CompiledFunction compiled(
      [](const TensorList &args) { return TensorList{mapped_pairs(args[0], args[1])}; },
      {ag::TensorSpec{ag::DType::Float32, {4, 2}}, ag::TensorSpec{ag::DType::Float32, {4}}},
      "mapped_pairs");
  testing::internal::CaptureStdout();
  EXPECT_FLOAT_EQ(compiled({x, y})[0].item<float>(), -1.f);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), eagerOutput);
}

TEST(DatasetLoopTest, MappedElementsOfDifferentShapesAreAnErrorInEveryMode) {
  auto ragged = [](Tensor x) {
    auto ds = data::from_tensor_slices(x).map([](Tensor v) { return ag::range(v); }).batch(3);
    return data::for_dataset(
        ds, [](const Tensor &b, const TensorList &v) { return TensorList{v[0] + ag::reduce_sum(b)}; },
        {ag::constant(std::int64_t{0})})[0];
  };
  Tensor x = ag::constant(std::vector<std::int64_t>{1, 1, 2}, {3});
  EXPECT_THROW(ragged(x), ag::InvalidArgumentError);
  ag::jit::CompiledFunction compiled(
      [&](const TensorList &args) { return TensorList{ragged(args[0])}; }, {i64(3)}, "ragged");
  try {
    compiled({x});
    FAIL() << "rows of 1, 1 and 2 elements";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(),
                 "update_row: the row's shape differs from a row of shape [?,?]");
  }
  Tensor same = ag::constant(std::vector<std::int64_t>{2, 2, 2}, {3});
  EXPECT_EQ(compiled({same})[0].item<std::int64_t>(), 3);
}

TEST(DatasetLoopTest, WhatCannotBeStagedIsATracingError) {
  // The loop's line, as converted code reports it before the loop.
  ag::set_source_location("model.cc", 12);
  auto trace = [](std::function<TensorList(const TensorList &)> fn, ag::TensorSpec spec) {
    try {
      ag::jit::trace(fn, {spec});
    } catch (const ag::TracingError &error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  auto loop = [](auto ds) {
    return data::for_dataset(
        ds, [](const Tensor &b, const TensorList &v) { return TensorList{v[0] + ag::reduce_sum(b)}; },
        {ag::constant(std::int64_t{0})});
  };
  EXPECT_EQ(trace([&](const TensorList &a) {
              return loop(data::from_tensor_slices(a[0]).shuffle(4));
            }, i64(-1)),
            "for_dataset: a shuffled dataset can be staged only when its tensors' "
            "first dimension is known at trace time (got shape [?]) (the loop at "
            "model.cc:12); trace the function for a known length (a signature "
            "such as f32[1000,784])");
  EXPECT_EQ(trace([&](const TensorList &a) {
              return loop(data::from_tensor_slices(a[0]).shuffle(4).repeat());
            }, i64(4)),
            "for_dataset: a shuffled dataset that repeats forever cannot be staged "
            "(the loop at model.cc:12); give repeat a count");
  ag::set_source_location("", 0);
  EXPECT_EQ(trace([&](const TensorList &a) {
              return loop(data::from_tensor_slices(a[0]).batch(2).batch(2));
            }, i64(4)),
            "for_dataset: a batch of batches cannot be staged yet; batch once, or "
            "iterate the dataset eagerly");
}

TEST(DatasetLoopTest, RunTimeErrorsOfStagedLoops) {
  // Tensors of different lengths, known only at run time: the error names
  // the loop's line.
  ag::set_source_location("model.cc", 30);
  ag::jit::CompiledFunction pairs(
      [](const TensorList &a) {
        return data::for_dataset(
            data::from_tensor_slices(a[0], a[1]),
            [](const std::tuple<Tensor, Tensor> &e, const TensorList &v) {
              return TensorList{v[0] + std::get<0>(e) + std::get<1>(e)};
            },
            {ag::constant(std::int64_t{0})});
      },
      {i64(-1), i64(-1)}, "pairs");
  ag::set_source_location("", 0);
  Tensor three = ag::range(std::int64_t{3});
  EXPECT_EQ(pairs({three, three})[0].item<std::int64_t>(), 6);
  try {
    pairs({three, ag::range(std::int64_t{2})});
    FAIL() << "lengths 3 and 2";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "model.cc:30: Assert failed: from_tensor_slices: "
                               "the tensors' first dimensions differ");
  }

  // gather's indices are checked in compiled code too.
  ag::jit::CompiledFunction gather(
      [](const TensorList &a) { return TensorList{ag::gather(a[0], a[1])}; },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}, i64(-1)}, "gather");
  Tensor x = ag::constant({{1.f, 2.f}, {3.f, 4.f}});
  EXPECT_EQ(gather({x, ag::constant(std::vector<std::int64_t>{1, 1, 0}, {3})})[0]
                .to_vector<float>(),
            (std::vector<float>{3.f, 4.f, 3.f, 4.f, 1.f, 2.f}));
  try {
    gather({x, ag::constant(std::vector<std::int64_t>{0, 2}, {2})});
    FAIL() << "index 2 of 2 rows";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "gather: an index is out of range for shape [?,2]");
  }
  EXPECT_EQ(gather({ag::zeros({0, 2}), ag::zeros({0}, ag::DType::Int64)})[0].shape(),
            (ag::Shape{0, 2}));

  // A row of a tensor that is empty at run time: an error, with no read out
  // of bounds (the compiled code reads a row of zeros instead).
  ag::jit::CompiledFunction first_row(
      [](const TensorList &a) { return TensorList{a[0][std::int64_t{0}]}; },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}}, "first_row");
  EXPECT_EQ(first_row({x})[0].to_vector<float>(), (std::vector<float>{1.f, 2.f}));
  try {
    first_row({ag::zeros({0, 2})});
    FAIL() << "no row 0";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "index: index is out of range for shape [?,2]");
  }
}

//===--- Datasets as arguments (SPEC 8.1) -----------------------------------===//

/// `for (Tensor b : ds) total += sum(b * weights)`, over a dataset argument.
Tensor weighted_total(const data::Dataset<Tensor> &ds) {
  return data::for_dataset(
      ds,
      [](const Tensor &batch, const TensorList &v) {
        return TensorList{v[0] + ag::reduce_sum(batch)};
      },
      {ag::constant(0.f)}, {"total"})[0];
}

/// `n` floats 0, 1, ..., n-1, plus `offset`.
Tensor counting(std::int64_t n, float offset) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i)
    v[static_cast<std::size_t>(i)] = static_cast<float>(i) + offset;
  return ag::constant(v, {n});
}

TEST(DatasetLoopTest, ADatasetArgumentIsPartOfTheSignatureAndComputedOn) {
  auto f = ag::function(weighted_total, "weighted_total");
  // Two datasets of the same shapes: 0..99 and 1000..1099 in batches of 10.
  // Sums by hand: 99 * 100 / 2 = 4950, and 4950 + 100 * 1000 = 104950.
  auto first = data::from_tensor_slices(counting(100, 0.f)).batch(10);
  auto second = data::from_tensor_slices(counting(100, 1000.f)).batch(10);
  EXPECT_FLOAT_EQ(f(first).item<float>(), 4950.f);
  EXPECT_FLOAT_EQ(f(second).item<float>(), 104950.f);
  EXPECT_EQ(f.trace_count(), 2);
  // The same dataset (or a copy of its handle) reuses its trace.
  auto copy = first;
  EXPECT_FLOAT_EQ(f(copy).item<float>(), 4950.f);
  EXPECT_EQ(f.trace_count(), 2);
  // The loop is compiled over the dataset's tensors, which are inputs: not
  // run while tracing, its values not constants of the compiled code.
  EXPECT_NE(f.mlir().find("ag.while_loop"), std::string::npos) << f.mlir();
  EXPECT_NE(f.mlir().find("tensor<100xf32>"), std::string::npos) << f.mlir();
  EXPECT_EQ(f.mlir().find("1.099"), std::string::npos) << f.mlir();
}

TEST(DatasetLoopTest, A100MBDatasetIsAnInputNotEmbeddedInTheCompiledCode) {
  // 25M floats (100 MB) in 25,000 rows of 1,000: row r holds r % 7 except a
  // single 9 at row 12,345, column 678. The loop finds the largest value.
  const std::int64_t rows = 25000, columns = 1000;
  std::vector<float> v(static_cast<std::size_t>(rows * columns));
  for (std::int64_t r = 0; r < rows; ++r)
    std::fill_n(v.begin() + r * columns, columns, static_cast<float>(r % 7));
  v[static_cast<std::size_t>(12345 * columns + 678)] = 9.f;
  auto ds = data::from_tensor_slices(ag::constant(v, {rows, columns})).batch(5000);
  v = {};
  auto largest = ag::function(
      [](const data::Dataset<Tensor> &dataset) {
        return data::for_dataset(
            dataset,
            [](const Tensor &batch, const TensorList &m) {
              return TensorList{ag::maximum(m[0], ag::reduce_max(batch))};
            },
            {ag::constant(0.f)}, {"largest"})[0];
      },
      "largest");
  EXPECT_FLOAT_EQ(largest(ds).item<float>(), 9.f);
  EXPECT_EQ(largest.fallback_count(), 0);
  EXPECT_NE(largest.mlir().find("ag.while_loop"), std::string::npos);
  EXPECT_LT(largest.mlir().size(), 20000u) << "the dataset was embedded";
}

TEST(DatasetLoopTest, ALargeTensorAFunctionClosesOverIsAnInput) {
  // A captured 1,000-element tensor is an input; a small one a constant.
  Tensor table = counting(1000, 0.f);
  auto f = ag::function([table](const Tensor &x) { return ag::reduce_sum(table * x); },
                        "closes_over");
  EXPECT_FLOAT_EQ(f(ag::constant(2.f)).item<float>(), 999000.f); // 999 * 1000 / 2 * 2
  EXPECT_EQ(f.mlir().find("dense<"), std::string::npos) << f.mlir();
  EXPECT_LT(f.mlir().size(), 5000u);
}

} // namespace
