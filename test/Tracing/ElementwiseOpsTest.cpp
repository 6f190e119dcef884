//===- ElementwiseOpsTest.cpp - every unary op compiled vs eager ----------===//
//
// Each elementwise unary op of the op registry (include/autograph/Ops.def,
// expanded here, so an op added there is tested here too), compiled by
// ag::function for every dtype it accepts, against its eager result on
// values that include the special ones (0, -0, NaN, infinities, extremes).
// Floats agree within 1e-5 relative (the compiled exp/log/tanh are
// polynomial approximations), integers and booleans exactly; the signs of
// zeros too. The binary ops are compared here on every pair of special
// values (BroadcastTest covers their broadcasting).
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace {

struct UnaryCase {
  const char *name;
  std::function<ag::Tensor(const ag::Tensor &)> op;
  bool numeric, floating, boolean;
};
struct BinaryCase {
  const char *name;
  std::function<ag::Tensor(const ag::Tensor &, const ag::Tensor &)> op;
  bool numeric, floating, boolean;
};

std::vector<UnaryCase> unaryOps() {
  std::vector<UnaryCase> cases;
  struct Numeric {};
  struct Floating {};
  struct Boolean {};
  auto accepts = [](auto dtypes) {
    using D = decltype(dtypes);
    return std::make_tuple(std::is_same_v<D, Numeric>,
                           std::is_same_v<D, Numeric> || std::is_same_v<D, Floating>,
                           std::is_same_v<D, Boolean>);
  };
#define AG_UNARY_OP(Kind, name, Dtypes, Gradient)                              \
  {                                                                            \
    auto [numeric, floating, boolean] = accepts(Dtypes{});                    \
    cases.push_back({#name, [](const ag::Tensor &x) { return ag::name(x); },  \
                     numeric, floating, boolean});                             \
  }
#include "autograph/Ops.def"
  return cases;
}

std::vector<BinaryCase> binaryOps() {
  std::vector<BinaryCase> cases;
  struct Numeric {};
  struct Floating {};
  struct Boolean {};
  auto accepts = [](auto dtypes) {
    using D = decltype(dtypes);
    return std::make_tuple(std::is_same_v<D, Numeric>,
                           std::is_same_v<D, Numeric> || std::is_same_v<D, Floating>,
                           std::is_same_v<D, Boolean>);
  };
#define AG_BINARY_OP(Kind, name, Dtypes, Gradient)                             \
  {                                                                            \
    auto [numeric, floating, boolean] = accepts(Dtypes{});                    \
    cases.push_back({#name,                                                    \
                     [](const ag::Tensor &a, const ag::Tensor &b) {            \
                       return ag::name(a, b);                                  \
                     },                                                        \
                     numeric, floating, boolean});                             \
  }
#include "autograph/Ops.def"
  return cases;
}

ag::Tensor floatValues(ag::DType dtype) {
  const double inf = std::numeric_limits<double>::infinity();
  return ag::cast(ag::constant({-3.5, -1.0, -0.0, 0.0, 0.25, 1.0, 2.0, 7.5,
                                std::nan(""), inf, -inf, 1e-30, -40.0, 40.0}),
                  dtype);
}

ag::Tensor intValues(ag::DType dtype) {
  return ag::cast(ag::constant({-7.0, -1.0, 0.0, 1.0, 2.0, 100.0, -100000.0, 46340.0}),
                  dtype);
}

void expectClose(const ag::Tensor &got, const ag::Tensor &want, const std::string &what) {
  ASSERT_EQ(got.spec(), want.spec()) << what;
  std::vector<double> g = got.to_vector<double>(), w = want.to_vector<double>();
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (std::isnan(w[i])) {
      EXPECT_TRUE(std::isnan(g[i])) << what << " element " << i;
    } else if (std::isinf(w[i]) || w[i] == 0) {
      EXPECT_EQ(g[i], w[i]) << what << " element " << i;
      EXPECT_EQ(std::signbit(g[i]), std::signbit(w[i])) << what << " element " << i;
    } else {
      EXPECT_NEAR(g[i], w[i], 1e-5 * std::abs(w[i])) << what << " element " << i;
    }
  }
}

TEST(ElementwiseOpsTest, EveryUnaryOpMatchesEagerExecutionInEveryDType) {
  int compared = 0;
  for (const UnaryCase &c : unaryOps()) {
    std::vector<ag::Tensor> inputs;
    if (c.floating)
      for (ag::DType d : {ag::float32, ag::float64})
        inputs.push_back(floatValues(d));
    if (c.numeric)
      for (ag::DType d : {ag::int32, ag::int64})
        inputs.push_back(intValues(d));
    if (c.boolean)
      inputs.push_back(ag::constant({true, false, true}));
    ASSERT_FALSE(inputs.empty()) << c.name;
    for (const ag::Tensor &x : inputs) {
      std::string what = std::string(c.name) + " on " + ag::format_spec(x.spec());
      auto compiled = ag::function(c.op, c.name);
      expectClose(compiled(x), c.op(x), what);
      // And a 0-d operand (the scalar paths).
      expectClose(compiled(x[1]), c.op(x[1]), what + " element 1");
      EXPECT_EQ(compiled.trace_count(), 2) << what;
      ++compared;
    }
  }
  // Every unary op in every dtype it takes (10 ops at the time of writing).
  EXPECT_GE(compared, 27);
}

