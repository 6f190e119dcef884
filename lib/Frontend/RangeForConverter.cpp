//===- RangeForConverter.cpp - range-for over a tensor -> ag::for_rows -----===//
//
//   for (ag::Tensor row : x) total = total + row;
// becomes (on the same source lines)
//   { ::ag::TensorList __ag_for_0 = ::ag::for_rows(x,
//       [&](const ::ag::Tensor &__ag_item, const ::ag::TensorList &__ag_v)
//           -> ::ag::TensorList {
//         [[maybe_unused]] ::ag::Tensor total = __ag_v[0];
//         ag::Tensor row = __ag_item; total = total + row; return {total}; },
//       {total}, {"total"});
//     total = __ag_for_0[0]; }
// The iterable is any ag::Tensor expression (ag::range(...) gives one), so
// a loop over a tensor of unknown length is one ag.for. The loop variables
// are the tensors the body assigns, other than the loop's own variable.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace autograph {

bool convertRangeFor(ConversionContext &context, const CXXForRangeStmt *statement) {
  const Expr *range = statement->getRangeInit();
  if (!range || !isTensorType(range->getType()))
    return false;
  if (statement->getInit()) {
    context.error(statement->getBeginLoc(),
                  "a range-'for' over a tensor with an init-statement is not "
                  "converted yet");
    return false;
  }
  const VarDecl *item = statement->getLoopVariable();
  std::vector<Modification> vars = modifiedOuterVariables(statement->getBody());
  llvm::erase_if(vars, [&](const Modification &m) { return m.variable == item; });
  vars = context.liveAfter(statement, std::move(vars));
  if (!checkStageable(context, statement->getBody(), vars,
                      "a range-'for' loop over a tensor"))
    return false;

  auto [unpack, list, names] = loopVariableCode(vars);
  // The loop variable as the user declared it (`ag::Tensor row`,
  // `const auto &row`, ...; its range would include the `:`), bound to the
  // current row.
  std::string declaration =
      Lexer::getSourceText(CharSourceRange::getTokenRange(
                               item->getBeginLoc(), item->getLocation()),
                           context.ast.getSourceManager(),
                           context.ast.getLangOpts())
          .str();
  std::string call =
      "::ag::for_rows(" + context.rewriter.getRewrittenText(range->getSourceRange()) +
      ", [&](const ::ag::Tensor &__ag_item, const ::ag::TensorList &__ag_v) -> "
      "::ag::TensorList { " +
      unpack + declaration + " = __ag_item; " + context.text(statement->getBody()) +
      " return {" + list + "}; }, {" + list + "}, {" + names + "})";
  std::string id = "__ag_for_" + std::to_string(context.nextId++);
  context.replaceWithStagedCall(statement, id, call, vars);
  return true;
}

} // namespace autograph
