//===- TensorTypes.h - the ag declarations converters recognise -*- C++ -*-===//
//
// Which types and declarations are ag's (ag::Tensor, datasets, ag
// functions) or the C++ library's that a converter rewrites (std::cout,
// std::tuple), decided by clang AST matchers on the declarations
// (hasName("::ag::Tensor")), never by comparing printed names.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_TENSORTYPES_H
#define AUTOGRAPH_FRONTEND_TENSORTYPES_H

namespace clang {
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class QualType;
class VarDecl;
} // namespace clang

namespace autograph {

/// Whether `type` is ag::Tensor (possibly const or a reference to it).
bool isTensorType(clang::QualType type);

/// Whether `type` is an ag::data::Dataset<...> (possibly const or a
/// reference to one).
bool isDatasetType(clang::QualType type);

/// Whether `record` is std::tuple<...> or std::pair<...>.
bool isStdTupleOrPair(const clang::CXXRecordDecl *record);

/// Whether `record` is a class of namespace ag (or a namespace in it), or
/// derived from one: the objects a compiled signature may take.
/// ag::TensorArray: a handle whose writes go to shared state, so assigning
/// it in staged control flow needs no loop variable or branch output.
bool isStateHandleType(clang::QualType type);

bool isAgClassOrDerived(const clang::CXXRecordDecl *record);

/// Whether `function` is ::ag::logical_not.
bool isAgLogicalNot(const clang::FunctionDecl *function);
/// Whether `function` is ::ag::range.
bool isAgRange(const clang::FunctionDecl *function);

/// Whether `function` is C's printf (::printf or std::printf).
bool isCPrintf(const clang::FunctionDecl *function);

/// Whether `variable` is std::cout, std::cerr or std::clog.
bool isStandardStream(const clang::VarDecl *variable);

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
