//===- SwitchOnTensor.cpp - a switch cannot be staged ---------------------===//
//
// ag has no multi-way branch: a `switch` whose condition is computed from a
// tensor (`switch (t.item<int>())`) is rejected with a located error that
// says what to write instead. `switch (t)` itself does not compile (clang
// suggests `static_cast<bool>`); autograph-cc adds an error of its own that
// says the same (a note would be dropped: the parser's diagnostics are over).
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace autograph {

namespace {
constexpr const char *kInstead =
    "write it as 'if' / 'else if' on tensor comparisons (each becomes an "
    "ag.cond)";

bool onTensor(const SwitchStmt *statement) {
  return statement->getCond() && mentionsTensor(statement->getCond());
}
} // namespace

bool rejectSwitchOnTensor(ConversionContext &context, const SwitchStmt *statement) {
  if (!onTensor(statement))
    return false;
  context.error(statement->getBeginLoc(),
                std::string("'switch' on a tensor's value cannot be staged; ") +
                    kInstead);
  return true;
}

void noteSwitchesOnTensors(ASTContext &ast) {
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &ast;
    explicit Finder(ASTContext &ast) : ast(ast) {}
    // Switches are looked for in the main file's declarations only.
    bool TraverseDecl(Decl *decl) {
      if (decl && !isa<TranslationUnitDecl>(decl) &&
          !ast.getSourceManager().isInMainFile(decl->getLocation()))
        return true;
      return RecursiveASTVisitor<Finder>::TraverseDecl(decl);
    }
    bool VisitSwitchStmt(SwitchStmt *statement) {
      if (!ast.getSourceManager().isInMainFile(statement->getBeginLoc()) ||
          !onTensor(statement))
        return true;
      DiagnosticsEngine &diagnostics = ast.getDiagnostics();
      unsigned id = diagnostics.getCustomDiagID(
          DiagnosticsEngine::Error, "a 'switch' on a tensor cannot be staged; %0");
      diagnostics.Report(statement->getBeginLoc(), id) << kInstead;
      return true;
    }
  } finder(ast);
  finder.TraverseAST(ast);
}

} // namespace autograph
