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
  return code::ValueBranch.fill({{"value", value}});
}

std::string condition(const std::string &expression) {
  return code::Condition.fill({{"expression", expression}});
}
} // namespace

bool convertLogicalOperator(ConversionContext &context, const Expr *expression) {
  if (const auto *binary = dyn_cast<BinaryOperator>(expression)) {
    if (!binary->isLogicalOp() || !tensorCondition(binary))
      return false;
    // a && b: a ? b : false;  a || b: a ? true : b.
    std::string rhs = branch(condition(text(context, binary->getRHS())));
    bool isAnd = binary->getOpcode() == BO_LAnd;
    std::string constant =
        branch(code::BoolConstant.fill({{"value", isAnd ? "false" : "true"}}));
    context.replace(
        CharSourceRange::getTokenRange(binary->getSourceRange()),
        code::CondExpression.fill(
            {{"condition", condition(text(context, binary->getLHS()))},
             {"then", isAnd ? rhs : constant},
             {"else", isAnd ? constant : rhs}}));
    return true;
  }
  if (const auto *unary = dyn_cast<UnaryOperator>(expression)) {
    if (unary->getOpcode() != UO_LNot || !tensorCondition(unary->getSubExpr()))
      return false;
    context.replace(
        CharSourceRange::getTokenRange(unary->getSourceRange()),
        code::LogicalNot.fill({{"operand", text(context, unary->getSubExpr())}}));
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
    context.replace(
        CharSourceRange::getTokenRange(conditional->getSourceRange()),
        code::CondExpression.fill(
            {{"condition", condition(text(context, conditional->getCond()))},
             {"then", branch(text(context, conditional->getTrueExpr()))},
             {"else", branch(text(context, conditional->getFalseExpr()))}}));
    return true;
  }
  return false;
}

} // namespace autograph
