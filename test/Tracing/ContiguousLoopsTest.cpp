//===- ContiguousLoopsTest.cpp - elementwise code runs along the memory ---===//
//
// An elementwise computation on a tensor with a short last dimension
// (f32[128, 10], the shape of a small dense layer's kernel) compiles to one
// vectorised loop over its 1280 contiguous elements
// (collapse-contiguous-loop-dims), not a nest whose short inner loop LLVM
// unrolls before vectorising the outer one with gathers and scatters, or
// leaves scalar. The results are the eager ones.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include "DumpedIR.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <regex>
#include <string>
#include <vector>

namespace {

ag::Tensor values(std::int64_t rows, std::int64_t columns, float scale) {
  std::vector<float> v(static_cast<std::size_t>(rows * columns));
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = scale * static_cast<float>(i % 37) + 0.25f;
  return ag::constant(v, {rows, columns});
}

TEST(ContiguousLoopsTest, ShortLastDimensionIsVectorisedAlongMemory) {
  // Adam's update of one weight matrix: m and v given, alpha a scalar.
  auto update = [](const ag::Tensor &w, const ag::Tensor &m, const ag::Tensor &v,
                   const ag::Tensor &alpha) { return w - m * alpha / (ag::sqrt(v) + 1e-7f); };
  std::string dir = ag_test::dumpInto("ag_dump_contiguous_loops");
  auto compiled = ag::function(update, "update_128x10");
  ag::Tensor w = values(128, 10, 0.5f), m = values(128, 10, 0.01f), v = values(128, 10, 0.02f);
  ag::Tensor alpha = ag::constant(0.001f);
  ag::Tensor got = compiled(w, m, v, alpha);
  ::unsetenv("AG_DUMP_DIR");
  EXPECT_EQ(compiled.fallback_count(), 0);
  std::vector<float> g = got.to_vector<float>(), e = update(w, m, v, alpha).to_vector<float>();
  ASSERT_EQ(g.size(), e.size());
  for (std::size_t i = 0; i < g.size(); ++i)
    ASSERT_NEAR(g[i], e[i], 1e-5f * std::abs(e[i])) << "element " << i;

  std::string ir = ag_test::dumpedIR(dir, "update_128x10");
  ASSERT_NE(ir.find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_EQ(ir.find("masked.gather"), std::string::npos) << ir;
  EXPECT_EQ(ir.find("masked.scatter"), std::string::npos) << ir;
  // The square root and the division run on vectors of 8 or 16 floats.
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(llvm\.sqrt\.v(8|16)f32)"))) << ir;
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(fdiv [a-z ]*<(8|16) x float>)"))) << ir;
}

TEST(ContiguousLoopsTest, RowsKnownOnlyAtRunTimeCollapseToo) {
  // One compiled function for any number of rows of 10 (f32[?, 10]): the
  // collapsed loop's length comes from the argument.
  auto body = [](const ag::TensorList &args) {
    return ag::TensorList{args[0] * 3.f - args[1]};
  };
  ag::jit::CompiledFunction compiled(
      body, {ag::TensorSpec{ag::DType::Float32, {-1, 10}}, ag::TensorSpec{ag::DType::Float32, {-1, 10}}},
      "rows_of_10");
  for (std::int64_t rows : {1, 7, 128}) {
    ag::Tensor a = values(rows, 10, 0.5f), b = values(rows, 10, 0.25f);
    std::vector<float> got = compiled({a, b})[0].to_vector<float>();
    std::vector<float> av = a.to_vector<float>(), bv = b.to_vector<float>();
    ASSERT_EQ(got.size(), static_cast<std::size_t>(rows * 10));
    for (std::size_t i = 0; i < got.size(); ++i)
      ASSERT_NEAR(got[i], av[i] * 3.f - bv[i], 1e-5f * std::abs(av[i] * 3.f)) << rows << " rows, element " << i;
  }
}

} // namespace
