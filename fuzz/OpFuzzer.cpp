//===- OpFuzzer.cpp - the runtime's op layer on random ops and inputs -----===//
//
// The bytes choose an op of the registry (Ops.def), its inputs (dtype, rank,
// extents, values) and its attributes. Every call must either give a value
// or raise ag::Error, and when infer_op accepts the inputs the kernel's
// result must have the dtype and shape infer_op said. Anything else (another
// exception, a sanitizer report, a result that contradicts infer_op) is a
// finding.
//
//===----------------------------------------------------------------------===//
#include "autograph/Error.h"
#include "autograph/Op.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

/// Reads the fuzzer's bytes; past the end every read is 0.
class ByteReader {
public:
  ByteReader(const std::uint8_t *data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  template <typename T> T value() {
    T v{};
    unsigned char bytes[sizeof(T)] = {};
    for (auto &b : bytes)
      b = byte();
    std::memcpy(&v, bytes, sizeof(T));
    return v;
  }

private:
  const std::uint8_t *data_;
  std::size_t size_, pos_ = 0;
};

/// An extent: mostly small, sometimes 0, sometimes invalid (-1, -2).
std::int64_t extent(ByteReader &in) {
  std::uint8_t b = in.byte();
  if (b >= 250)
    return 249 - static_cast<std::int64_t>(b); // -1 .. -6
  return b % 5;
}

/// One element's bytes: small values mostly (sizes, indices, exponents that
/// the ops accept), the whole range of the dtype sometimes (overflow,
/// INT_MIN / -1, NaN, infinities).
void element(ByteReader &in, ag::DType dtype, unsigned char *out) {
  std::uint8_t mode = in.byte();
  bool full = mode >= 224;
  switch (dtype) {
  case ag::DType::Float32: {
    float v = full ? in.value<float>() : static_cast<float>(static_cast<std::int8_t>(in.byte())) / 4;
    std::memcpy(out, &v, sizeof v);
    break;
  }
  case ag::DType::Float64: {
    double v = full ? in.value<double>() : static_cast<double>(static_cast<std::int8_t>(in.byte())) / 4;
    std::memcpy(out, &v, sizeof v);
    break;
  }
  case ag::DType::Int32: {
    std::int32_t v = full ? in.value<std::int32_t>() : static_cast<std::int8_t>(in.byte());
    std::memcpy(out, &v, sizeof v);
    break;
  }
  case ag::DType::Int64: {
    std::int64_t v = full ? in.value<std::int64_t>() : static_cast<std::int8_t>(in.byte());
    std::memcpy(out, &v, sizeof v);
    break;
  }
  case ag::DType::Bool:
    out[0] = in.byte() & 1;
    break;
  }
}

ag::Tensor tensor(ByteReader &in) {
  auto dtype = static_cast<ag::DType>(in.byte() % 5);
  int rank = in.byte() % 4;
  ag::Shape shape;
  std::int64_t count = 1;
  for (int i = 0; i < rank; ++i) {
    std::int64_t d = in.byte() % 5;
    shape.push_back(d);
    count *= d;
  }
  std::size_t size = ag::dtype_size(dtype);
  std::vector<unsigned char> bytes(static_cast<std::size_t>(count) * size + 1);
  for (std::int64_t i = 0; i < count; ++i)
    element(in, dtype, bytes.data() + static_cast<std::size_t>(i) * size);
  return ag::Tensor::from_data(dtype, shape, bytes.data());
}

ag::OpAttrs attributes(ByteReader &in) {
  ag::OpAttrs attrs;
  attrs.predicate = static_cast<ag::ComparePredicate>(in.byte() % 6);
  attrs.reduction = static_cast<ag::Reduction>(in.byte() % 4);
  for (int n = in.byte() % 4, i = 0; i < n; ++i)
    attrs.axes.push_back(extent(in));
  attrs.keepdims = in.byte() & 1;
  for (int n = in.byte() % 5, i = 0; i < n; ++i)
    attrs.perm.push_back(extent(in));
  for (int n = in.byte() % 5, i = 0; i < n; ++i)
    attrs.shape.push_back(extent(in));
  attrs.axis = static_cast<std::int8_t>(in.byte()) % 5;
  attrs.depth = static_cast<std::int8_t>(in.byte()) % 9;
  attrs.dtype = static_cast<ag::DType>(in.byte() % 5);
  return attrs;
}

[[noreturn]] void finding(const char *what, ag::OpKind kind) {
  std::fprintf(stderr, "op fuzzer: %s (op %s)\n", what, ag::op_name(kind));
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  ByteReader in(data, size);
  auto kind = static_cast<ag::OpKind>(in.byte() % ag::kNumOpKinds);
  std::vector<ag::Tensor> inputs;
  for (int n = in.byte() % 5, i = 0; i < n; ++i)
    inputs.push_back(tensor(in));
  ag::OpAttrs attrs = attributes(in);
  ag::TensorSpec inferred;
  try {
    inferred = ag::infer_op(kind, inputs, attrs);
  } catch (const ag::Error &) {
    return 0; // rejected with a message: what it should do
  }
  // Results of more than 2^22 elements (a range from 0 to 2^30, say) are
  // not computed: legitimate requests, they would only measure the
  // machine's memory (a failed allocation is ag::ResourceExhaustedError).
  std::int64_t elements = 1;
  for (std::int64_t d : inferred.shape)
    if (d > 0)
      elements = d > (std::int64_t{1} << 22) / elements ? (std::int64_t{1} << 23) : elements * d;
  if (elements > (std::int64_t{1} << 22))
    return 0;
  ag::Tensor result;
  try {
    result = ag::apply_op(kind, inputs, attrs);
  } catch (const ag::Error &) {
    return 0; // a run-time check (division by zero, an index out of range)
  }
  if (!result.defined())
    finding("the kernel returned no tensor", kind);
  if (result.spec() != inferred)
    finding("the kernel's result differs from infer_op's", kind);
  return 0;
}
