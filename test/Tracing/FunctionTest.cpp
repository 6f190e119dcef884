//===- FunctionTest.cpp - ag::function: traced, JIT-compiled, vs eager ----===//
//
// Hand-written converted functions (the form autograph-cc produces: control
// flow through ag::cond / ag::while_loop) run eagerly and through
// ag::function; results and printed output must be identical.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <tuple>

namespace {

// Converted form of:
//   while (n > 1) { if (n % 2 == 0) n = n / 2; else n = 3 * n + 1; steps += 1; }
ag::Tensor collatz_steps(ag::Tensor n) {
  ag::Tensor steps = ag::constant(std::int64_t{0});
  ag::TensorList vars = ag::while_loop(
      [](const ag::TensorList &v) { return v[0] > std::int64_t{1}; },
      [](const ag::TensorList &v) {
        ag::Tensor n = v[0], steps = v[1];
        n = ag::cond(
            n % std::int64_t{2} == std::int64_t{0},
            [&] { return ag::TensorList{n / std::int64_t{2}}; },
            [&] { return ag::TensorList{n * std::int64_t{3} + std::int64_t{1}}; })[0];
        steps = steps + std::int64_t{1};
        return ag::TensorList{n, steps};
      },
      {n, steps});
  return vars[1];
}

TEST(FunctionTest, CollatzLoopMatchesEagerExecution) {
  auto compiled = ag::function(collatz_steps, "collatz_steps");
  for (std::int64_t start : {1, 6, 27, 97, 837799}) {
    ag::Tensor n = ag::constant(start);
    EXPECT_EQ(compiled(n).item<std::int64_t>(),
              collatz_steps(n).item<std::int64_t>())
        << "from " << start;
  }
  // One trace for the one signature i64[].
  EXPECT_EQ(compiled.trace_count(), 1);
  EXPECT_NE(compiled.mlir().find("ag.while_loop"), std::string::npos);
  EXPECT_NE(compiled.mlir().find("ag.cond"), std::string::npos);
  // Hand-computed: 27 takes 111 steps.
  EXPECT_EQ(compiled(ag::constant(std::int64_t{27})).item<std::int64_t>(), 111);
}

TEST(FunctionTest, NewSignatureTracesAgain) {
  auto compiled = ag::function(
      [](const ag::Tensor &x) { return x * 2.f + 1.f; }, "affine");
  EXPECT_EQ(compiled(ag::constant({1.f, 2.f})).to_vector<float>(),
            (std::vector<float>{3.f, 5.f}));
  EXPECT_EQ(compiled(ag::constant({3.f, 4.f})).to_vector<float>(),
            (std::vector<float>{7.f, 9.f}));
  EXPECT_EQ(compiled.trace_count(), 1);
  EXPECT_EQ(compiled(ag::constant({1.f, 2.f, 3.f})).to_vector<float>(),
            (std::vector<float>{3.f, 5.f, 7.f}));
  EXPECT_EQ(compiled.trace_count(), 2);
}

// Converted form of mlp() in examples/models/mlp.cc.
ag::Tensor mlp(ag::Tensor x, ag::Tensor w1, ag::Tensor b1, ag::Tensor w2,
               ag::Tensor b2) {
  ag::Tensor h = ag::matmul(x, w1) + b1;
  h = ag::cond(
      ag::reduce_mean(h) > 0.f, [&] { return ag::TensorList{ag::relu(h)}; },
      [&] { return ag::TensorList{ag::tanh(h)}; })[0];
  return ag::matmul(h, w2) + b2;
}

TEST(FunctionTest, MlpWithTensorBranchMatchesEagerExecution) {
  auto compiled = ag::function(mlp, "mlp");
  ag::Tensor w1 = ag::constant({{1.f, 0.f}, {0.f, 1.f}});
  ag::Tensor b1 = ag::constant({0.5f, -0.5f});
  ag::Tensor w2 = ag::constant({{1.f}, {2.f}});
  ag::Tensor b2 = ag::constant({0.25f});
  for (ag::Tensor x : {ag::constant({{1.f, 2.f}, {3.f, -1.f}}),
                       ag::constant({{-1.f, -2.f}, {-3.f, 1.f}})}) {
    std::vector<float> eager = mlp(x, w1, b1, w2, b2).to_vector<float>();
    std::vector<float> jit = compiled(x, w1, b1, w2, b2).to_vector<float>();
    ASSERT_EQ(jit.size(), eager.size());
    for (size_t i = 0; i < jit.size(); ++i)
      EXPECT_NEAR(jit[i], eager[i], 1e-5f * std::max(1.f, std::abs(eager[i])));
  }
  // The values of examples/models/mlp.expected.
  EXPECT_FLOAT_EQ(
      compiled(ag::constant({{1.f, 2.f}, {3.f, -1.f}}), w1, b1, w2, b2)
          .to_vector<float>()[0],
      4.75f);
}

ag::Tensor print_and_check(ag::Tensor x) {
  ag::print("x =", x, "sum:", ag::reduce_sum(x));
  ag::Assert(ag::reduce_min(x) >= 0.f, "x must be non-negative");
  ag::print("checked");
  return ag::sqrt(x);
}

TEST(FunctionTest, PrintsTheSameTextAsEagerExecution) {
  auto compiled = ag::function(print_and_check, "print_and_check");
  ag::Tensor x = ag::constant({{1.f, 4.f}, {9.f, 0.25f}});
  testing::internal::CaptureStdout();
  print_and_check(x);
  std::string eager = testing::internal::GetCapturedStdout();
  testing::internal::CaptureStdout();
  ag::Tensor y = compiled(x);
  std::string jit = testing::internal::GetCapturedStdout();
  EXPECT_EQ(jit, eager);
  EXPECT_EQ(jit, "x = [[1 4]\n [9 0.25]] sum: 14.25\nchecked\n");
  EXPECT_EQ(y.to_vector<float>(), (std::vector<float>{1.f, 2.f, 3.f, 0.5f}));
}

/// What a call printed and the message of the InvalidArgumentError it
/// raised ("none" without one).
struct Outcome {
  std::string output, error = "none";
};
template <class Call> Outcome run(Call &&call) {
  Outcome outcome;
  testing::internal::CaptureStdout();
  try {
    call();
  } catch (const ag::InvalidArgumentError &error) {
    outcome.error = error.what();
  }
  outcome.output = testing::internal::GetCapturedStdout();
  return outcome;
}

TEST(FunctionTest, FailedAssertRaisesTheSameErrorAsEagerExecution) {
  auto compiled = ag::function(print_and_check, "print_and_check");
  ag::Tensor x = ag::constant({1.f, -4.f});
  Outcome eager = run([&] { print_and_check(x); });
  Outcome jit = run([&] { compiled(x); });
  EXPECT_NE(eager.error.find("x must be non-negative"), std::string::npos);
  EXPECT_NE(eager.error.find("FunctionTest.cpp"), std::string::npos) << eager.error;
  EXPECT_EQ(jit.error, eager.error);
  // The first print ran, the one after the assert did not.
  EXPECT_EQ(jit.output, eager.output);
  EXPECT_EQ(jit.output, "x = [1 -4] sum: -3\n");
}

ag::Tensor print_formatted_first(ag::Tensor x) {
  ag::print_formatted("first %.2f of %d\n", {x[0], 2});
  (ag::PrintStream() << "all " << x << std::endl).print();
  ag::print_formatted("the only one %g\n", {x});
  return x;
}

TEST(FunctionTest, FormattedPrintsMatchEagerExecutionWithTheirErrors) {
  auto compiled = ag::function(print_formatted_first, "print_formatted_first");
  // x has one element: every print succeeds; with two the last one fails
  // (after the first two printed) in both modes with the same message.
  for (ag::Tensor x : {ag::constant({0.125f}), ag::constant({1.5f, 2.f})}) {
    Outcome eager = run([&] { print_formatted_first(x); });
    Outcome jit = run([&] { compiled(x); });
    EXPECT_EQ(jit.output, eager.output);
    EXPECT_EQ(jit.error, eager.error);
    if (x.shape()[0] == 1) {
      EXPECT_EQ(eager.output, "first 0.12 of 2\nall [0.125]\nthe only one 0.125\n");
      EXPECT_EQ(eager.error, "none");
    } else {
      EXPECT_EQ(eager.output, "first 1.50 of 2\nall [1.5 2]\n");
      EXPECT_EQ(eager.error,
                "print_formatted: '%g' formats a tensor of one element; got f32[2]");
    }
  }
}

TEST(FunctionTest, LoopVariableChangingDtypeIsATraceError) {
  auto compiled = ag::function([](const ag::Tensor &x) {
    return ag::while_loop(
        [](const ag::TensorList &v) { return v[0] < 10.f; },
        [](const ag::TensorList &v) {
          return ag::TensorList{ag::cast(v[0], ag::DType::Float64)};
        },
        {x}, {"total"})[0];
  });
  try {
    compiled(ag::constant(1.f));
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "while_loop: 'total' has dtype float32 before the "
                               "loop, but dtype float64 after one iteration");
  }
}

