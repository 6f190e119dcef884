//===- TensorTypes.cpp - dispatch on ag::Tensor from Clang's types --------===//
#include "TensorTypes.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace autograph {

bool isTensorType(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  const auto *record = type->getAsCXXRecordDecl();
  return record && record->getQualifiedNameAsString() == "ag::Tensor";
}

const Expr *tensorCondition(const Expr *condition) {
  if (!condition)
    return nullptr;
  const Expr *stripped = condition->IgnoreImplicit();
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

} // namespace autograph
