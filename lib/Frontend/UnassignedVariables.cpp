//===- UnassignedVariables.cpp - variables with no value yet --------------===//
#include "UnassignedVariables.h"
#include "VariableAccesses.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"

#include <vector>

using namespace clang;

namespace autograph {

bool UnassignedVariables::declaredWithoutValue(const VarDecl *variable) {
  if (!variable || isa<ParmVarDecl>(variable) || !variable->hasLocalStorage())
    return false;
  const Expr *init = variable->getInit();
  if (!init)
    return true;
  const auto *construct = dyn_cast<CXXConstructExpr>(init->IgnoreImplicit());
  return construct && construct->getNumArgs() == 0 &&
         construct->getConstructor()->isDefaultConstructor();
}

namespace {
/// The effect of `element` on the set of variables that may have a value.
void transfer(const Stmt *element, std::set<const VarDecl *> &assigned) {
  const VarDecl *defined = accessesOf(element).defined;
  if (!defined)
    return;
  if (isa<DeclStmt>(element) && UnassignedVariables::declaredWithoutValue(defined))
    assigned.erase(defined); // declared again, e.g. in each iteration
  else
    assigned.insert(defined);
}
} // namespace

UnassignedVariables::UnassignedVariables(const FunctionCFG &cfg) : cfg_(cfg) {
  if (!cfg.cfg())
    return;
  // assignedIn = ∪ assignedOut(predecessors), to a fixpoint.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const CFGBlock *block : *cfg.cfg()) {
      std::set<const VarDecl *> in;
      for (const CFGBlock *predecessor : block->preds()) {
        if (!predecessor)
          continue;
        std::set<const VarDecl *> out = assignedIn_[predecessor];
        for (const Stmt *statement : FunctionCFG::statementsOf(predecessor))
          transfer(statement, out);
        in.insert(out.begin(), out.end());
      }
      if (in != assignedIn_[block]) {
        assignedIn_[block] = std::move(in);
        changed = true;
      }
    }
  }
}

bool UnassignedVariables::hasNoValueBefore(const Stmt *statement,
                                           const VarDecl *variable) const {
  if (!cfg_.cfg() || cfg_.escapes(variable) || !declaredWithoutValue(variable))
    return false;
  const CFGBlock *block = cfg_.blockEndingWith(statement);
  if (!block)
    return false;
  // The block that ends with the statement's condition starts with the
  // statements before it.
  auto in = assignedIn_.find(block);
  std::set<const VarDecl *> assigned =
      in != assignedIn_.end() ? in->second : std::set<const VarDecl *>();
  for (const Stmt *element : FunctionCFG::statementsOf(block))
    transfer(element, assigned);
  return !assigned.count(variable);
}

} // namespace autograph