TEST(FunctionTest, BranchesDisagreeingIsATraceError) {
  auto compiled = ag::function([](const ag::Tensor &x) {
    return ag::cond(
        x > 0.f, [&] { return ag::TensorList{x}; },
        [&] { return ag::TensorList{ag::cast(x, ag::DType::Int32)}; })[0];
  });
  try {
    compiled(ag::constant(1.f));
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "cond: output #0 has dtype float32 in the then "
                               "branch, but dtype int32 in the else branch");
  }
}

TEST(FunctionTest, BranchesOfDifferentShapesNameTheShapes) {
  auto compiled = ag::function([](const ag::Tensor &x) {
    return ag::cond(
        ag::reduce_sum(x) > 0.f, [&] { return ag::TensorList{x}; },
        [&] { return ag::TensorList{ag::concat({x, x}, 0)}; }, {"y"})[0];
  });
  try {
    compiled(ag::constant({1.f, 2.f}));
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "cond: 'y' has shape [2] in the then branch, but "
                               "shape [4] in the else branch");
  }
}

TEST(FunctionTest, UnconvertedTensorConditionIsATracingError) {
  auto compiled = ag::function([](const ag::Tensor &x) {
    if (x > 0.f) // a C++ if on a tensor: needs autograph-cc
      return x;
    return -x;
  });
  EXPECT_THROW(compiled(ag::constant(1.f)), ag::TracingError);
}

