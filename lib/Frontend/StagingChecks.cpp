//===- StagingChecks.cpp - what cannot be staged in tensor control flow --===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace autograph {

bool checkStageable(ConversionContext &context, const Stmt *body,
                    const std::vector<Modification> &modified,
                    const char *construct) {
  bool ok = true;
  for (const Modification &m : modified)
    if (!isTensorType(m.variable->getType())) {
      context.error(m.where,
                    "variable '" + m.variable->getNameAsString() + "' of type '" +
                        m.variable->getType().getAsString() + "' is assigned in " +
                        construct + "; only ag::Tensor "
                        "variables can be staged");
      ok = false;
    }
  struct Finder : RecursiveASTVisitor<Finder> {
    ConversionContext &context;
    const char *construct;
    bool ok = true;
    Finder(ConversionContext &c, const char *k) : context(c), construct(k) {}
    void reject(SourceLocation where, const char *what) {
      context.error(where, std::string("'") + what + "' inside " + construct +
                               " is not supported yet");
      ok = false;
    }
    // Returns were lowered (or rejected, by name) in the first pass.
    bool VisitGotoStmt(GotoStmt *s) { reject(s->getBeginLoc(), "goto"); return true; }
    // A goto from outside into the staged body could not reach it.
    bool VisitLabelStmt(LabelStmt *s) { reject(s->getBeginLoc(), "label"); return true; }
    // break/continue of loops nested in the body belong to those loops.
    bool TraverseWhileStmt(WhileStmt *) { return true; }
    bool TraverseForStmt(ForStmt *) { return true; }
    bool TraverseDoStmt(DoStmt *) { return true; }
    bool TraverseCXXForRangeStmt(CXXForRangeStmt *) { return true; }
    bool TraverseSwitchStmt(SwitchStmt *) { return true; }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    // The jumps of staged loops became flags in the first pass: what is left
    // belongs to a loop over plain C++ values around this statement.
    void rejectJump(SourceLocation where, const char *what) {
      context.error(where, std::string("'") + what + "' inside " + construct +
                               " leaves a loop over plain C++ values, which "
                               "cannot depend on a tensor; make the loop's "
                               "condition a tensor");
      ok = false;
    }
    bool VisitBreakStmt(BreakStmt *s) { rejectJump(s->getBeginLoc(), "break"); return true; }
    bool VisitContinueStmt(ContinueStmt *s) { rejectJump(s->getBeginLoc(), "continue"); return true; }
  } finder(context, construct);
  finder.TraverseStmt(const_cast<Stmt *>(body));
  return ok && finder.ok;
}

} // namespace autograph
