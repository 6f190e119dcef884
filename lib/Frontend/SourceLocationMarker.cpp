//===- SourceLocationMarker.cpp - statements report their source line -----===//
//
// The first step of conversion: every statement of a block in a converted
// function is preceded, on its line, by `AG_LINE(N);`, which expands to
// `::ag::set_source_location(__FILE__, N)`: the user's file (through the
// converted file's `#line`) and the statement's line, so the ops that
// tracing records carry the user's locations (as AutoGraph maps a graph's
// ops back to the Python source). The line is written out rather than taken
// from __LINE__ because converters move statements' text (a branch body
// becomes a lambda on the line of its `if`).
//
// An un-braced body of an if, else or loop has no block to hold a marker:
// an expression statement or a return of an expression reports its line
// through the comma operator (`if (c) AG_LINE(5), x = f(x);`), and a staged
// body gets its marker where the converter puts its text
// (ConversionContext::bodyText).
//
// It runs before the converters: the markers become part of the statements'
// text that the converters move into branch and loop bodies.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace autograph {

std::string lineMarker(const ASTContext &ast, SourceLocation where) {
  unsigned line = ast.getSourceManager().getPresumedLineNumber(where);
  return code::LineMarker.fill({{"line", std::to_string(line)}});
}

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
        context.rewriter.InsertTextBefore(
            begin, lineMarker(context.ast, begin) + "; ");
      }
      return true;
    }
    /// An un-braced body that is an expression, or a return of one.
    void markBody(Stmt *body) {
      if (!body || body->getBeginLoc().isInvalid() ||
          body->getBeginLoc().isMacroID())
        return;
      std::string marker = lineMarker(context.ast, body->getBeginLoc()) + ", ";
      if (const auto *expression = dyn_cast<Expr>(body)) {
        if (!isa<InitListExpr>(expression->IgnoreImplicit()))
          context.rewriter.InsertTextBefore(body->getBeginLoc(), marker);
      } else if (const auto *ret = dyn_cast<ReturnStmt>(body)) {
        const Expr *value = ret->getRetValue();
        if (value && !value->getBeginLoc().isMacroID() &&
            !isa<InitListExpr, CXXConstructExpr>(value->IgnoreImplicit()))
          context.rewriter.InsertTextBefore(value->getBeginLoc(), marker);
      }
    }
    bool VisitIfStmt(IfStmt *s) {
      markBody(s->getThen());
      markBody(s->getElse());
      return true;
    }
    bool VisitWhileStmt(WhileStmt *s) { markBody(s->getBody()); return true; }
    bool VisitDoStmt(DoStmt *s) { markBody(s->getBody()); return true; }
    bool VisitForStmt(ForStmt *s) { markBody(s->getBody()); return true; }
    bool VisitCXXForRangeStmt(CXXForRangeStmt *s) {
      markBody(s->getBody());
      return true;
    }
    // A lambda's body is converted as a function of its own.
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } marker(context);
  marker.TraverseStmt(function->getBody());
}

} // namespace autograph
