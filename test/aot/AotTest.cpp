//===- AotTest.cpp - AOT-compiled functions against eager execution -------===//
//
// ag::aot:: functions (autograph-cc --emit=obj, through
// autograph_add_aot_library) give the eager results, print the same bytes,
// raise the same errors, and check their inputs against the signature.
//
//===----------------------------------------------------------------------===//
#include "aot_functions.h"
#include "aot_test_functions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <type_traits>

namespace {

std::string errorOf(const std::function<void()> &run) {
  try {
    run();
  } catch (const ag::InvalidArgumentError &error) {
    return error.what();
  }
  return "no error";
}

TEST(AotTest, DynamicBatchGivesTheEagerResult) {
  for (int size : {1, 7, 1000}) {
    std::vector<float> values(size);
    for (int i = 0; i < size; ++i)
      values[i] = 0.25f * i;
    ag::Tensor x = ag::constant(values, {size});
    ag::Tensor compiled = ag::aot::checked_sqrt(x);
    ASSERT_EQ(compiled.shape(), ag::Shape{size});
    std::vector<float> expected = checked_sqrt(x).to_vector<float>();
    std::vector<float> actual = compiled.to_vector<float>();
    for (int i = 0; i < size; ++i)
      EXPECT_NEAR(actual[i], expected[i], 1e-5f * (1 + expected[i])) << i;
  }
  // Checked by hand: sqrt(6.25) = 2.5.
  EXPECT_FLOAT_EQ(ag::aot::checked_sqrt(ag::constant({6.25f})).to_vector<float>()[0],
                  2.5f);
}

/// The message from the file's name on: the eager build and autograph-cc
/// may be given the file by different paths (ccache's base directory makes
/// the compiler's relative).
std::string fromFileName(const std::string &message) {
  std::size_t at = message.find("aot_functions.cc");
  return at == std::string::npos ? message : message.substr(at);
}

TEST(AotTest, FailedAssertRaisesTheEagerError) {
  ag::Tensor x = ag::constant({1.f, -4.f});
  std::string eager = errorOf([&] { checked_sqrt(x); });
  EXPECT_EQ(fromFileName(eager),
            "aot_functions.cc:" + std::to_string(kCheckedSqrtAssertLine) +
                ": Assert failed: x must be non-negative");
  EXPECT_EQ(fromFileName(errorOf([&] { ag::aot::checked_sqrt(x); })),
            fromFileName(eager));
}

TEST(AotTest, CassertOnATensorRaisesInsteadOfAborting) {
  EXPECT_FLOAT_EQ(ag::aot::checked_log(ag::constant({1.f})).to_vector<float>()[0], 0.f);
  EXPECT_EQ(fromFileName(errorOf([] { ag::aot::checked_log(ag::constant({2.f, -1.f})); })),
            "aot_functions.cc:" + std::to_string(kCheckedLogAssertLine) +
                ": Assert failed: ag::reduce_min(x) > 0.f");
}

TEST(AotTest, TupleResults) {
  auto [lo, hi] = ag::aot::min_max(ag::constant({3, -2, 9}));
  EXPECT_EQ(lo.item<int>(), -2);
  EXPECT_EQ(hi.item<int>(), 9);
}

TEST(AotTest, IntegerDivisionByZeroRaisesTheEagerError) {
  ag::Tensor a = ag::constant(std::int64_t{7});
  EXPECT_EQ(ag::aot::integer_div(a, ag::constant(std::int64_t{-2})).item<std::int64_t>(),
            -3);
  ag::Tensor zero = ag::constant(std::int64_t{0});
  std::string eager = errorOf([&] { integer_div(a, zero); });
  EXPECT_NE(eager.find("division by zero"), std::string::npos) << eager;
  EXPECT_EQ(errorOf([&] { ag::aot::integer_div(a, zero); }), eager);
}

TEST(AotTest, PrintsTheSameBytes) {
  ag::Tensor x = ag::constant({1, 2, 3, 4, 5, 6, 7, 8});
  testing::internal::CaptureStdout();
  loud_sum(x);
  std::string eager = testing::internal::GetCapturedStdout();
  EXPECT_EQ(eager, "sum of [1 2 3 ... 6 7 8]\nlarge: 36\n");
  testing::internal::CaptureStdout();
  ag::Tensor total = ag::aot::loud_sum(x);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), eager);
  EXPECT_EQ(total.item<int>(), 36);
}

