//===- ModifiedVariables.cpp - variables a statement assigns --------------===//
#include "ModifiedVariables.h"

#include "TensorTypes.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <set>

using namespace clang;

namespace autograph {
namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  bool VisitDeclStmt(DeclStmt *decl) {
    for (const Decl *d : decl->decls())
      if (const auto *var = dyn_cast<VarDecl>(d))
        inner.insert(var);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *op) {
    if (op->isAssignmentOp())
      note(op->getLHS(), op->getOperatorLoc());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *op) {
    if (op->isIncrementDecrementOp())
      note(op->getSubExpr(), op->getOperatorLoc());
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *call) {
    if (call->isAssignmentOp() || call->getOperator() == OO_PlusPlus ||
        call->getOperator() == OO_MinusMinus)
      note(call->getArg(0), call->getOperatorLoc());
    return true;
  }
  // Lambdas inside the statement are separate functions.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  std::vector<Modification> result() const {
    std::vector<Modification> outer;
    for (const Modification &m : found)
      if (!inner.count(m.variable))
        outer.push_back(m);
    return outer;
  }

private:
  void note(const Expr *target, SourceLocation where) {
    const auto *ref = dyn_cast<DeclRefExpr>(target->IgnoreParenImpCasts());
    if (!ref)
      return;
    const auto *var = dyn_cast<VarDecl>(ref->getDecl());
    if (!var || !var->hasLocalStorage() || isStateHandleType(var->getType()) ||
        !seen.insert(var).second)
      return;
    found.push_back({var, where});
  }

  std::set<const VarDecl *> inner, seen;
  std::vector<Modification> found;
};

} // namespace

std::vector<Modification> modifiedOuterVariables(const Stmt *statement) {
  Collector collector;
  collector.TraverseStmt(const_cast<Stmt *>(statement));
  return collector.result();
}

} // namespace autograph
