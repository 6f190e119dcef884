//===- CompiledCall.cpp - arguments in, results out of compiled code ------===//
#include "autograph/CompiledCall.h"

#include "autograph/CompiledCodeABI.h"
#include "autograph/Error.h"
#include "autograph/TensorArray.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>

namespace ag::compiled {
namespace {

std::size_t descriptorWords(std::size_t rank) { return 3 + 2 * rank; }

/// allocated, aligned, offset, sizes[rank], strides[rank] (row-major).
std::vector<std::int64_t> descriptorOf(const Tensor &tensor) {
  Shape shape = tensor.shape();
  auto data = reinterpret_cast<std::int64_t>(tensor.raw_data());
  std::vector<std::int64_t> words{data, data, 0};
  words.insert(words.end(), shape.begin(), shape.end());
  std::vector<std::int64_t> strides(shape.size());
  std::int64_t stride = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  words.insert(words.end(), strides.begin(), strides.end());
  return words;
}

bool accepts(const TensorSpec &compiled, const TensorSpec &actual) {
  if (compiled.dtype != actual.dtype ||
      compiled.shape.size() != actual.shape.size())
    return false;
  for (std::size_t d = 0; d < compiled.shape.size(); ++d)
    if (compiled.shape[d] >= 0 && compiled.shape[d] != actual.shape[d])
      return false;
  return true;
}

/// Adopts a result buffer (from malloc, owned by the caller) as a tensor;
/// with `owned` false (another result owns the same allocation) the data is
/// copied instead.
Tensor adoptResult(DType dtype, std::size_t rank, const std::int64_t *words,
                   bool owned) {
  void *allocated = reinterpret_cast<void *>(words[0]);
  char *aligned = reinterpret_cast<char *>(words[1]);
  std::int64_t offset = words[2];
  Shape shape(words + 3, words + 3 + rank);
  const std::int64_t *strides = words + 3 + rank;
  std::size_t element = dtype_size(dtype);
  bool contiguous = true;
  std::int64_t count = 1;
  for (std::size_t i = rank; i-- > 0;) {
    if (shape[i] != 1 && strides[i] != count)
      contiguous = false;
    count *= shape[i];
  }
  char *data = aligned + offset * static_cast<std::int64_t>(element);
  if (contiguous && owned)
    return Tensor::from_blob(
        dtype, shape, data, [](void *, void *block) { std::free(block); },
        allocated);
  // Gather a strided result into a fresh row-major buffer.
  Tensor copy = Tensor::uninitialized(dtype, shape);
  char *out = static_cast<char *>(copy.mutable_raw_data());
  std::vector<std::int64_t> index(rank, 0);
  for (std::int64_t n = 0; n < count; ++n) {
    std::int64_t position = 0;
    for (std::size_t d = 0; d < rank; ++d)
      position += index[d] * strides[d];
    std::memcpy(out + n * element, data + position * element, element);
    for (std::size_t d = rank; d-- > 0;) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  if (owned)
    std::free(allocated);
  return copy;
}

} // namespace

Call::Call(const char *function, const std::vector<TensorSpec> &inputs,
           const std::vector<TensorSpec> &outputs, const TensorList &args)
    : outputs_(outputs), arrays_mark_(detail::call_tensor_arrays_mark()) {
  if (args.size() != inputs.size())
    throw InvalidArgumentError(std::string(function) + ": expected " +
                               std::to_string(inputs.size()) +
                               " arguments, got " + std::to_string(args.size()));
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args[i].defined())
      throw InvalidArgumentError(std::string(function) + ": argument #" +
                                 std::to_string(i) + " has no value");
    TensorSpec spec = args[i].spec();
    if (args[i].is_symbolic() || !accepts(inputs[i], spec))
      throw InvalidArgumentError(
          std::string(function) + ": argument #" + std::to_string(i) + " is " +
          (args[i].is_symbolic() ? "symbolic " : "") + format_spec(spec) +
          " but the function was compiled for " + format_spec(inputs[i]));
    descriptors_.push_back(descriptorOf(args[i]));
  }
  std::size_t words = 0;
  for (const TensorSpec &spec : outputs_)
    words += descriptorWords(spec.shape.size());
  results_.assign(words, 0);
}

Call::~Call() {
  detail::release_call_tensor_arrays(arrays_mark_);
  if (finished_)
    return;
  // Each allocation once (several results may share one).
  std::vector<std::int64_t> freed;
  std::size_t position = 0;
  for (const TensorSpec &spec : outputs_) {
    std::int64_t allocated = results_[position];
    if (std::find(freed.begin(), freed.end(), allocated) == freed.end()) {
      std::free(reinterpret_cast<void *>(allocated));
      freed.push_back(allocated);
    }
    position += descriptorWords(spec.shape.size());
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
  finished_ = true;
  TensorList tensors;
  std::size_t position = 0;
  // Compiled code may return one buffer for several results (one value
  // returned twice): the first adopts it, a later identical result shares
  // that tensor, and a later different view of it gets a copy.
  std::vector<std::pair<std::size_t, std::size_t>> adopted; // result, position
  for (const TensorSpec &spec : outputs_) {
    std::size_t rank = spec.shape.size(), words = descriptorWords(rank);
    const std::int64_t *descriptor = results_.data() + position;
    Tensor result;
    bool owned = true;
    for (auto [index, at] : adopted) {
      const std::int64_t *other = results_.data() + at;
      if (other[0] != descriptor[0])
        continue;
      owned = false;
      if (outputs_[index].dtype == spec.dtype &&
          outputs_[index].shape.size() == rank &&
          std::equal(descriptor, descriptor + words, other))
        result = tensors[index];
      break;
    }
    if (!result.defined())
      result = adoptResult(spec.dtype, rank, descriptor, owned);
    if (owned)
      adopted.emplace_back(tensors.size(), position);
    tensors.push_back(std::move(result));
    position += words;
  }
  raise_pending_error();
  return tensors;
}

} // namespace ag::compiled
