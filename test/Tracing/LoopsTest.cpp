//===- LoopsTest.cpp - for loops and nested loops, eager vs JIT -----------===//
//
// ag::for_range and ag::for_rows in both modes, and the converted form of
// nested loops with break and continue (flags folded into the loop
// condition, the rest of the body guarded by ag::cond), run eagerly and
// through ag::function with identical results and printed output.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

using ag::Tensor;
using ag::TensorList;

// for (Tensor i : ag::range(start, limit, delta)) total += i * i;
Tensor sum_of_squares(Tensor start, Tensor limit, Tensor delta) {
  Tensor total = ag::constant(std::int64_t{0});
  return ag::for_range(
      start, limit, delta,
      [](const Tensor &i, const TensorList &v) { return TensorList{v[0] + i * i}; },
      {total}, {"total"})[0];
}

TEST(LoopsTest, ForRangeMatchesEagerExecution) {
  auto compiled = ag::function(sum_of_squares, "sum_of_squares");
  auto c = [](std::int64_t v) { return ag::constant(v); };
  // Hand-computed: 0+1+4+9+16 = 30; 9+49 = 58 (3, 7); 100+64+36 = 200 (10, 8, 6).
  struct Case { std::int64_t start, limit, delta, expected; };
  for (Case k : {Case{0, 5, 1, 30}, Case{3, 10, 4, 58}, Case{10, 5, -2, 200},
                 Case{5, 5, 1, 0}, Case{5, 0, 1, 0}}) {
    EXPECT_EQ(sum_of_squares(c(k.start), c(k.limit), c(k.delta)).item<std::int64_t>(),
              k.expected);
    EXPECT_EQ(compiled(c(k.start), c(k.limit), c(k.delta)).item<std::int64_t>(),
              k.expected)
        << k.start << " " << k.limit << " " << k.delta;
  }
  EXPECT_EQ(compiled.trace_count(), 1);
  EXPECT_NE(compiled.mlir().find("ag.for"), std::string::npos) << compiled.mlir();
}

TEST(LoopsTest, ForRangeRejectsAZeroStepAndMixedBounds) {
  auto c = [](std::int64_t v) { return ag::constant(v); };
  EXPECT_THROW(sum_of_squares(c(0), c(5), c(0)), ag::InvalidArgumentError);
  try {
    ag::for_range(ag::constant(0), c(5), c(1),
                  [](const Tensor &, const TensorList &v) { return v; }, {});
    FAIL() << "mixed bound dtypes";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "for_range: start, limit and delta must have one "
                               "dtype, got i32[], i64[], i64[]");
  }
}

// for (Tensor row : x) { acc = acc + row; ag::print("row", row); }
Tensor row_sums(Tensor x) {
  Tensor acc = ag::zeros({x.dim(1)}, ag::float32);
  return ag::for_rows(
      x,
      [](const Tensor &row, const TensorList &v) {
        ag::print("row", row);
        return TensorList{v[0] + row};
      },
      {acc}, {"acc"})[0];
}

TEST(LoopsTest, ForRowsOverADynamicBatchMatchesEagerExecution) {
  ag::Tensor x = ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});
  testing::internal::CaptureStdout();
  ag::Tensor eager = row_sums(x);
  std::string eagerOutput = testing::internal::GetCapturedStdout();
  EXPECT_EQ(eagerOutput, "row [1 2]\nrow [3 4]\nrow [5 6]\n");
  EXPECT_EQ(eager.to_vector<float>(), (std::vector<float>{9.f, 12.f}));

  // Traced for f32[?,2] through the lower-level API: the loop runs over the
  // run-time number of rows.
  ag::jit::CompiledFunction compiled(
      [](const TensorList &args) { return TensorList{row_sums(args[0])}; },
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}}, "row_sums");
  testing::internal::CaptureStdout();
  TensorList result = compiled({x});
  EXPECT_EQ(testing::internal::GetCapturedStdout(), eagerOutput);
  EXPECT_EQ(result[0].to_vector<float>(), eager.to_vector<float>());
  EXPECT_NE(compiled.mlir().find("ag.dim"), std::string::npos);
  testing::internal::CaptureStdout();
  TensorList none = compiled({ag::zeros({0, 2}, ag::float32)});
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(none[0].to_vector<float>(), (std::vector<float>{0.f, 0.f}));
}

