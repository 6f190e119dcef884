//===- NestedLoopGradientTest.cpp - gradients through nested staged loops -===//
//
// A staged loop inside a staged loop's body or a staged cond's branch, with
// the tape outside both (docs/gradients.md): the backward pass stages the
// inner loop again in each backward iteration of the outer one (or in the
// gradient cond's branch) and differentiates it there. Compiled gradients
// must equal the eager tape's and central differences computed in double
// by loops written out here. The binary runs with AG_FALLBACK=error, and
// ag::jit::CompiledFunction compiles or throws: no eager run passes.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/GradientTape.h"
#include "autograph/autograph.h"

#include "../runtime/TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace {

using agtest::expectClose;

using ag::Tensor;
using ag::TensorList;
using ag::TensorSpec;

const TensorSpec kVector{ag::DType::Float32, {-1}};
const TensorSpec kCount{ag::DType::Int64, {}};

std::size_t occurrences(const std::string &text, const std::string &what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++count;
  return count;
}

/// Central difference of `f` at `at[k]`, in double.
double centralDifference(const std::function<double(const std::vector<double> &)> &f,
                         std::vector<double> at, std::size_t k) {
  const double h = 1e-6;
  at[k] += h;
  double up = f(at);
  at[k] -= 2 * h;
  double down = f(at);
  return (up - down) / (2 * h);
}

std::vector<double> toDouble(const Tensor &t) {
  std::vector<double> out;
  for (float v : t.to_vector<float>())
    out.push_back(v);
  return out;
}

// ---------------------------------------------------------------------------
// for i < n { for j < m { v = tanh(v * w + x * (i + 1)) }; v = v * 0.9 }
// then the gradients of sum(v) with respect to v0, w and x.

std::vector<Tensor> forInFor(const Tensor &v0, const Tensor &w, const Tensor &x, const Tensor &n,
                             const Tensor &m) {
  ag::GradientTape tape;
  tape.watch(v0);
  tape.watch(w);
  tape.watch(x);
  auto zero = ag::constant(std::int64_t{0}), one = ag::constant(std::int64_t{1});
  TensorList out = ag::for_range(
      zero, n, one,
      [&](const Tensor &i, const TensorList &outer) {
        Tensor scale = ag::cast(i + std::int64_t{1}, ag::DType::Float32);
        TensorList inner = ag::for_range(
            zero, m, one,
            [&](const Tensor &, const TensorList &v) {
              return TensorList{ag::tanh(v[0] * w + x * scale)};
            },
            {outer[0]}, {"v"});
        return TensorList{inner[0] * 0.9f};
      },
      {v0}, {"v"});
  std::vector<Tensor> g = tape.gradient(ag::reduce_sum(out[0]), std::vector<Tensor>{v0, w, x},
                                        ag::UnconnectedGradients::zero);
  g.push_back(out[0]);
  return g;
}

double forInForByHand(const std::vector<double> &v0, const std::vector<double> &w,
                      const std::vector<double> &x, std::int64_t n, std::int64_t m) {
  std::vector<double> v = v0;
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < m; ++j)
      for (std::size_t e = 0; e < v.size(); ++e)
        v[e] = std::tanh(v[e] * w[e] + x[e] * static_cast<double>(i + 1));
    for (double &e : v)
      e *= 0.9;
  }
  double sum = 0;
  for (double e : v)
    sum += e;
  return sum;
}

