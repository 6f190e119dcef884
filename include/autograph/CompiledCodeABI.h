//===- CompiledCodeABI.h - what code compiled from ag calls ----*- C++ -*-===//
//
// The functions that `convert-ag-print-assert-to-runtime-calls` makes
// compiled code call, in MLIR's calling convention for memrefs: a ranked
// memref is passed expanded (allocated, aligned, offset, sizes..., strides...)
// and an unranked one as (rank, pointer to the ranked descriptor). Text is a
// 1-d i8 memref (not NUL-terminated).
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
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void agrt_memref_print_begin(void);
void agrt_memref_print_text(const char *allocated, const char *aligned,
                            int64_t offset, int64_t size, int64_t stride);
/// The printf conversion ("%.3f") of the next tensor of this print, which
/// must then have one element (else the call's error is pending).
void agrt_memref_print_format(const char *allocated, const char *aligned,
                              int64_t offset, int64_t size, int64_t stride);
void agrt_memref_print_tensor_f32(int64_t rank, const void *descriptor);
void agrt_memref_print_tensor_f64(int64_t rank, const void *descriptor);
void agrt_memref_print_tensor_i32(int64_t rank, const void *descriptor);
void agrt_memref_print_tensor_i64(int64_t rank, const void *descriptor);
void agrt_memref_print_tensor_bool(int64_t rank, const void *descriptor);
void agrt_memref_print_end(void);

/// Whether a check failed in this call: loops that contain checks stop then,
/// as eager execution would have.
bool agrt_memref_error_pending(void);

/// Records the first failed check of the call. Without a location (empty
/// file, line 0) the message is raised as is (a run-time check the tracer
/// inserted, e.g. "div: integer division by zero"); with one, as
/// ag::format_assert_message(message, {file, line}).
void agrt_memref_assert_fail(const char *message_allocated,
                             const char *message_aligned,
                             int64_t message_offset, int64_t message_size,
                             int64_t message_stride, const char *file_allocated,
                             const char *file_aligned, int64_t file_offset,
                             int64_t file_size, int64_t file_stride,
                             int64_t line);

/// C += A * B with Eigen's GEMM (runtime/CompiledMatmul.cpp); each matrix
/// as (allocated, aligned, offset, rows, cols, row stride, column stride).
void agrt_memref_matmul_f32(float *, float *, int64_t, int64_t, int64_t,
                            int64_t, int64_t, float *, float *, int64_t,
                            int64_t, int64_t, int64_t, int64_t, float *,
                            float *, int64_t, int64_t, int64_t, int64_t,
                            int64_t);
void agrt_memref_matmul_f64(double *, double *, int64_t, int64_t, int64_t,
                            int64_t, int64_t, double *, double *, int64_t,
                            int64_t, int64_t, int64_t, int64_t, double *,
                            double *, int64_t, int64_t, int64_t, int64_t,
                            int64_t);

#ifdef __cplusplus
} // extern "C"

namespace ag::compiled {

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

/// Raises (as ag::InvalidArgumentError) and clears the error that compiled
/// code on this thread reported; does nothing when there is none.
void raise_pending_error();

} // namespace ag::compiled
#endif

#endif // AUTOGRAPH_COMPILEDCODEABI_H
