//===- Parallel.h - splitting a kernel's work across threads ----*- C++ -*-===//
//
// For runtime/*.cpp: a kernel over [0, n) runs as one contiguous chunk per
// thread when the work is large enough, else on the calling thread. Chunk
// boundaries are multiples of kChunkAlignment elements, so that each chunk
// starts where a one-thread loop would be vector-aligned and every element
// is computed by the same instructions as with one thread.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_PARALLEL_H
#define AUTOGRAPH_RUNTIME_PARALLEL_H

#include <algorithm>
#include <cstdint>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace ag::detail {

/// Below twice this many elements (of a cheap op) work stays on one thread:
/// starting threads and waiting for them costs about 2.5 us (as much as an
/// add over 30K floats).
inline constexpr std::int64_t kMinParallelElements = 65536;
inline constexpr std::int64_t kChunkAlignment = 64;

/// ag::get_num_threads(), cached (read on every kernel call).
int parallel_threads() noexcept;
/// Counts a chunk that a thread other than the caller ran (the tests'
/// evidence that work was split: helper_chunks_run() in Threads.cpp).
void note_helper_chunk() noexcept;

/// A matrix product splits its rows between threads from this many
/// multiply-adds on (about 50 us on one core); below, starting threads for
/// each of a training step's small products cost more than they save.
inline constexpr std::int64_t kMinParallelProduct = std::int64_t{1} << 21;

/// The number of chunks [0, n) splits into: 1 below `minWork` (`cost` is a
/// rough per-item cost relative to an add), else up to parallel_threads(),
/// each with at least half of `minWork`.
inline int chunk_count(std::int64_t n, std::int64_t cost = 1,
                       std::int64_t minWork = 2 * kMinParallelElements) {
  int threads = parallel_threads();
  if (threads <= 1 || n < 2 || n * cost < minWork)
    return 1;
  std::int64_t most = std::max<std::int64_t>(1, n * cost / (minWork / 2));
  return static_cast<int>(std::min<std::int64_t>({threads, most, n}));
}

/// The first element of chunk `k` of `chunks` over [0, n), chunks starting
/// at multiples of `align`.
inline std::int64_t chunk_begin(std::int64_t n, int chunks, int k,
                                std::int64_t align = kChunkAlignment) {
  if (k >= chunks)
    return n;
  std::int64_t step = (n + chunks - 1) / chunks;
  step = (step + align - 1) / align * align;
  return std::min(n, step * k);
}

/// Runs fn(begin, end) for each chunk of [0, n), the chunks in parallel.
/// `cost` is the work of one of the n items relative to one add; chunks
/// start at multiples of `align` items. `fn` must not throw (check before
/// splitting).
template <class Fn>
void parallel_for(std::int64_t n, std::int64_t cost, Fn &&fn,
                  std::int64_t align = kChunkAlignment,
                  std::int64_t minWork = 2 * kMinParallelElements) {
  int chunks = chunk_count(n, cost, minWork);
  if (chunks <= 1) {
    if (n > 0)
      fn(std::int64_t{0}, n);
    return;
  }
#if defined(_OPENMP)
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
#endif
  for (int k = 0; k < chunks; ++k) {
    std::int64_t begin = chunk_begin(n, chunks, k, align),
                 end = chunk_begin(n, chunks, k + 1, align);
    if (begin < end)
      fn(begin, end);
#if defined(_OPENMP)
    if (omp_get_thread_num() != 0)
      note_helper_chunk();
#endif
  }
}

/// fn(begin, end) over row blocks of an m x n by n... product's m rows of
/// `work` multiply-adds each: in parallel from kMinParallelProduct on.
/// Eigen's own GEMM threading is off (Threads.cpp): its threshold splits
/// products of 0.3M multiply-adds.
template <class Fn> void parallel_rows(std::int64_t rows, std::int64_t work, Fn &&fn) {
  parallel_for(rows, work, fn, /*align=*/1, kMinParallelProduct);
}

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_PARALLEL_H