TEST(NestedLoopGradientTest, AForLoopInsideAForLoop) {
  Tensor v0 = ag::constant({0.1f, -0.2f, 0.3f});
  Tensor w = ag::constant({0.5f, 0.8f, -0.3f});
  Tensor x = ag::constant({0.2f, 0.1f, -0.1f});
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return forInFor(a[0], a[1], a[2], a[3], a[4]); },
      {kVector, kVector, kVector, kCount, kCount}, "for_in_for");
  // Two forward loops; the backward pass has a loop over the outer
  // iterations with the inner loop staged again and its own backward loop
  // inside.
  EXPECT_EQ(occurrences(compiled.mlir(), "ag.for "), 3u) << compiled.mlir();
  // The inner loop staged again stacks its iterations (its input and the
  // loop variable) for its gradient, which then releases the two stacks.
  EXPECT_EQ(occurrences(compiled.mlir(), "ag.tensor_array_release"), 2u);
  for (auto [n, m] : {std::pair<std::int64_t, std::int64_t>{0, 3}, {1, 0}, {1, 1}, {3, 2}, {4, 5}}) {
    SCOPED_TRACE("n=" + std::to_string(n) + " m=" + std::to_string(m));
    Tensor tn = ag::constant(n), tm = ag::constant(m);
    TensorList got = compiled({v0, w, x, tn, tm});
    std::vector<Tensor> eager = forInFor(v0, w, x, tn, tm);
    ASSERT_EQ(got.size(), eager.size());
    for (std::size_t k = 0; k < got.size(); ++k)
      expectClose(got[k], eager[k]);
    // Every element of every gradient against central differences.
    std::vector<double> dv0 = toDouble(v0), dw = toDouble(w), dx = toDouble(x);
    for (std::size_t e = 0; e < 3; ++e) {
      double byV0 = centralDifference(
          [&](const std::vector<double> &p) { return forInForByHand(p, dw, dx, n, m); }, dv0, e);
      double byW = centralDifference(
          [&](const std::vector<double> &p) { return forInForByHand(dv0, p, dx, n, m); }, dw, e);
      double byX = centralDifference(
          [&](const std::vector<double> &p) { return forInForByHand(dv0, dw, p, n, m); }, dx, e);
      EXPECT_NEAR(got[0].to_vector<float>()[e], byV0, 1e-4) << "dv0 " << e;
      EXPECT_NEAR(got[1].to_vector<float>()[e], byW, 1e-4) << "dw " << e;
      EXPECT_NEAR(got[2].to_vector<float>()[e], byX, 1e-4) << "dx " << e;
    }
  }
}

// ---------------------------------------------------------------------------
// Over the rows x of a sequence: c = x; while (sum(c * c) < 10) c = c * k
// (k a variable, read inside the inner loop's body); h = h + c. Then the
// gradients of sum(h) with respect to k and the sequence. The inner loop's
// trip count depends on the data: each row takes its own number of steps.

std::vector<Tensor> whileInRows(ag::Variable &k, const Tensor &rows) {
  ag::GradientTape tape(/*persistent=*/true);
  tape.watch(rows);
  TensorList h = ag::for_rows(
      rows,
      [&](const Tensor &x, const TensorList &acc) {
        TensorList c = ag::while_loop(
            [](const TensorList &v) { return ag::reduce_sum(v[0] * v[0]) < 10.f; },
            [&](const TensorList &v) { return TensorList{v[0] * k.value()}; }, {x}, {"c"});
        return TensorList{acc[0] + c[0]};
      },
      {ag::zeros({2})}, {"h"});
  Tensor sum = ag::reduce_sum(h[0]);
  return {tape.gradient(sum, std::vector<ag::Variable>{k}, ag::UnconnectedGradients::zero)[0],
          tape.gradient(sum, std::vector<Tensor>{rows}, ag::UnconnectedGradients::zero)[0]};
}

double whileInRowsByHand(const std::vector<double> &k, const std::vector<double> &rows) {
  double sum = 0;
  for (std::size_t r = 0; r < rows.size() / 2; ++r) {
    double c[2] = {rows[2 * r], rows[2 * r + 1]};
    while (c[0] * c[0] + c[1] * c[1] < 10) {
      c[0] *= k[0];
      c[1] *= k[1];
    }
    sum += c[0] + c[1];
  }
  return sum;
}

