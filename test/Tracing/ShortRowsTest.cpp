//===- ShortRowsTest.cpp - rows of a few elements run as masked vectors ---===//
//
// exp(x - max of its row) over f32[32, 10] (a softmax over 10 classes):
// the row maximum is broadcast along each row, so the rows cannot run as
// one contiguous loop, and the inner loop has 10 iterations. The JIT marks
// such loops for masked vectorisation (lib/CodeGen/MaskShortLoopTails.cpp):
// each row is one masked vector, not a scalar loop, nor rows unrolled and
// then vectorised across rows with gathers and scatters. The values are
// the eager ones.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/autograph.h"

#include "DumpedIR.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>
#include <vector>

namespace {

ag::Tensor shiftedExp(const ag::Tensor &x) {
  return ag::exp(x - ag::reduce_max(x, {1}, /*keepdims=*/true));
}

TEST(ShortRowsTest, RowsOfTenAreMaskedVectors) {
  std::vector<float> v(320);
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = 0.37f * static_cast<float>(static_cast<int>(i * 7 % 41) - 20);
  ag::Tensor x = ag::constant(v, {32, 10});
  std::string dir = ag_test::dumpInto("ag_dump_short_rows");
  auto compiled = ag::function(shiftedExp, "shifted_exp_rows");
  std::vector<float> got = compiled(x).to_vector<float>();
  ::unsetenv("AG_DUMP_DIR");
  EXPECT_EQ(compiled.fallback_count(), 0);
  std::vector<float> expected = shiftedExp(x).to_vector<float>();
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], expected[i], 1e-5f * expected[i] + 1e-7f) << "element " << i;

  std::string ir = ag_test::dumpedIR(dir, "shifted_exp_rows");
  ASSERT_NE(ir.find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_EQ(ir.find("masked.gather"), std::string::npos) << ir;
  EXPECT_EQ(ir.find("masked.scatter"), std::string::npos) << ir;
  // The subtraction and exp's polynomial on vectors, stored with a mask.
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(llvm\.masked\.store\.v(8|16)f32)"))) << ir;
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(fsub [a-z ]*<(8|16) x float>)"))) << ir;
}

} // namespace
