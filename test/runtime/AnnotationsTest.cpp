// AG_FUNCTION / AG_DO_NOT_CONVERT compile away (or to Clang annotations) and
// unconverted functions run eagerly.
#include "TensorTestUtil.h"

namespace {

AG_FUNCTION ag::Tensor scaled_sum(const ag::Tensor &x, float k) {
  ag::Tensor total = ag::constant(0.f);
  for (int i = 0; i < x.dim(0); ++i)
    total += x[i] * k;
  if (total > 10.f)
    total = total - 10.f;
  return total;
}

AG_DO_NOT_CONVERT int plain(int v) { return v + 1; }

} // namespace

TEST(AnnotationsTest, AnnotatedFunctionsRunEagerly) {
  // (1 + 2 + 3 + 4) * 2 = 20 > 10 -> 10
  agtest::expect_tensor<float>(scaled_sum(ag::constant({1.f, 2.f, 3.f, 4.f}), 2.f),
                               ag::float32, {}, {10.f});
  EXPECT_EQ(plain(1), 2);
}
