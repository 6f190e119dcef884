//===- TensorTypes.h - dispatch on ag::Tensor from Clang's types -*- C++ -*-===//
#ifndef AUTOGRAPH_FRONTEND_TENSORTYPES_H
#define AUTOGRAPH_FRONTEND_TENSORTYPES_H

namespace clang {
class Expr;
class QualType;
} // namespace clang

namespace autograph {

/// Whether `type` is ag::Tensor (possibly const or a reference to it).
bool isTensorType(clang::QualType type);

/// Whether `type` is an ag::data::Dataset<...> (possibly const or a
/// reference to one).
bool isDatasetType(clang::QualType type);

/// Whether a range-for over a value of `type` is staged: over a tensor's
/// rows, or over a dataset's elements.
bool isStagedIterable(clang::QualType type);

/// For a condition that C++ converts to bool (`if (x > 0)` calls
/// `explicit operator bool` on a tensor), the tensor expression; nullptr when
/// the condition is not a tensor.
const clang::Expr *tensorCondition(const clang::Expr *condition);

/// Whether `expression` or one of its subexpressions is a tensor (a value
/// computed from a tensor, such as `t.item<int>()`, mentions one).
bool mentionsTensor(const clang::Expr *expression);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_TENSORTYPES_H
