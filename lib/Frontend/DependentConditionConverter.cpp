//===- DependentConditionConverter.cpp - control flow in templates --------===//
//
// In a template, a condition whose type depends on a template parameter is a
// tensor in some instantiations and a C++ value in others. Such statements
// become calls of the operators of include/autograph/Operators.h, which pick
// the staged or the plain form per instantiation:
//
//   if (x > hi) x = hi;
//     -> ::ag::if_stmt(x > hi, [&](auto &x) { x = hi; }, [&](auto &x) { }, {"x"}, x);
//   while (c) body          -> ::ag::while_stmt([&](auto &v...) { return c; },
//                                               [&](auto &v...) { body }, {...}, v...);
//   for (init; c; inc) body -> { init ::ag::while_stmt(..., { body inc; }, ...); }
//   do body while (c)       -> ::ag::do_while_stmt(same arguments)
//   a && b, a || b, !a      -> ::ag::and_(a, [&] { return b; }), ::ag::or_(...),
//                              ::ag::not_(a)
//   c ? a : b               -> ::ag::if_exp(c, [&] { return a; }, [&] { return b; })
//
// The outputs and loop variables are the variables the statement assigns
// that are live after it, as for tensors; the operators take them by
// reference under the same names. A return, break, continue or goto inside
// such a statement gets a located error. A range-for over a dependent value
// stays as written (it may be a container) with a warning: over a tensor it
// runs at trace time, over concrete rows only.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace autograph {

namespace {

bool dependent(const Expr *condition) {
  return condition && condition->isTypeDependent();
}

std::string text(ConversionContext &context, const Expr *e) {
  return context.rewriter.getRewrittenText(e->getSourceRange());
}

/// Rejects the jumps a lambda would change the meaning of.
bool checkNoJumps(ConversionContext &context, const Stmt *body,
                  const std::string &construct) {
  struct Finder : RecursiveASTVisitor<Finder> {
    ConversionContext &context;
    const std::string &construct;
    bool ok = true;
    Finder(ConversionContext &c, const std::string &k) : context(c), construct(k) {}
    void reject(const Stmt *s, const char *what) {
      context.error(s->getBeginLoc(), std::string("'") + what + "' inside " +
                                          construct + " cannot be converted yet");
      ok = false;
    }
    bool VisitReturnStmt(ReturnStmt *s) { reject(s, "return"); return true; }
    bool VisitGotoStmt(GotoStmt *s) { reject(s, "goto"); return true; }
    bool VisitBreakStmt(BreakStmt *s) { reject(s, "break"); return true; }
    bool VisitContinueStmt(ContinueStmt *s) { reject(s, "continue"); return true; }
    // Jumps of loops and switches nested in the body stay inside it.
    bool TraverseWhileStmt(WhileStmt *s) { return TraverseStmt(s->getCond()) && noLoopJumps(s->getBody()); }
    bool TraverseForStmt(ForStmt *s) { return noLoopJumps(s->getBody()); }
    bool TraverseDoStmt(DoStmt *s) { return noLoopJumps(s->getBody()); }
    bool TraverseCXXForRangeStmt(CXXForRangeStmt *s) { return noLoopJumps(s->getBody()); }
    bool TraverseSwitchStmt(SwitchStmt *s) { return noLoopJumps(s->getBody()); }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool noLoopJumps(Stmt *body) {
      struct Inner : RecursiveASTVisitor<Inner> {
        Finder &outer;
        explicit Inner(Finder &o) : outer(o) {}
        bool VisitReturnStmt(ReturnStmt *s) { outer.reject(s, "return"); return true; }
        bool VisitGotoStmt(GotoStmt *s) { outer.reject(s, "goto"); return true; }
        bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      } inner(*this);
      inner.TraverseStmt(body);
      return true;
    }
  } finder(context, construct);
  finder.TraverseStmt(const_cast<Stmt *>(body));
  return finder.ok;
}

/// `auto &a, auto &b`, `, a, b` and `"a", "b"` for `vars`.
struct VariableLists {
  std::string parameters, arguments, names;
};
VariableLists listsOf(const std::vector<Modification> &vars) {
  VariableLists lists;
  std::vector<std::string> names = namesOf(vars), parameters;
  for (const std::string &name : names) {
    parameters.push_back("auto &" + name);
    lists.arguments += ", " + name;
  }
  lists.parameters = commaSeparated(parameters);
  lists.names = quotedNames(names);
  return lists;
}

/// The variables `body` (and `increment`) assign, live after `statement`.
std::vector<Modification> assignedAndLive(ConversionContext &context,
                                          const Stmt *statement, const Stmt *body,
                                          const Stmt *increment = nullptr) {
  std::vector<Modification> vars = context.analyses->modifiedOuterVariables(body);
  if (increment)
    for (const Modification &m : context.analyses->modifiedOuterVariables(increment))
      if (llvm::none_of(vars, [&](const Modification &v) {
            return v.variable == m.variable;
          }))
        vars.push_back(m);
  return context.liveAfter(statement, std::move(vars));
}

const char *kIf = "an 'if' whose condition depends on a template parameter";
const char *kLoop = "a loop whose condition depends on a template parameter";

} // namespace

