//===- RangeForConverter.cpp - range-for over a tensor or a dataset --------===//
//
//   for (ag::Tensor row : x) total = total + row;
// becomes (on the same source lines)
//   { ::ag::TensorList ag__for_0 = ::ag::for_rows(x,
//       [&](const ::ag::Tensor &ag__item, const ::ag::TensorList &ag__v)
//           -> ::ag::TensorList {
//         [[maybe_unused]] ::ag::Tensor total = ag__v[0];
//         ag::Tensor row = ag__item; total = total + row; return {total}; },
//       {total}, {"total"});
//     total = ag__for_0[0]; }
// The iterable is any ag::Tensor expression, so a loop over a tensor of
// unknown length is one ag.for. Over `ag::range(ARGS)` the loop takes the
// range's bounds instead, `::ag::for_range_of(::ag::range_bounds(ARGS), ...)`,
// and, staged, loops over them without building the range. Over an
// ag::data::Dataset it is `::ag::data::for_dataset(ds, ...)`, whose body
// takes the element (a tensor or a tuple, so `auto [x, y]` works), and a
// body that does nothing once a flag is set (a lowered `break`) passes that
// flag, so the loop ends there. The loop variables are the tensors the body
// assigns, other than the loop's own variable.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace autograph {

namespace {

/// The position among `vars` of the flag that ends the loop: the body is
/// only `if (!FLAG) { ... }` (as lowering a break makes it), so once FLAG is
/// set no iteration does anything and none needs to run. -1 otherwise.
int stopVariable(const Stmt *body, const std::vector<Modification> &vars) {
  const auto *block = dyn_cast<CompoundStmt>(body);
  if (!block || block->size() != 1)
    return -1;
  const auto *guard = dyn_cast<IfStmt>(block->body_front());
  if (!guard || guard->getElse() || guard->getInit() || guard->getConditionVariable())
    return -1;
  const Expr *negated = nullptr;
  const Expr *condition = tensorCondition(guard->getCond());
  if (!condition)
    return -1;
  condition = condition->IgnoreImplicit()->IgnoreParens();
  if (const auto *call = dyn_cast<CallExpr>(condition)) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (isAgLogicalNot(callee) &&
        call->getNumArgs() == 1)
      negated = call->getArg(0);
  } else if (const auto *unary = dyn_cast<UnaryOperator>(condition)) {
    if (unary->getOpcode() == UO_LNot)
      negated = tensorCondition(unary->getSubExpr());
  }
  const auto *flag =
      negated ? dyn_cast<DeclRefExpr>(negated->IgnoreImplicit()->IgnoreParens()) : nullptr;
  if (!flag)
    return -1;
  for (size_t i = 0; i < vars.size(); ++i)
    if (vars[i].variable == flag->getDecl())
      return static_cast<int>(i);
  return -1;
}

} // namespace

bool convertRangeFor(ConversionContext &context, const CXXForRangeStmt *statement) {
  const Expr *range = statement->getRangeInit();
  if (!range || !isStagedIterable(range->getType()))
    return false;
  bool dataset = isDatasetType(range->getType());
  if (statement->getInit()) {
    context.error(statement->getBeginLoc(),
                  std::string("a range-'for' over a ") +
                      (dataset ? "dataset" : "tensor") +
                      " with an init-statement is not converted yet");
    return false;
  }
  const VarDecl *item = statement->getLoopVariable();
  std::vector<Modification> vars = context.analyses->modifiedOuterVariables(statement->getBody());
  llvm::erase_if(vars, [&](const Modification &m) { return m.variable == item; });
  std::vector<Modification> modified = vars;
  vars = context.liveAfter(statement, std::move(vars));
  if (!checkStageable(context, statement->getBody(), vars,
                      dataset ? "a range-'for' loop over a dataset"
                              : "a range-'for' loop over a tensor"))
    return false;

  auto [unpack, list, names] = loopVariableCode(vars, modified);
  // The loop variable as the user declared it (`ag::Tensor row`,
  // `const auto &row`, `auto [x, y]`, ...), bound to the current element.
  std::string declaration =
      Lexer::getSourceText(CharSourceRange::getCharRange(item->getBeginLoc(),
                                                         statement->getColonLoc()),
                           context.ast.getSourceManager(),
                           context.ast.getLangOpts())
          .str();
  std::string rangeText = context.rewriter.getRewrittenText(range->getSourceRange());
  std::string function = "::ag::for_rows";
  std::string itemType = "const ::ag::Tensor &";
  std::string stop;
  if (dataset) {
    function = "::ag::data::for_dataset";
    itemType = "const auto &";
    if (int index = stopVariable(statement->getBody(), vars); index >= 0)
      stop = ", " + std::to_string(index);
  }
  if (const auto *call = dyn_cast<CallExpr>(range->IgnoreImplicit())) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (isAgRange(callee) &&
        call->getNumArgs() > 0) {
      std::string arguments = context.rewriter.getRewrittenText(SourceRange(
          call->getArg(0)->getBeginLoc(), call->getArg(call->getNumArgs() - 1)->getEndLoc()));
      function = "::ag::for_range_of";
      rangeText = "::ag::range_bounds(" + arguments + ")";
    }
  }
  std::string call =
      code::RangeFor.fill({{"function", function},
                           {"range", rangeText},
                           {"itemType", itemType},
                           {"unpack", unpack},
                           {"declaration", declaration},
                           {"body", context.bodyText(statement->getBody())},
                           {"results", list},
                           {"names", names},
                           {"stop", stop}});
  std::string id = context.newName("for");
  context.replaceWithStagedCall(statement, id, call, vars);
  return true;
}

} // namespace autograph
