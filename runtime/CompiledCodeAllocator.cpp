//===- CompiledCodeAllocator.cpp - the buffers of compiled code -----------===//
//
// memref.alloc and memref.dealloc in compiled code call these two functions
// (CompiledCodeABI.def). A training step allocates and frees about 30
// buffers of 40 bytes to 32 KB per call; glibc serves those above its
// per-thread cache's limit (about 1 KB) from its bins, which cost about 40
// ns a pair: 6% of the digits MLP's compiled step. Here each thread keeps
// the blocks it frees, by size class, and hands them out again: a pop and a
// push on a per-thread array.
//
// Each block starts with a header holding its size class, so that free
// needs only the pointer (MLIR's signature). A block may be freed on
// another thread than the one that allocated it (a result adopted by a
// tensor): it then joins that thread's cache. Blocks above kLargestCached
// bytes, and blocks freed while a thread exits, go to malloc and free.
//
//===----------------------------------------------------------------------===//
#include "autograph/CompiledCodeABI.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

/// Bytes before the pointer handed out: the size class, and the 16-byte
/// alignment malloc gives (MLIR aligns further itself where a memref asks).
constexpr std::size_t kHeaderBytes = 16;
/// Classes: four per power of two, from 64 bytes to kLargestCached.
constexpr int kSmallestLog2 = 6;
constexpr int kLargestLog2 = 20;
constexpr std::size_t kLargestCached = std::size_t{1} << kLargestLog2;
constexpr int kClasses = (kLargestLog2 - kSmallestLog2 + 1) * 4;
/// A block's class when it is not cached.
constexpr std::int64_t kUncached = -1;
/// Blocks kept per class and bytes kept per thread.
constexpr int kBlocksPerClass = 8;
constexpr std::size_t kMaxCachedBytesPerThread = std::size_t{16} << 20;

/// The class of a block of `bytes` (header included) and its rounded size:
/// classes grow by a quarter of a power of two.
int sizeClass(std::size_t bytes, std::size_t *rounded) {
  if (bytes < (std::size_t{1} << kSmallestLog2))
    bytes = std::size_t{1} << kSmallestLog2;
  int log2 = 63 - __builtin_clzll(bytes);
  std::size_t quarter = (std::size_t{1} << log2) / 4;
  std::size_t up = (bytes + quarter - 1) / quarter * quarter;
  // up is 4..8 quarters of 2^log2: classes 0..3 of log2, or 0 of log2 + 1.
  std::size_t quarters = up / quarter;
  *rounded = up;
  if (quarters == 8)
    return (log2 + 1 - kSmallestLog2) * 4;
  return (log2 - kSmallestLog2) * 4 + static_cast<int>(quarters - 4);
}

struct ThreadCache {
  void *blocks[kClasses][kBlocksPerClass];
  int counts[kClasses] = {};
  std::size_t bytes = 0;

  ~ThreadCache();
};

/// False once this thread's cache is destroyed (thread exit): later frees
/// go to the system. Trivially destructible, so readable until then.
thread_local bool tCacheDestroyed = false;
thread_local ThreadCache tCache;

ThreadCache::~ThreadCache() {
  for (int c = 0; c < kClasses; ++c)
    for (int i = 0; i < counts[c]; ++i)
      std::free(blocks[c][i]);
  tCacheDestroyed = true;
}

void *withHeader(void *block, std::int64_t cls) {
  if (!block)
    return nullptr;
  *static_cast<std::int64_t *>(block) = cls;
  return static_cast<char *>(block) + kHeaderBytes;
}

} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(size_t size) {
  if (size > kLargestCached - kHeaderBytes || tCacheDestroyed) {
    if (size > SIZE_MAX - kHeaderBytes)
      return nullptr;
    return withHeader(std::malloc(size + kHeaderBytes), kUncached);
  }
  std::size_t rounded = 0;
  int cls = sizeClass(size + kHeaderBytes, &rounded);
  ThreadCache &cache = tCache;
  if (cache.counts[cls] > 0) {
    cache.bytes -= rounded;
    return withHeader(cache.blocks[cls][--cache.counts[cls]], cls);
  }
  return withHeader(std::malloc(rounded), cls);
}

extern "C" void _mlir_memref_to_llvm_free(void *pointer) {
  if (!pointer)
    return;
  void *block = static_cast<char *>(pointer) - kHeaderBytes;
  std::int64_t cls = *static_cast<std::int64_t *>(block);
  if (cls == kUncached || tCacheDestroyed) {
    std::free(block);
    return;
  }
  std::size_t rounded = 0;
  // The class's rounded size: the smallest size of the class rounds to it.
  int log2 = static_cast<int>(cls / 4) + kSmallestLog2;
  std::size_t quarter = (std::size_t{1} << log2) / 4;
  rounded = (std::size_t{1} << log2) + static_cast<std::size_t>(cls % 4) * quarter;
  ThreadCache &cache = tCache;
  if (cache.counts[cls] == kBlocksPerClass ||
      cache.bytes + rounded > kMaxCachedBytesPerThread) {
    std::free(block);
    return;
  }
  cache.bytes += rounded;
  cache.blocks[cls][cache.counts[cls]++] = block;
}
