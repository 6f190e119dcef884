//===- TensorArrayTest.cpp - ag::TensorArray, eagerly and compiled --------===//
//
// SPEC 8.3. The same functions run eagerly and as compiled code (the binary
// runs with AG_FALLBACK=error, and each compiled test checks that the
// trace holds the array ops, so no eager fallback passes): loops over a
// length known only at run time write elements, read them back and stack
// them; dynamic_size arrays grow; errors are the same in both modes.
// Expected values are computed by hand.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/TensorArray.h"
#include "autograph/autograph.h"

#include "../runtime/TensorTestUtil.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <tuple>
#include <string>
#include <vector>

namespace {

using agtest::errorOf;

using ag::Tensor;
using ag::TensorArray;
using ag::TensorList;

std::vector<float> values(const Tensor &t) { return t.to_vector<float>(); }

Tensor zero() { return ag::constant(std::int64_t{0}); }
Tensor one() { return ag::constant(std::int64_t{1}); }

//===--- Eager --------------------------------------------------------------===//

TEST(TensorArrayTest, WritesReadsAndStacksEagerly) {
  TensorArray ta(ag::DType::Float32, 3, false, "ta");
  ta = ta.write(0, ag::constant({1.f, 2.f}));
  ta = ta.write(ag::constant(2), ag::constant({5.f, 6.f}));
  EXPECT_EQ(values(ta.read(2)), (std::vector<float>{5.f, 6.f}));
  EXPECT_EQ(ta.size().item<std::int32_t>(), 3);
  EXPECT_EQ(ta.size().dtype(), ag::DType::Int32);
  // The unwritten element stacks as zeros.
  Tensor all = ta.stack();
  EXPECT_EQ(all.shape(), (ag::Shape{3, 2}));
  EXPECT_EQ(values(all), (std::vector<float>{1.f, 2.f, 0.f, 0.f, 5.f, 6.f}));
  // A write stores a copy; a copy of the handle sees later writes.
  Tensor row = ag::constant({7.f, 8.f});
  TensorArray alias = ta;
  ta.write(1, row);
  row += 1.f;
  EXPECT_EQ(values(alias.read(1)), (std::vector<float>{7.f, 8.f}));
}

TEST(TensorArrayTest, ADynamicArrayGrowsAndUnstackFillsIt) {
  TensorArray ta(ag::DType::Int64, 0, /*dynamic_size=*/true);
  for (std::int64_t i = 0; i < 1000; ++i)
    ta = ta.write(i, ag::constant(i * i));
  EXPECT_EQ(ta.size().item<std::int32_t>(), 1000);
  EXPECT_EQ(ta.read(999).item<std::int64_t>(), 998001);
  TensorArray rows(ag::DType::Float32, 2);
  rows.unstack(ag::constant({{1.f, 2.f}, {3.f, 4.f}}));
  EXPECT_EQ(values(rows.read(1)), (std::vector<float>{3.f, 4.f}));
}

TEST(TensorArrayTest, EagerErrorsNameTheArray) {
  TensorArray ta(ag::DType::Float32, 2, false, "outputs");
  EXPECT_EQ(errorOf([&] { ta.read(0); }),
            "read: TensorArray 'outputs': tried to read from index 0, which was never written");
  EXPECT_EQ(errorOf([&] { ta.stack(); }),
            "stack: TensorArray 'outputs': no element was written, so the element "
            "shape is unknown");
  EXPECT_EQ(errorOf([&] { ta.write(2, ag::constant(1.f)); }),
            "write: TensorArray 'outputs': tried to write to index 2 but array is not "
            "resizeable and size is: 2");
  EXPECT_EQ(errorOf([&] { ta.write(-1, ag::constant(1.f)); }),
            "write: TensorArray 'outputs': writing to negative indices (index -1) is not "
            "allowed");
  EXPECT_EQ(errorOf([&] { ta.write(0, ag::constant(1)); }),
            "write: TensorArray 'outputs': the array's dtype is float32 but the value's "
            "is int32");
  ta.write(0, ag::constant({1.f, 2.f}));
  EXPECT_EQ(errorOf([&] { ta.write(1, ag::constant({1.f, 2.f, 3.f})); }),
            "write: TensorArray 'outputs': incompatible shape for value ([3]), expected ([2])");
  EXPECT_EQ(errorOf([&] { ta.read(5); }),
            "read: TensorArray 'outputs': tried to read from index 5 but array size is: 2");
  EXPECT_EQ(errorOf([&] { ta.read(ag::constant(1.f)); }),
            "read: TensorArray 'outputs': the index must be an int or a 0-d int32/int64 "
            "tensor, got f32[]");
  EXPECT_EQ(errorOf([] { TensorArray(ag::DType::Float32, -1, false, "n"); }),
            "TensorArray: TensorArray 'n': size must be non-negative, got -1");
}

//===--- Compiled -----------------------------------------------------------===//

/// `ta[i] = x[i] * 2` for every row of x, then the stack: written as
/// converted code writes `for (Tensor i : ag::range(n)) ta = ta.write(i, ...)`.
Tensor doubled(const Tensor &x) {
  Tensor n = ag::shape(x)[std::int64_t{0}];
  TensorArray ta(ag::DType::Float32, n, false, "doubled");
  ag::for_range(zero(), n, one(),
                [&](const Tensor &i, const TensorList &v) {
                  ta = ta.write(i, x[i] * 2.f);
                  return v;
                },
                {}, {});
  return ta.stack();
}

TEST(TensorArrayTest, ALoopOverARunTimeLengthFillsTheArray) {
  // One compiled signature f32[?]: the length is known only at run time.
  ag::jit::CompiledFunction f(
      [](const TensorList &args) { return TensorList{doubled(args[0])}; },
      {ag::TensorSpec{ag::DType::Float32, {-1}}}, "doubled");
  EXPECT_NE(f.mlir().find("ag.tensor_array_write"), std::string::npos) << f.mlir();
  EXPECT_NE(f.mlir().find("ag.for"), std::string::npos) << f.mlir();
  EXPECT_EQ(values(f({ag::constant({1.f, 2.f, 3.f})})[0]), (std::vector<float>{2.f, 4.f, 6.f}));
  EXPECT_EQ(values(f({ag::constant({4.f})})[0]), (std::vector<float>{8.f}));
  // An empty array stacks to an empty tensor, in both modes.
  EXPECT_EQ(f({ag::zeros({0})})[0].shape(), (ag::Shape{0}));
  EXPECT_EQ(doubled(ag::zeros({0})).shape(), (ag::Shape{0}));
  // Rows of a matrix, read back.
  auto g = ag::function(doubled, "doubled_rows");
  Tensor m = g(ag::constant({{1.f, 2.f}, {3.f, 4.f}}));
  EXPECT_EQ(m.shape(), (ag::Shape{2, 2}));
  EXPECT_EQ(values(m), (std::vector<float>{2.f, 4.f, 6.f, 8.f}));
}

TEST(TensorArrayTest, AMillionWritesInACompiledLoop) {
  // Each write hands the element to the runtime as an unranked memref,
  // whose descriptor is on the stack: a regression test for stack taken per
  // iteration (it overflowed an 8 MB stack after about 260,000 writes).
  ag::jit::CompiledFunction fill(
      [](const TensorList &args) {
        Tensor n = args[0];
        TensorArray ta(ag::DType::Int64, n, false, "squares");
        ag::for_range(zero(), n, one(),
                      [&](const Tensor &i, const TensorList &v) {
                        ta = ta.write(i, i * i);
                        return v;
                      },
                      {}, {});
        return TensorList{ta.read(n - one()), ta.size()};
      },
      {ag::TensorSpec{ag::DType::Int64, {}}}, "fill");
  TensorList result = fill({ag::constant(std::int64_t{1000000})});
  EXPECT_EQ(result[0].item<std::int64_t>(), 999999LL * 999999LL);
  EXPECT_EQ(result[1].item<std::int32_t>(), 1000000);
}

/// Prefix sums: element i is element i-1 (read back) plus x[i].
Tensor prefix_sums(const Tensor &x) {
  Tensor n = ag::shape(x)[std::int64_t{0}];
  TensorArray ta(ag::DType::Float32, n, false, "sums");
  ta = ta.write(0, x[std::int64_t{0}]);
  ag::for_range(one(), n, one(),
                [&](const Tensor &i, const TensorList &v) {
                  ta = ta.write(i, ta.read(i - one()) + x[i]);
                  return v;
                },
                {}, {});
  return ta.stack();
}

TEST(TensorArrayTest, ElementsAreReadBackInsideTheLoop) {
  Tensor x = ag::constant({1.f, 2.f, 3.f, 4.f});
  std::vector<float> expected{1.f, 3.f, 6.f, 10.f};
  EXPECT_EQ(values(prefix_sums(x)), expected);
  auto f = ag::function(prefix_sums, "prefix_sums");
  EXPECT_EQ(values(f(x)), expected);
  EXPECT_NE(f.mlir().find("ag.tensor_array_read"), std::string::npos);
}

/// Collatz sequence of n, in a dynamic array grown by a while loop.
std::tuple<Tensor, Tensor> collatz_sequence(const Tensor &start) {
  TensorArray ta(ag::DType::Int64, 0, /*dynamic_size=*/true, "sequence");
  TensorList out = ag::while_loop(
      [](const TensorList &v) { return v[0] != std::int64_t{1}; },
      [&](const TensorList &v) {
        ta = ta.write(v[1], v[0]);
        Tensor next = ag::where(v[0] % std::int64_t{2} == std::int64_t{0},
                                v[0] / std::int64_t{2}, v[0] * std::int64_t{3} + std::int64_t{1});
        return TensorList{next, v[1] + one()};
      },
      {start, zero()}, {"n", "i"});
  ta = ta.write(out[1], out[0]);
  return {ta.stack(), ta.size()};
}

TEST(TensorArrayTest, ADynamicArrayGrowsInACompiledWhileLoop) {
  auto f = ag::function([](const Tensor &n) { return collatz_sequence(n); }, "collatz");
  // 6 3 10 5 16 8 4 2 1, by hand.
  auto [sequence, size] = f(ag::constant(std::int64_t{6}));
  EXPECT_EQ(sequence.to_vector<std::int64_t>(),
            (std::vector<std::int64_t>{6, 3, 10, 5, 16, 8, 4, 2, 1}));
  EXPECT_EQ(size.item<std::int32_t>(), 9);
  // 27 takes 111 steps (112 elements), more than any initial capacity.
  auto [longer, longer_size] = f(ag::constant(std::int64_t{27}));
  EXPECT_EQ(longer_size.item<std::int32_t>(), 112);
  std::vector<std::int64_t> steps = longer.to_vector<std::int64_t>();
  EXPECT_EQ(*std::max_element(steps.begin(), steps.end()), 9232);
  EXPECT_NE(f.mlir().find("dynamic_size"), std::string::npos) << f.mlir();
}

TEST(TensorArrayTest, ElementsOfEveryDtypeInCompiledCode) {
  ag::jit::CompiledFunction f(
      [](const TensorList &a) {
        TensorArray flags(ag::DType::Bool, 2, false, "flags");
        flags.write(0, a[0] > 0.f).write(1, a[0] < 0.f);
        TensorArray halves(ag::DType::Float64, 1, false, "halves");
        halves.write(0, ag::cast(a[0], ag::DType::Float64) / 2.0);
        TensorArray counts(ag::DType::Int32, 1, false, "counts");
        counts.write(0, ag::cast(a[0], ag::DType::Int32));
        return TensorList{flags.stack(), halves.read(0), counts.stack()};
      },
      {ag::TensorSpec{ag::DType::Float32, {2}}}, "dtypes");
  TensorList r = f({ag::constant({0.5f, -2.f})});
  EXPECT_EQ(r[0].to_vector<bool>(), (std::vector<bool>{true, false, false, true}));
  EXPECT_EQ(r[1].to_vector<double>(), (std::vector<double>{0.25, -1.0}));
  EXPECT_EQ(r[2].shape(), (ag::Shape{1, 2}));
  EXPECT_EQ(r[2].to_vector<std::int32_t>(), (std::vector<std::int32_t>{0, -2}));
}

TEST(TensorArrayTest, CompiledErrorsAreTheEagerOnes) {
  // Reading an unwritten element: read index `k` of an array of which only
  // element 0 was written.
  auto read_unwritten = [](const Tensor &k) {
    TensorArray ta(ag::DType::Float32, 3, false, "a");
    ta = ta.write(0, ag::constant(1.f));
    return ta.read(k);
  };
  auto f = ag::function(read_unwritten, "read_unwritten");
  EXPECT_EQ(f(ag::constant(0)).item<float>(), 1.f);
  std::string message =
      "read: TensorArray 'a': tried to read from index 2, which was never written";
  EXPECT_EQ(errorOf([&] { read_unwritten(ag::constant(2)); }), message);
  EXPECT_EQ(errorOf([&] { f(ag::constant(2)); }), message);
  EXPECT_EQ(errorOf([&] { f(ag::constant(7)); }),
            "read: TensorArray 'a': tried to read from index 7 but array size is: 3");

  // Elements of another run-time shape: [0], then [0 1].
  auto fill = [](const Tensor &limit) {
    TensorArray ta(ag::DType::Int64, 3, false, "b");
    ag::for_range(zero(), limit, one(),
                  [&](const Tensor &i, const TensorList &v) {
                    ta = ta.write(i, ag::range(i + one()));
                    return v;
                  },
                  {}, {});
    return ta.size();
  };
  std::string mismatch = "write: TensorArray 'b': incompatible shape for value ([2]), expected ([1])";
  EXPECT_EQ(errorOf([&] { fill(ag::constant(std::int64_t{2})); }), mismatch);
  auto g = ag::function(fill, "fill");
  EXPECT_EQ(g(one()).item<std::int32_t>(), 3);
  EXPECT_EQ(errorOf([&] { g(ag::constant(std::int64_t{2})); }), mismatch);
  // Past the fixed size.
  EXPECT_EQ(errorOf([&] { g(ag::constant(std::int64_t{4})); }),
            errorOf([&] { fill(ag::constant(std::int64_t{4})); }));
  EXPECT_NE(g.mlir().find("ag.tensor_array_write"), std::string::npos);
}

// An array released early (what a nested loop's gradient does with the
// stacks of an inner loop it staged again): its memory is freed, and any
// later use is an error, eagerly and compiled alike.
TEST(TensorArrayTest, AReleasedArrayCannotBeUsed) {
  auto use = [](const Tensor &x, int what) {
    TensorArray ta(ag::DType::Float32, 0, /*dynamic_size=*/true, "stack");
    for (std::int64_t i = 0; i < 3; ++i)
      ta = ta.write(i, x * static_cast<float>(i));
    Tensor stacked = ta.stack();
    ag::detail::release_tensor_array(ta);
    if (what == 1)
      return ta.read(0);
    if (what == 2)
      return ta.stack();
    if (what == 3)
      ta.write(0, x);
    return stacked;
  };
  Tensor x = ag::constant({1.f, 2.f});
  const std::string read = "read: TensorArray 'stack': the array was released";
  const std::string stack = "stack: TensorArray 'stack': the array was released";
  const std::string write = "write: TensorArray 'stack': the array was released";
  EXPECT_EQ(values(use(x, 0)), (std::vector<float>{0.f, 0.f, 1.f, 2.f, 2.f, 4.f}));
  EXPECT_EQ(errorOf([&] { use(x, 1); }), read);
  EXPECT_EQ(errorOf([&] { use(x, 2); }), stack);
  EXPECT_EQ(errorOf([&] { use(x, 3); }), write);
  for (int what : {0, 1, 2, 3}) {
    SCOPED_TRACE(what);
    ag::jit::CompiledFunction compiled([&](const TensorList &a) { return TensorList{use(a[0], what)}; },
                                       {ag::TensorSpec{ag::DType::Float32, {2}}},
                                       "released_" + std::to_string(what));
    EXPECT_NE(compiled.mlir().find("ag.tensor_array_release"), std::string::npos);
    if (what == 0)
      EXPECT_EQ(values(compiled({x})[0]), (std::vector<float>{0.f, 0.f, 1.f, 2.f, 2.f, 4.f}));
    else
      EXPECT_EQ(errorOf([&] { compiled({x}); }), what == 1 ? read : what == 2 ? stack : write);
  }
}

TEST(TensorArrayTest, AnArrayArgumentIsWrittenByCompiledCode) {
  auto record = ag::function(
      [](TensorArray &log, const Tensor &step, const Tensor &value) {
        log.write(step, value * 10.f);
      },
      "record");
  TensorArray log(ag::DType::Float32, 0, /*dynamic_size=*/true, "log");
  for (int step = 0; step < 3; ++step)
    record(log, ag::constant(std::int64_t{step}), ag::constant(static_cast<float>(step)));
  EXPECT_EQ(record.trace_count(), 1);
  EXPECT_EQ(values(log.stack()), (std::vector<float>{0.f, 10.f, 20.f}));
  // Another array traces again.
  TensorArray other(ag::DType::Float32, 1, false, "other");
  record(other, ag::constant(std::int64_t{0}), ag::constant(5.f));
  EXPECT_EQ(record.trace_count(), 2);
  EXPECT_EQ(values(other.stack()), (std::vector<float>{50.f}));
}

TEST(TensorArrayTest, AnArrayCreatedOutsideATraceCannotBeCaptured) {
  TensorArray outside(ag::DType::Float32, 1, false, "outside");
  auto f = ag::function([&](const Tensor &x) {
    outside.write(0, x);
    return x;
  }, "captures");
  try {
    f(ag::constant(1.f));
    FAIL() << "captured array";
  } catch (const ag::TracingError &error) {
    EXPECT_NE(std::string(error.what()).find("pass it as an argument"), std::string::npos);
  }
}

} // namespace
