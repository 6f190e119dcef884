//===- Signature.cpp - "f32[?,784],i64[]" and call signature keys ----------===//
#include "autograph/Error.h"
#include "autograph/Signature.h"
#include "autograph/Tensor.h"

#include "TensorImpl.h"

#include <atomic>
#include <cctype>
#include <cstdint>

namespace ag {
namespace {

class SignatureParser {
public:
  explicit SignatureParser(const std::string &text) : text_(text) {}

  std::vector<TensorSpec> signature() {
    std::vector<TensorSpec> specs;
    skipSpaces();
    if (position_ == text_.size())
      return specs;
    specs.push_back(spec());
    while (consume(','))
      specs.push_back(spec());
    if (position_ != text_.size())
      fail("expected ',' between tensor specs");
    return specs;
  }

  TensorSpec single() {
    TensorSpec result = spec();
    if (position_ != text_.size())
      fail("unexpected text after the tensor spec");
    return result;
  }

private:
  TensorSpec spec() {
    skipSpaces();
    std::size_t start = position_;
    while (position_ < text_.size() && std::isalnum(uint8_t(text_[position_])))
      ++position_;
    std::string name = text_.substr(start, position_ - start);
    TensorSpec spec;
    if (name == "f32")
      spec.dtype = DType::Float32;
    else if (name == "f64")
      spec.dtype = DType::Float64;
    else if (name == "i32")
      spec.dtype = DType::Int32;
    else if (name == "i64")
      spec.dtype = DType::Int64;
    else if (name == "bool")
      spec.dtype = DType::Bool;
    else {
      position_ = start;
      fail("expected a dtype (f32, f64, i32, i64 or bool)");
    }
    if (!consume('['))
      fail("expected '[' after the dtype");
    if (consume(']'))
      return spec;
    do {
      skipSpaces();
      if (consume('?')) {
        spec.shape.push_back(-1);
        continue;
      }
      std::size_t digits = position_;
      std::int64_t extent = 0;
      while (position_ < text_.size() && std::isdigit(uint8_t(text_[position_]))) {
        if (extent > (INT64_MAX - 9) / 10)
          fail("dimension too large");
        extent = extent * 10 + (text_[position_++] - '0');
      }
      if (position_ == digits)
        fail("expected a dimension (a non-negative integer or '?')");
      spec.shape.push_back(extent);
    } while (consume(','));
    if (!consume(']'))
      fail("expected ',' or ']' in the shape");
    return spec;
  }

  bool consume(char c) {
    skipSpaces();
    if (position_ < text_.size() && text_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }
  void skipSpaces() {
    while (position_ < text_.size() && std::isspace(uint8_t(text_[position_])))
      ++position_;
  }
  [[noreturn]] void fail(const std::string &what) {
    throw InvalidArgumentError("signature \"" + text_ + "\": " + what +
                               " at column " + std::to_string(position_ + 1));
  }

  const std::string &text_;
  std::size_t position_ = 0;
};

} // namespace

TensorSpec parse_spec(const std::string &text) {
  return SignatureParser(text).single();
}

std::vector<TensorSpec> parse_signature(const std::string &text) {
  return SignatureParser(text).signature();
}

} // namespace ag

namespace ag {

std::uint64_t detail::new_object_id() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void SignatureKey::add_tensor(const Tensor &tensor) {
  // An undefined argument raises here, naming what was wrong with it.
  const detail::TensorImpl &impl = detail::checked_impl(tensor, "function argument");
  push(kTensor);
  push(static_cast<std::int64_t>(impl.dtype));
  push(impl.rank);
  for (std::int32_t d = 0; d < impl.rank; ++d)
    push(impl.dims[d]);
}

} // namespace ag