TEST(NestedLoopGradientTest, AWhileLoopReadingAVariableInsideALoopOverRows) {
  ag::Variable k(ag::constant({1.5f, 1.25f}), "k");
  // Rows needing 0, 1, 2 and 5 multiplications (by hand: 13; 8 then 15.25;
  // 3.25, 5.77 then 10.55; 0.5 ... 7.9 then 16.7).
  Tensor rows = ag::constant({{3.f, 2.f}, {2.f, 2.f}, {1.f, 1.5f}, {0.5f, 0.5f}});
  std::vector<Tensor> eager = whileInRows(k, rows);
  ag::jit::CompiledFunction compiled(
      [&](const TensorList &a) { return whileInRows(k, a[0]); },
      {TensorSpec{ag::DType::Float32, {-1, 2}}}, "while_in_rows");
  TensorList got = compiled({rows});
  ASSERT_EQ(got.size(), 2u);
  expectClose(got[0], eager[0]);
  expectClose(got[1], eager[1]);
  // Central differences: the trip counts do not change within +-1e-6.
  std::vector<double> dk = toDouble(k.value()), drows = toDouble(rows);
  for (std::size_t e = 0; e < 2; ++e)
    EXPECT_NEAR(got[0].to_vector<float>()[e],
                centralDifference([&](const std::vector<double> &p) { return whileInRowsByHand(p, drows); },
                                  dk, e),
                1e-3)
        << "dk " << e;
  for (std::size_t e = 0; e < drows.size(); ++e)
    EXPECT_NEAR(got[1].to_vector<float>()[e],
                centralDifference([&](const std::vector<double> &p) { return whileInRowsByHand(dk, p); },
                                  drows, e),
                1e-3)
        << "drows " << e;
  // The first row takes no step: its gradient is 1; the last row's is k^5.
  EXPECT_FLOAT_EQ(got[1].to_vector<float>()[0], 1.f);
  EXPECT_NEAR(got[1].to_vector<float>()[6], std::pow(1.5, 5), 1e-4);
  EXPECT_NEAR(got[1].to_vector<float>()[7], std::pow(1.25, 5), 1e-4);
}

// ---------------------------------------------------------------------------
// if (sum(v0) > 0) { for j < m: v = v * w + 1 } else { v = v0 * w }, the tape
// outside the cond; and a third level: the same for loop inside a for loop
// inside the branch.

std::vector<Tensor> loopInCond(const Tensor &v0, const Tensor &w, const Tensor &m, bool deeper) {
  ag::GradientTape tape;
  tape.watch(v0);
  tape.watch(w);
  auto zero = ag::constant(std::int64_t{0}), one = ag::constant(std::int64_t{1});
  auto innermost = [&](const Tensor &start) {
    return ag::for_range(
        zero, m, one,
        [&](const Tensor &, const TensorList &v) { return TensorList{v[0] * w + 1.f}; }, {start},
        {"v"})[0];
  };
  TensorList out = ag::cond(
      ag::reduce_sum(v0) > 0.f,
      [&] {
        if (!deeper)
          return TensorList{innermost(v0)};
        return ag::for_range(
            zero, ag::constant(std::int64_t{2}), one,
            [&](const Tensor &, const TensorList &v) { return TensorList{innermost(v[0])}; }, {v0},
            {"v"});
      },
      [&] { return TensorList{v0 * w}; }, {"v"});
  std::vector<Tensor> g = tape.gradient(ag::reduce_sum(out[0]), std::vector<Tensor>{v0, w},
                                        ag::UnconnectedGradients::zero);
  g.push_back(out[0]);
  return g;
}

double loopInCondByHand(const std::vector<double> &v0, const std::vector<double> &w, std::int64_t m,
                        bool deeper) {
  std::vector<double> v = v0;
  if (v0[0] + v0[1] > 0) {
    for (int outer = 0; outer < (deeper ? 2 : 1); ++outer)
      for (std::int64_t j = 0; j < m; ++j)
        for (std::size_t e = 0; e < v.size(); ++e)
          v[e] = v[e] * w[e] + 1;
  } else {
    for (std::size_t e = 0; e < v.size(); ++e)
      v[e] = v0[e] * w[e];
  }
  return v[0] + v[1];
}