TEST(LoopsTest, ForRowsOfAVectorGivesScalars) {
  auto compiled = ag::function(
      [](Tensor v) {
        return ag::for_rows(
            v, [](const Tensor &x, const TensorList &s) {
              return TensorList{ag::maximum(s[0], x)};
            },
            {ag::constant(std::int32_t{-100})})[0];
      },
      "running_max");
  EXPECT_EQ(compiled(ag::constant({3, 9, -4, 7})).item<int>(), 9);
  EXPECT_THROW(ag::for_rows(ag::constant(1.f),
                            [](const Tensor &, const TensorList &v) { return v; }, {}),
               ag::InvalidArgumentError);
}

// The converted form of
//
//   for (Tensor i = 0; i < n; i += 1) {
//     if (found) break;                      // outer break through a flag
//     for (Tensor j = 0; j < n; j += 1) {
//       if ((i + j) % 3 == 0) continue;      // skip the rest of the body
//       if (i * j > limit) { found = true; break; }
//       total += i * j;
//     }
//   }
//
// break becomes a flag folded into the loop's condition; continue and break
// guard the rest of the body with ag::cond.
std::tuple<Tensor, Tensor> nested_search(Tensor n, Tensor limit) {
  using std::int64_t;
  Tensor total = ag::constant(int64_t{0});
  Tensor found = ag::constant(false);
  Tensor i = ag::constant(int64_t{0});
  TensorList outer = ag::while_loop(
      [](const TensorList &v) {
        // i < n && !found: the flag in the condition.
        return ag::logical_and(v[0] < v[3], ag::logical_not(v[2]));
      },
      [&limit](const TensorList &v) {
        Tensor i = v[0], total = v[1], found = v[2], n = v[3];
        Tensor j = ag::constant(int64_t{0});
        Tensor broke = ag::constant(false);
        TensorList inner = ag::while_loop(
            [](const TensorList &w) {
              return ag::logical_and(w[0] < w[4], ag::logical_not(w[3]));
            },
            [&limit](const TensorList &w) {
              Tensor j = w[0], total = w[1], i = w[2], broke = w[3], n = w[4];
              Tensor skip = (i + j) % int64_t{3} == int64_t{0};
              TensorList rest = ag::cond(
                  skip, [&] { return TensorList{total, broke}; },
                  [&] {
                    return ag::cond(
                        i * j > limit,
                        [&] { return TensorList{total, ag::constant(true)}; },
                        [&] { return TensorList{total + i * j, broke}; });
                  });
              return TensorList{j + int64_t{1}, rest[0], i, rest[1], n};
            },
            {j, total, i, broke, n});
        total = inner[1];
        found = inner[3];
        return TensorList{i + int64_t{1}, total, found, n};
      },
      {i, total, found, n});
  return {outer[1], outer[2]};
}

TEST(LoopsTest, NestedLoopsWithBreakAndContinueMatchEagerExecution) {
  auto compiled = ag::function(nested_search, "nested_search");
  // Hand-computed for n = 4, limit = 100 (no break): pairs with (i+j)%3 != 0
  // over 0..3 x 0..3 contribute i*j: (1,1)1 (1,3)3 (2,2)4 (2,3)6 (3,1)3
  // (3,2)6 (0,x)0 -> total 23.
  auto [total, found] = compiled(ag::constant(std::int64_t{4}),
                                 ag::constant(std::int64_t{100}));
  EXPECT_EQ(total.item<std::int64_t>(), 23);
  EXPECT_FALSE(found.item<bool>());
  // limit = 3: (1,1)1 (1,3)3 [sum 4], then i=2: (2,2) 4 > 3 breaks both loops.
  auto [total3, found3] = compiled(ag::constant(std::int64_t{4}),
                                   ag::constant(std::int64_t{3}));
  EXPECT_EQ(total3.item<std::int64_t>(), 4);
  EXPECT_TRUE(found3.item<bool>());
  for (std::int64_t n : {0, 1, 5, 9})
    for (std::int64_t limit : {0, 2, 10, 1000}) {
      auto [eagerTotal, eagerFound] =
          nested_search(ag::constant(n), ag::constant(limit));
      auto [jitTotal, jitFound] = compiled(ag::constant(n), ag::constant(limit));
      EXPECT_EQ(jitTotal.item<std::int64_t>(), eagerTotal.item<std::int64_t>())
          << n << " " << limit;
      EXPECT_EQ(jitFound.item<bool>(), eagerFound.item<bool>()) << n << " " << limit;
    }
  EXPECT_EQ(compiled.trace_count(), 1);
}

