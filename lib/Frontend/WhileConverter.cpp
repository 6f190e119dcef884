//===- WhileConverter.cpp - `while` on a tensor -> ag::while_loop ---------===//
//
//   while (n > 1) { n = n / 2; steps += 1; }
// becomes (on the same source lines)
//   { ::ag::TensorList __ag_loop_0 = ::ag::while_loop(
//       [&](const ::ag::TensorList &__ag_v) -> ::ag::Tensor {
//         [[maybe_unused]] ::ag::Tensor n = __ag_v[0]; ... return ::ag::Tensor(n > 1); },
//       [&](const ::ag::TensorList &__ag_v) -> ::ag::TensorList {
//         ::ag::Tensor n = __ag_v[0]; ... { n = n / 2; steps += 1; } return {n, steps}; },
//       {n, steps}, {"n", "steps"});
//     n = __ag_loop_0[0]; steps = __ag_loop_0[1]; }
// The loop variables are the tensors the body assigns.
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
  std::vector<Modification> vars = modifiedOuterVariables(statement->getBody());
  if (!checkStageable(context, statement->getBody(), vars, "a 'while' loop"))
    return false;

  std::string id = "__ag_loop_" + std::to_string(context.nextId++);
  std::string unpack, list, names;
  for (size_t i = 0; i < vars.size(); ++i) {
    std::string name = vars[i].variable->getNameAsString();
    unpack += "[[maybe_unused]] ::ag::Tensor " + name + " = __ag_v[" +
              std::to_string(i) + "]; ";
    list += (list.empty() ? "" : ", ") + name;
    names += (names.empty() ? "\"" : ", \"") + name + "\"";
  }
  std::string call =
      "::ag::while_loop([&](const ::ag::TensorList &__ag_v) -> ::ag::Tensor { " +
      unpack + "return ::ag::Tensor(" +
      context.rewriter.getRewrittenText(condition->getSourceRange()) +
      "); }, [&](const ::ag::TensorList &__ag_v) -> ::ag::TensorList { " + unpack +
      context.text(statement->getBody()) + " return {" + list + "}; }, {" + list +
      "}, {" + names + "})";
  context.replaceWithStagedCall(statement, id, call, vars);
  return true;
}

} // namespace autograph
