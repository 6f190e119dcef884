//===- FunctionCFG.h - clang's CFG of one function, built once --*- C++ -*-===//
//
// The CFG the dataflow analyses (Liveness, UnassignedVariables) run on, with
// what both need to map statements to it: the block of each element and
// terminator, and the variables that escape (whose accesses cannot be seen
// by name, so both analyses give their conservative answer for them).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_FUNCTIONCFG_H
#define AUTOGRAPH_FRONTEND_FUNCTIONCFG_H

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
class CFG;
class CFGBlock;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace autograph {

class FunctionCFG {
public:
  FunctionCFG(clang::ASTContext &context, const clang::FunctionDecl *function);
  ~FunctionCFG();

  /// Null when clang could not build one (the analyses then have no answer).
  const clang::CFG *cfg() const { return cfg_.get(); }
  /// The block of each statement element, and of each terminator (an if's
  /// or a loop's condition block).
  const std::map<const clang::Stmt *, const clang::CFGBlock *> &
  blockOf() const {
    return blockOf_;
  }
  /// The block that `statement` (an if or a loop) terminates, or null.
  const clang::CFGBlock *blockEndingWith(const clang::Stmt *statement) const;
  bool escapes(const clang::VarDecl *variable) const {
    return escaped_.count(variable) != 0;
  }
  /// The statement elements of `block`, in order.
  static std::vector<const clang::Stmt *>
  statementsOf(const clang::CFGBlock *block);

private:
  std::unique_ptr<clang::CFG> cfg_;
  std::map<const clang::Stmt *, const clang::CFGBlock *> blockOf_;
  std::map<const clang::Stmt *, const clang::CFGBlock *> terminated_;
  std::set<const clang::VarDecl *> escaped_;
};

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_FUNCTIONCFG_H
