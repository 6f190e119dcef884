//===- FunctionAnalyses.cpp - what converters know about a function -------===//
#include "FunctionAnalyses.h"

namespace autograph {

FunctionAnalyses::FunctionAnalyses(clang::ASTContext &context,
                                   const clang::FunctionDecl *function)
    : cfg_(context, function), liveness_(cfg_), unassigned_(cfg_) {}

const std::vector<Modification> &
FunctionAnalyses::modifiedOuterVariables(const clang::Stmt *statement) const {
  auto [it, inserted] = modified_.try_emplace(statement);
  if (inserted)
    it->second = autograph::modifiedOuterVariables(statement);
  return it->second;
}

} // namespace autograph
