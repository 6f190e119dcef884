//===- Liveness.cpp - which variables are read after a statement ----------===//
#include "Liveness.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"

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

Liveness::Liveness(ASTContext &context, const FunctionDecl *function) {
  CFG::BuildOptions options;
  cfg_ = CFG::buildCFG(function, function->getBody(), &context, options);
  if (!cfg_)
    return;
  Escapes escapes;
  escapes.TraverseStmt(function->getBody());
  escaped_ = std::move(escapes.escaped);

  // Per block: what it reads before writing (gen) and what it writes (kill).
  std::map<const CFGBlock *, std::set<const VarDecl *>> gen, kill;
  for (const CFGBlock *block : *cfg_) {
    std::set<const VarDecl *> &reads = gen[block], &writes = kill[block];
    std::vector<const Stmt *> elements;
    for (const CFGElement &element : *block)
      if (std::optional<CFGStmt> statement = element.getAs<CFGStmt>())
        elements.push_back(statement->getStmt());
    for (const Stmt *statement : elements)
      blockOf_[statement] = block;
    if (const Stmt *terminator = block->getTerminatorStmt())
      blockOf_[terminator] = block;
    // Backwards: a write kills the reads after it.
    for (auto it = elements.rbegin(); it != elements.rend(); ++it) {
      UsesAndDefinition step;
      step.element(*it);
      if (step.defined) {
        reads.erase(step.defined);
        writes.insert(step.defined);
      }
      reads.insert(step.uses.begin(), step.uses.end());
    }
  }
  // liveIn = gen ∪ (liveOut − kill), to a fixpoint.
  bool changed = true;
  while (changed) {
    changed = false;
    for (const CFGBlock *block : *cfg_) {
      std::set<const VarDecl *> in = gen[block];
      for (const CFGBlock *successor : block->succs())
        if (successor)
          for (const VarDecl *var : liveIn_[successor])
            if (!kill[block].count(var))
              in.insert(var);
      if (in != liveIn_[block]) {
        liveIn_[block] = std::move(in);
        changed = true;
      }
    }
  }
}

Liveness::~Liveness() = default;

bool Liveness::isLiveAfter(const Stmt *statement, const VarDecl *variable) const {
  if (!cfg_ || escaped_.count(variable))
    return true;
  Descendants descendants;
  descendants.TraverseStmt(const_cast<Stmt *>(statement));
  std::set<const CFGBlock *> inside;
  for (const Stmt *s : descendants.statements) {
    auto it = blockOf_.find(s);
    if (it != blockOf_.end())
      inside.insert(it->second);
  }
  if (inside.empty())
    return true;
  auto liveIn = [&](const CFGBlock *block) {
    auto it = liveIn_.find(block);
    return it != liveIn_.end() && it->second.count(variable);
  };
  for (const CFGBlock *block : inside) {
    // A loop's head: what it carries around.
    if (block->getTerminatorStmt() == statement && liveIn(block) &&
        !isa<IfStmt>(statement))
      return true;
    for (const CFGBlock *successor : block->succs())
      if (successor && !inside.count(successor) && liveIn(successor))
        return true;
  }
  return false;
}

} // namespace autograph