bool convertDependentIf(ConversionContext &context, const IfStmt *statement) {
  if (!dependent(statement->getCond()))
    return false;
  if (statement->hasInitStorage() || statement->hasVarStorage() ||
      statement->isConstexpr()) {
    if (!statement->isConstexpr())
      context.error(statement->getBeginLoc(),
                    std::string(kIf) + " with an initializer or a declaration "
                                       "cannot be converted yet");
    return false;
  }
  if (!checkNoJumps(context, statement->getThen(), kIf) ||
      (statement->getElse() && !checkNoJumps(context, statement->getElse(), kIf)))
    return false;
  std::vector<Modification> outputs =
      context.liveAfter(statement, context.analyses->modifiedOuterVariables(statement));
  VariableLists lists = listsOf(outputs);
  std::string elseText =
      statement->getElse() ? context.bodyText(statement->getElse()) : "";
  context.replace(context.statementRange(statement),
                  code::DependentIf.fill(
                      {{"condition", text(context, statement->getCond())},
                       {"parameters", lists.parameters},
                       {"then", context.bodyText(statement->getThen())},
                       {"else", elseText},
                       {"names", lists.names},
                       {"arguments", lists.arguments}}));
  return true;
}

/// `while (c) body`, `for (init; c; inc) body`: ag::while_stmt;
/// `do body while (c)`: ag::do_while_stmt.
static bool convertDependentLoop(ConversionContext &context, const Stmt *statement,
                                 const Expr *condition, const Stmt *body,
                                 const Stmt *init, const Expr *increment) {
  if (!checkNoJumps(context, body, kLoop))
    return false;
  std::vector<Modification> vars = assignedAndLive(context, statement, body, increment);
  VariableLists lists = listsOf(vars);
  std::string bodyText = context.bodyText(body);
  if (increment)
    bodyText = code::BodyThenIncrement.fill(
        {{"body", bodyText}, {"increment", text(context, increment)}});
  std::string call = code::DependentLoop.fill(
      {{"function",
        isa<DoStmt>(statement) ? "::ag::do_while_stmt" : "::ag::while_stmt"},
       {"parameters", lists.parameters},
       {"condition", text(context, condition)},
       {"body", bodyText},
       {"names", lists.names},
       {"arguments", lists.arguments}});
  if (init)
    call = code::InitThenLoop.fill({{"init", context.text(init)}, {"loop", call}});
  context.replace(context.statementRange(statement), call);
  return true;
}

bool convertDependentLoop(ConversionContext &context, const Stmt *statement) {
  if (const auto *loop = dyn_cast<WhileStmt>(statement)) {
    if (!dependent(loop->getCond()))
      return false;
    if (loop->hasVarStorage()) {
      context.error(loop->getBeginLoc(), std::string(kLoop) +
                                             " with a declaration in its "
                                             "condition cannot be converted yet");
      return false;
    }
    return convertDependentLoop(context, loop, loop->getCond(), loop->getBody(),
                                nullptr, nullptr);
  }
  if (const auto *loop = dyn_cast<ForStmt>(statement)) {
    if (!dependent(loop->getCond()))
      return false;
    return convertDependentLoop(context, loop, loop->getCond(), loop->getBody(),
                                loop->getInit(), loop->getInc());
  }
  if (const auto *loop = dyn_cast<DoStmt>(statement)) {
    if (!dependent(loop->getCond()))
      return false;
    return convertDependentLoop(context, loop, loop->getCond(), loop->getBody(),
                                nullptr, nullptr);
  }
  if (const auto *loop = dyn_cast<CXXForRangeStmt>(statement))
    if (dependent(loop->getRangeInit()))
      context.warning(loop->getBeginLoc(),
                      "a range-'for' over a value whose type depends on a "
                      "template parameter is left as written: over a tensor it "
                      "runs while tracing, on concrete rows only");
  return false;
}

bool convertDependentLogicalOperator(ConversionContext &context,
                                     const Expr *expression) {
  std::string replacement;
  if (const auto *binary = dyn_cast<BinaryOperator>(expression)) {
    if (!binary->isLogicalOp() ||
        !(dependent(binary->getLHS()) || dependent(binary->getRHS())))
      return false;
    replacement = code::DependentLogical.fill(
        {{"function", binary->getOpcode() == BO_LAnd ? "::ag::and_" : "::ag::or_"},
         {"lhs", text(context, binary->getLHS())},
         {"rhs", text(context, binary->getRHS())}});
  } else if (const auto *unary = dyn_cast<UnaryOperator>(expression)) {
    if (unary->getOpcode() != UO_LNot || !dependent(unary->getSubExpr()))
      return false;
    replacement =
        code::DependentNot.fill({{"operand", text(context, unary->getSubExpr())}});
  } else if (const auto *conditional = dyn_cast<ConditionalOperator>(expression)) {
    if (!dependent(conditional->getCond()))
      return false;
    replacement = code::DependentConditional.fill(
        {{"condition", text(context, conditional->getCond())},
         {"then", text(context, conditional->getTrueExpr())},
         {"else", text(context, conditional->getFalseExpr())}});
  } else {
    return false;
  }
  context.replace(CharSourceRange::getTokenRange(expression->getSourceRange()),
                  replacement);
  return true;
}

} // namespace autograph
