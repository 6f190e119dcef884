//===- LoopJumpConverter.cpp - break/continue of staged loops -> flags -----===//
//
// The first conversion pass (before control flow, as in AutoGraph's
// break_statements and continue_statements converters). In a loop whose
// condition is a tensor, or a range-for over a tensor or a dataset, every
// `break` and `continue` that belongs to it becomes the assignment of a
// flag, the statements after a statement that may jump are guarded by the
// flags, and a break flag is folded into the loop's condition, keeping
// C++'s short-circuit order:
//
//   while (i < n) {                 { ::ag::Tensor ag__break_0 = ::ag::constant(false);
//     if (x[i] > t) break;          while (!ag__break_0 && (i < n)) {
//     i = i + 1;                      if (x[i] > t) { ag__break_0 = ::ag::constant(true); }
//   }                                 if (::ag::logical_not(ag__break_0)) { i = i + 1; } } }
//
// A for loop's increment moves to the end of its body, guarded by the break
// flag only (`continue` still increments); the body of a range-for is
// guarded as a whole. The output is parsed again, and the control-flow
// converters stage the loop and the guards (docs/converted-code.md).
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Tooling/Transformer/SourceCode.h"

#include <map>
#include <set>

using namespace clang;

namespace autograph {
namespace {

/// The break and continue statements that belong to one loop (not to a loop
/// or switch nested in it), and the statements that contain them.
struct LoopJumps {
  std::vector<const Stmt *> breaks, continues;
  std::set<const Stmt *> containsJump; // every statement on a path to a jump
  const SwitchStmt *continueInSwitch = nullptr;
};

class JumpFinder : public RecursiveASTVisitor<JumpFinder> {
public:
  explicit JumpFinder(LoopJumps &jumps) : jumps_(jumps) {}
  bool shouldTraversePostOrder() const { return false; }

  bool TraverseStmt(Stmt *statement) {
    if (!statement)
      return true;
    path_.push_back(statement);
    bool result = RecursiveASTVisitor::TraverseStmt(statement);
    path_.pop_back();
    return result;
  }
  // Jumps inside nested loops belong to them; a break inside a switch to it.
  bool TraverseWhileStmt(WhileStmt *) { return true; }
  bool TraverseForStmt(ForStmt *) { return true; }
  bool TraverseDoStmt(DoStmt *) { return true; }
  bool TraverseCXXForRangeStmt(CXXForRangeStmt *) { return true; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseSwitchStmt(SwitchStmt *statement) {
    ++switchDepth_;
    switch_ = statement;
    bool result = RecursiveASTVisitor::TraverseSwitchStmt(statement);
    --switchDepth_;
    return result;
  }
  bool VisitBreakStmt(BreakStmt *statement) {
    if (switchDepth_ == 0)
      record(jumps_.breaks);
    return true;
  }
  bool VisitContinueStmt(ContinueStmt *statement) {
    if (switchDepth_ > 0)
      jumps_.continueInSwitch = switch_;
    record(jumps_.continues);
    return true;
  }

private:
  void record(std::vector<const Stmt *> &into) {
    into.push_back(path_.back());
    jumps_.containsJump.insert(path_.begin(), path_.end());
  }
  LoopJumps &jumps_;
  std::vector<const Stmt *> path_;
  int switchDepth_ = 0;
  const SwitchStmt *switch_ = nullptr;
};

class LoopJumpLowering {
public:
  explicit LoopJumpLowering(ConversionContext &context) : context_(context) {}

