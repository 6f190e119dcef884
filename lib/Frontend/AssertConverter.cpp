//===- AssertConverter.cpp - <cassert> assert on a tensor -> ag::Assert ----===//
//
//   assert(ag::reduce_min(x) > 0.f);
// becomes (on the same line)
//   ::ag::Assert(::ag::condition(ag::reduce_min(x) > 0.f), "ag::reduce_min(x) > 0.f");
// so the check is staged (ag.assert) and fails with ag::InvalidArgumentError
// "FILE:LINE: Assert failed: EXPRESSION" in eager, JIT and AOT code alike,
// instead of aborting. The macro is recognised in its expansion
// (`static_cast<bool>(EXPR) ? void(0) : __assert_fail(...)`); with NDEBUG it
// expands to nothing that involves the tensor and stays as it is.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace autograph {

namespace {
std::string cStringLiteral(llvm::StringRef text) {
  std::string literal = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      literal += '\\';
    literal += c == '\n' ? ' ' : c;
  }
  return literal + "\"";
}
} // namespace

bool convertAssert(ConversionContext &context, const ConditionalOperator *expansion) {
  SourceManager &sources = context.ast.getSourceManager();
  const LangOptions &language = context.ast.getLangOpts();
  SourceLocation begin = expansion->getBeginLoc();
  if (!begin.isMacroID() ||
      Lexer::getImmediateMacroName(begin, sources, language) != "assert")
    return false;
  const Expr *condition = expansion->getCond()->IgnoreParens();
  if (const auto *cast = dyn_cast<CXXStaticCastExpr>(condition))
    condition = cast->getSubExpr();
  if (!tensorCondition(condition))
    return false;
  // The argument as written, and the whole `assert(...)` invocation.
  CharSourceRange argument = CharSourceRange::getTokenRange(
      sources.getSpellingLoc(condition->getBeginLoc()),
      sources.getSpellingLoc(condition->getEndLoc()));
  std::string text =
      Lexer::getSourceText(argument, sources, language).str();
  CharSourceRange invocation = sources.getExpansionRange(begin);
  if (text.empty() || !invocation.isValid()) {
    context.error(begin, "this assert on a tensor cannot be converted");
    return false;
  }
  context.replace(invocation, code::Assert.fill({{"expression", text},
                                                {"text", cStringLiteral(text)}}));
  return true;
}

} // namespace autograph
