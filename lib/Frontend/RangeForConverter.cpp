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
// The iterable is any ag::Tensor expression, so a loop over a tensor of
// unknown length is one ag.for. Over `ag::range(ARGS)` the loop takes the
// range's bounds instead, `::ag::for_range_of(::ag::range_bounds(ARGS), ...)`,
// and, staged, loops over them without building the range. The loop
// variables are the tensors the body assigns, other than the loop's own
// variable.
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
  std::string iterable =
      "::ag::for_rows(" + context.rewriter.getRewrittenText(range->getSourceRange());
  if (const auto *call = dyn_cast<CallExpr>(range->IgnoreImplicit())) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (callee && callee->getQualifiedNameAsString() == "ag::range" &&
        call->getNumArgs() > 0) {
      std::string arguments = context.rewriter.getRewrittenText(SourceRange(
          call->getArg(0)->getBeginLoc(), call->getArg(call->getNumArgs() - 1)->getEndLoc()));
      iterable = "::ag::for_range_of(::ag::range_bounds(" + arguments + ")";
    }
  }
  std::string call =
      iterable + ", [&](const ::ag::Tensor &__ag_item, const ::ag::TensorList &__ag_v) -> "
      "::ag::TensorList { " +
      unpack + declaration + " = __ag_item; " + context.text(statement->getBody()) +
      " return {" + list + "}; }, {" + list + "}, {" + names + "})";
  std::string id = "__ag_for_" + std::to_string(context.nextId++);
  context.replaceWithStagedCall(statement, id, call, vars);
  return true;
}

} // namespace autograph
