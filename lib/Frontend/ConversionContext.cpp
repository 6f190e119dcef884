//===- ConversionContext.cpp - what every converter shares
//-----------------===//
#include "ConversionContext.h"
#include "Converters.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/Transformer/SourceCode.h"

using namespace clang;

namespace autograph {

CharSourceRange ConversionContext::statementRange(const Stmt *statement) const {
  return tooling::maybeExtendRange(
      CharSourceRange::getTokenRange(statement->getSourceRange()), tok::semi,
      ast);
}

std::string ConversionContext::text(const Stmt *statement) {
  std::string text = rewriter.getRewrittenText(statementRange(statement));
  // The statement's own marker (`AG_LINE(N); `) stays in front of it.
  llvm::StringRef rest = text;
  if (rest.consume_front("AG_LINE(")) {
    size_t close = rest.find("); ");
    if (close != llvm::StringRef::npos &&
        llvm::all_of(rest.take_front(close),
                     [](char c) { return c >= '0' && c <= '9'; }))
      return rest.drop_front(close + 3).str();
  }
  return text;
}

std::string ConversionContext::bodyText(const Stmt *body) {
  std::string text = this->text(body);
  if (isa<CompoundStmt>(body) || llvm::StringRef(text).starts_with("AG_LINE("))
    return text;
  return lineMarker(ast, body->getBeginLoc()) + "; " + text;
}

std::vector<Modification>
ConversionContext::liveAfter(const Stmt *statement,
                             std::vector<Modification> assigned) const {
  llvm::erase_if(assigned, [&](const Modification &m) {
    return !analyses->liveness().isLiveAfter(statement, m.variable);
  });
  return assigned;
}

void ConversionContext::replace(CharSourceRange range,
                                const std::string &text) {
  // Text inserted right before or after the range (AG_LINE(N) markers of this
  // and the next statement) is not part of it and stays.
  Rewriter::RewriteOptions options;
  options.IncludeInsertsAtBeginOfRange = false;
  options.IncludeInsertsAtEndOfRange = false;
  // What follows stays on its line: the replacement has at least as many
  // line breaks as the text it replaces.
  std::string replacement = text;
  auto lines = [](llvm::StringRef s) { return s.count('\n'); };
  size_t before = lines(rewriter.getRewrittenText(range));
  for (size_t n = lines(replacement); n < before; ++n)
    replacement += "\n";
  rewriter.ReplaceText(range.getBegin(), rewriter.getRangeSize(range, options),
                       replacement);
}

bool ConversionContext::valueUnused(const Expr *expression) const {
  const Stmt *node = expression;
  while (true) {
    auto parents = ast.getParents(*node);
    if (parents.size() != 1)
      return false;
    const Stmt *parent = parents[0].get<Stmt>();
    if (!parent)
      return false;
    if (const auto *e = dyn_cast<Expr>(parent)) {
      if (!isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
               ImplicitCastExpr, ParenExpr>(e))
        return false;
      node = parent;
      continue;
    }
    // The condition of an if or a loop uses the value; a body does not.
    if (const auto *s = dyn_cast<IfStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<WhileStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<DoStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<ForStmt>(parent))
      return s->getCond() != node;
    if (isa<ReturnStmt, SwitchStmt, DeclStmt>(parent))
      return false;
    return true;
  }
}

void ConversionContext::error(SourceLocation where,
                              const std::string &message) {
  failed = true;
  if (!reported.insert({where.getRawEncoding(), message}).second)
    return;
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  diagnostics.Report(where, id) << message;
  failed = true;
}

void ConversionContext::warning(SourceLocation where,
                                const std::string &message) {
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
  diagnostics.Report(where, id) << message;
}

void ConversionContext::note(SourceLocation where, const std::string &message) {
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  diagnostics.Report(where, id) << message;
}

std::string ConversionContext::newName(llvm::StringRef kind) {
  return code::GeneratedName.fill({{"kind", kind}, {"number", newNumber()}});
}

void ConversionContext::replaceWithStagedCall(
    const Stmt *statement, const std::string &id, const std::string &call,
    const std::vector<Modification> &outputs, const std::string &prologue) {
  std::string bindings;
  for (size_t i = 0; i < outputs.size(); ++i)
    bindings += code::OutputBinding.fill(
        {{"variable", outputs[i].variable->getNameAsString()},
         {"id", id},
         {"index", std::to_string(i)}});
  replace(statementRange(statement),
          code::StagedStatement.fill(
              {{"prologue", prologue.empty() ? "" : prologue + " "},
               {"id", id},
               {"call", call},
               {"bindings", bindings}}));
}

} // namespace autograph
