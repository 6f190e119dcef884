//===- Liveness.cpp - which variables are read after a statement ----------===//
#include "Liveness.h"
#include "VariableAccesses.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace autograph {

Liveness::Liveness(ASTContext &context, const FunctionDecl *function) {
  CFG::BuildOptions options;
  cfg_ = CFG::buildCFG(function, function->getBody(), &context, options);
  if (!cfg_)
    return;
  escaped_ = escapedVariables(function->getBody());

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
  std::set<const CFGBlock *> inside;
  for (const Stmt *s : descendantsOf(statement)) {
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