TEST(AotTest, InputsAreCheckedAgainstTheSignature) {
  // checked_sqrt was compiled for f32[?].
  EXPECT_EQ(errorOf([] { ag::aot::checked_sqrt(ag::constant({1.0, 2.0})); }),
            "ag::aot::checked_sqrt: argument #0 is f64[2] but the function was "
            "compiled for f32[?]");
  EXPECT_EQ(errorOf([] { ag::aot::checked_sqrt(ag::constant(1.f)); }),
            "ag::aot::checked_sqrt: argument #0 is f32[] but the function was "
            "compiled for f32[?]");
  // integer_div for i64[], i64[].
  EXPECT_EQ(errorOf([] {
              ag::aot::integer_div(ag::constant(std::int64_t{1}),
                                   ag::constant({std::int64_t{1}}));
            }),
            "ag::aot::integer_div: argument #1 is i64[1] but the function was "
            "compiled for i64[]");
  EXPECT_EQ(errorOf([] { ag::aot::loud_sum(ag::Tensor()); }),
            "ag::aot::loud_sum: argument #0 has no value");
}

TEST(AotTest, VariablesArePassedInAndWrittenBack) {
  // The caller's variables take the place of those the function was traced
  // with; the compiled code reads their current values and the header
  // writes the assigned ones back.
  ag::Variable total(ag::zeros({2}), "total"), calls(ag::constant(0.f), "calls");
  ag::Tensor first = ag::aot::accumulate(ag::constant({1.f, 2.f}), calls, total);
  ag::Tensor second = ag::aot::accumulate(ag::constant({3.f, 4.f}), calls, total);
  // By hand: total = [1, 2] then [4, 6]; the result is twice the new total.
  EXPECT_EQ(first.to_vector<float>(), (std::vector<float>{2.f, 4.f}));
  EXPECT_EQ(second.to_vector<float>(), (std::vector<float>{8.f, 12.f}));
  EXPECT_EQ(total.value().to_vector<float>(), (std::vector<float>{4.f, 6.f}));
  EXPECT_EQ(calls.value().item<float>(), 2.f);
  // A value set between calls is what the next call reads.
  total.assign(ag::constant({-4.f, -6.f}));
  EXPECT_EQ(ag::aot::accumulate(ag::constant({1.f, 1.f}), calls, total)
                .to_vector<float>(),
            (std::vector<float>{-6.f, -10.f}));
  // The same source run eagerly, on its own variables.
  accumulate(ag::constant({1.f, 2.f}));
  EXPECT_EQ(accumulate(ag::constant({3.f, 4.f})).to_vector<float>(),
            second.to_vector<float>());
  EXPECT_EQ(g_calls.value().item<float>(), 2.f);
}

TEST(AotTest, VariablesAreCheckedAgainstTheSignature) {
  ag::Variable wrong(ag::zeros({3}), "total"), calls(ag::constant(0.f), "calls");
  EXPECT_EQ(errorOf([&] {
              ag::aot::accumulate(ag::constant({1.f, 2.f}), calls, wrong);
            }),
            "ag::aot::accumulate: variable 'total' is f32[3], but the function "
            "was compiled for f32[2]");
  EXPECT_EQ(calls.value().item<float>(), 0.f); // nothing ran
}

