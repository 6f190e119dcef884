//===- IfConverter.cpp - `if` on a tensor -> ag::cond ---------------------===//
//
//   if (c) { x = f(x); } else { y = g(y); }
// becomes (on the same source lines)
//   { ::ag::TensorList __ag_if_0 = ::ag::cond(::ag::condition(c),
//       [&, x = x, y = y]() mutable -> ::ag::TensorList { { x = f(x); } return {x, y}; },
//       [&, x = x, y = y]() mutable -> ::ag::TensorList { { y = g(y); } return {x, y}; },
//       {"x", "y"});
//     x = __ag_if_0[0]; y = __ag_if_0[1]; }
// Each branch starts from copies of the outputs' values, as both are traced.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Tooling/Transformer/SourceCode.h"

using namespace clang;

namespace autograph {

bool convertIf(ConversionContext &context, const IfStmt *statement) {
  const Expr *condition = tensorCondition(statement->getCond());
  if (!condition)
    return false;
  if (statement->hasInitStorage() || statement->hasVarStorage() ||
      statement->isConstexpr()) {
    context.error(statement->getBeginLoc(),
                  "an 'if' on a tensor with an initializer or a declaration is "
                  "not converted yet");
    return false;
  }
  std::vector<Modification> outputs =
      context.liveAfter(statement, modifiedOuterVariables(statement));
  if (!checkStageable(context, statement->getThen(), outputs, "an 'if' whose condition is a tensor") ||
      (statement->getElse() &&
       !checkStageable(context, statement->getElse(), {}, "an 'if' whose condition is a tensor")))
    return false;

  std::string id = "__ag_if_" + std::to_string(context.nextId++);
  std::string captures = "[&";
  std::string list, names;
  for (const Modification &m : outputs) {
    std::string name = m.variable->getNameAsString();
    captures += ", " + name + " = " + name;
    list += (list.empty() ? "" : ", ") + name;
    names += (names.empty() ? "\"" : ", \"") + name + "\"";
  }
  captures += "]() mutable -> ::ag::TensorList { ";
  std::string tail = " return {" + list + "}; }";

  std::string thenText = context.text(statement->getThen());
  std::string elseText =
      statement->getElse() ? context.text(statement->getElse()) : "";
  std::string call = "::ag::cond(::ag::condition(" +
                     context.rewriter.getRewrittenText(
                         condition->getSourceRange()) +
                     "), " + captures + thenText + tail + ", " + captures +
                     elseText + tail + ", {" + names + "})";
  context.replaceWithStagedCall(statement, id, call, outputs);
  return true;
}

} // namespace autograph