TEST(NestedLoopGradientTest, LoopsInsideAStagedCond) {
  Tensor w = ag::constant({0.7f, -1.1f});
  for (bool deeper : {false, true}) {
    SCOPED_TRACE(deeper ? "a loop in a loop in the branch" : "a loop in the branch");
    ag::jit::CompiledFunction compiled(
        [deeper](const TensorList &a) { return loopInCond(a[0], a[1], a[2], deeper); },
        {kVector, kVector, kCount}, deeper ? "loop_in_loop_in_cond" : "loop_in_cond");
    for (Tensor v0 : {ag::constant({0.4f, 0.3f}), ag::constant({-0.4f, 0.1f})})
      for (std::int64_t m : {0, 1, 4}) {
        SCOPED_TRACE("m=" + std::to_string(m));
        Tensor tm = ag::constant(m);
        TensorList got = compiled({v0, w, tm});
        std::vector<Tensor> eager = loopInCond(v0, w, tm, deeper);
        ASSERT_EQ(got.size(), eager.size());
        for (std::size_t k = 0; k < got.size(); ++k)
          expectClose(got[k], eager[k]);
        std::vector<double> dv0 = toDouble(v0), dw = toDouble(w);
        for (std::size_t e = 0; e < 2; ++e) {
          EXPECT_NEAR(got[0].to_vector<float>()[e],
                      centralDifference([&](const std::vector<double> &p) {
                        return loopInCondByHand(p, dw, m, deeper);
                      }, dv0, e),
                      1e-4);
          EXPECT_NEAR(got[1].to_vector<float>()[e],
                      centralDifference([&](const std::vector<double> &p) {
                        return loopInCondByHand(dv0, p, m, deeper);
                      }, dw, e),
                      1e-4);
        }
      }
  }
}

// ---------------------------------------------------------------------------
// A dataset mapped before it is batched: staged, the map runs in an inner
// loop over each batch's rows (docs/datasets.md), a loop nested in the
// dataset's. The map scales x by s; the loss sums (x s w - y)^2 over the
// batches; the gradients with respect to w and s go through the map.

std::vector<Tensor> mappedDatasetGradients(const Tensor &x, const Tensor &y, const Tensor &w,
                                           const Tensor &s) {
  ag::GradientTape tape;
  tape.watch(w);
  tape.watch(s);
  auto ds = ag::data::from_tensor_slices(x, y)
                .map([&](const Tensor &xi, const Tensor &yi) { return std::make_tuple(xi * s, yi); })
                .batch(2);
  TensorList total = ag::data::for_dataset(
      ds,
      [&](const std::tuple<Tensor, Tensor> &batch, const TensorList &v) {
        auto &[xb, yb] = batch;
        return TensorList{v[0] + ag::reduce_sum(ag::square(ag::matmul(xb, w) - yb))};
      },
      {ag::constant(0.f)}, {"total"});
  std::vector<Tensor> g = tape.gradient(total[0], std::vector<Tensor>{w, s});
  return {total[0], g[0], g[1]};
}

TEST(NestedLoopGradientTest, ADatasetMappedBeforeItIsBatched) {
  Tensor x = ag::constant({{1.f, 0.f}, {0.f, 1.f}, {1.f, 1.f}, {2.f, -1.f}, {0.5f, 0.5f}});
  Tensor y = ag::constant({{1.f}, {2.f}, {2.f}, {0.f}, {1.f}});
  Tensor w = ag::constant({{0.5f}, {1.5f}});
  Tensor s = ag::constant(1.5f);
  // By hand: r = x s w - y; dL/dw = 2 s x^T r; dL/ds = 2 sum(r * (x w)).
  Tensor xw = ag::matmul(x, w);
  Tensor r = xw * s - y;
  Tensor dw = ag::matmul(ag::transpose(x), r) * (2.f * 1.5f);
  Tensor ds = ag::reduce_sum(r * xw) * 2.f;
  std::vector<Tensor> eager = mappedDatasetGradients(x, y, w, s);
  expectClose(eager[1], dw);
  expectClose(eager[2], ds);
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return mappedDatasetGradients(a[0], a[1], a[2], a[3]); },
      {TensorSpec{ag::DType::Float32, {-1, 2}}, TensorSpec{ag::DType::Float32, {-1, 1}},
       TensorSpec{ag::DType::Float32, {2, 1}}, TensorSpec{ag::DType::Float32, {}}},
      "mapped_dataset_gradients");
  EXPECT_GE(occurrences(compiled.mlir(), "ag.for "), 2u);
  TensorList got = compiled({x, y, w, s});
  expectClose(got[0], eager[0]);
  expectClose(got[1], dw);
  expectClose(got[2], ds);
}