TEST(FunctionTest, RunFunctionsEagerlyBypassesTracing) {
  auto compiled = ag::function([](const ag::Tensor &x) { return x + 1.f; });
  ag::run_functions_eagerly(true);
  EXPECT_EQ(compiled(ag::constant(1.f)).item<float>(), 2.f);
  ag::run_functions_eagerly(false);
  EXPECT_EQ(compiled.trace_count(), 0);
  EXPECT_EQ(compiled(ag::constant(1.f)).item<float>(), 2.f);
  EXPECT_EQ(compiled.trace_count(), 1);
}

/// Sets an environment variable for a scope, then restores what it was.
class ScopedEnvironment {
public:
  ScopedEnvironment(const char *name, const char *value) : name_(name) {
    if (const char *old = std::getenv(name))
      old_ = old;
    if (value)
      ::setenv(name, value, 1);
    else
      ::unsetenv(name);
  }
  ~ScopedEnvironment() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

private:
  const char *name_;
  std::optional<std::string> old_;
};

/// Sets the fallback policy for a scope (the binary runs with
/// AG_FALLBACK=error), then restores it.
class ScopedFallbackPolicy {
public:
  explicit ScopedFallbackPolicy(ag::FallbackPolicy policy)
      : old_(ag::fallback_policy()) {
    ag::set_fallback_policy(policy);
  }
  ~ScopedFallbackPolicy() { ag::set_fallback_policy(old_); }

private:
  ag::FallbackPolicy old_;
};

