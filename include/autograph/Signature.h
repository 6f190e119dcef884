//===- Signature.h - what decides that a call reuses a compiled trace -*- C++ -*-===//
//
// An ag::function (and an AG_FUNCTION) is traced once per *signature*, like a
// tf.function per input signature. The signature of a call is made of its
// arguments, each as ag::function_argument<T> describes it:
//
//   ag::Tensor            its dtype and shape; the tensor is an input of the
//                         compiled code
//   C++ arithmetic value  its type and value (a new value traces again, like
//   or enum               a Python scalar passed to tf.function); it is a
//                         constant of the trace
//
// A type without a function_argument specialisation cannot be an argument
// of a compiled function (a static_assert says so). Objects whose state
// lives in tensors (variables, datasets, ...) specialise it with their
// identity in the key and their tensors as inputs.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_SIGNATURE_H
#define AUTOGRAPH_SIGNATURE_H

#include "autograph/ControlFlow.h"
#include "autograph/Tensor.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace ag {

namespace detail {
/// A new object identity (1, 2, ...; thread-safe), for the signature key of
/// objects passed to compiled functions.
std::uint64_t new_object_id();
} // namespace detail

/// The key of a call signature: a flat list of words that compares equal
/// exactly when two calls must share one trace. Built on every call, so it
/// keeps up to 32 words inline.
class SignatureKey {
public:
  SignatureKey() = default;
  // Copies only the words in use: the inline words past them are never
  // initialised (zeroing all of them cost more than the rest of a call's
  // key).
  SignatureKey(const SignatureKey &other) : heap_(other.heap_), size_(other.size_) {
    if (size_ <= kInline)
      std::copy(other.inline_.begin(), other.inline_.begin() + size_, inline_.begin());
  }
  SignatureKey &operator=(const SignatureKey &other) {
    if (this != &other) {
      heap_ = other.heap_;
      size_ = other.size_;
      if (size_ <= kInline)
        std::copy(other.inline_.begin(), other.inline_.begin() + size_, inline_.begin());
    }
    return *this;
  }

  /// A tensor argument: its dtype and shape.
  void add_tensor(const Tensor &tensor);
  /// A C++ value: `type` (a code per C++ type) and its bits.
  void add_value(std::int64_t type, std::int64_t bits) {
    push(kValue);
    push(type);
    push(bits);
  }
  /// An object by identity: its object_id(), never reused (an address
  /// would be, by an object created where a destroyed one was).
  void add_object(std::uint64_t id) {
    push(kObject);
    push(static_cast<std::int64_t>(id));
  }

  /// The object a member function is called on, by address (a user class
  /// has no object id; an object created where a destroyed one was shares
  /// its traces).
  void add_address(const void *object) {
    push(kAddress);
    push(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(object)));
  }

  std::size_t size() const noexcept { return size_; }
  const std::int64_t *data() const noexcept {
    return size_ <= kInline ? inline_.data() : heap_.data();
  }
  bool operator==(const SignatureKey &other) const noexcept {
    return size_ == other.size_ &&
           std::memcmp(data(), other.data(), size_ * sizeof(std::int64_t)) == 0;
  }
  bool operator!=(const SignatureKey &other) const noexcept {
    return !(*this == other);
  }

private:
  static constexpr std::size_t kInline = 32;
  static constexpr std::int64_t kTensor = 1, kValue = 2, kObject = 3,
                                  kAddress = 4;
  void push(std::int64_t word) {
    if (size_ < kInline) {
      inline_[size_++] = word;
      return;
    }
    if (size_ == kInline)
      heap_.assign(inline_.begin(), inline_.end());
    heap_.push_back(word);
    ++size_;
  }
  std::array<std::int64_t, kInline> inline_;
  std::vector<std::int64_t> heap_;
  std::size_t size_ = 0;
};

/// How an argument of type T enters a compiled function; see the file
/// comment. Each specialisation has:
///   static void add(SignatureKey &, TensorList &inputs, const T &);
///       the key of the argument, and its tensors appended to `inputs`;
///   static std::size_t input_count(const T &);
///   static T rebuild(const T &argument, const TensorList &inputs,
///                    std::size_t first);
///       the argument as the traced function sees it: its tensors are
///       inputs[first...] (symbolic while tracing).
template <class T, class Enable = void> struct function_argument {
  static_assert(sizeof(T) == 0,
                "this type cannot be an argument of a compiled function "
                "(AG_FUNCTION or ag::function): arguments are ag::Tensor, C++ "
                "arithmetic values and enums, and ag objects such as variables "
                "and datasets");
};

template <> struct function_argument<Tensor> {
  static void add(SignatureKey &key, TensorList &inputs, const Tensor &tensor) {
    key.add_tensor(tensor);
    inputs.push_back(tensor);
  }
  static std::size_t input_count(const Tensor &) { return 1; }
  static Tensor rebuild(const Tensor &, const TensorList &inputs,
                        std::size_t first) {
    return inputs[first];
  }
};

namespace detail {
/// A code per C++ arithmetic type (and enums by their underlying type):
/// float and int32 values of equal bits must not share a key.
template <class T> constexpr std::int64_t value_type_code() {
  return (std::is_enum_v<T> ? 1 << 20 : 0) |
         (std::is_floating_point_v<T> ? 1 << 16 : 0) |
         (std::is_same_v<T, bool> ? 1 << 12 : 0) |
         (std::is_signed_v<std::conditional_t<std::is_enum_v<T>, int, T>> ? 1 << 8 : 0) |
         static_cast<std::int64_t>(sizeof(T));
}
} // namespace detail

template <class T>
struct function_argument<
    T, std::enable_if_t<std::is_arithmetic_v<T> || std::is_enum_v<T>>> {
  static void add(SignatureKey &key, TensorList &, const T &value) {
    std::int64_t bits = 0;
    std::memcpy(&bits, &value, sizeof(T));
    key.add_value(detail::value_type_code<T>(), bits);
  }
  static std::size_t input_count(const T &) { return 0; }
  static T rebuild(const T &value, const TensorList &, std::size_t) {
    return value;
  }
};

} // namespace ag

#endif // AUTOGRAPH_SIGNATURE_H
