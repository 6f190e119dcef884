//===- SignatureTest.cpp - call signatures: C++ values, void, objects, threads //
//
// What ag::function traces once per signature: tensors by dtype and shape,
// C++ arithmetic values and enums by value (a new value traces again), the
// object of a member function by identity. Results are checked against
// hand-computed values, and every call runs compiled code (the binary runs
// with AG_FALLBACK=error; trace counts show what was traced).
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

enum class Mode { Add, Mul };

// `n`, `negate` and `mode` are trace-time constants: C++ control flow on
// them runs while tracing, as Python control flow does in tf.function.
ag::Tensor combine(ag::Tensor x, int n, bool negate, Mode mode) {
  ag::Tensor y = mode == Mode::Add ? x + static_cast<float>(n)
                                   : x * static_cast<float>(n);
  return negate ? -y : y;
}

TEST(SignatureTest, CppValuesArePartOfTheSignature) {
  auto compiled = ag::function(combine, "combine");
  ag::Tensor x = ag::constant({1.f, 2.f});
  EXPECT_EQ(compiled(x, 3, false, Mode::Add).to_vector<float>(),
            (std::vector<float>{4.f, 5.f}));
  EXPECT_EQ(compiled.trace_count(), 1);
  // The same values reuse the trace, for another tensor of the same type.
  EXPECT_EQ(compiled(ag::constant({0.f, 1.f}), 3, false, Mode::Add).to_vector<float>(),
            (std::vector<float>{3.f, 4.f}));
  EXPECT_EQ(compiled.trace_count(), 1);
  // Each new value traces again, and computes with its value.
  EXPECT_EQ(compiled(x, 4, false, Mode::Add).to_vector<float>(),
            (std::vector<float>{5.f, 6.f}));
  EXPECT_EQ(compiled(x, 4, true, Mode::Add).to_vector<float>(),
            (std::vector<float>{-5.f, -6.f}));
  EXPECT_EQ(compiled(x, 4, true, Mode::Mul).to_vector<float>(),
            (std::vector<float>{-4.f, -8.f}));
  EXPECT_EQ(compiled.trace_count(), 4);
  // Back to the first signature: no new trace.
  EXPECT_EQ(compiled(x, 3, false, Mode::Add).to_vector<float>(),
            (std::vector<float>{4.f, 5.f}));
  EXPECT_EQ(compiled.trace_count(), 4);
  EXPECT_EQ(compiled.fallback_count(), 0);
  // The value is a constant of the trace, not an input: one argument.
  EXPECT_NE(compiled.mlir().find("@combine(%arg0: tensor<2xf32>"),
            std::string::npos)
      << compiled.mlir();
  EXPECT_EQ(compiled.mlir().find("%arg1"), std::string::npos) << compiled.mlir();
}

TEST(SignatureTest, ValuesOfDifferentTypesDoNotShareATrace) {
  auto compiled = ag::function(
      [](const ag::Tensor &x, auto by) { return x + static_cast<float>(by); },
      "shift");
  ag::Tensor x = ag::constant(1.f);
  // 1.0f and the int32 with the same bits (1065353216) are different values.
  EXPECT_EQ(compiled(x, 1.f).item<float>(), 2.f);
  EXPECT_EQ(compiled(x, 1065353216).item<float>(), 1065353217.f);
  EXPECT_EQ(compiled(x, 1.0).item<float>(), 2.f);
  EXPECT_EQ(compiled(x, true).item<float>(), 2.f);
  EXPECT_EQ(compiled(x, std::int64_t{1}).item<float>(), 2.f);
  EXPECT_EQ(compiled.trace_count(), 5);
}

TEST(SignatureTest, FunctionsWithoutResultsRunCompiled) {
  auto compiled = ag::function(
      [](const ag::Tensor &x, int times) {
        for (int i = 0; i < times; ++i)
          ag::print("x =", x * static_cast<float>(i + 1));
      },
      "report");
  testing::internal::CaptureStdout();
  compiled(ag::constant({1.f, 2.f}), 2);
  compiled(ag::constant({3.f, 4.f}), 2);
  std::string printed = testing::internal::GetCapturedStdout();
  EXPECT_EQ(printed, "x = [1 2]\nx = [2 4]\nx = [3 4]\nx = [6 8]\n");
  EXPECT_EQ(compiled.trace_count(), 1);
  // The prints are in the compiled code: two ag.print ops.
  const std::string mlir = compiled.mlir();
  EXPECT_NE(mlir.find("ag.print"), std::string::npos);
  EXPECT_NE(mlir.find("ag.print", mlir.find("ag.print") + 1), std::string::npos);
}