TEST(FunctionTest, LoweringFailureWarnsOnceAndRunsEagerly) {
  ScopedFallbackPolicy warn(ag::FallbackPolicy::Warn);
  // AG_JIT_FAIL_LOWERING makes every lowering fail after tracing.
  ScopedEnvironment fail("AG_JIT_FAIL_LOWERING", "1");
  int before = ag::jit::fallback_count();
  auto compiled = ag::function(collatz_steps, "collatz_steps");
  testing::internal::CaptureStderr();
  ag::Tensor steps = compiled(ag::constant(std::int64_t{27}));
  std::string warning = testing::internal::GetCapturedStderr();
  // Each new signature is traced (and fails to lower) once; one warning.
  testing::internal::CaptureStderr();
  ag::Tensor again = compiled(ag::constant(std::int64_t{97}));
  ag::Tensor other = compiled(ag::constant(std::int32_t{6}));
  std::string later = testing::internal::GetCapturedStderr();

  EXPECT_EQ(warning, "::ag::function collatz_steps: lowering collatz_steps "
                     "failed: AG_JIT_FAIL_LOWERING is set\nrunning it eagerly "
                     "instead\n");
  EXPECT_EQ(later, "");
  // The eager results (hand-computed: 111, 118 and 8 steps).
  EXPECT_EQ(steps.item<std::int64_t>(), 111);
  EXPECT_EQ(again.item<std::int64_t>(), 118);
  EXPECT_EQ(other.item<std::int64_t>(), 8);
  // Fallbacks are observable: per function, with the reason, and in all.
  EXPECT_EQ(compiled.trace_count(), 2);
  EXPECT_EQ(compiled.fallback_count(), 2);
  EXPECT_EQ(compiled.fallback_reason(),
            "lowering collatz_steps failed: AG_JIT_FAIL_LOWERING is set");
  EXPECT_EQ(ag::jit::fallback_count(), before + 2);
}

TEST(FunctionTest, FallbackIsAnErrorUnderTheErrorPolicy) {
  ScopedFallbackPolicy error(ag::FallbackPolicy::Error);
  ScopedEnvironment fail("AG_JIT_FAIL_LOWERING", "1");
  auto compiled = ag::function(collatz_steps, "collatz_steps");
  try {
    compiled(ag::constant(std::int64_t{27}));
    FAIL() << "expected ag::Error";
  } catch (const ag::InvalidArgumentError &) {
    FAIL() << "a fallback is not an argument error";
  } catch (const ag::Error &error) {
    EXPECT_STREQ(error.what(),
                 "::ag::function collatz_steps cannot be compiled and "
                 "fallbacks are errors (AG_FALLBACK=error): lowering "
                 "collatz_steps failed: AG_JIT_FAIL_LOWERING is set");
  }
  EXPECT_EQ(compiled.fallback_count(), 0);
}

TEST(FunctionTest, CompiledFunctionsDoNotFallBack) {
  // The policy the test binary runs with (AG_FALLBACK=error), and none of
  // the functions above fell back without saying so.
  EXPECT_EQ(ag::fallback_policy(), ag::FallbackPolicy::Error);
  auto compiled = ag::function(collatz_steps, "collatz_steps");
  EXPECT_EQ(compiled(ag::constant(std::int64_t{27})).item<std::int64_t>(), 111);
  EXPECT_EQ(compiled.fallback_count(), 0);
  EXPECT_EQ(compiled.fallback_reason(), "");
}

} // namespace

