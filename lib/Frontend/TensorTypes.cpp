//===- TensorTypes.cpp - the ag declarations converters recognise --------===//
#include "TensorTypes.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Type.h"

using namespace clang;

namespace autograph {

namespace {
using namespace ast_matchers;

/// Whether `decl` (with its ASTContext) matches `matcher`.
template <typename Node, typename Matcher>
bool matchesDecl(const Node *decl, const Matcher &matcher) {
  return decl && !match(matcher, *decl, decl->getASTContext()).empty();
}

/// The class `type` names, seen through references, const and aliases.
const CXXRecordDecl *recordOf(QualType type) {
  return type.getNonReferenceType().getCanonicalType()->getAsCXXRecordDecl();
}

/// Declared in namespace ::ag or a namespace inside it.
auto inAgNamespace() { return hasAncestor(namespaceDecl(hasName("::ag"))); }
} // namespace

bool isTensorType(QualType type) {
  return matchesDecl(recordOf(type), cxxRecordDecl(hasName("::ag::Tensor")));
}

bool isDatasetType(QualType type) {
  return matchesDecl(recordOf(type),
                     cxxRecordDecl(hasName("::ag::data::Dataset")));
}

bool isStateHandleType(QualType type) {
  return matchesDecl(recordOf(type), cxxRecordDecl(hasName("::ag::TensorArray")));
}

bool isStdTupleOrPair(const CXXRecordDecl *record) {
  return matchesDecl(record, classTemplateSpecializationDecl(
                                 hasAnyName("::std::tuple", "::std::pair")));
}

bool isAgClassOrDerived(const CXXRecordDecl *record) {
  return matchesDecl(
      record,
      cxxRecordDecl(anyOf(inAgNamespace(),
                          isDerivedFrom(cxxRecordDecl(inAgNamespace())))));
}

bool isAgLogicalNot(const FunctionDecl *function) {
  return matchesDecl(function, functionDecl(hasName("::ag::logical_not")));
}

bool isAgRange(const FunctionDecl *function) {
  return matchesDecl(function, functionDecl(hasName("::ag::range")));
}

bool isCPrintf(const FunctionDecl *function) {
  return matchesDecl(function,
                     functionDecl(hasAnyName("::printf", "::std::printf")));
}

bool isStandardStream(const VarDecl *variable) {
  return matchesDecl(variable, varDecl(hasAnyName("::std::cout", "::std::cerr",
                                                  "::std::clog")));
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
