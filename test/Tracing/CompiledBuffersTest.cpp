//===- CompiledBuffersTest.cpp - where compiled code's buffers come from --===//
//
// Compiled code allocates its intermediates and results with the runtime's
// allocation functions (CompiledCodeABI.def), never malloc and free, and
// the tensors that adopt its results free them the same way: calls that
// keep many results alive and drop them in another order still compute
// the eager values.
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

ag::Tensor layer(const ag::Tensor &x, const ag::Tensor &w) {
  return ag::tanh(ag::matmul(x, w) + 1.f) * 2.f;
}

ag::Tensor filled(std::int64_t rows, std::int64_t columns, float scale) {
  std::vector<float> v(static_cast<std::size_t>(rows * columns));
  for (std::size_t i = 0; i < v.size(); ++i)
    v[i] = scale * static_cast<float>(static_cast<int>(i % 23) - 11);
  return ag::constant(v, {rows, columns});
}

TEST(CompiledBuffersTest, BuffersComeFromTheRuntimesAllocator) {
  std::string dir = ag_test::dumpInto("ag_dump_compiled_buffers");
  auto compiled = ag::function(layer, "buffers_layer");
  ag::Tensor x = filled(48, 64, 0.01f), w = filled(64, 40, 0.02f);
  ag::Tensor first = compiled(x, w);
  ::unsetenv("AG_DUMP_DIR");
  std::string ir = ag_test::dumpedIR(dir, "buffers_layer");
  ASSERT_NE(ir.find("define"), std::string::npos) << "no optimised IR dumped";
  EXPECT_TRUE(std::regex_search(ir, std::regex(R"(call [^\n]*@_mlir_memref_to_llvm_alloc\()")))
      << ir;
  EXPECT_FALSE(std::regex_search(ir, std::regex(R"(@(malloc|free|aligned_alloc)\()"))) << ir;

  // Results adopted by tensors, kept and released out of order.
  std::vector<float> expected = layer(x, w).to_vector<float>();
  std::vector<ag::Tensor> kept{first};
  for (int i = 0; i < 50; ++i) {
    kept.push_back(compiled(x, w));
    if (i % 3 == 0)
      kept.erase(kept.begin() + static_cast<std::ptrdiff_t>(kept.size() / 2));
  }
  EXPECT_EQ(compiled.fallback_count(), 0);
  for (const ag::Tensor &t : kept) {
    std::vector<float> got = t.to_vector<float>();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      ASSERT_NEAR(got[i], expected[i], 1e-5f * (1.f + std::abs(expected[i]))) << i;
  }
}

} // namespace