// for (Tensor i : ag::range(ARGS)) total += i * i; as converted.
template <class... Args> Tensor squares_over(Args... args) {
  return ag::for_range_of(
      ag::range_bounds(args...),
      [](const Tensor &i, const TensorList &v) { return TensorList{v[0] + i * i}; },
      {ag::zeros({}, ag::range_bounds(args...).start.dtype())}, {"total"})[0];
}

TEST(LoopsTest, ForRangeOfMatchesTheRangeItLoopsOver) {
  // Integer bounds: staged as one ag.for over the bounds, no ag.range.
  auto compiled = ag::function(
      [](Tensor n) { return squares_over(std::int64_t{1}, n, std::int64_t{2}); },
      "odd_squares");
  for (std::int64_t n : {0, 1, 6, 10})
    EXPECT_EQ(compiled(ag::constant(n)).item<std::int64_t>(),
              squares_over(std::int64_t{1}, ag::constant(n), std::int64_t{2})
                  .item<std::int64_t>())
        << n;
  // 1 + 9 + 25 = 35.
  EXPECT_EQ(compiled(ag::constant(std::int64_t{6})).item<std::int64_t>(), 35);
  EXPECT_EQ(compiled.mlir().find("ag.range"), std::string::npos) << compiled.mlir();
  EXPECT_NE(compiled.mlir().find("ag.for"), std::string::npos);
  // Floating bounds loop over the range's rows, as range builds them.
  EXPECT_FLOAT_EQ(squares_over(0.f, 1.f, 0.25f).item<float>(),
                  0.f + 0.0625f + 0.25f + 0.5625f);
  // A zero step is range's error.
  EXPECT_THROW(squares_over(0, 3, 0), ag::InvalidArgumentError);
}

// The converted form of a return inside a loop:
//
//   while (x > 1.f) { if (x > limit) return x * 10.f; x = x / 2.f; }
//   return x;
//
// The result starts as a return placeholder: tracing types it from the
// iteration (a trial trace) and gives it zeros where no return has run yet.
Tensor halve_or_return(Tensor x, Tensor limit) {
  Tensor result = Tensor::return_placeholder("no return was reached");
  Tensor returned = ag::constant(false);
  TensorList loop = ag::while_loop(
      [](const TensorList &v) {
        return ag::logical_and(ag::logical_not(v[2]), v[0] > 1.f);
      },
      [&limit](const TensorList &v) {
        Tensor x = v[0], result = v[1], returned = v[2];
        TensorList taken = ag::cond(
            x > limit,
            [&] { return TensorList{x, x * 10.f, ag::constant(true)}; },
            [&] { return TensorList{x / 2.f, result, returned}; });
        return TensorList{taken[0], taken[1], taken[2]};
      },
      {x, result, returned});
  return ag::cond(
      ag::logical_not(loop[2]), [&] { return TensorList{loop[0]}; },
      [&] { return TensorList{loop[1]}; })[0];
}

TEST(LoopsTest, ReturnPlaceholdersAreTypedFromTheLoopAndMatchEagerExecution) {
  auto compiled = ag::function(halve_or_return, "halve_or_return");
  // Hand-computed: 40 > 30 returns 400; 16 halves to 1; 48 -> 24 -> 12 ...
  // with limit 20: 48 > 20 returns 480; 8 -> 4 -> 2 -> 1.
  EXPECT_EQ(compiled(ag::constant(40.f), ag::constant(30.f)).item<float>(), 400.f);
  EXPECT_EQ(compiled(ag::constant(16.f), ag::constant(30.f)).item<float>(), 1.f);
  EXPECT_EQ(compiled(ag::constant(8.f), ag::constant(20.f)).item<float>(), 1.f);
  for (float x : {0.5f, 3.f, 25.f, 100.f})
    EXPECT_EQ(compiled(ag::constant(x), ag::constant(20.f)).item<float>(),
              halve_or_return(ag::constant(x), ag::constant(20.f)).item<float>())
        << x;
  EXPECT_EQ(compiled.trace_count(), 1);
  // Eagerly the placeholder is never read, and has no type.
  EXPECT_TRUE(Tensor::return_placeholder("r").is_return_placeholder());
  EXPECT_FALSE(Tensor::return_placeholder("r").defined());
  EXPECT_FALSE(Tensor::undefined("r").is_return_placeholder());
}