// A template: the converter gives each instantiation its own cache.
template <class T> ag::Tensor scaled(ag::Tensor x, T factor) {
  static ag::Function &cache = *new ag::Function("scaled");
  return ag::call_function(
      cache, nullptr,
      [&](ag::Tensor x, T factor) { return x * static_cast<float>(factor); }, x,
      factor);
}

TEST(SignatureTest, TemplateInstantiationsCompileSeparately) {
  EXPECT_EQ(scaled(ag::constant(2.f), 3).item<float>(), 6.f);
  EXPECT_EQ(scaled(ag::constant(2.f), 0.5).item<float>(), 1.f);
  EXPECT_EQ(scaled(ag::constant(2.f), 3).item<float>(), 6.f);
}

// A member function, as the converter wraps one: the object is part of the
// signature, so each object gets its own trace of its own state.
struct Affine {
  float weight;
  ag::Tensor apply(const ag::Tensor &x) {
    static ag::Function &cache = *new ag::Function("apply");
    traces = &cache;
    return ag::call_function(
        cache, this, [&](const ag::Tensor &x) { return x * weight; }, x);
  }
  ag::Function *traces = nullptr;
};

TEST(SignatureTest, MemberFunctionsTraceOncePerObject) {
  Affine twice{2.f}, thrice{3.f};
  EXPECT_EQ(twice.apply(ag::constant(1.f)).item<float>(), 2.f);
  EXPECT_EQ(thrice.apply(ag::constant(1.f)).item<float>(), 3.f);
  EXPECT_EQ(twice.apply(ag::constant(5.f)).item<float>(), 10.f);
  EXPECT_EQ(twice.traces->trace_count(), 2);
}

TEST(SignatureTest, UndefinedArgumentsAreErrorsNamingThem) {
  auto compiled = ag::function([](const ag::Tensor &x) { return x + 1.f; });
  try {
    compiled(ag::Tensor());
    FAIL() << "expected ag::InvalidArgumentError";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_NE(std::string(error.what()).find("function argument"),
              std::string::npos)
        << error.what();
  }
}

// Several threads call one function: each signature is traced once, every
// call computes its own result, and compiled code runs concurrently. Run
// under ThreadSanitizer by the sanitizer build (docs/reliability.md).
TEST(SignatureTest, CallsFromSeveralThreadsAreSafe) {
  auto compiled = ag::function(
      [](const ag::Tensor &x, int k) {
        ag::Tensor total = ag::reduce_sum(x * x);
        return total * static_cast<float>(k);
      },
      "sum_of_squares");
  constexpr int kThreads = 8, kCalls = 50;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        // Two shapes and two values of k: four signatures in all.
        int n = 1 + (i + t) % 2, k = 1 + t % 2;
        std::vector<float> values(static_cast<std::size_t>(n), float(i));
        float expected = float(n) * float(i) * float(i) * float(k);
        ag::Tensor result =
            compiled(ag::constant(values, ag::Shape{n}), k);
        if (result.item<float>() != expected)
          ++wrong;
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(compiled.trace_count(), 4);
  EXPECT_EQ(compiled.fallback_count(), 0);
}

} // namespace

namespace {

// Results that are one value (or one buffer) come back as tensors that each
// own what they need: no buffer is freed twice, no input is freed.
TEST(SignatureTest, ResultsSharingABufferAreEachValid) {
  auto compiled = ag::function(
      [](const ag::Tensor &x) {
        ag::Tensor y = x * 2.f;
        return std::make_tuple(y, y, x, x * 2.f);
      },
      "shared");
  ag::Tensor x = ag::constant({1.f, 2.f});
  for (int call = 0; call < 3; ++call) {
    auto [a, b, c, d] = compiled(x);
    EXPECT_EQ(a.to_vector<float>(), (std::vector<float>{2.f, 4.f}));
    EXPECT_EQ(b.to_vector<float>(), (std::vector<float>{2.f, 4.f}));
    EXPECT_EQ(c.to_vector<float>(), (std::vector<float>{1.f, 2.f}));
    EXPECT_EQ(d.to_vector<float>(), (std::vector<float>{2.f, 4.f}));
  }
  EXPECT_EQ(x.to_vector<float>(), (std::vector<float>{1.f, 2.f}));
}

} // namespace
