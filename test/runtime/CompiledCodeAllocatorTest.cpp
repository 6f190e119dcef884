//===- CompiledCodeAllocatorTest.cpp - compiled code's buffers ------------===//
//
// The runtime's _mlir_memref_to_llvm_alloc/_free (CompiledCodeABI.def):
// blocks are usable, aligned and distinct; a freed block is handed out
// again for a size of its class, also on the thread that freed a block
// another one allocated; large blocks and null behave as malloc's.
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledCodeABI.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace {

TEST(CompiledCodeAllocatorTest, BlocksAreAlignedDistinctAndWritable) {
  std::vector<std::pair<unsigned char *, std::size_t>> blocks;
  for (std::size_t size : {0, 1, 15, 48, 49, 64, 100, 1000, 4096, 20000, 32768, 70000, 1048560,
                           1048561, 3000000}) {
    auto *p = static_cast<unsigned char *>(_mlir_memref_to_llvm_alloc(size));
    ASSERT_NE(p, nullptr) << size;
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u) << size;
    std::memset(p, static_cast<int>(blocks.size() + 1), size);
    blocks.emplace_back(p, size);
  }
  // No block overlaps another: each still holds its own byte.
  for (std::size_t b = 0; b < blocks.size(); ++b)
    for (std::size_t i = 0; i < blocks[b].second; ++i)
      ASSERT_EQ(blocks[b].first[i], static_cast<unsigned char>(b + 1)) << "block " << b;
  for (auto &block : blocks)
    _mlir_memref_to_llvm_free(block.first);
}

TEST(CompiledCodeAllocatorTest, AFreedBlockIsHandedOutAgainForItsClass) {
  // 20000 and 19000 bytes (plus the header) both round to 20480.
  void *first = _mlir_memref_to_llvm_alloc(20000);
  _mlir_memref_to_llvm_free(first);
  // Had the block gone back to malloc, one of these would take it.
  std::vector<void *> fromMalloc;
  for (int i = 0; i < 16; ++i)
    fromMalloc.push_back(std::malloc(20480));
  void *second = _mlir_memref_to_llvm_alloc(19000);
  for (void *p : fromMalloc)
    std::free(p);
  EXPECT_EQ(second, first);
  // Another class: not that block.
  void *other = _mlir_memref_to_llvm_alloc(40000);
  EXPECT_NE(other, second);
  _mlir_memref_to_llvm_free(second);
  _mlir_memref_to_llvm_free(other);
}

TEST(CompiledCodeAllocatorTest, ABlockFreedOnAnotherThreadJoinsThatThreadsCache) {
  void *block = _mlir_memref_to_llvm_alloc(30000);
  void *reused = nullptr;
  std::thread([&] {
    _mlir_memref_to_llvm_free(block);
    reused = _mlir_memref_to_llvm_alloc(30000);
    _mlir_memref_to_llvm_free(reused);
  }).join(); // the thread's exit returns its cached blocks to the system
  EXPECT_EQ(reused, block);
}

TEST(CompiledCodeAllocatorTest, ManyBlocksOfOneClassComeBackIntact) {
  std::vector<void *> blocks;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 40; ++i) {
      auto *p = static_cast<int *>(_mlir_memref_to_llvm_alloc(5000));
      for (int k = 0; k < 1250; ++k)
        p[k] = i;
      blocks.push_back(p);
    }
    for (std::size_t i = 0; i < blocks.size(); ++i)
      for (int k = 0; k < 1250; ++k)
        ASSERT_EQ(static_cast<int *>(blocks[i])[k], static_cast<int>(i)) << "round " << round;
    for (void *p : blocks)
      _mlir_memref_to_llvm_free(p);
    blocks.clear();
  }
}

TEST(CompiledCodeAllocatorTest, FreeingNullDoesNothing) { _mlir_memref_to_llvm_free(nullptr); }

} // namespace
