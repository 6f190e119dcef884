//===- SmallGemmAvx2Main.cpp - main of the AVX2 product kernel's tests ----===//
//
// Runs SmallGemmTest on the kernel compiled for AVX2 + FMA, and nothing on
// a CPU without them (listing the tests still works there).
//
//===----------------------------------------------------------------------===//
#include <gtest/gtest.h>

#include <cstdio>

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (!::testing::GTEST_FLAG(list_tests) &&
      !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
    std::printf("this CPU has no AVX2 and FMA: the AVX2 kernel cannot run here\n");
    return 0;
  }
  return RUN_ALL_TESTS();
}