// The optimizer's slots and step counter are asked of the optimizer passed
// in: made on the first call (zeros, as when the function was traced),
// updated by each call, and the eager optimizer's values after as many
// steps.
TEST(AotTest, AnOptimizerPassedInKeepsItsSlotsAndStepCount) {
  ag::Tensor x = ag::constant(std::vector<float>{1.f, 0.f, 0.f, 1.f, 1.f, 1.f, 2.f, 1.f}, {4, 2});
  ag::Tensor y = ag::constant(std::vector<float>{1.f, 2.f, 3.f, 4.f}, {4, 1});
  ag::Variable w(ag::zeros({2, 1}), "w"), b(ag::zeros({1}), "b");
  ag::optimizers::Adam adam(0.1f);
  // By hand, from w = b = 0: loss = mean(y^2) = 7.5; the gradients are
  // 2/4 x^T (0 - y) = [-6, -4.5] and 2/4 sum(0 - y) = -5. Keras's first
  // step: m = 0.1 g, v = 0.001 g^2, and each variable moves by
  // lr sqrt(0.001) |g| / (sqrt(0.001) |g| + 1e-7) = 0.1 (to 1e-6).
  EXPECT_FLOAT_EQ(ag::aot::adam_step(x, y, b, w, adam).item<float>(), 7.5f);
  EXPECT_EQ(adam.iterations().value().item<std::int64_t>(), 1);
  std::vector<float> wv = w.value().to_vector<float>();
  EXPECT_NEAR(wv[0], 0.1f, 1e-6f);
  EXPECT_NEAR(wv[1], 0.1f, 1e-6f);
  EXPECT_NEAR(b.value().item<float>(), 0.1f, 1e-6f);
  ag::Variable m = adam.slot(w, 0), v = adam.slot(w, 1);
  EXPECT_EQ(m.name(), "w/m");
  EXPECT_EQ(v.name(), "w/v");
  std::vector<float> mv = m.value().to_vector<float>(), vv = v.value().to_vector<float>();
  EXPECT_NEAR(mv[0], -0.6f, 1e-6f);
  EXPECT_NEAR(mv[1], -0.45f, 1e-6f);
  // 1 - 0.999 in float32 (as Keras computes it) is 0.00099998713.
  EXPECT_NEAR(vv[0], 36.f * 0.00099998713f, 1e-8f);
  EXPECT_NEAR(vv[1], 20.25f * 0.00099998713f, 1e-8f);
  EXPECT_NEAR(adam.slot(b, 0).value().item<float>(), -0.5f, 1e-6f);

  // Three more steps against the same source run eagerly.
  g_w.assign(ag::zeros({2, 1}));
  g_b.assign(ag::zeros({1}));
  for (int step = 0; step < 4; ++step) {
    float eager = adam_step(x, y).item<float>();
    if (step > 0)
      EXPECT_NEAR(ag::aot::adam_step(x, y, b, w, adam).item<float>(), eager, 1e-6f) << step;
  }
  EXPECT_EQ(adam.iterations().value().item<std::int64_t>(), 4);
  EXPECT_EQ(g_adam.iterations().value().item<std::int64_t>(), 4);
  for (auto [compiled, eager] : {std::pair{w, g_w}, std::pair{b, g_b}}) {
    for (int slot : {-1, 0, 1}) {
      std::vector<float> got =
          (slot < 0 ? compiled : adam.slot(compiled, slot)).value().to_vector<float>();
      std::vector<float> expected =
          (slot < 0 ? eager : g_adam.slot(eager, slot)).value().to_vector<float>();
      ASSERT_EQ(got.size(), expected.size());
      for (std::size_t i = 0; i < got.size(); ++i)
        EXPECT_NEAR(got[i], expected[i], 1e-6f) << compiled.name() << " slot " << slot;
    }
  }
}

TEST(AotTest, AnOptimizerOfAnotherKindOrConfigIsRefused) {
  ag::Tensor x = ag::ones({4, 2}), y = ag::ones({4, 1});
  ag::Variable w(ag::zeros({2, 1}), "w"), b(ag::zeros({1}), "b");
  const std::string compiledFor =
      "but the function was compiled for Adam(learning_rate=0.1, beta_1=0.9, "
      "beta_2=0.999, epsilon=1e-07)";
  ag::optimizers::SGD sgd(0.1f);
  EXPECT_EQ(errorOf([&] { ag::aot::adam_step(x, y, b, w, sgd); }),
            "ag::aot::adam_step: the optimizer is SGD(learning_rate=0.1, momentum=0, "
            "nesterov=false), " + compiledFor);
  ag::optimizers::Adam slower(0.01f);
  EXPECT_EQ(errorOf([&] { ag::aot::adam_step(x, y, b, w, slower); }),
            "ag::aot::adam_step: the optimizer is Adam(learning_rate=0.01, beta_1=0.9, "
            "beta_2=0.999, epsilon=1e-07), " + compiledFor);
  // Nothing ran.
  EXPECT_EQ(w.value().to_vector<float>(), (std::vector<float>{0.f, 0.f}));
  EXPECT_EQ(sgd.iterations().value().item<std::int64_t>(), 0);
  EXPECT_EQ(slower.iterations().value().item<std::int64_t>(), 0);
}

