//===- TensorTypes.cpp - dispatch on ag::Tensor from Clang's types --------===//
#include "TensorTypes.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace autograph {

bool isTensorType(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  return record && record->getQualifiedNameAsString() == "ag::Tensor";
}

bool isDatasetType(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  return record && record->getQualifiedNameAsString() == "ag::data::Dataset";
}

bool isStagedIterable(QualType type) {
  return isTensorType(type) || isDatasetType(type);
}

const Expr *tensorCondition(const Expr *condition) {
  if (!condition)
    return nullptr;
  const Expr *stripped = condition->IgnoreImplicit();
  // `a && b`, `a || b`, `!a` with a tensor operand are staged as tensors
  // (LogicalOperatorConverter), so they count as tensor conditions.
  if (const auto *binary = dyn_cast<BinaryOperator>(stripped->IgnoreParens()))
    if (binary->isLogicalOp() && (tensorCondition(binary->getLHS()) ||
                                  tensorCondition(binary->getRHS())))
      return stripped;
  if (const auto *unary = dyn_cast<UnaryOperator>(stripped->IgnoreParens()))
    if (unary->getOpcode() == UO_LNot && tensorCondition(unary->getSubExpr()))
      return stripped;
  if (const auto *call = dyn_cast<CXXMemberCallExpr>(stripped))
    if (isa_and_nonnull<CXXConversionDecl>(call->getMethodDecl())) {
      const Expr *object = call->getImplicitObjectArgument();
      if (object && isTensorType(object->getType()))
        return object->IgnoreImplicit();
    }
  if (isTensorType(stripped->getType()))
    return stripped;
  return nullptr;
}

bool mentionsTensor(const Expr *expression) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool found = false;
    bool VisitExpr(Expr *e) {
      found = found || isTensorType(e->getType());
      return !found;
    }
  } finder;
  finder.TraverseStmt(const_cast<Expr *>(expression));
  return finder.found;
}

} // namespace autograph
