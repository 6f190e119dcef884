//===- CompiledCall.h - calling compiled code through its C interface -----===//
//
// Compiled ag functions (JIT or AOT) are called through MLIR's C interface:
//
//   void _mlir_ciface_NAME(Results *results, Descriptor *arg0, ...,
//                          Descriptor *out0, ...);
//
// where each tensor travels as a ranked memref descriptor (allocated, aligned,
// offset, sizes..., strides...). Small results of static shape
// (result_in_place, CompiledCodeABI.h) are written into the out0, ...
// descriptors the caller passes; the others are returned: `Results` is one
// descriptor for a single such result or a struct of them, and without them
// there is no `results` parameter. A ag::compiled::Call checks the arguments
// against the compiled signature, lays out their descriptors, the result
// storage and the small results' tensors, and afterwards adopts the returned
// results (buffers the caller owns) as tensors and raises an error that
// compiled code reported.
//
// This header needs only autograph::runtime: AOT headers include it.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_COMPILEDCALL_H
#define AUTOGRAPH_COMPILEDCALL_H

#include "autograph/CompiledCodeABI.h"
#include "autograph/ControlFlow.h"
#include "autograph/Span.h"
#include "autograph/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <type_traits>

namespace ag::compiled {

/// An AOT function's check of a variable parameter: raises
/// ag::InvalidArgumentError naming `function` and the variable when its
/// dtype and shape are not those it was compiled for.
void check_variable(const char *function, const std::string &name,
                    const TensorSpec &actual, const TensorSpec &compiled);

namespace detail {
/// `N` elements on the stack, more on the heap: a call of compiled code on a
/// few small tensors allocates nothing for its descriptors. Only the
/// elements asked for exist: a call with one result constructs and destroys
/// one tensor, not N.
template <class T, std::size_t N> class InlineArray {
public:
  InlineArray() noexcept {}
  ~InlineArray() { clear(); }
  InlineArray(const InlineArray &) = delete;
  InlineArray &operator=(const InlineArray &) = delete;
  /// Room for `n` elements (the previous contents are gone): value-
  /// initialised for class types, left unset for trivial ones, which the
  /// caller writes (zeroing them cost more than the rest of a small call).
  void resize(std::size_t n) {
    clear();
    if (n > N)
      data_ = static_cast<T *>(::operator new(n * sizeof(T)));
    if constexpr (!std::is_trivial_v<T>)
      std::uninitialized_value_construct_n(data_, n);
    size_ = n;
  }
  T *data() noexcept { return data_; }
  const T *data() const noexcept { return data_; }
  T &operator[](std::size_t i) noexcept { return data_[i]; }
  const T &operator[](std::size_t i) const noexcept { return data_[i]; }

private:
  void clear() noexcept {
    if constexpr (!std::is_trivially_destructible_v<T>)
      std::destroy_n(data_, size_);
    if (data_ != inlineData())
      ::operator delete(data_);
    data_ = inlineData();
    size_ = 0;
  }
  T *inlineData() noexcept { return reinterpret_cast<T *>(storage_); }

  alignas(T) unsigned char storage_[N * sizeof(T)];
  T *data_ = inlineData();
  std::size_t size_ = 0;
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

  /// The number of parameters of the C interface of a function with
  /// `inputs` arguments and `outputs` results: one for the returned results
  /// (if any), one per argument, one per result written in place.
  static std::size_t parameter_count(std::size_t inputs,
                                     Span<const TensorSpec> outputs);
  /// Parameter `index` of the C interface, in that order (the returned
  /// results' storage, then descriptors).
  void *parameter(std::size_t index) { return parameters_[index]; }
  std::size_t parameter_count() const { return parameterCount_; }

  /// Once compiled code returned: the results as tensors (owning their
  /// buffers); raises the error compiled code reported, if any.
  TensorList finish();
  /// The same into `results[0 .. outputs.size())` (no list to allocate).
  void finish(Tensor *results);

private:
  void layOut(const char *function, Span<const TensorSpec> inputs,
              const Tensor *const *args, std::size_t count);
  /// Whether result `r` is returned (not written in place).
  bool returned(std::size_t r) const {
    return inPlaceCount_ == 0 || inPlace_[r].impl() == nullptr;
  }

  Span<const TensorSpec> outputs_;
  /// The returned results' descriptors, then each argument's, then each
  /// result's written in place: allocated, aligned, offset, sizes, strides
  /// (3 + 2 * rank words).
  detail::InlineArray<std::int64_t, 64> words_;
  /// The C interface's parameters: addresses in words_.
  detail::InlineArray<void *, 16> parameters_;
  std::size_t parameterCount_ = 0;
  /// Per result: its tensor when it is written in place (made before the
  /// call), else undefined.
  detail::InlineArray<Tensor, 8> inPlace_;
  std::size_t inPlaceCount_ = 0;
  bool finished_ = false;
  // The TensorArrays compiled code creates during this call end with it.
  std::size_t arrays_mark_;
};

/// A call of a compiled function on C++ scalars (ag::aot::scalar:: in AOT
/// headers, for functions of 0-d tensors): each argument and result is a
/// 0-d descriptor of a C++ variable, so there is nothing to check or
/// allocate. The TensorArrays compiled code creates end with the call;
/// finish() raises the error compiled code reported, if any.
class ScalarCall {
public:
  ScalarCall() noexcept;
  ~ScalarCall();
  ScalarCall(const ScalarCall &) = delete;
  ScalarCall &operator=(const ScalarCall &) = delete;

  /// The 0-d descriptor of `value` (which must outlive the call).
  template <typename T> static MemRef<T, 0> descriptor(T &value) noexcept {
    return {&value, &value, 0};
  }
  void finish();

private:
  std::size_t arrays_mark_;
};

} // namespace ag::compiled

#endif // AUTOGRAPH_COMPILEDCALL_H
