//===- TensorArray.h - ag::TensorArray: a list of tensors loops write -*- C++ -*-===//
//
// tf.TensorArray for C++ (SPEC 8.3): an array of same-shaped tensors of one
// dtype that a loop fills one element per iteration and then stacks:
//
//   ag::TensorArray outputs(ag::DType::Float32, time);   // size: int or 0-d tensor
//   for (ag::Tensor t : ag::range(time))
//     outputs = outputs.write(t, cell(x[t]));
//   ag::Tensor all = outputs.stack();                    // [time, ...element]
//
// An array is a handle, like ag::Variable: `write` stores a copy of the
// tensor in the array and returns the array, so `ta = ta.write(i, x)` (TF's
// functional spelling) and `ta.write(i, x)` do the same, and copies of a
// handle see each other's writes. This is TF's eager behaviour, and here it
// is the behaviour of compiled code too: inside an AG_FUNCTION the array is
// a run-time object that compiled code writes through (a copy of the
// element per write, amortised O(1) growth for `dynamic_size`), so an array
// needs no special treatment in converted loops and branches.
//
// The element shape is set by the first write; later writes must match it.
// Errors, the same in eager, JIT and AOT runs (ag::InvalidArgumentError
// naming the array): a negative index, an index past a fixed size, reading
// an element never written, a wrong dtype or shape, stacking a
// non-empty array no element was written to. Unwritten elements stack as
// zeros; an empty array stacks to an empty tensor.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TENSORARRAY_H
#define AUTOGRAPH_TENSORARRAY_H

#include "autograph/Signature.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ag {

namespace detail {
/// An array's elements: one contiguous buffer (capacity doubling), a flag
/// per element, and the element shape once written. The eager TensorArray
/// and compiled code (through its i64 handle) share this representation.
class TensorArrayState {
public:
  TensorArrayState(DType dtype, std::int64_t size, bool dynamic_size, std::string name);

  DType dtype() const { return dtype_; }
  const std::string &name() const { return name_; }
  bool dynamic_size() const { return dynamic_; }
  std::int64_t size() const { return size_; }
  /// The element shape, once an element was written.
  const std::optional<Shape> &element_shape() const { return element_shape_; }
  const std::uint64_t id = new_object_id();

  /// Element `index` := the `count` bytes of a row-major tensor of `dtype`
  /// and `shape` at `data`.
  void write(std::int64_t index, DType dtype, const Shape &shape, const void *data);
  /// Copies element `index` (row-major) to `out`, which holds `bytes`.
  void read(std::int64_t index, void *out, std::size_t bytes) const;
  /// Copies all elements, stacked, to `out`, which holds `bytes`.
  void stack(void *out, std::size_t bytes) const;
  /// The bytes of one element (0 before the first write).
  std::size_t element_bytes() const { return element_bytes_; }
  /// Frees the elements; a later write, read or stack is an error.
  void release();

private:
  std::string where(const char *op) const;
  void checkIndex(const char *op, std::int64_t index) const;
  void checkLive(const char *op) const;

  DType dtype_;
  bool dynamic_;
  std::string name_;
  std::int64_t size_;
  std::optional<Shape> element_shape_;
  std::size_t element_bytes_ = 0;
  std::vector<unsigned char> data_;
  std::vector<bool> written_;
  bool released_ = false;
};
struct TracedTensorArray;

/// The arrays compiled code creates live until the compiled::Call in which
/// they were created ends: a Call takes the mark when it begins and
/// releases the arrays created after it when it ends.
std::size_t call_tensor_arrays_mark() noexcept;
void release_call_tensor_arrays(std::size_t mark) noexcept;
} // namespace detail

class TensorArray {
public:
  /// An array of `size` elements of `dtype`; with `dynamic_size`, writes
  /// past the end grow it. `size` is an int or a 0-d int32/int64 tensor
  /// (symbolic inside a traced function: a length known at run time).
  TensorArray(DType dtype, std::int64_t size, bool dynamic_size = false,
              std::string name = "TensorArray");
  TensorArray(DType dtype, const Tensor &size, bool dynamic_size = false,
              std::string name = "TensorArray");

  /// Element `index` (an int or a 0-d int32/int64 tensor) := a copy of
  /// `value`. Returns this array.
  TensorArray write(const Tensor &index, const Tensor &value) const;
  TensorArray write(std::int64_t index, const Tensor &value) const;
  /// Element `index`: a new tensor.
  Tensor read(const Tensor &index) const;
  Tensor read(std::int64_t index) const;
  /// The elements stacked along a new first axis: [size, ...element].
  Tensor stack() const;
  /// Writes the rows of `value` to elements 0, 1, ...; returns this array.
  TensorArray unstack(const Tensor &value) const;
  /// The number of elements, a 0-d int32 tensor.
  Tensor size() const;

  DType dtype() const;
  const std::string &name() const;
  bool dynamic_size() const;

  /// The eager state (null for an array of a traced function).
  const std::shared_ptr<detail::TensorArrayState> &state() const { return state_; }
  /// While tracing: the array's handle (a symbolic 0-d int64 tensor) and
  /// what the trace knows of it.
  const Tensor &traced_handle() const { return handle_; }
  /// The array a traced function sees for argument `array`, whose handle
  /// is the traced input `handle`.
  static TensorArray traced_argument(const TensorArray &array, const Tensor &handle);
  /// The handle compiled code receives for this (eager) array.
  Tensor handle_argument() const;

private:
  TensorArray() = default;
  void create(DType dtype, const Tensor &size, bool dynamic_size, std::string name);

  std::shared_ptr<detail::TensorArrayState> state_;
  Tensor handle_;
  std::shared_ptr<detail::TracedTensorArray> traced_;
};

namespace detail {
/// Frees `array`'s elements now (in a traced function: when compiled code
/// gets there, ag.tensor_array_release), for an array nothing uses again.
void release_tensor_array(const TensorArray &array);
} // namespace detail

/// A TensorArray argument of a compiled function: its identity is part of
/// the signature; compiled code writes and reads the caller's array.
template <> struct function_argument<TensorArray> {
  static void add(SignatureKey &key, TensorList &inputs, const TensorArray &array) {
    if (!array.state())
      throw InvalidArgumentError("TensorArray '" + array.name() +
                                 "' of a traced function cannot be an argument");
    key.add_object(array.state()->id);
    inputs.push_back(array.handle_argument());
  }
  static std::size_t input_count(const TensorArray &) { return 1; }
  static TensorArray rebuild(const TensorArray &array, const TensorList &inputs,
                             std::size_t first) {
    return TensorArray::traced_argument(array, inputs[first]);
  }
};

} // namespace ag

#endif // AUTOGRAPH_TENSORARRAY_H
