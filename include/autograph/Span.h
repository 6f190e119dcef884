//===- Span.h - a non-owning view of contiguous elements --------*- C++ -*-===//
#ifndef AUTOGRAPH_SPAN_H
#define AUTOGRAPH_SPAN_H

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <vector>

namespace ag {

/// A pointer and a length (C++17 has no std::span). `Span<const T>` binds to
/// vectors, arrays and braced lists; the viewed elements must outlive it.
template <class T> class Span {
public:
  using value_type = std::remove_cv_t<T>;

  constexpr Span() noexcept = default;
  constexpr Span(T *data, std::size_t size) noexcept : data_(data), size_(size) {}
  template <std::size_t N>
  constexpr Span(T (&array)[N]) noexcept : data_(array), size_(N) {}
  template <class U = T, class = std::enable_if_t<std::is_const_v<U>>>
  Span(const std::vector<value_type> &v) noexcept
      : data_(v.data()), size_(v.size()) {}
  template <class U = T, class = std::enable_if_t<!std::is_const_v<U>>>
  Span(std::vector<value_type> &v) noexcept : data_(v.data()), size_(v.size()) {}
  template <class U = T, class = std::enable_if_t<std::is_const_v<U>>>
  Span(std::initializer_list<value_type> list) noexcept
      : data_(list.begin()), size_(list.size()) {}

  constexpr T *data() const noexcept { return data_; }
  constexpr std::size_t size() const noexcept { return size_; }
  constexpr bool empty() const noexcept { return size_ == 0; }
  constexpr T &operator[](std::size_t i) const noexcept { return data_[i]; }
  constexpr T *begin() const noexcept { return data_; }
  constexpr T *end() const noexcept { return data_ + size_; }

private:
  T *data_ = nullptr;
  std::size_t size_ = 0;
};

} // namespace ag

#endif // AUTOGRAPH_SPAN_H
