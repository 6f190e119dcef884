//===- Allocator.h - caching allocator for tensor buffers -------*- C++ -*-===//
#ifndef AUTOGRAPH_RUNTIME_ALLOCATOR_H
#define AUTOGRAPH_RUNTIME_ALLOCATOR_H

#include <cstddef>

namespace ag::detail {

/// A 64-byte aligned buffer of at least `bytes`; `*capacity` receives the
/// size to pass back to free_buffer. Large buffers are recycled (keeping them
/// mapped avoids the page faults of fresh memory in eager loops); nullptr when
/// memory is exhausted.
void *allocate_buffer(std::size_t bytes, std::size_t *capacity) noexcept;
void free_buffer(void *block, std::size_t capacity) noexcept;

/// Returns every cached block to the system.
void release_cached_buffers() noexcept;

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_ALLOCATOR_H
