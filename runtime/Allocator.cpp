//===- Allocator.cpp - caching allocator for tensor buffers ---------------===//
#include "Allocator.h"

#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace ag::detail {
namespace {

// Buffers below this go straight to malloc (its thread caches are fast);
// larger ones are rounded to one of four size classes per power of two and
// cached, up to kMaxCachedBytes in total.
constexpr std::size_t kCacheMinBytes = 16 * 1024;
constexpr std::size_t kMaxCachedBytes = std::size_t(1) << 30;
constexpr std::size_t kAlign = 64;
constexpr int kNumClasses = 64 * 4;

std::size_t round_up(std::size_t n, std::size_t a) { return (n + a - 1) / a * a; }

int size_class(std::size_t bytes, std::size_t *rounded) {
  int log2 = 63 - __builtin_clzll(bytes);
  std::size_t quarter = (std::size_t(1) << log2) / 4;
  std::size_t r = round_up(bytes, quarter);
  int sub = static_cast<int>((r >> log2) == 2 ? 4 : (r - (std::size_t(1) << log2)) / quarter);
  *rounded = r;
  return log2 * 4 + sub;
}

struct Cache {
  std::mutex mutex;
  std::vector<void *> free_blocks[kNumClasses + 8];
  std::size_t cached_bytes = 0;

  ~Cache() { clear(); }
  void clear() {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto &list : free_blocks) {
      for (void *p : list)
        std::free(p);
      list.clear();
    }
    cached_bytes = 0;
  }
};

Cache &cache() {
  static Cache *c = new Cache(); // never destroyed: tensors may outlive statics
  return *c;
}

void *system_alloc(std::size_t bytes) {
  return std::aligned_alloc(kAlign, round_up(bytes, kAlign));
}

} // namespace

void *allocate_buffer(std::size_t bytes, std::size_t *capacity) noexcept {
  if (bytes == 0)
    bytes = 1;
  if (bytes > (std::size_t(1) << 60))
    return nullptr;
  if (bytes < kCacheMinBytes) {
    *capacity = round_up(bytes, kAlign);
    return system_alloc(bytes);
  }
  std::size_t rounded = 0;
  int cls = size_class(bytes, &rounded);
  *capacity = rounded;
  Cache &c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    auto &list = c.free_blocks[cls];
    if (!list.empty()) {
      void *p = list.back();
      list.pop_back();
      c.cached_bytes -= rounded;
      return p;
    }
  }
  return system_alloc(rounded);
}

void free_buffer(void *block, std::size_t capacity) noexcept {
  if (!block)
    return;
  if (capacity < kCacheMinBytes) {
    std::free(block);
    return;
  }
  std::size_t rounded = 0;
  int cls = size_class(capacity, &rounded);
  Cache &c = cache();
  {
    std::lock_guard<std::mutex> lock(c.mutex);
    if (rounded == capacity && c.cached_bytes + capacity <= kMaxCachedBytes) {
      try {
        c.free_blocks[cls].push_back(block);
        c.cached_bytes += capacity;
        return;
      } catch (...) {
      }
    }
  }
  std::free(block);
}

void release_cached_buffers() noexcept { cache().clear(); }

} // namespace ag::detail
