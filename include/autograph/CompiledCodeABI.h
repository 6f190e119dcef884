//===- CompiledCodeABI.h - what code compiled from ag calls ----*- C++ -*-===//
//
// The functions that lowered ag code calls (listed once, with their
// documentation, in CompiledCodeABI.def), in MLIR's calling convention for
// memrefs: a ranked memref is passed expanded (allocated, aligned, offset,
// sizes..., strides...) and an unranked one as (rank, pointer to the ranked
// descriptor). Text is a 1-d i8 memref (not NUL-terminated).
//
// Errors never unwind through compiled frames (that would leak their
// buffers): a failed assert records a pending error for the current thread,
// later prints of the same call are suppressed (eager execution would have
// stopped), and the caller of the compiled function raises it with
// ag::compiled::raise_pending_error() once the function has returned.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_COMPILEDCODEABI_H
#define AUTOGRAPH_COMPILEDCODEABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// The declarations, from the one list of these functions.
#define AG_ABI_NONE void
#define AG_ABI_TEXT(x)                                                         \
  const char *x##_allocated, const char *x##_aligned, int64_t x##_offset,     \
      int64_t x##_size, int64_t x##_stride
#define AG_ABI_UNRANKED(T, x) int64_t x##_rank, const void *x##_descriptor
#define AG_ABI_I64(x) int64_t x
#define AG_ABI_MATRIX(T, x)                                                    \
  T *x##_allocated, T *x##_aligned, int64_t x##_offset, int64_t x##_rows,      \
      int64_t x##_cols, int64_t x##_row_stride, int64_t x##_column_stride
#define AG_ABI_BYTES(x)                                                        \
  char *x##_allocated, char *x##_aligned, int64_t x##_offset,                  \
      int64_t x##_size, int64_t x##_stride
#define AG_RUNTIME_FUNCTION(name, result, parameters)                          \
  result agrt_memref_##name parameters;
#define AG_ALLOCATION_FUNCTION(symbol, result, parameters) result symbol parameters;
#include "autograph/CompiledCodeABI.def"
#undef AG_ABI_NONE
#undef AG_ABI_TEXT
#undef AG_ABI_UNRANKED
#undef AG_ABI_I64
#undef AG_ABI_MATRIX
#undef AG_ABI_BYTES

#ifdef __cplusplus
} // extern "C"

#include <cstddef>
#include <string>

namespace ag::compiled {

/// Small results are written in place. A compiled function's result of
/// static shape and at most kInPlaceResultBytes bytes is not returned in a
/// buffer that compiled code allocates: the caller passes the result's
/// storage as one more memref parameter, after the arguments, in the order
/// of the results (lib/Lowering/SmallResultsToOutParams.cpp), so that a call
/// returning scalars allocates nothing. `dims` holds a negative value for an
/// extent unknown when compiling. The lowering and every caller of compiled
/// code decide by this one rule.
inline constexpr std::int64_t kInPlaceResultBytes = 64;
constexpr bool result_in_place(std::int64_t elementBytes, const std::int64_t *dims,
                               std::size_t rank) {
  std::int64_t bytes = elementBytes;
  for (std::size_t i = 0; i < rank; ++i) {
    if (dims[i] < 0 || dims[i] > kInPlaceResultBytes)
      return false;
    bytes *= dims[i];
  }
  return bytes <= kInPlaceResultBytes;
}

/// A ranked memref descriptor as compiled code passes and returns it through
/// its C interface (`_mlir_ciface_NAME(MemRef<R, N> *result, MemRef<T, M> *arg,
/// ...)`); a result buffer is owned by the caller: free `allocated`.
template <typename T, int Rank> struct MemRef {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};
template <typename T> struct MemRef<T, 0> {
  T *allocated;
  T *aligned;
  int64_t offset;
};

/// Whether compiled code on this thread has reported an error not yet raised.
bool has_pending_error() noexcept;

/// Records `message` as this thread's pending error unless one is pending
/// (the first failure is the one eager execution would have raised).
void report_error(std::string message) noexcept;

/// Raises (as ag::InvalidArgumentError) and clears the error that compiled
/// code on this thread reported; does nothing when there is none.
void raise_pending_error();

} // namespace ag::compiled
#endif

#endif // AUTOGRAPH_COMPILEDCODEABI_H
