//===- LogicalOperatorConverter.cpp - &&, ||, !, ?: on tensors ------------===//
//
// C++ evaluates `a && b` by converting each operand to bool, which a traced
// tensor cannot do. These converters keep C++'s short-circuit order with
// ag::cond, so `b` is only evaluated (eagerly) or only taken (traced) when
// `a` is true:
//
//   a && b   ->  ::ag::cond(::ag::condition(a), [&] { return ::ag::TensorList{::ag::condition(b)}; },
//                           [&] { return ::ag::TensorList{::ag::constant(false)}; })[0]
//   a || b   ->  the same with the branches swapped and `true`
//   !a       ->  ::ag::logical_not(::ag::condition(a))
//   c ? x : y (tensor c, tensor result)
//            ->  ::ag::cond(::ag::condition(c), [&] { return ::ag::TensorList{x}; },
//                           [&] { return ::ag::TensorList{y}; })[0]
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace autograph {

namespace {
std::string text(ConversionContext &context, const Expr *expression) {
  return context.rewriter.getRewrittenText(expression->getSourceRange());
}

std::string branch(const std::string &value) {
  return "[&]() -> ::ag::TensorList { return ::ag::TensorList{" + value + "}; }";
}
} // namespace

bool convertLogicalOperator(ConversionContext &context, const Expr *expression) {
  if (const auto *binary = dyn_cast<BinaryOperator>(expression)) {
    if (!binary->isLogicalOp() || !tensorCondition(binary))
      return false;
    std::string lhs = "::ag::condition(" + text(context, binary->getLHS()) + ")";
    std::string rhs = branch("::ag::condition(" + text(context, binary->getRHS()) + ")");
    bool isAnd = binary->getOpcode() == BO_LAnd;
    std::string constant =
        branch(std::string("::ag::constant(") + (isAnd ? "false" : "true") + ")");
    std::string call = "::ag::cond(" + lhs + ", " + (isAnd ? rhs : constant) +
                       ", " + (isAnd ? constant : rhs) + ")[0]";
    context.replace(CharSourceRange::getTokenRange(binary->getSourceRange()), "(" + call + ")");
    return true;
  }
  if (const auto *unary = dyn_cast<UnaryOperator>(expression)) {
    if (unary->getOpcode() != UO_LNot || !tensorCondition(unary->getSubExpr()))
      return false;
    context.replace(
        CharSourceRange::getTokenRange(unary->getSourceRange()),
        "::ag::logical_not(::ag::condition(" + text(context, unary->getSubExpr()) +
            "))");
    return true;
  }
  if (const auto *conditional = dyn_cast<ConditionalOperator>(expression)) {
    if (!tensorCondition(conditional->getCond()))
      return false;
    if (!isTensorType(conditional->getType())) {
      context.error(conditional->getBeginLoc(),
                    "'?:' whose condition is a tensor must give tensors; this "
                    "one gives '" + conditional->getType().getAsString() + "'");
      return false;
    }
    std::string call =
        "::ag::cond(::ag::condition(" + text(context, conditional->getCond()) +
        "), " + branch(text(context, conditional->getTrueExpr())) + ", " +
        branch(text(context, conditional->getFalseExpr())) + ")[0]";
    context.replace(CharSourceRange::getTokenRange(conditional->getSourceRange()), "(" + call + ")");
    return true;
  }
  return false;
}

} // namespace autograph