// A value returned from a branch needs a static shape: zeros of a shape known
// only at run time cannot stand for it on the other path.
TEST(LoopsTest, AReturnPlaceholderOfARunTimeShapeIsATraceError) {
  auto returnsDynamic = [](const TensorList &args) {
    Tensor x = args[0];
    Tensor result = Tensor::return_placeholder("no return");
    return ag::cond(
        ag::reduce_sum(x) > 0.f, [&] { return TensorList{x}; },
        [&] { return TensorList{result}; });
  };
  try {
    ag::jit::trace(returnsDynamic, {ag::TensorSpec{ag::DType::Float32, {-1}}});
    FAIL() << "no error";
  } catch (const ag::TracingError &error) {
    EXPECT_STREQ(error.what(),
                 "cond: output #0, the value of a return inside staged control "
                 "flow, is f32[?], with a dimension known only at run time; "
                 "such a return needs a static shape (assign a result variable "
                 "before the loop or the if, and return it after)");
  }
}

} // namespace

namespace {

TEST(LoopsTest, IndexCountsFromTheEndAndOutOfRangeRaisesLikeEagerExecution) {
  ag::jit::CompiledFunction compiled(
      [](const ag::TensorList &args) { return ag::TensorList{args[0][args[1]]}; },
      {ag::TensorSpec{ag::DType::Float32, {-1}},
       ag::TensorSpec{ag::DType::Int32, {}}},
      "pick");
  ag::Tensor x = ag::constant({10.f, 20.f, 30.f});
  for (int i : {-3, -2, -1, 0, 1, 2})
    EXPECT_EQ(compiled({x, ag::constant(i)})[0].item<float>(),
              x[ag::constant(i)].item<float>())
        << i;
  EXPECT_EQ(compiled({x, ag::constant(-1)})[0].item<float>(), 30.f);
  for (int i : {3, -4, 100}) {
    EXPECT_THROW(x[ag::constant(i)], ag::InvalidArgumentError) << i;
    try {
      compiled({x, ag::constant(i)});
      ADD_FAILURE() << "no error for " << i;
    } catch (const ag::InvalidArgumentError &error) {
      EXPECT_STREQ(error.what(), "index: index is out of range for shape [?]");
    }
  }
}

} // namespace

namespace {

std::string invalidArgument(const std::function<void()> &run) {
  try {
    run();
  } catch (const ag::InvalidArgumentError &error) {
    return error.what();
  }
  return "no error";
}

TEST(ConditionTest, CxxValuesAndTensorsGiveZeroDBooleans) {
  EXPECT_TRUE(ag::condition(true).item<bool>());
  EXPECT_FALSE(ag::condition(0).item<bool>());
  EXPECT_EQ(ag::condition(ag::constant(2.5f)).dtype(), ag::DType::Bool);
  EXPECT_TRUE(ag::condition(ag::constant(2.5f)).item<bool>());
  EXPECT_FALSE(ag::condition(ag::constant(std::int64_t{0})).item<bool>());
}

TEST(ConditionTest, ANonScalarConditionRaisesTheEagerErrorWhenTraced) {
  ag::Tensor pair = ag::constant({1.f, 2.f});
  std::string eager = invalidArgument([&] { (void)static_cast<bool>(pair); });
  EXPECT_EQ(eager, "bool: the truth value of a tensor of shape [2] is ambiguous; "
                   "a condition must be a scalar (0-d) tensor");
  EXPECT_EQ(invalidArgument([&] { ag::condition(pair); }), eager);
  // Traced: the same error from the converted form of `if (x) x = -x;`.
  auto staged = ag::function(
      [](ag::Tensor x) {
        return ag::cond(ag::condition(x), [&] { return ag::TensorList{-x}; },
                        [&] { return ag::TensorList{x}; })[0];
      },
      "negate_if");
  EXPECT_EQ(invalidArgument([&] { staged(pair); }), eager);
  // ag::cond itself checks its predicate while tracing.
  auto direct = ag::function(
      [](ag::Tensor x) {
        return ag::cond(x > 0.f, [&] { return ag::TensorList{-x}; },
                        [&] { return ag::TensorList{x}; })[0];
      },
      "negate_if_direct");
  EXPECT_EQ(invalidArgument([&] { direct(pair); }),
            "cond: the predicate must be a 0-d bool tensor, got bool[2]");
}

} // namespace
