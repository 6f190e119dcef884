//===- SourceLocationMarker.cpp - statements report their source line -----===//
//
// The first step of conversion: every statement of a block in a converted
// function is preceded, on its line, by `AG_LINE;`, which expands to
// `::ag::set_source_location(__FILE__, __LINE__)`. With the converted
// file's `#line` mapping that is the user's file and line, so the ops that
// tracing records carry the user's locations (as AutoGraph maps a graph's
// ops back to the Python source).
//
// It runs before the converters: the markers become part of the statements'
// text that the converters move into branch and loop bodies.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"

using namespace clang;

namespace autograph {

void markSourceLocations(ConversionContext &context, const FunctionDecl *function) {
  struct Marker : RecursiveASTVisitor<Marker> {
    ConversionContext &context;
    explicit Marker(ConversionContext &context) : context(context) {}
    bool VisitCompoundStmt(CompoundStmt *block) {
      for (Stmt *statement : block->body()) {
        // Labels and case labels keep their place; a marker before them
        // would not run when they are jumped to.
        if (isa<NullStmt, CompoundStmt, SwitchCase, LabelStmt>(statement))
          continue;
        SourceLocation begin = statement->getBeginLoc();
        if (begin.isInvalid() || begin.isMacroID())
          continue;
        context.rewriter.InsertTextBefore(begin, "AG_LINE; ");
      }
      return true;
    }
    // A lambda's body is converted as a function of its own.
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } marker(context);
  marker.TraverseStmt(function->getBody());
}

} // namespace autograph
