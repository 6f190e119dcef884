//===- DTypeClasses.h - the dtypes an op accepts ------------------*- C++ -*-===//
//
// The dtype classes the op registry (include/autograph/Ops.def) names for
// its elementwise ops: which dtypes each accepts (at run time, for the
// checks of ShapeInference.cpp, and at compile time, for the kernels'
// instantiations) and what the error says when another one is given.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_RUNTIME_DTYPECLASSES_H
#define AUTOGRAPH_RUNTIME_DTYPECLASSES_H

#include "autograph/DType.h"

#include <type_traits>

namespace ag::detail {

struct Numeric {
  template <class T> static constexpr bool kAccepts = !std::is_same_v<T, bool>;
  static bool accepts(DType d) { return is_numeric(d); }
  static constexpr const char *kNeeds = "a numeric dtype; use ag::cast";
};
struct Floating {
  template <class T> static constexpr bool kAccepts = std::is_floating_point_v<T>;
  static bool accepts(DType d) { return is_floating(d); }
  static constexpr const char *kNeeds = "float32 or float64; use ag::cast";
};
struct Boolean {
  template <class T> static constexpr bool kAccepts = std::is_same_v<T, bool>;
  static bool accepts(DType d) { return d == DType::Bool; }
  static constexpr const char *kNeeds = "bool";
};

} // namespace ag::detail

#endif // AUTOGRAPH_RUNTIME_DTYPECLASSES_H
