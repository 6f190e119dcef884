//===- Threads.cpp - ag::set_num_threads and its default ------------------===//
#include "autograph/Threads.h"

#include "autograph/CompiledCodeABI.h"
#include "autograph/Error.h"
#include "Parallel.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace ag {
namespace {

/// A positive integer from environment variable `name`, else 0.
int threadsFromEnvironment(const char *name) {
  const char *value = std::getenv(name);
  if (!value || !*value)
    return 0;
  char *end = nullptr;
  long n = std::strtol(value, &end, 10);
  // OMP_NUM_THREADS may be a list ("4,2"): its first entry counts.
  if (end == value || n < 1 || n > 4096 || (*end && *end != ','))
    return 0;
  return static_cast<int>(n);
}

int defaultThreads() {
  if (int n = threadsFromEnvironment("AG_NUM_THREADS"))
    return n;
  if (int n = threadsFromEnvironment("OMP_NUM_THREADS"))
    return n;
  unsigned cores = std::thread::hardware_concurrency();
  return cores ? static_cast<int>(cores) : 1;
}

std::atomic<int> &threads() {
  static std::atomic<int> count{[] {
    // Products split their rows themselves (Parallel.h, parallel_rows).
    Eigen::setNbThreads(1);
    return defaultThreads();
  }()};
  return count;
}

} // namespace

void set_num_threads(int n) {
  if (n < 1)
    throw InvalidArgumentError("set_num_threads: the number of threads must be "
                               "at least 1, got " + std::to_string(n));
  threads().store(n, std::memory_order_relaxed);
}

int get_num_threads() { return threads().load(std::memory_order_relaxed); }

namespace detail {
namespace {
std::atomic<std::uint64_t> helperChunks{0};
} // namespace

int parallel_threads() noexcept { return threads().load(std::memory_order_relaxed); }
void note_helper_chunk() noexcept {
  helperChunks.fetch_add(1, std::memory_order_relaxed);
}
/// How many kernel chunks threads other than the caller ran (for tests).
std::uint64_t helper_chunks_run() noexcept {
  return helperChunks.load(std::memory_order_relaxed);
}
} // namespace detail

} // namespace ag

extern "C" int64_t agrt_memref_num_threads(void) {
  return ag::detail::parallel_threads();
}
