//===- Liveness.cpp - which variables are read after a statement ----------===//
#include "Liveness.h"
#include "VariableAccesses.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace autograph {

Liveness::Liveness(const FunctionCFG &cfg) : cfg_(cfg) {
  if (!cfg.cfg())
    return;
  // Per block: what it reads before writing (gen) and what it writes (kill).
  std::map<const CFGBlock *, std::set<const VarDecl *>> gen, kill;
  for (const CFGBlock *block : *cfg.cfg()) {
    std::set<const VarDecl *> &reads = gen[block], &writes = kill[block];
    std::vector<const Stmt *> elements = FunctionCFG::statementsOf(block);
    // Backwards: a write kills the reads after it.
    for (auto it = elements.rbegin(); it != elements.rend(); ++it) {
      VariableAccesses step = accessesOf(*it);
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
    for (const CFGBlock *block : *cfg.cfg()) {
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

bool Liveness::isLiveAfter(const Stmt *statement, const VarDecl *variable) const {
  if (!cfg_.cfg() || cfg_.escapes(variable))
    return true;
  std::set<const CFGBlock *> inside;
  for (const Stmt *s : descendantsOf(statement)) {
    auto it = cfg_.blockOf().find(s);
    if (it != cfg_.blockOf().end())
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
