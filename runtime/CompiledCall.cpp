//===- CompiledCall.cpp - arguments in, results out of compiled code ------===//
#include "autograph/CompiledCall.h"

#include "autograph/CompiledCodeABI.h"
#include "autograph/Error.h"
#include "autograph/TensorArray.h"
#include "TensorImpl.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>

namespace ag::compiled {
namespace {

std::size_t descriptorWords(std::size_t rank) { return 3 + 2 * rank; }

/// Writes `impl`'s descriptor at `words`: allocated, aligned, offset,
/// sizes[rank], strides[rank] (row-major).
void writeDescriptor(const ag::detail::TensorImpl &impl, std::int64_t *words) {
  auto data = reinterpret_cast<std::int64_t>(impl.data);
  std::size_t rank = static_cast<std::size_t>(impl.rank);
  words[0] = data;
  words[1] = data;
  words[2] = 0;
  std::int64_t stride = 1;
  for (std::size_t i = rank; i-- > 0;) {
    words[3 + i] = impl.dims[i];
    words[3 + rank + i] = stride;
    stride *= impl.dims[i];
  }
}

bool accepts(const TensorSpec &compiled, const ag::detail::TensorImpl &actual) {
  if (compiled.dtype != actual.dtype ||
      compiled.shape.size() != static_cast<std::size_t>(actual.rank))
    return false;
  for (std::size_t d = 0; d < compiled.shape.size(); ++d)
    if (compiled.shape[d] >= 0 && compiled.shape[d] != actual.dims[d])
      return false;
  return true;
}

/// A result as a tensor. With `owned` (this result is the first to name its
/// allocation, a buffer from malloc that the caller owns) a large contiguous
/// result adopts the buffer and sets `*adopted`; otherwise the data is copied
/// (a small result into the tensor itself: no deleter to keep), and the
/// caller frees the allocation once no later result views it.
Tensor adoptResult(DType dtype, std::size_t rank, const std::int64_t *words,
                   bool owned, bool *adopted) {
  void *allocated = reinterpret_cast<void *>(words[0]);
  char *aligned = reinterpret_cast<char *>(words[1]);
  std::int64_t offset = words[2];
  const std::int64_t *dims = words + 3;
  const std::int64_t *strides = words + 3 + rank;
  std::size_t element = dtype_size(dtype);
  bool contiguous = true;
  std::int64_t count = 1;
  for (std::size_t i = rank; i-- > 0;) {
    if (dims[i] != 1 && strides[i] != count)
      contiguous = false;
    count *= dims[i];
  }
  char *data = aligned + offset * static_cast<std::int64_t>(element);
  std::size_t bytes = static_cast<std::size_t>(count) * element;
  if (contiguous && owned && bytes > ag::detail::kInlineBytes) {
    *adopted = true;
    return Tensor::from_blob(
        dtype, Shape(dims, dims + rank), data,
        [](void *, void *block) { _mlir_memref_to_llvm_free(block); }, allocated);
  }
  Tensor copy = ag::detail::make_uninitialized(dtype, dims, static_cast<int>(rank),
                                               "compiled result");
  char *out = static_cast<char *>(ag::detail::impl_of(copy)->data);
  if (contiguous) {
    std::memcpy(out, data, bytes);
  } else {
    // Gather a strided result into a fresh row-major buffer.
    std::vector<std::int64_t> index(rank, 0);
    for (std::int64_t n = 0; n < count; ++n) {
      std::int64_t position = 0;
      for (std::size_t d = 0; d < rank; ++d)
        position += index[d] * strides[d];
      std::memcpy(out + n * element, data + position * element, element);
      for (std::size_t d = rank; d-- > 0;) {
        if (++index[d] < dims[d])
          break;
        index[d] = 0;
      }
    }
  }
  return copy;
}

bool writtenInPlace(const TensorSpec &spec) {
  return result_in_place(static_cast<std::int64_t>(dtype_size(spec.dtype)),
                         spec.shape.data(), spec.shape.size());
}

[[noreturn]] void rejectArgument(const char *function, std::size_t i,
                                 const Tensor &arg, const TensorSpec &compiled) {
  if (!arg.defined())
    throw InvalidArgumentError(std::string(function) + ": argument #" +
                               std::to_string(i) + " has no value");
  throw InvalidArgumentError(
      std::string(function) + ": argument #" + std::to_string(i) + " is " +
      (arg.is_symbolic() ? "symbolic " : "") + format_spec(arg.spec()) +
      " but the function was compiled for " + format_spec(compiled));
}

} // namespace

Call::Call(const char *function, Span<const TensorSpec> inputs,
           Span<const TensorSpec> outputs, Span<const Tensor> args)
    : outputs_(outputs), arrays_mark_(ag::detail::call_tensor_arrays_mark()) {
  detail::InlineArray<const Tensor *, 16> pointers;
  pointers.resize(args.size());
  for (std::size_t i = 0; i < args.size(); ++i)
    pointers[i] = &args[i];
  layOut(function, inputs, pointers.data(), args.size());
}

Call::Call(const char *function, Span<const TensorSpec> inputs,
           Span<const TensorSpec> outputs, Span<const Tensor *const> args)
    : outputs_(outputs), arrays_mark_(ag::detail::call_tensor_arrays_mark()) {
  layOut(function, inputs, args.data(), args.size());
}

std::size_t Call::parameter_count(std::size_t inputs,
                                  Span<const TensorSpec> outputs) {
  std::size_t inPlace = 0;
  for (const TensorSpec &spec : outputs)
    inPlace += writtenInPlace(spec);
  return (inPlace < outputs.size()) + inputs + inPlace;
}

void Call::layOut(const char *function, Span<const TensorSpec> inputs,
                  const Tensor *const *args, std::size_t count) {
  if (count != inputs.size())
    throw InvalidArgumentError(std::string(function) + ": expected " +
                               std::to_string(inputs.size()) +
                               " arguments, got " + std::to_string(count));
  // Checked against the compiled signature before anything is laid out.
  std::size_t words = 0, inPlaceCount = 0;
  for (const TensorSpec &spec : outputs_) {
    if (writtenInPlace(spec))
      ++inPlaceCount;
    else
      words += descriptorWords(spec.shape.size());
  }
  std::size_t resultWords = words;
  bool returns = inPlaceCount < outputs_.size();
  parameterCount_ = returns + count + inPlaceCount;
  parameters_.resize(parameterCount_);
  std::size_t next = 0;
  if (returns)
    parameters_[next++] = nullptr; // words_.data(), once allocated
  detail::InlineArray<std::uint32_t, 16> offsets;
  offsets.resize(count + inPlaceCount);
  for (std::size_t i = 0; i < count; ++i) {
    const ag::detail::TensorImpl *impl = ag::detail::impl_of(*args[i]);
    if (!impl || impl->symbolic || !accepts(inputs[i], *impl))
      rejectArgument(function, i, *args[i], inputs[i]);
    offsets[i] = static_cast<std::uint32_t>(words);
    words += descriptorWords(static_cast<std::size_t>(impl->rank));
  }
  inPlaceCount_ = inPlaceCount;
  inPlace_.resize(inPlaceCount ? outputs_.size() : 0);
  for (std::size_t r = 0, k = count; r < outputs_.size() && inPlaceCount; ++r) {
    const TensorSpec &spec = outputs_[r];
    if (!writtenInPlace(spec))
      continue;
    inPlace_[r] = ag::detail::make_uninitialized(
        spec.dtype, spec.shape.data(), static_cast<int>(spec.shape.size()),
        "compiled result");
    offsets[k++] = static_cast<std::uint32_t>(words);
    words += descriptorWords(spec.shape.size());
  }
  words_.resize(words);
  if (returns) {
    parameters_[0] = words_.data();
    // Compiled code fills the returned results' descriptors; until it has,
    // the destructor must see no buffer to free.
    std::fill(words_.data(), words_.data() + resultWords, 0);
  }
  for (std::size_t i = 0; i < count; ++i)
    writeDescriptor(*ag::detail::impl_of(*args[i]), words_.data() + offsets[i]);
  for (std::size_t r = 0, k = count; r < outputs_.size() && inPlaceCount_; ++r)
    if (!returned(r))
      writeDescriptor(*ag::detail::impl_of(inPlace_[r]), words_.data() + offsets[k++]);
  for (std::size_t i = 0; i < count + inPlaceCount; ++i)
    parameters_[next++] = words_.data() + offsets[i];
}

Call::~Call() {
  ag::detail::release_call_tensor_arrays(arrays_mark_);
  if (finished_)
    return;
  // Each allocation once (several results may share one).
  std::size_t position = 0;
  for (std::size_t r = 0; r < outputs_.size(); ++r) {
    if (!returned(r))
      continue;
    std::int64_t allocated = words_[position];
    bool freedBefore = false;
    for (std::size_t before = 0, at = 0; before < r; ++before) {
      if (!returned(before))
        continue;
      freedBefore = freedBefore || words_[at] == allocated;
      at += descriptorWords(outputs_[before].shape.size());
    }
    if (!freedBefore)
      _mlir_memref_to_llvm_free(reinterpret_cast<void *>(allocated));
    position += descriptorWords(outputs_[r].shape.size());
  }
}

void check_variable(const char *function, const std::string &name,
                    const TensorSpec &actual, const TensorSpec &compiled) {
  if (actual != compiled)
    throw InvalidArgumentError(std::string(function) + ": variable '" + name +
                               "' is " + format_spec(actual) +
                               ", but the function was compiled for " +
                               format_spec(compiled));
}

TensorList Call::finish() {
  TensorList tensors(outputs_.size());
  finish(tensors.data());
  return tensors;
}

void Call::finish(Tensor *tensors) {
  finished_ = true;
  detail::InlineArray<void *, 8> toFree;
  toFree.resize(outputs_.size());
  std::size_t freeCount = 0;
  // Compiled code may return one buffer for several results (one value
  // returned twice): the first adopts it, a later identical result shares
  // that tensor, and a later different view of it gets a copy.
  std::size_t position = 0;
  for (std::size_t r = 0; r < outputs_.size(); ++r) {
    if (!returned(r))
      continue;
    const TensorSpec &spec = outputs_[r];
    std::size_t rank = spec.shape.size(), words = descriptorWords(rank);
    const std::int64_t *descriptor = words_.data() + position;
    Tensor result;
    bool owned = true;
    for (std::size_t before = 0, at = 0; before < r && owned; ++before) {
      if (!returned(before))
        continue;
      const std::int64_t *other = words_.data() + at;
      std::size_t otherWords = descriptorWords(outputs_[before].shape.size());
      at += otherWords;
      if (other[0] != descriptor[0])
        continue;
      owned = false;
      if (outputs_[before].dtype == spec.dtype && otherWords == words &&
          std::equal(descriptor, descriptor + words, other))
        result = tensors[before];
    }
    if (!result.defined()) {
      bool adopted = false;
      result = adoptResult(spec.dtype, rank, descriptor, owned, &adopted);
      // A copied result's allocation is freed below, once no later result
      // can still read it.
      if (owned && !adopted)
        toFree[freeCount++] = reinterpret_cast<void *>(descriptor[0]);
    }
    tensors[r] = std::move(result);
    position += words;
  }
  for (std::size_t i = 0; i < freeCount; ++i)
    _mlir_memref_to_llvm_free(toFree[i]);
  // Last: returned() tells the results written in place by their tensors.
  for (std::size_t r = 0; r < outputs_.size() && inPlaceCount_; ++r)
    if (!returned(r))
      tensors[r] = std::move(inPlace_[r]);
  raise_pending_error();
}

ScalarCall::ScalarCall() noexcept
    : arrays_mark_(ag::detail::call_tensor_arrays_mark()) {}

ScalarCall::~ScalarCall() { ag::detail::release_call_tensor_arrays(arrays_mark_); }

void ScalarCall::finish() { raise_pending_error(); }

} // namespace ag::compiled