namespace {

TEST(FunctionTest, DumpDirReceivesTheTraceAndEveryLoweringStage) {
  // The directory does not exist yet: it is created.
  std::string dir = testing::TempDir() + "ag_dump_test/nested";
  std::filesystem::remove_all(dir);
  {
    ScopedEnvironment dump("AG_DUMP_DIR", dir.c_str());
    auto compiled = ag::function(
        [](const ag::Tensor &x) { return ag::relu(x) * 2.f; }, "double_relu");
    EXPECT_EQ(compiled(ag::constant({-1.f, 3.f})).to_vector<float>(),
              (std::vector<float>{0.f, 6.f}));
    // A second signature gets files of its own.
    EXPECT_EQ(compiled(ag::constant({-1.f})).to_vector<float>(),
              (std::vector<float>{0.f}));
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/double_relu.2.ag.mlir"));
  EXPECT_TRUE(std::filesystem::is_directory(dir + "/double_relu.2"));

  std::ifstream trace(dir + "/double_relu.ag.mlir");
  std::stringstream text;
  text << trace.rdbuf();
  EXPECT_NE(text.str().find("ag.relu"), std::string::npos) << text.str();
  int stages = 0;
  bool sawLLVM = false;
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(dir + "/double_relu")) {
    if (entry.path().extension() != ".mlir")
      continue;
    ++stages;
    sawLLVM |= entry.path().filename().string().find("reconcile-unrealized-casts") !=
               std::string::npos;
  }
  EXPECT_GT(stages, 10);
  EXPECT_TRUE(sawLLVM);
}

// The JIT optimises for the host CPU, as AOT compilation does: an
// elementwise loop over 4096 floats is vectorised. (Its optimiser once ran
// through a dangling llvm::function_ref with a garbage target machine, and
// left every loop scalar: 5x slower than AOT code.)
TEST(FunctionTest, TheJitVectorisesForTheHostCpu) {
  std::string dir = testing::TempDir() + "ag_dump_vectorised";
  std::filesystem::remove_all(dir);
  {
    ScopedEnvironment dump("AG_DUMP_DIR", dir.c_str());
    auto compiled = ag::function(
        [](const ag::Tensor &x) { return x * 3.f + 1.f; }, "scale_shift");
    EXPECT_EQ(compiled(ag::ones({4096})).to_vector<float>()[4095], 4.f);
  }
  std::ifstream file(dir + "/scale_shift.ll");
  std::stringstream ir;
  ir << file.rdbuf();
  ASSERT_NE(ir.str().find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_TRUE(std::regex_search(ir.str(), std::regex("<(4|8|16) x float>"))) << ir.str();
}

TEST(FunctionTest, NothingIsWrittenWithoutDumpDir) {
  std::string dir = testing::TempDir() + "ag_no_dump";
  std::filesystem::remove_all(dir);
  ScopedEnvironment noDump("AG_DUMP_DIR", nullptr);
  auto compiled = ag::function([](const ag::Tensor &x) { return x + 1.f; }, "plus_one");
  compiled(ag::constant(1.f));
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_FALSE(std::filesystem::exists("plus_one.ag.mlir"));
}

} // namespace

namespace {

std::tuple<ag::Tensor, ag::Tensor> min_max(ag::Tensor x) {
  return {ag::reduce_min(x), ag::reduce_max(x)};
}

TEST(FunctionTest, TupleResultsComeBackAsTuples) {
  auto compiled = ag::function(min_max, "min_max");
  auto [lo, hi] = compiled(ag::constant({3, -2, 7, 0}));
  EXPECT_EQ(lo.item<int>(), -2);
  EXPECT_EQ(hi.item<int>(), 7);
  EXPECT_EQ(compiled.trace_count(), 1);
}

// One value returned as several results: compiled code may return one
// buffer for all of them (and a reshape as a view of it). Each result must
// hold the right values, whether its buffer is adopted (large) or copied
// into the tensor (small), and none may read a freed buffer (the sanitizer
// build runs this test too).
std::tuple<ag::Tensor, ag::Tensor, ag::Tensor, ag::Tensor>
one_value_four_times(ag::Tensor x) {
  ag::Tensor y = x + 1.f;
  return {y, ag::reshape(y, {-1}), y, ag::transpose(y, {1, 0})};
}

TEST(FunctionTest, ResultsSharingOneBufferAreEachRight) {
  auto compiled = ag::function(one_value_four_times, "one_value_four_times");
  // 2x3 floats fit in a tensor (copied); 40x30 do not (adopted).
  for (std::int64_t rows : {2, 40}) {
    std::int64_t cols = rows == 2 ? 3 : 30;
    std::vector<float> values(static_cast<std::size_t>(rows * cols));
    for (std::size_t i = 0; i < values.size(); ++i)
      values[i] = static_cast<float>(i);
    ag::Tensor x = ag::constant(values, {rows, cols});
    auto [a, flat, b, transposed] = compiled(x);
    ASSERT_EQ(a.shape(), (ag::Shape{rows, cols}));
    ASSERT_EQ(flat.shape(), (ag::Shape{rows * cols}));
    ASSERT_EQ(transposed.shape(), (ag::Shape{cols, rows}));
    std::vector<float> av = a.to_vector<float>(), fv = flat.to_vector<float>(),
                       bv = b.to_vector<float>(), tv = transposed.to_vector<float>();
    for (std::int64_t r = 0; r < rows; ++r)
      for (std::int64_t c = 0; c < cols; ++c) {
        float expected = static_cast<float>(r * cols + c) + 1.f;
        std::size_t i = static_cast<std::size_t>(r * cols + c);
        EXPECT_EQ(av[i], expected);
        EXPECT_EQ(fv[i], expected);
        EXPECT_EQ(bv[i], expected);
        EXPECT_EQ(tv[static_cast<std::size_t>(c * rows + r)], expected);
      }
  }
  EXPECT_EQ(compiled.fallback_count(), 0);
}

} // namespace

namespace {

// Converted form of `while (x > 0) x = x / y;`: with y == 0 eager execution
// raises at the first division; the compiled loop must raise the same error
// (and stop, not spin on x / 1).
ag::Tensor divide_down(ag::Tensor x, ag::Tensor y) {
  return ag::while_loop(
      [](const ag::TensorList &v) { return v[0] > 0; },
      [&](const ag::TensorList &v) { return ag::TensorList{v[0] / y}; }, {x})[0];
}

TEST(FunctionTest, IntegerDivisionByZeroRaisesTheEagerErrorAndStopsTheLoop) {
  auto compiled = ag::function(divide_down, "divide_down");
  ag::Tensor x = ag::constant(100), y = ag::constant(0);
  std::string eager, jit;
  try {
    divide_down(x, y);
  } catch (const ag::InvalidArgumentError &error) {
    eager = error.what();
  }
  try {
    compiled(x, y);
  } catch (const ag::InvalidArgumentError &error) {
    jit = error.what();
  }
  EXPECT_EQ(eager, "div: integer division by zero");
  EXPECT_EQ(jit, eager);
  // With a usable divisor both agree on the value: 100 / 3 / 3 / 3 / 3 / 3 = 0.
  EXPECT_EQ(compiled(x, ag::constant(3)).item<int>(), 0);
  EXPECT_EQ(divide_down(x, ag::constant(3)).item<int>(), 0);
}

TEST(FunctionTest, IntegerPowerWithANegativeExponentRaisesTheEagerError) {
  auto compiled = ag::function([](const ag::Tensor &a, const ag::Tensor &b) {
    return ag::pow(a, b);
  });
  ag::Tensor a = ag::constant({2, 3}), b = ag::constant({3, -1});
  EXPECT_THROW(ag::pow(a, b), ag::InvalidArgumentError);
  try {
    compiled(a, b);
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(),
                 "pow: integers to negative integer powers are not allowed");
  }
  // Hand-computed: 2^3 = 8, 3^2 = 9.
  EXPECT_EQ(compiled(a, ag::constant({3, 2})).to_vector<int>(),
            (std::vector<int>{8, 9}));
}

TEST(FunctionTest, ElementwiseIntegerRemainderByZeroRaisesTheEagerError) {
  auto compiled = ag::function([](const ag::Tensor &a, const ag::Tensor &b) {
    return a % b;
  });
  try {
    compiled(ag::constant({7, 8, 9}), ag::constant({2, 0, 4}));
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "rem: integer division by zero");
  }
  EXPECT_EQ(compiled(ag::constant({7, 8, 9}), ag::constant({2, 3, 4})).to_vector<int>(),
            (std::vector<int>{1, 2, 1}));
}

} // namespace

