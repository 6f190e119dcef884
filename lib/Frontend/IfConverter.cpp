//===- IfConverter.cpp - `if` on a tensor -> ag::cond ---------------------===//
//
//   if (c) { x = f(x); } else { y = g(y); }
// becomes (on the same source lines)
//   { ::ag::TensorList ag__if_0 = ::ag::cond(::ag::condition(c),
//       [&, x = x, y = y]() mutable -> ::ag::TensorList { { x = f(x); } return {x, y}; },
//       [&, x = x, y = y]() mutable -> ::ag::TensorList { { y = g(y); } return {x, y}; },
//       {"x", "y"});
//     x = ag__if_0[0]; y = ag__if_0[1]; }
// Each branch starts from copies of the outputs' values, as both are traced.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Tooling/Transformer/SourceCode.h"

using namespace clang;

namespace autograph {

namespace {
bool assigns(const ConversionContext &context, const Stmt *branch,
             const VarDecl *variable) {
  if (!branch)
    return false;
  for (const Modification &m : context.analyses->modifiedOuterVariables(branch))
    if (m.variable == variable)
      return true;
  return false;
}

/// Rejects an output that has no value before the if and that one branch
/// does not assign: it would have none after the if on that path.
bool checkAssignedOnBothPaths(ConversionContext &context, const IfStmt *statement,
                              const std::vector<Modification> &outputs) {
  bool ok = true;
  for (const Modification &m : outputs) {
    if (!context.analyses->unassigned().hasNoValueBefore(statement, m.variable))
      continue;
    bool inThen = assigns(context, statement->getThen(), m.variable);
    bool inElse = assigns(context, statement->getElse(), m.variable);
    if (inThen && inElse)
      continue;
    std::string name = m.variable->getNameAsString();
    context.error(statement->getBeginLoc(),
                  "'" + name + "' is read after this 'if' whose condition is a "
                  "tensor but has no value when the condition is " +
                      (inThen ? "false" : "true") + ": it is assigned only in the " +
                      (inThen ? "then" : "else") +
                      " branch; give it a value before the 'if' or in both "
                      "branches");
    context.note(m.variable->getLocation(),
                 "'" + name + "' is declared here without a value");
    ok = false;
  }
  return ok;
}
} // namespace

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
  std::vector<Modification> modified = context.analyses->modifiedOuterVariables(statement);
  std::vector<Modification> outputs = context.liveAfter(statement, modified);
  if (!checkAssignedOnBothPaths(context, statement, outputs) ||
      !checkStageable(context, statement->getThen(), outputs, "an 'if' whose condition is a tensor") ||
      (statement->getElse() &&
       !checkStageable(context, statement->getElse(), {}, "an 'if' whose condition is a tensor")))
    return false;

  std::string id = context.newName("if");
  // Each branch works on copies of every variable it assigns, outputs or
  // not: an assignment to a variable that is dead after the if stays in its
  // branch (by reference, a value traced in the branch would escape it).
  std::string copies;
  for (const std::string &name : namesOf(modified))
    copies += code::BranchCopy.fill({{"variable", name}});
  std::vector<std::string> outputNames = namesOf(outputs);
  auto branch = [&](const Stmt *body) {
    return code::Branch.fill({{"copies", copies},
                              {"body", body ? context.bodyText(body) : ""},
                              {"outputs", commaSeparated(outputNames)}});
  };
  std::string call = code::Cond.fill(
      {{"condition",
        context.rewriter.getRewrittenText(condition->getSourceRange())},
       {"then", branch(statement->getThen())},
       {"else", branch(statement->getElse())},
       {"names", quotedNames(outputNames)}});
  context.replaceWithStagedCall(statement, id, call, outputs);
  return true;
}

} // namespace autograph
