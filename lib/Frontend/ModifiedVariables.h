//===- ModifiedVariables.h - variables a statement assigns -------*- C++ -*-===//
//
// The mutation analysis the control-flow converters consume: the local
// variables declared outside a statement that the statement assigns
// (=, compound assignment, ++/--), in order of first assignment. They are
// the branch outputs of a converted `if` and the loop variables of a
// converted loop. Handles to shared state (ag::TensorArray: `ta =
// ta.write(i, x)` assigns the handle it already holds) are not listed: the
// staged code writes through them.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_MODIFIEDVARIABLES_H
#define AUTOGRAPH_FRONTEND_MODIFIEDVARIABLES_H

#include "clang/Basic/SourceLocation.h"

#include <vector>

namespace clang {
class Stmt;
class VarDecl;
} // namespace clang

namespace autograph {

struct Modification {
  const clang::VarDecl *variable;
  clang::SourceLocation where; // the first assignment
};

std::vector<Modification> modifiedOuterVariables(const clang::Stmt *statement);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_MODIFIEDVARIABLES_H
