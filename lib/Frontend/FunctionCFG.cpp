//===- FunctionCFG.cpp - clang's CFG of one function, built once ----------===//
#include "FunctionCFG.h"
#include "VariableAccesses.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"

using namespace clang;

namespace autograph {

FunctionCFG::FunctionCFG(ASTContext &context, const FunctionDecl *function) {
  CFG::BuildOptions options;
  cfg_ = CFG::buildCFG(function, function->getBody(), &context, options);
  if (!cfg_)
    return;
  escaped_ = escapedVariables(function->getBody());
  for (const CFGBlock *block : *cfg_) {
    for (const Stmt *statement : statementsOf(block))
      blockOf_[statement] = block;
    if (const Stmt *terminator = block->getTerminatorStmt()) {
      blockOf_[terminator] = block;
      terminated_[terminator] = block;
    }
  }
}

FunctionCFG::~FunctionCFG() = default;

const CFGBlock *FunctionCFG::blockEndingWith(const Stmt *statement) const {
  auto it = terminated_.find(statement);
  return it == terminated_.end() ? nullptr : it->second;
}

std::vector<const Stmt *> FunctionCFG::statementsOf(const CFGBlock *block) {
  std::vector<const Stmt *> statements;
  for (const CFGElement &element : *block)
    if (std::optional<CFGStmt> statement = element.getAs<CFGStmt>())
      statements.push_back(statement->getStmt());
  return statements;
}

} // namespace autograph
