//===- Liveness.h - which variables are read after a statement --*- C++ -*-===//
//
// The liveness analysis the converters consume (computed once per function,
// on its FunctionCFG): a branch output of a staged `if` or a loop variable of a
// staged loop is a variable the statement assigns that is live after it, or
// (for a loop) at its head. Clang's LiveVariables does not track variables of
// class type such as ag::Tensor, hence this backward dataflow of its own:
// an assignment (builtin or operator=) kills, every other reference is a
// use, and a variable whose address or reference escapes is always live.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_LIVENESS_H
#define AUTOGRAPH_FRONTEND_LIVENESS_H

#include "FunctionCFG.h" // and the clang classes it declares

#include <map>
#include <set>
#include <vector>

namespace autograph {

class Liveness {
public:
  explicit Liveness(const FunctionCFG &cfg);

  /// Whether `variable` may be read after `statement` (an if or a loop)
  /// before it is assigned again, or, for a loop, at the loop's head.
  /// True when the analysis has no answer (no CFG, an escaped variable).
  bool isLiveAfter(const clang::Stmt *statement,
                   const clang::VarDecl *variable) const;

private:
  const FunctionCFG &cfg_;
  std::map<const clang::CFGBlock *, std::set<const clang::VarDecl *>> liveIn_;
};

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_LIVENESS_H
