//===- UnassignedVariables.h - variables with no value yet ------*- C++ -*-===//
//
// Which local variables certainly have no value when a statement starts: a
// forward may-assign dataflow on the FunctionCFG (computed once per function).
// `ag::Tensor y;` declares y without a value (an undefined tensor); an
// assignment or a declaration with an initializer gives it one. The
// converters use it to reject, at conversion time and by name, a variable
// that a tensor `if` assigns on one path only and that is read after it: on
// the other path it would have no value (docs/converted-code.md).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_UNASSIGNEDVARIABLES_H
#define AUTOGRAPH_FRONTEND_UNASSIGNEDVARIABLES_H

#include "FunctionCFG.h" // and the clang classes it declares

#include <map>
#include <set>

namespace autograph {

class UnassignedVariables {
public:
  explicit UnassignedVariables(const FunctionCFG &cfg);

  /// Whether `variable` was declared without a value and is assigned on no
  /// path from its declaration to `statement` (an if or a loop). False when
  /// the analysis has no answer (no CFG, an escaped variable).
  bool hasNoValueBefore(const clang::Stmt *statement,
                        const clang::VarDecl *variable) const;

  /// Whether `variable` is declared without a value (`ag::Tensor y;`).
  static bool declaredWithoutValue(const clang::VarDecl *variable);

private:
  const FunctionCFG &cfg_;
  std::map<const clang::CFGBlock *, std::set<const clang::VarDecl *>> assignedIn_;
};

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_UNASSIGNEDVARIABLES_H