namespace {

TEST(FunctionTest, UnnamedOutputsAreNumberedInMessages) {
  auto compiled = ag::function([](const ag::Tensor &x) {
    return ag::while_loop(
        [](const ag::TensorList &v) { return v[0] < 10.f; },
        [](const ag::TensorList &v) {
          return ag::TensorList{ag::reshape(v[0], {1})};
        },
        {x})[0];
  });
  try {
    compiled(ag::constant(1.f));
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_STREQ(error.what(), "while_loop: loop variable #0 has shape [] before "
                               "the loop, but shape [1] after one iteration");
  }
}

// A variable assigned in one branch only has no value after the cond, and
// one without a value before a loop is a temporary of each iteration; neither
// is an error unless it is used (the converter passes every assigned
// variable, used later or not).
ag::Tensor temporaries(ag::Tensor x) {
  ag::Tensor unused, step;
  ag::TensorList out = ag::cond(
      x > 0.f,
      [&, x = x, unused = unused]() mutable {
        unused = x * 2.f;
        x = x + 1.f;
        return ag::TensorList{x, unused};
      },
      [&, x = x, unused = unused]() mutable { return ag::TensorList{x, unused}; },
      {"x", "unused"});
  x = out[0]; // out[1] is undefined in a trace (one-sided), defined eagerly
  ag::TensorList loop = ag::while_loop(
      [](const ag::TensorList &v) { return v[0] < 10.f; },
      [](const ag::TensorList &v) {
        ag::Tensor step = v[0] * 0.f + 3.f; // assigned before any use
        return ag::TensorList{v[0] + step, step};
      },
      {x, step}, {"x", "step"});
  return loop[0]; // loop[1] is a per-iteration temporary in a trace
}

TEST(FunctionTest, OneSidedOutputsAndLoopTemporariesAreNotErrors) {
  auto compiled = ag::function(temporaries, "temporaries");
  // 2 -> 3 (then branch) -> 6 -> 9 -> 12.
  EXPECT_EQ(compiled(ag::constant(2.f)).item<float>(), 12.f);
  EXPECT_EQ(temporaries(ag::constant(2.f)).item<float>(), 12.f);
}

} // namespace