TEST(AotTest, TensorArraysWorkAndFailAsEagerly) {
  auto i64 = [](std::int64_t v) { return ag::constant(v); };
  // One compiled signature for every length; 3 * 3 = 9 by hand.
  EXPECT_EQ(ag::aot::square_at(i64(5), i64(3)).item<std::int64_t>(), 9);
  EXPECT_EQ(ag::aot::square_at(i64(100), i64(99)).item<std::int64_t>(), 9801);
  for (std::int64_t k : {5, -1}) {
    std::string eager = errorOf([&] { square_at(i64(5), i64(k)); });
    EXPECT_NE(eager, "");
    EXPECT_EQ(errorOf([&] { ag::aot::square_at(i64(5), i64(k)); }), eager);
  }
  EXPECT_EQ(errorOf([&] { ag::aot::square_at(i64(5), i64(5)); }),
            "read: TensorArray 'squares': tried to read from index 5 but array size is: 5");
  EXPECT_EQ(errorOf([&] { ag::aot::square_at(i64(-2), i64(0)); }),
            errorOf([&] { square_at(i64(-2), i64(0)); }));
}

// Functions of 0-d tensors only also come on C++ scalars (ag::aot::scalar),
// called without tensors; values by hand, errors those of the tensor calls.
TEST(AotTest, ScalarFunctionsTakeAndReturnCppScalars) {
  static_assert(std::is_same_v<decltype(ag::aot::scalar::integer_div(7, 2)), std::int64_t>);
  static_assert(std::is_same_v<decltype(ag::aot::scalar::half_and_next(1.0, 1)),
                               std::tuple<double, std::int32_t>>);
  EXPECT_EQ(ag::aot::scalar::integer_div(7, -2), -3); // floor division
  EXPECT_EQ(ag::aot::scalar::integer_div(-9, 3), -3);
  auto [half, next] = ag::aot::scalar::half_and_next(3.0, 41);
  EXPECT_EQ(half, 1.5);
  EXPECT_EQ(next, 42);
  auto i64 = [](std::int64_t v) { return ag::constant(v); };
  EXPECT_EQ(errorOf([] { ag::aot::scalar::integer_div(7, 0); }),
            errorOf([&] { ag::aot::integer_div(i64(7), i64(0)); }));
  // A TensorArray inside: 3 * 3 = 9; a read out of range fails as the
  // tensor call does, and the next call works (the error was raised once).
  EXPECT_EQ(ag::aot::scalar::square_at(5, 3), 9);
  EXPECT_EQ(errorOf([] { ag::aot::scalar::square_at(5, 5); }),
            "read: TensorArray 'squares': tried to read from index 5 but array size is: 5");
  EXPECT_EQ(ag::aot::scalar::square_at(100, 99), 9801);
}

TEST(AotTest, GradientsAreCompiledIntoTheFunction) {
  // 3 x^2 by hand, for a length known only at run time; the eager source
  // gives the same.
  ag::Tensor x = ag::constant({1.f, -2.f, 0.5f});
  EXPECT_EQ(ag::aot::cube_gradient(x).to_vector<float>(),
            (std::vector<float>{3.f, 12.f, 0.75f}));
  EXPECT_EQ(cube_gradient(x).to_vector<float>(), ag::aot::cube_gradient(x).to_vector<float>());
}

TEST(AotTest, EveryOpsGradientAheadOfTimeEqualsEager) {
  // 28 ops' gradients with respect to both operands, flattened: the AOT
  // function against the same source run eagerly, within 1e-5 relative.
  ag::Tensor x = ag::constant({{0.5f, -1.2f, 2.f}, {1.5f, 0.3f, -0.7f}});
  ag::Tensor y = ag::constant({{-0.4f, 0.9f, 1.1f}, {0.2f, -1.5f, 0.6f}});
  std::vector<float> compiled = ag::aot::op_gradients(x, y).to_vector<float>();
  std::vector<float> eager = op_gradients(x, y).to_vector<float>();
  ASSERT_EQ(compiled.size(), eager.size());
  ASSERT_EQ(compiled.size(), 28u * 12u);
  std::size_t nonzero = 0;
  for (std::size_t i = 0; i < eager.size(); ++i) {
    EXPECT_NEAR(compiled[i], eager[i], 1e-5 * std::max(1.f, std::fabs(eager[i]))) << i;
    nonzero += eager[i] != 0.f;
  }
  EXPECT_GT(nonzero, eager.size() / 2); // gradients, not zeros
}

} // namespace
