//===- WhileConverter.cpp - `while` on a tensor -> ag::while_loop ---------===//
//
//   while (n > 1) { n = n / 2; steps += 1; }
// becomes (on the same source lines)
//   { ::ag::TensorList ag__loop_0 = ::ag::while_loop(
//       [&](const ::ag::TensorList &ag__v) -> ::ag::Tensor {
//         [[maybe_unused]] ::ag::Tensor n = ag__v[0]; ... return ::ag::condition(n > 1); },
//       [&](const ::ag::TensorList &ag__v) -> ::ag::TensorList {
//         ::ag::Tensor n = ag__v[0]; ... { n = n / 2; steps += 1; } return {n, steps}; },
//       {n, steps}, {"n", "steps"});
//     n = ag__loop_0[0]; steps = ag__loop_0[1]; }
// The loop variables are the tensors the body assigns.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/STLExtras.h"
#include "clang/Tooling/Transformer/SourceCode.h"

using namespace clang;

namespace autograph {

/// The ag::while_loop call over `vars` with `condition` and `bodyText`.
/// `firstFlag`, when given, names an extra boolean loop variable that makes
/// the first test pass without evaluating the condition (do/while).
static std::string stagedLoop(ConversionContext &context, const Expr *condition,
                              const std::string &bodyText,
                              const std::vector<Modification> &vars,
                              const std::vector<Modification> &modified,
                              const std::string &firstFlag = "") {
  auto [unpack, list, names] = loopVariableCode(vars, modified);
  std::string test = code::Condition.fill(
      {{"expression",
        context.rewriter.getRewrittenText(condition->getSourceRange())}});
  std::string results = list, initial = list;
  if (!firstFlag.empty()) {
    unpack += code::LoopVariable.fill(
        {{"variable", firstFlag}, {"index", std::to_string(vars.size())}});
    // first ? true : condition, in C++'s order (the condition is not
    // evaluated before the first iteration).
    test = code::FirstIterationTest.fill({{"flag", firstFlag}, {"test", test}});
    std::string separator = list.empty() ? "" : ", ";
    results += separator + code::BoolConstant.fill({{"value", "false"}});
    initial += separator + code::BoolConstant.fill({{"value", "true"}});
    names += (names.empty() ? "" : ", ") + quotedNames({firstFlag});
  }
  return code::WhileLoop.fill({{"unpack", unpack},
                               {"test", test},
                               {"body", bodyText},
                               {"results", results},
                               {"initial", initial},
                               {"names", names}});
}

bool convertWhile(ConversionContext &context, const WhileStmt *statement) {
  const Expr *condition = tensorCondition(statement->getCond());
  if (!condition)
    return false;
  if (statement->hasVarStorage()) {
    context.error(statement->getBeginLoc(),
                  "a 'while' on a tensor with a declaration in its condition is "
                  "not converted yet");
    return false;
  }
  std::vector<Modification> modified = context.analyses->modifiedOuterVariables(statement->getBody());
  std::vector<Modification> vars = context.liveAfter(statement, modified);
  if (!checkStageable(context, statement->getBody(), vars, "a 'while' loop whose condition is a tensor"))
    return false;
  std::string id = context.newName("loop");
  context.replaceWithStagedCall(
      statement, id,
      stagedLoop(context, condition, context.bodyText(statement->getBody()), vars,
                 modified),
      vars);
  return true;
}

bool convertFor(ConversionContext &context, const ForStmt *statement) {
  const Expr *condition = tensorCondition(statement->getCond());
  if (!condition)
    return false;
  if (statement->getConditionVariable()) {
    context.error(statement->getBeginLoc(),
                  "a 'for' on a tensor with a declaration in its condition is "
                  "not converted yet");
    return false;
  }
  // for (init; c; inc) body  ==  { init; while (c) { body inc; } }
  std::vector<Modification> vars = context.analyses->modifiedOuterVariables(statement->getBody());
  if (const Expr *increment = statement->getInc())
    for (const Modification &m : context.analyses->modifiedOuterVariables(increment))
      if (llvm::none_of(vars, [&](const Modification &v) {
            return v.variable == m.variable;
          }))
        vars.push_back(m);
  std::vector<Modification> modified = vars;
  vars = context.liveAfter(statement, std::move(vars));
  if (!checkStageable(context, statement->getBody(), vars, "a 'for' loop whose condition is a tensor"))
    return false;
  std::string body = context.bodyText(statement->getBody());
  if (const Expr *increment = statement->getInc())
    body = code::BodyThenIncrement.fill(
        {{"body", body},
         {"increment",
          context.rewriter.getRewrittenText(increment->getSourceRange())}});
  std::string init =
      statement->getInit() ? context.text(statement->getInit()) : "";
  std::string id = context.newName("loop");
  // The init's declarations live in a block around the staged loop.
  context.replaceWithStagedCall(
      statement, id, stagedLoop(context, condition, body, vars, modified), vars,
      init);
  return true;
}

bool convertDo(ConversionContext &context, const DoStmt *statement) {
  const Expr *condition = tensorCondition(statement->getCond());
  if (!condition)
    return false;
  // do body while (c)  ==  first = true; while (first || c) { body; first = false; }
  std::vector<Modification> modified = context.analyses->modifiedOuterVariables(statement->getBody());
  std::vector<Modification> vars = context.liveAfter(statement, modified);
  if (!checkStageable(context, statement->getBody(), vars, "a 'do' loop whose condition is a tensor"))
    return false;
  std::string id = context.newName("loop");
  context.replaceWithStagedCall(
      statement, id,
      stagedLoop(context, condition, context.bodyText(statement->getBody()), vars,
                 modified, id + "_first"),
      vars);
  return true;
}

} // namespace autograph