TEST(ElementwiseOpsTest, Float32TanhIsBitIdenticalToEager) {
  // Compiled float32 tanh calls libm's tanhf, as the eager runtime does (a
  // polynomial differed by up to 4 ulp on most inputs, enough to change a
  // recurrent network's printed outputs).
  std::vector<float> v;
  for (int i = 0; i < 20000; ++i)
    v.push_back(-4.f + 8.f * static_cast<float>(i) / 20000.f);
  ag::Tensor x = ag::constant(v, {static_cast<std::int64_t>(v.size())});
  auto compiled = ag::function([](const ag::Tensor &t) { return ag::tanh(t); }, "tanh_f32");
  std::vector<float> got = compiled(x).to_vector<float>(), want = ag::tanh(x).to_vector<float>();
  ASSERT_EQ(got.size(), want.size());
  int differ = 0;
  for (std::size_t i = 0; i < got.size(); ++i)
    differ += std::memcmp(&got[i], &want[i], sizeof(float)) != 0;
  EXPECT_EQ(differ, 0);
}

bool hostHasFusedMultiplyAdd() {
#if defined(__x86_64__) || defined(__i386__)
  return __builtin_cpu_supports("fma");
#else
  return true; // AArch64 and the other 64-bit targets have FMA in their base ISA
#endif
}

TEST(ElementwiseOpsTest, CompiledMultiplyAddRoundsOnce) {
  // Compiled float arithmetic may contract a * b + c into one fused
  // multiply-add (allow-float-contraction), rounded once. With
  // a = 1 + 2^-12 (float32) the exact a * a is 1 + 2^-11 + 2^-24, whose
  // last term is half an ulp of 1 and is rounded away (to even) by a
  // separate multiply: a * a - (1 + 2^-11) is 0 eagerly and 2^-24 fused.
  // float64: a = 1 + 2^-27 leaves 2^-54, a quarter of an ulp.
  if (!hostHasFusedMultiplyAdd())
    GTEST_SKIP() << "this CPU has no FMA instruction";
  auto multiplyAdd = ag::function(
      [](const ag::Tensor &a, const ag::Tensor &b, const ag::Tensor &c) { return a * b + c; },
      "multiply_add");
  struct Case { ag::DType dtype; double a, c, fused; };
  for (Case k : {Case{ag::float32, 1 + std::ldexp(1.0, -12), -(1 + std::ldexp(1.0, -11)),
                      std::ldexp(1.0, -24)},
                 Case{ag::float64, 1 + std::ldexp(1.0, -27), -(1 + std::ldexp(1.0, -26)),
                      std::ldexp(1.0, -54)}})
    for (ag::Shape shape : {ag::Shape{}, ag::Shape{1000}}) {
      ag::Tensor a = ag::cast(ag::fill(shape, k.a), k.dtype);
      ag::Tensor c = ag::cast(ag::fill(shape, k.c), k.dtype);
      std::string what = ag::format_spec(a.spec());
      EXPECT_EQ(ag::reduce_max(ag::abs(a * a + c)).item<double>(), 0.0) << what;
      ag::Tensor fused = ag::cast(multiplyAdd(a, a, c), ag::float64);
      EXPECT_EQ(ag::reduce_min(fused).item<double>(), k.fused) << what;
      EXPECT_EQ(ag::reduce_max(fused).item<double>(), k.fused) << what;
    }
  EXPECT_EQ(multiplyAdd.fallback_count(), 0);
}

/// Every pair of `values` as two tensors of n*n elements.
std::pair<ag::Tensor, ag::Tensor> allPairs(const std::vector<double> &left,
                                           const std::vector<double> &right,
                                           ag::DType dtype) {
  std::vector<double> a, b;
  for (double x : left)
    for (double y : right) {
      a.push_back(x);
      b.push_back(y);
    }
  auto n = static_cast<std::int64_t>(a.size());
  return {ag::cast(ag::constant(a, ag::Shape{n}), dtype),
          ag::cast(ag::constant(b, ag::Shape{n}), dtype)};
}

TEST(ElementwiseOpsTest, EveryBinaryOpMatchesEagerExecutionOnSpecialValues) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> floats = {-2.5, -0.0, 0.0, 1.0, 3.0, std::nan(""), inf, -inf};
  const std::vector<double> ints = {-100000, -7, -1, 0, 1, 2, 46340};
  // Integer right operands stay positive: a zero divisor or a negative
  // exponent is an error in both modes (FunctionTest).
  const std::vector<double> positive = {1, 2, 3, 7, 31};
  int compared = 0;
  for (const BinaryCase &c : binaryOps()) {
    std::vector<std::pair<ag::Tensor, ag::Tensor>> inputs;
    if (c.floating)
      for (ag::DType d : {ag::float32, ag::float64})
        inputs.push_back(allPairs(floats, floats, d));
    if (c.numeric)
      for (ag::DType d : {ag::int32, ag::int64})
        inputs.push_back(allPairs(ints, positive, d));
    if (c.boolean)
      inputs.push_back(allPairs({0, 1}, {0, 1}, ag::boolean));
    for (const auto &[a, b] : inputs) {
      std::string what = std::string(c.name) + " on " + ag::format_spec(a.spec());
      auto compiled = ag::function(c.op, c.name);
      expectClose(compiled(a, b), c.op(a, b), what);
      ++compared;
    }
  }
  EXPECT_GE(compared, 30);
}

} // namespace
