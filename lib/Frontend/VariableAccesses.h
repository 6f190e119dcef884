//===- VariableAccesses.h - reads, writes and escapes of locals -*- C++ -*-===//
//
// What one element of clang's CFG does to local variables, for the dataflow
// analyses on it (Liveness.cpp, UnassignedVariables.cpp): an assignment
// (builtin `=` or operator=, or a declaration) defines its variable without
// reading it, every other reference reads. A variable whose address is
// taken, that a reference is bound to or that a lambda captures by reference
// escapes: its accesses cannot be seen by name.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_VARIABLEACCESSES_H
#define AUTOGRAPH_FRONTEND_VARIABLEACCESSES_H

#include <set>

namespace clang {
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace autograph {

struct VariableAccesses {
  std::set<const clang::VarDecl *> uses;
  /// The variable the element assigns or declares, if any.
  const clang::VarDecl *defined = nullptr;
};

/// The accesses of one CFG element (a statement or expression).
VariableAccesses accessesOf(const clang::Stmt *element);

/// The local variables of `body` that escape.
std::set<const clang::VarDecl *> escapedVariables(const clang::Stmt *body);

/// Every statement below `root`, `root` included.
std::set<const clang::Stmt *> descendantsOf(const clang::Stmt *root);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_VARIABLEACCESSES_H