  void lower(const Stmt *loop, const Stmt *body) {
    LoopJumps jumps;
    JumpFinder finder(jumps);
    finder.TraverseStmt(const_cast<Stmt *>(body));
    if (jumps.breaks.empty() && jumps.continues.empty())
      return;
    if (jumps.continueInSwitch) {
      context_.error(jumps.continueInSwitch->getBeginLoc(),
                     "'continue' inside a 'switch' in a loop whose condition is "
                     "a tensor is not supported");
      return;
    }
    std::string number = context_.newNumber();
    std::string breakFlag =
        code::GeneratedName.fill({{"kind", "break"}, {"number", number}});
    std::string continueFlag =
        code::GeneratedName.fill({{"kind", "continue"}, {"number", number}});
    bool breaks = !jumps.breaks.empty(), continues = !jumps.continues.empty();
    std::string flags =
        breaks && continues
            ? code::EitherFlag.fill({{"first", breakFlag}, {"second", continueFlag}})
            : breaks ? breakFlag : continueFlag;

    for (const Stmt *jump : jumps.breaks)
      context_.replace(context_.statementRange(jump),
                       code::SetFlag.fill({{"flag", breakFlag}}));
    for (const Stmt *jump : jumps.continues)
      context_.replace(context_.statementRange(jump),
                       code::SetFlag.fill({{"flag", continueFlag}}));
    guardAfterJumps(context_, body, jumps.containsJump, flags);

    // The loop: the break flag before it and in its condition, the continue
    // flag at the start of each iteration.
    std::string bodyPrologue =
        continues ? code::DeclareFlag.fill({{"flag", continueFlag}}) : "";
    std::string bodyEpilogue;
    if (const auto *forLoop = dyn_cast<ForStmt>(loop)) {
      if (const Expr *increment = forLoop->getInc()) {
        std::string text = context_.rewriter.getRewrittenText(increment->getSourceRange());
        context_.replace(CharSourceRange::getTokenRange(increment->getSourceRange()), "");
        bodyEpilogue =
            breaks ? " " + code::UnlessJumped.fill({{"flags", breakFlag}}) + text + "; }"
                   : " " + text + ";";
      }
    }
    if (const auto *rangeFor = dyn_cast<CXXForRangeStmt>(loop); rangeFor && breaks) {
      // After a break the body does nothing; a loop over a dataset ends
      // there (RangeForConverter passes the flag), one over rows visits them.
      bodyPrologue = code::UnlessJumped.fill({{"flags", breakFlag}}) + bodyPrologue;
      bodyEpilogue += " }";
    }
    wrapBody(body, bodyPrologue, bodyEpilogue);
    if (breaks) {
      if (const Expr *condition = conditionOf(loop))
        context_.replace(
            CharSourceRange::getTokenRange(condition->getSourceRange()),
            code::NotBrokenAnd.fill(
                {{"flag", breakFlag},
                 {"condition", context_.rewriter.getRewrittenText(
                                   condition->getSourceRange())}}));
      context_.rewriter.InsertTextBefore(
          loop->getBeginLoc(),
          code::LoopWithBreakStart.fill({{"flag", breakFlag}}));
      context_.rewriter.InsertTextAfterToken(context_.statementRange(loop).getEnd(), " }");
    }
  }

private:
  static const Expr *conditionOf(const Stmt *loop) {
    if (const auto *l = dyn_cast<WhileStmt>(loop))
      return l->getCond();
    if (const auto *l = dyn_cast<ForStmt>(loop))
      return l->getCond();
    if (const auto *l = dyn_cast<DoStmt>(loop))
      return l->getCond();
    return nullptr;
  }



  /// Puts `prologue` at the start and `epilogue` at the end of a loop body,
  /// bracing a body that is a single statement.
  void wrapBody(const Stmt *body, const std::string &prologue,
                const std::string &epilogue) {
    if (prologue.empty() && epilogue.empty())
      return;
    if (const auto *block = dyn_cast<CompoundStmt>(body)) {
      context_.rewriter.InsertTextAfterToken(block->getLBracLoc(), " " + prologue);
      // After the guards' closing braces: a for loop's increment runs after
      // a continue.
      context_.rewriter.InsertText(block->getRBracLoc(), epilogue + " ",
                                   /*InsertAfter=*/true);
      return;
    }
    context_.rewriter.InsertTextBefore(body->getBeginLoc(), "{ " + prologue);
    context_.rewriter.InsertTextAfterToken(context_.statementRange(body).getEnd(), epilogue + " }");
  }

  ConversionContext &context_;
};

} // namespace

void lowerLoopJumps(ConversionContext &context, const FunctionDecl *function) {
  // Inner loops first: text inserted at one place later goes before text
  // inserted there earlier, so an outer loop's guard wraps an inner loop's
  // break-flag block.
  struct Loops : RecursiveASTVisitor<Loops> {
    bool shouldTraversePostOrder() const { return true; }
    // A lambda's body is lowered as a function of its own.
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    std::vector<std::pair<const Stmt *, const Stmt *>> staged; // loop, body
    bool VisitWhileStmt(WhileStmt *s) {
      if (tensorCondition(s->getCond()))
        staged.push_back({s, s->getBody()});
      return true;
    }
    bool VisitForStmt(ForStmt *s) {
      if (s->getCond() && tensorCondition(s->getCond()))
        staged.push_back({s, s->getBody()});
      return true;
    }
    bool VisitDoStmt(DoStmt *s) {
      if (tensorCondition(s->getCond()))
        staged.push_back({s, s->getBody()});
      return true;
    }
    bool VisitCXXForRangeStmt(CXXForRangeStmt *s) {
      if (s->getRangeInit() && isStagedIterable(s->getRangeInit()->getType()))
        staged.push_back({s, s->getBody()});
      return true;
    }
  } loops;
  loops.TraverseStmt(function->getBody());
  LoopJumpLowering lowering(context);
  for (auto [loop, body] : loops.staged)
    lowering.lower(loop, body);
}

} // namespace autograph
