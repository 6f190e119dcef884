//===- CompiledCodeABI.cpp - runtime entry points of compiled ag code -----===//
#include "autograph/CompiledCodeABI.h"

#include "CompiledArguments.h"

#include "autograph/Assert.h"
#include "autograph/DType.h"
#include "autograph/Error.h"
#include "autograph/Print.h"

#include <optional>
#include <string>

namespace ag::detail {
void write_stdout(const std::string &line); // Print.cpp
} // namespace ag::detail

namespace {

struct CompiledCallState {
  std::string line;                  // the print statement being built
  std::string format;                // printf format of the next tensor
  std::optional<std::string> error;  // the first failed check's message
};

thread_local CompiledCallState tls_state;

using ag::detail::RankedDescriptorView;

void printTensor(ag::DType dtype, int64_t rank, const void *descriptor) {
  if (tls_state.error)
    return;
  RankedDescriptorView view = ag::detail::view_descriptor(rank, descriptor);
  const char *data =
      view.aligned + view.offset * static_cast<int64_t>(ag::dtype_size(dtype));
  if (tls_state.format.empty()) {
    ag::format_tensor_to(tls_state.line, dtype, view.sizes, rank, data,
                         view.strides);
    return;
  }
  std::string format = std::move(tls_state.format);
  tls_state.format.clear();
  try {
    ag::format_element_to(tls_state.line, format, dtype, view.sizes, rank, data);
  } catch (const ag::Error &e) {
    tls_state.error = e.what();
  }
}

std::string text(const char *aligned, int64_t offset, int64_t size, int64_t stride) {
  return ag::detail::text_argument(aligned, offset, size, stride);
}

} // namespace

extern "C" void agrt_memref_print_begin(void) { tls_state.line.clear(); }

extern "C" void agrt_memref_print_text(const char *, const char *aligned,
                                       int64_t offset, int64_t size,
                                       int64_t stride) {
  if (!tls_state.error)
    tls_state.line += text(aligned, offset, size, stride);
}

extern "C" void agrt_memref_print_format(const char *, const char *aligned,
                                         int64_t offset, int64_t size,
                                         int64_t stride) {
  tls_state.format = text(aligned, offset, size, stride);
}

extern "C" void agrt_memref_print_tensor_f32(int64_t rank, const void *d) {
  printTensor(ag::DType::Float32, rank, d);
}
extern "C" void agrt_memref_print_tensor_f64(int64_t rank, const void *d) {
  printTensor(ag::DType::Float64, rank, d);
}
extern "C" void agrt_memref_print_tensor_i32(int64_t rank, const void *d) {
  printTensor(ag::DType::Int32, rank, d);
}
extern "C" void agrt_memref_print_tensor_i64(int64_t rank, const void *d) {
  printTensor(ag::DType::Int64, rank, d);
}
extern "C" void agrt_memref_print_tensor_bool(int64_t rank, const void *d) {
  printTensor(ag::DType::Bool, rank, d);
}

extern "C" void agrt_memref_print_end(void) {
  if (!tls_state.error)
    ag::detail::write_stdout(tls_state.line);
  tls_state.line.clear();
}

extern "C" void agrt_memref_assert_fail(
    const char *, const char *message, int64_t messageOffset,
    int64_t messageSize, int64_t messageStride, const char *, const char *file,
    int64_t fileOffset, int64_t fileSize, int64_t fileStride, int64_t line) {
  if (tls_state.error)
    return; // the first failure is the one eager execution would raise
  std::string what = text(message, messageOffset, messageSize, messageStride);
  // Without a location it is one of the tracer's run-time checks (integer
  // division by zero, ...), whose message is the runtime's error as is.
  if (fileSize == 0 && line == 0) {
    tls_state.error = what;
    return;
  }
  std::string fileName = text(file, fileOffset, fileSize, fileStride);
  tls_state.error =
      ag::format_assert_message(what, {fileName.c_str(), static_cast<int>(line)});
}

extern "C" bool agrt_memref_error_pending(void) {
  return tls_state.error.has_value();
}

namespace ag::compiled {

bool has_pending_error() noexcept { return tls_state.error.has_value(); }

void report_error(std::string message) noexcept {
  if (!tls_state.error)
    tls_state.error = std::move(message);
}

void raise_pending_error() {
  if (!tls_state.error)
    return;
  std::string message = std::move(*tls_state.error);
  tls_state.error.reset();
  throw InvalidArgumentError(message);
}

} // namespace ag::compiled
