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

std::vector<const Stmt *> statementsOf(const CFGBlock *block) {
  std::vector<const Stmt *> statements;
  for (const CFGElement &element : *block)
    if (std::optional<CFGStmt> statement = element.getAs<CFGStmt>())
      statements.push_back(statement->getStmt());
  return statements;
}
} // namespace

UnassignedVariables::UnassignedVariables(ASTContext &context,
                                         const FunctionDecl *function) {
  CFG::BuildOptions options;
  cfg_ = CFG::buildCFG(function, function->getBody(), &context, options);
  if (!cfg_)
    return;
  escaped_ = escapedVariables(function->getBody());
  for (const CFGBlock *block : *cfg_)
    if (const Stmt *terminator = block->getTerminatorStmt())
      blockOf_[terminator] = block;
  // assignedIn = ∪ assignedOut(predecessors), to a fixpoint.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const CFGBlock *block : *cfg_) {
      std::set<const VarDecl *> in;
      for (const CFGBlock *predecessor : block->preds()) {
        if (!predecessor)
          continue;
        std::set<const VarDecl *> out = assignedIn_[predecessor];
        for (const Stmt *statement : statementsOf(predecessor))
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

UnassignedVariables::~UnassignedVariables() = default;

bool UnassignedVariables::hasNoValueBefore(const Stmt *statement,
                                           const VarDecl *variable) const {
  if (!cfg_ || escaped_.count(variable) || !declaredWithoutValue(variable))
    return false;
  auto it = blockOf_.find(statement);
  if (it == blockOf_.end())
    return false;
  // The block that ends with the statement's condition starts with the
  // statements before it.
  auto in = assignedIn_.find(it->second);
  std::set<const VarDecl *> assigned =
      in != assignedIn_.end() ? in->second : std::set<const VarDecl *>();
  for (const Stmt *element : statementsOf(it->second))
    transfer(element, assigned);
  return !assigned.count(variable);
}

} // namespace autograph
