//===- VariableAccesses.cpp - reads, writes and escapes of locals ---------===//
#include "VariableAccesses.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace autograph {
namespace {

const VarDecl *localVariable(const Expr *expression) {
  const auto *ref = dyn_cast<DeclRefExpr>(expression->IgnoreParenImpCasts());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return var && var->hasLocalStorage() ? var : nullptr;
}

/// The variables one CFG element reads and the one it assigns.
struct UsesAndDefinition : RecursiveASTVisitor<UsesAndDefinition> {
  std::set<const VarDecl *> uses;
  const VarDecl *defined = nullptr;
  const Expr *definingReference = nullptr;

  void element(const Stmt *statement) {
    // A plain assignment defines its left side without reading it.
    if (const auto *op = dyn_cast<BinaryOperator>(statement)) {
      if (op->getOpcode() == BO_Assign)
        if ((defined = localVariable(op->getLHS())))
          definingReference = op->getLHS()->IgnoreParenImpCasts();
    } else if (const auto *call = dyn_cast<CXXOperatorCallExpr>(statement)) {
      if (call->getOperator() == OO_Equal && call->getNumArgs() == 2)
        if ((defined = localVariable(call->getArg(0))))
          definingReference = call->getArg(0)->IgnoreParenImpCasts();
    } else if (const auto *declaration = dyn_cast<DeclStmt>(statement)) {
      for (const Decl *d : declaration->decls())
        if (const auto *var = dyn_cast<VarDecl>(d))
          if (var->hasLocalStorage())
            defined = var;
    }
    TraverseStmt(const_cast<Stmt *>(statement));
  }
  bool VisitDeclRefExpr(DeclRefExpr *ref) {
    if (ref == definingReference)
      return true;
    if (const auto *var = dyn_cast<VarDecl>(ref->getDecl()))
      if (var->hasLocalStorage())
        uses.insert(var);
    return true;
  }
};

/// Variables whose address is taken or that a reference is bound to: their
/// uses cannot be seen by name.
struct Escapes : RecursiveASTVisitor<Escapes> {
  std::set<const VarDecl *> escaped;
  bool VisitUnaryOperator(UnaryOperator *op) {
    if (op->getOpcode() == UO_AddrOf)
      if (const VarDecl *var = localVariable(op->getSubExpr()))
        escaped.insert(var);
    return true;
  }
  bool VisitVarDecl(VarDecl *var) {
    if (var->getType()->isReferenceType() && var->getInit())
      if (const VarDecl *target = localVariable(var->getInit()))
        escaped.insert(target);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *lambda) {
    for (const LambdaCapture &capture : lambda->captures())
      if (capture.capturesVariable() && capture.getCaptureKind() == LCK_ByRef)
        if (const auto *var = dyn_cast<VarDecl>(capture.getCapturedVar()))
          escaped.insert(var);
    return true;
  }
};

/// Every statement below `root`, `root` included.
struct Descendants : RecursiveASTVisitor<Descendants> {
  std::set<const Stmt *> statements;
  bool VisitStmt(Stmt *statement) {
    statements.insert(statement);
    return true;
  }
};

} // namespace

VariableAccesses accessesOf(const Stmt *element) {
  UsesAndDefinition step;
  step.element(element);
  return {std::move(step.uses), step.defined};
}

std::set<const VarDecl *> escapedVariables(const Stmt *body) {
  Escapes escapes;
  escapes.TraverseStmt(const_cast<Stmt *>(body));
  return std::move(escapes.escaped);
}

std::set<const Stmt *> descendantsOf(const Stmt *root) {
  Descendants descendants;
  descendants.TraverseStmt(const_cast<Stmt *>(root));
  return std::move(descendants.statements);
}

} // namespace autograph
