//===- FunctionAnalyses.h - what converters know about a function -*- C++
//-*-===//
//
// The analyses of one function that the converters consume, computed once
// when the function's conversion starts and shared by all its converters
// (as AutoGraph's converters share one annotated AST):
//
//   FunctionCFG          clang's CFG, built once, with the statement-to-block
//                        maps and the variables that escape;
//   Liveness             which variables are read after a statement;
//   UnassignedVariables  which variables have no value before a statement;
//   modified variables   which outer variables a statement assigns
//                        (ModifiedVariables.h), memoised per statement.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_FUNCTIONANALYSES_H
#define AUTOGRAPH_FRONTEND_FUNCTIONANALYSES_H

#include "FunctionCFG.h"
#include "Liveness.h"
#include "ModifiedVariables.h"
#include "UnassignedVariables.h"

#include <map>
#include <vector>

namespace autograph {

class FunctionAnalyses {
public:
  FunctionAnalyses(clang::ASTContext &context,
                   const clang::FunctionDecl *function);

  const Liveness &liveness() const { return liveness_; }
  const UnassignedVariables &unassigned() const { return unassigned_; }
  /// The local variables declared outside `statement` that it assigns, in
  /// order of first assignment.
  const std::vector<Modification> &
  modifiedOuterVariables(const clang::Stmt *statement) const;

private:
  FunctionCFG cfg_;
  Liveness liveness_;
  UnassignedVariables unassigned_;
  mutable std::map<const clang::Stmt *, std::vector<Modification>> modified_;
};

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_FUNCTIONANALYSES_H
