//===- ConversionContext.h - what every converter shares --------*- C++ -*-===//
//
// The state of one pass of the converter pipeline over the main file
// (ConverterPipeline.cpp): the rewriter holding the text converted so far,
// the analyses of the function being converted, diagnostics, and the edits
// the converters share.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_CONVERSIONCONTEXT_H
#define AUTOGRAPH_FRONTEND_CONVERSIONCONTEXT_H

#include "FunctionAnalyses.h"

#include "clang/Rewrite/Core/Rewriter.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class CharSourceRange;
class Expr;
class Stmt;
} // namespace clang

namespace autograph {

struct ConversionContext {
  clang::ASTContext &ast;
  clang::Rewriter &rewriter;
  unsigned nextId = 0; // numbers the generated temporaries
  /// A new generated name, `ag__KIND_N` (code::GeneratedName).
  std::string newName(llvm::StringRef kind);
  /// The number of the next generated names.
  std::string newNumber() { return std::to_string(nextId++); }
  bool failed = false;
  std::set<std::pair<unsigned, std::string>> reported; // no duplicates
  /// The analyses of the function being converted (computed once per
  /// function, when its conversion starts; null in the first passes).
  const FunctionAnalyses *analyses = nullptr;
  /// The AG_FUNCTIONs wrapped in ag::function (compiled on call), by name.
  std::vector<std::string> compiledFunctions;

  /// The current (already rewritten) text of `statement`, with its `;`,
  /// without its own line marker (which stays where the statement was).
  std::string text(const clang::Stmt *statement);
  /// The text of the body of an if, else or loop that a converter moves into
  /// a lambda: an un-braced body starts with its line marker, so what it
  /// records is located at its own line, not at the if's.
  std::string bodyText(const clang::Stmt *body);
  /// Of the variables `statement` assigns, those live after it (or, for a
  /// loop, at its head): the outputs or loop variables to stage.
  std::vector<Modification> liveAfter(const clang::Stmt *statement,
                                      std::vector<Modification> assigned) const;
  /// `statement` with its `;`.
  clang::CharSourceRange statementRange(const clang::Stmt *statement) const;
  /// Replaces the text of `range` (as rewritten so far) by `text`.
  void replace(clang::CharSourceRange range, const std::string &text);
  /// Whether `expression` is a statement of its own (its value is unused).
  bool valueUnused(const clang::Expr *expression) const;
  /// A located error (a clang diagnostic) with `message`.
  void error(clang::SourceLocation where, const std::string &message);
  /// A located warning (the conversion goes on).
  void warning(clang::SourceLocation where, const std::string &message);
  /// A note attached to the error just reported.
  void note(clang::SourceLocation where, const std::string &message);
  /// Replaces `statement` (with its `;`) by
  /// `{ ::ag::TensorList ID = CALL; v0 = ID[0]; ...; }`, which binds the
  /// staged statement's outputs back to the variables.
  /// `prologue` (a for loop's init) goes first inside the braces.
  void replaceWithStagedCall(const clang::Stmt *statement,
                             const std::string &id, const std::string &call,
                             const std::vector<Modification> &outputs,
                             const std::string &prologue = "");
};

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_CONVERSIONCONTEXT_H