// What is not supported says so: a loop over a dataset nested in a staged
// loop, the tape outside both.
TEST(NestedLoopGradientTest, ADatasetLoopInsideAStagedLoopIsAnError) {
  auto fn = [](const TensorList &a) {
    ag::GradientTape tape;
    tape.watch(a[0]);
    auto ds = ag::data::from_tensor_slices(a[1]).batch(2);
    TensorList out = ag::for_range(
        ag::constant(std::int64_t{0}), a[2], ag::constant(std::int64_t{1}),
        [&](const Tensor &, const TensorList &v) {
          return ag::data::for_dataset(
              ds,
              [&](const Tensor &xb, const TensorList &acc) {
                return TensorList{acc[0] + ag::reduce_sum(xb * a[0])};
              },
              {v[0]}, {"acc"});
        },
        {ag::constant(0.f)}, {"acc"});
    return TensorList{tape.gradient(out[0], a[0])};
  };
  try {
    ag::jit::CompiledFunction compiled(fn, {TensorSpec{ag::DType::Float32, {}}, kVector, kCount},
                                       "dataset_in_loop");
    ADD_FAILURE() << "no error";
  } catch (const ag::InvalidArgumentError &error) {
    EXPECT_NE(std::string(error.what()).find("a loop over a dataset nested in staged control flow"),
              std::string::npos)
        << error.what();
  }
}

// A tape made inside a loop body, while a tape outside records too: for
// the inner tape the inner loop is not nested (it uses the loop's own
// stacks), for the outer one it is. Gradient descent on v for sum(v^4)
// (v squared twice by a loop whose trip count is an input)
// inside, then the outer tape's gradient of sum(out * u) with respect to u.

std::vector<Tensor> tapeInsideABody(const Tensor &x, const Tensor &u, const Tensor &n,
                                    const Tensor &two) {
  ag::GradientTape outer;
  outer.watch(u);
  auto zero = ag::constant(std::int64_t{0}), one = ag::constant(std::int64_t{1});
  TensorList out = ag::for_range(
      zero, n, one,
      [&](const Tensor &, const TensorList &v) {
        ag::GradientTape inner;
        inner.watch(v[0]);
        TensorList p = ag::for_range(
            zero, two, one,
            [&](const Tensor &, const TensorList &q) { return TensorList{q[0] * q[0]}; }, {v[0]},
            {"p"});
        Tensor g = inner.gradient(ag::reduce_sum(p[0]), v[0]); // 4 v^3
        return TensorList{v[0] - g * 0.1f};
      },
      {x}, {"v"});
  Tensor gu = outer.gradient(ag::reduce_sum(out[0] * u), u);
  return {out[0], gu};
}

TEST(NestedLoopGradientTest, ATapeInsideALoopBodyWithATapeOutside) {
  Tensor x = ag::constant({0.5f, -0.8f, 1.f}), u = ag::constant({1.f, 2.f, 3.f});
  ag::jit::CompiledFunction compiled(
      [](const TensorList &a) { return tapeInsideABody(a[0], a[1], a[2], a[3]); },
      {kVector, kVector, kCount, kCount}, "tape_inside_a_body");
  // Both loops are staged: the outer tape's and the inner tape's gradient
  // loops are there too.
  EXPECT_EQ(occurrences(compiled.mlir(), "ag.for "), 2u) << compiled.mlir();
  for (std::int64_t n : {0, 1, 3}) {
    SCOPED_TRACE(n);
    TensorList got = compiled({x, u, ag::constant(n), ag::constant(std::int64_t{2})});
    // By hand: v <- v - 0.4 v^3, n times; d sum(out * u) / du = out.
    std::vector<float> v{0.5f, -0.8f, 1.f};
    for (std::int64_t i = 0; i < n; ++i)
      for (float &e : v)
        e = e - 0.4f * e * e * e;
    for (std::size_t e = 0; e < 3; ++e) {
      EXPECT_NEAR(got[0].to_vector<float>()[e], v[e], 1e-5);
      EXPECT_NEAR(got[1].to_vector<float>()[e], v[e], 1e-5);
    }
  }
}

} // namespace
