//===- RuntimeABI.h - C entry points for compiled code ----------*- C++ -*-===//
//
// What lowered `ag.print` / `ag.assert` and runtime checks call. Dtype codes
// are the values of ag::DType (0 f32, 1 f64, 2 i32, 3 i64, 4 bool stored as
// one byte). Strides are in elements (nullptr: row-major contiguous).
//
// The error entry points throw C++ exceptions (ag::InvalidArgumentError), so
// compiled frames between the caller and the throw need unwind tables.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIMEABI_H
#define AUTOGRAPH_RUNTIMEABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One print statement: begin, then one call per argument (a separating space
/// is inserted between arguments), then end, which writes the line with its
/// newline to stdout and flushes. Per thread.
void agrt_print_begin(void);
void agrt_print_string(const char *text);
void agrt_print_tensor(int32_t dtype, int64_t rank, const int64_t *shape,
                       const int64_t *strides, const void *data);
void agrt_print_end(void);

/// Raises ag::InvalidArgumentError with
/// ag::format_assert_message(message, {file, line}).
void agrt_assert_fail(const char *message, const char *file, int64_t line);
/// Raises ag::InvalidArgumentError with `message` as is (e.g.
/// "div: integer division by zero").
void agrt_raise_invalid_argument(const char *message);

#ifdef __cplusplus
} // extern "C"
#endif

#endif // AUTOGRAPH_RUNTIMEABI_H
