//===- CompiledCall.h - calling compiled code through its C interface -----===//
//
// Compiled ag functions (JIT or AOT) are called through MLIR's C interface:
//
//   void _mlir_ciface_NAME(Results *results, Descriptor *arg0, ...);
//
// where each tensor travels as a ranked memref descriptor (allocated, aligned,
// offset, sizes..., strides...), `Results` is one descriptor for a single
// result or a struct of them, and a function without results has no
// `results` parameter. A ag::compiled::Call checks the arguments against the
// compiled signature, lays out their descriptors and the result storage, and
// afterwards adopts the results (buffers the caller owns) as tensors and
// raises an error that compiled code reported.
//
// This header needs only autograph::runtime: AOT headers include it.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_COMPILEDCALL_H
#define AUTOGRAPH_COMPILEDCALL_H

#include "autograph/ControlFlow.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace ag::compiled {

/// An AOT function's check of a variable parameter: raises
/// ag::InvalidArgumentError naming `function` and the variable when its
/// dtype and shape are not those it was compiled for.
void check_variable(const char *function, const std::string &name,
                    const TensorSpec &actual, const TensorSpec &compiled);

namespace detail {
/// `N` elements on the stack, more on the heap: a call of compiled code on a
/// few small tensors allocates nothing for its descriptors.
template <class T, std::size_t N> class InlineArray {
public:
  InlineArray() = default;
  InlineArray(const InlineArray &) = delete;
  InlineArray &operator=(const InlineArray &) = delete;
  /// `n` zeroed elements (the previous contents are gone).
  void assign_zeros(std::size_t n) {
    if (n > N) {
      heap_.reset(new T[n]());
      data_ = heap_.get();
    } else {
      for (std::size_t i = 0; i < n; ++i)
        inline_[i] = T();
      data_ = inline_;
    }
  }
  T *data() noexcept { return data_; }
  const T *data() const noexcept { return data_; }
  T &operator[](std::size_t i) noexcept { return data_[i]; }
  const T &operator[](std::size_t i) const noexcept { return data_[i]; }

private:
  T inline_[N];
  std::unique_ptr<T[]> heap_;
  T *data_ = inline_;
};
} // namespace detail

class Call {
public:
  /// Checks `args` against `inputs` (dtype, rank, every static dimension;
  /// -1 accepts any extent) and raises ag::InvalidArgumentError naming
  /// `function`, the argument, what it is and what was compiled. `outputs`
  /// must outlive the call (a compiled function's own list); `args` need
  /// only live during the constructor.
  Call(const char *function, Span<const TensorSpec> inputs,
       Span<const TensorSpec> outputs, Span<const Tensor> args);
  /// The same with the arguments by address (AOT headers: no copies).
  Call(const char *function, Span<const TensorSpec> inputs,
       Span<const TensorSpec> outputs, Span<const Tensor *const> args);
  /// Frees result buffers that finish() did not adopt.
  ~Call();
  Call(const Call &) = delete;
  Call &operator=(const Call &) = delete;

  /// The descriptor of argument `index`, to pass by pointer.
  void *argument(std::size_t index) { return words_.data() + offsets_[index]; }
  /// The results' storage, to pass first (nullptr without results).
  void *results() { return outputs_.empty() ? nullptr : words_.data(); }

  /// Once compiled code returned: the results as tensors (owning their
  /// buffers); raises the error compiled code reported, if any.
  TensorList finish();
  /// The same into `results[0 .. outputs.size())` (no list to allocate).
  void finish(Tensor *results);

private:
  void layOut(const char *function, Span<const TensorSpec> inputs,
              const Tensor *const *args, std::size_t count);

  Span<const TensorSpec> outputs_;
  /// The results' descriptors, then each argument's: allocated, aligned,
  /// offset, sizes, strides (3 + 2 * rank words).
  detail::InlineArray<std::int64_t, 64> words_;
  /// Where argument i's descriptor starts in words_.
  detail::InlineArray<std::uint32_t, 16> offsets_;
  bool finished_ = false;
  // The TensorArrays compiled code creates during this call end with it.
  std::size_t arrays_mark_;
};

} // namespace ag::compiled

#endif // AUTOGRAPH_COMPILEDCALL_H