namespace {

// `ag::Tensor s = 0; while (s < limit) s = s + step;` with a traced step: the
// condition is concrete until the first iteration makes `s` symbolic; the
// rest of the loop is then staged.
ag::Tensor accumulate(ag::Tensor step, ag::Tensor limit) {
  return ag::while_loop(
      [&](const ag::TensorList &v) { return v[0] < limit; },
      [&](const ag::TensorList &v) { return ag::TensorList{v[0] + step}; },
      {ag::constant(0.f)}, {"s"})[0];
}

TEST(FunctionTest, LoopStagedOnceItsConditionBecomesSymbolic) {
  auto compiled = ag::function([](const ag::Tensor &step) {
    return accumulate(step, ag::constant(10.f));
  });
  EXPECT_EQ(compiled(ag::constant(3.f)).item<float>(), 12.f); // 3 6 9 12
  EXPECT_EQ(compiled(ag::constant(20.f)).item<float>(), 20.f);
  EXPECT_EQ(accumulate(ag::constant(3.f), ag::constant(10.f)).item<float>(), 12.f);
  EXPECT_NE(compiled.mlir().find("ag.while_loop"), std::string::npos);
}

// A transposed matmul operand is read in place by the compiled GEMM
// (linalg.matmul_transpose_a/_b with a strided view); the products are
// worked out by hand.
TEST(FunctionTest, MatmulOfTransposedOperandsMatchesEagerExecution) {
  using ag::Tensor;
  using ag::TensorList;
  auto products = [](const TensorList &args) {
    const Tensor &a = args[0], &e = args[1], &f = args[2];
    return TensorList{ag::matmul(ag::transpose(a, {1, 0}), a),
                      ag::matmul(a, ag::transpose(e, {1, 0})),
                      ag::matmul(ag::transpose(a, {1, 0}), ag::transpose(f, {1, 0}))};
  };
  Tensor a = ag::constant({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});
  Tensor e = ag::constant({{1.f, 1.f}, {0.f, 1.f}});
  Tensor f = ag::constant({{1.f, 0.f, 2.f}, {0.f, 1.f, 3.f}});
  const std::vector<std::vector<float>> expected = {
      {35.f, 44.f, 44.f, 56.f}, {3.f, 2.f, 7.f, 4.f, 11.f, 6.f}, {11.f, 18.f, 14.f, 22.f}};
  TensorList eager = products({a, e, f});
  ag::jit::CompiledFunction compiled(
      products,
      {ag::TensorSpec{ag::DType::Float32, {-1, 2}}, ag::TensorSpec{ag::DType::Float32, {2, 2}},
       ag::TensorSpec{ag::DType::Float32, {2, -1}}},
      "products");
  TensorList got = compiled({a, e, f});
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_EQ(eager[k].to_vector<float>(), expected[k]) << k;
    EXPECT_EQ(got[k].to_vector<float>(), expected[k]) << k;
    EXPECT_EQ(got[k].shape(), eager[k].shape()) << k;
  }
}

} // namespace
