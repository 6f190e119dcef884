//===- TensorTestUtil.h - helpers for the runtime tests ---------*- C++ -*-===//
#ifndef AUTOGRAPH_TEST_TENSORTESTUTIL_H
#define AUTOGRAPH_TEST_TENSORTESTUTIL_H

#include "autograph/autograph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace agtest {

/// Expects dtype, shape and elements (exact for integers and booleans,
/// within `tol` relative for floating values; NaN matches NaN).
template <class T>
void expect_tensor(const ag::Tensor &t, ag::DType dtype, const ag::Shape &shape,
                   const std::vector<T> &values, double tol = 1e-6) {
  ASSERT_TRUE(t.defined());
  EXPECT_EQ(t.dtype(), dtype);
  ASSERT_EQ(t.shape(), shape);
  std::vector<T> got = t.to_vector<T>();
  ASSERT_EQ(got.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(values[i])) {
        EXPECT_TRUE(std::isnan(got[i])) << "element " << i;
      } else if (std::isinf(values[i])) {
        EXPECT_EQ(got[i], values[i]) << "element " << i;
      } else {
        EXPECT_NEAR(got[i], values[i], tol * std::max(1.0, std::fabs(double(values[i]))))
            << "element " << i;
      }
    } else {
      EXPECT_EQ(got[i], values[i]) << "element " << i;
    }
  }
}

/// Runs `f` and expects ag::InvalidArgumentError whose what() contains `text`.
template <class F> void expect_invalid(F &&f, const std::string &text) {
  try {
    f();
    ADD_FAILURE() << "expected ag::InvalidArgumentError containing \"" << text
                  << "\"";
  } catch (const ag::InvalidArgumentError &e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos)
        << "message: " << e.what() << "\nexpected to contain: " << text;
  }
}

/// The message of the ag::InvalidArgumentError `fn` raises, or
/// "(no error)".
inline std::string errorOf(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const ag::InvalidArgumentError &e) {
    return e.what();
  }
  return "(no error)";
}

/// Float32 tensors of one size, element by element within 1e-5 relative
/// (compiled against eager results).
inline void expectClose(const ag::Tensor &got, const ag::Tensor &want) {
  std::vector<float> x = got.to_vector<float>(), y = want.to_vector<float>();
  ASSERT_EQ(x.size(), y.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    EXPECT_NEAR(x[i], y[i], 1e-5 * std::max(1.f, std::fabs(y[i]))) << "element " << i;
}

} // namespace agtest

#endif // AUTOGRAPH_TEST_TENSORTESTUTIL_H
