//===- ReturnConverter.cpp - early return from a tensor if -----------------===//
//
// Part of the first pass. In a function that returns ag::Tensor and has a
// `return` inside an `if` whose condition is a tensor, every return becomes
// the assignment of one result variable, and the statements after an `if`
// whose branch always returns move into its `else`, so that every path
// assigns the result exactly once and the staged `if` has it as an output
// on both sides (as AutoGraph's return_statements converter does):
//
//   if (x < 0.f)                 ::ag::Tensor ag__retval;
//     return -x;                 if (x < 0.f)
//   x = x * 2.f;                   { ag__retval = -x; }
//   return x;                    else { x = x * 2.f;
//                                { ag__retval = x; } }
//                                return ag__retval;
//
// That is the plain form, used when every such `if` (its then branch, or
// both branches) always ends in a return. Otherwise (a return inside a
// loop whose condition is a tensor, or reached on only some paths of a
// branch), returns set a flag too, as in AutoGraph:
//
//   while (x > 1.f) {            ::ag::Tensor ag__retval = ::ag::Tensor::return_placeholder(...);
//     if (x > 10.f) return x;    ::ag::Tensor ag__do_return = ::ag::constant(false);
//     x = x / 2.f;               while (x > 1.f) {
//   }                              if (x > 10.f) { ag__retval = x; ag__do_return = ::ag::constant(true); break; }
//   return x;                      x = x / 2.f;
//                                }
//                                if (::ag::logical_not(ag__do_return)) { { ag__retval = x; ... } }
//                                return ag__retval;
//
// A return inside a loop also breaks it, and a loop that contains one is
// followed, inside an enclosing loop, by `if (ag__do_return) break;`
// (LoopJumpConverter.cpp turns those breaks into flags in the next pass);
// outside loops, the statements after one that may return are guarded by
// the flag. The result starts as a return placeholder, to which tracing
// gives zeros of the returned type on the paths that have not returned yet
// (never read there). Rejected with a located error: such a return inside a
// loop over plain C++ values when a tensor decides it, or inside a switch.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Tooling/Transformer/SourceCode.h"

#include <set>

using namespace clang;

namespace autograph {
namespace {

/// Whether every path through `statement` ends in a return.
bool alwaysReturns(const Stmt *statement) {
  if (!statement)
    return false;
  if (isa<ReturnStmt>(statement))
    return true;
  if (const auto *block = dyn_cast<CompoundStmt>(statement))
    return llvm::any_of(block->body(), alwaysReturns);
  if (const auto *branch = dyn_cast<IfStmt>(statement))
    return alwaysReturns(branch->getThen()) && alwaysReturns(branch->getElse());
  return false;
}

/// Whether an if or a loop is staged: its condition is a tensor.
bool isStaged(const Stmt *statement) {
  if (const auto *s = dyn_cast<IfStmt>(statement))
    return tensorCondition(s->getCond()) != nullptr;
  if (const auto *s = dyn_cast<WhileStmt>(statement))
    return tensorCondition(s->getCond()) != nullptr;
  if (const auto *s = dyn_cast<DoStmt>(statement))
    return tensorCondition(s->getCond()) != nullptr;
  if (const auto *s = dyn_cast<ForStmt>(statement))
    return s->getCond() && tensorCondition(s->getCond()) != nullptr;
  if (const auto *s = dyn_cast<CXXForRangeStmt>(statement))
    return s->getRangeInit() && isStagedIterable(s->getRangeInit()->getType());
  return false;
}

bool isLoop(const Stmt *statement) {
  return isa<WhileStmt, DoStmt, ForStmt, CXXForRangeStmt>(statement);
}

/// The returns of a function (not of its lambdas), each with the statements
/// from the function's body down to it.
struct ReturnPaths : RecursiveASTVisitor<ReturnPaths> {
  std::vector<std::vector<const Stmt *>> paths;
  std::vector<const Stmt *> path;
  bool TraverseStmt(Stmt *statement) {
    if (!statement)
      return true;
    path.push_back(statement);
    bool result = RecursiveASTVisitor::TraverseStmt(statement);
    path.pop_back();
    return result;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitReturnStmt(ReturnStmt *) {
    paths.push_back(path);
    return true;
  }
  /// Whether some return is inside an if or a loop whose condition is a
  /// tensor.
  bool anyStaged() const { return anyInside(isStaged); }
  /// Whether some return is inside an if whose condition's type depends on a
  /// template parameter.
  bool anyInDependentIf() const {
    return anyInside([](const Stmt *s) {
      const auto *branch = dyn_cast<IfStmt>(s);
      return branch && branch->getCond() && branch->getCond()->isTypeDependent();
    });
  }
  template <class Predicate> bool anyInside(Predicate predicate) const {
    for (const auto &p : paths)
      if (llvm::any_of(p, predicate))
        return true;
    return false;
  }
};

bool containsReturn(const Stmt *statement) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool found = false;
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitReturnStmt(ReturnStmt *) {
      found = true;
      return false;
    }
  } finder;
  finder.TraverseStmt(const_cast<Stmt *>(statement));
  return finder.found;
}

/// The plain form. With `apply` false nothing is rewritten: fits() says
/// whether every return is reached.
class ReturnLowering {
public:
  ReturnLowering(ConversionContext &context, bool apply)
      : context_(context), apply_(apply) {}
  bool fits() const { return fits_; }

  /// In `block`: the statements after an `if` whose then branch always
  /// returns (and that has no else) go into an else; what follows a
  /// statement that always returns is dropped (it never runs); returns
  /// become assignments of the result.
  void lowerBlock(const CompoundStmt *block) {
    const Stmt *const *children = block->body_begin();
    unsigned count = block->size(), open = 0;
    for (unsigned i = 0; i < count; ++i) {
      const Stmt *child = children[i];
      if (alwaysReturns(child)) {
        lowerStatement(child);
        if (i + 1 < count && apply_)
          context_.replace(
              CharSourceRange::getCharRange(children[i + 1]->getBeginLoc(),
                                            block->getRBracLoc()),
              "");
        break;
      }
      const auto *branch = dyn_cast<IfStmt>(child);
      if (branch && !branch->getElse() && alwaysReturns(branch->getThen())) {
        lowerStatement(branch->getThen());
        if (i + 1 < count && apply_) {
          context_.rewriter.InsertTextAfterToken(context_.statementRange(branch).getEnd(), " else {");
          ++open;
        }
        continue;
      }
      if (containsReturn(child))
        reject(child);
    }
    if (open)
      context_.rewriter.InsertText(block->getRBracLoc(), std::string(open, '}') + " ",
                                   /*InsertAfter=*/true);
  }

private:
  /// A statement that always returns.
  void lowerStatement(const Stmt *statement) {
    if (const auto *ret = dyn_cast<ReturnStmt>(statement)) {
      if (!apply_)
        return;
      std::string value =
          ret->getRetValue()
              ? context_.rewriter.getRewrittenText(ret->getRetValue()->getSourceRange())
              : "";
      context_.replace(context_.statementRange(ret),
                       code::SetResult.fill({{"value", value}}));
    } else if (const auto *block = dyn_cast<CompoundStmt>(statement)) {
      lowerBlock(block);
    } else if (const auto *branch = dyn_cast<IfStmt>(statement)) {
      lowerStatement(branch->getThen());
      lowerStatement(branch->getElse());
    } else {
      reject(statement);
    }
  }

  /// Returns that this lowering cannot reach.
  void reject(const Stmt *statement) {
    fits_ = false;
    if (!apply_)
      return;
    struct Finder : RecursiveASTVisitor<Finder> {
      ConversionContext &context;
      explicit Finder(ConversionContext &c) : context(c) {}
      bool TraverseLambdaExpr(LambdaExpr *) { return true; }
      bool VisitReturnStmt(ReturnStmt *s) {
        context.error(s->getBeginLoc(),
                      "'return' here cannot be converted: the function returns "
                      "from inside an 'if' whose condition is a tensor, and this "
                      "return is in a loop or is reached on only some paths of "
                      "a branch");
        return true;
      }
    } finder(context_);
    finder.TraverseStmt(const_cast<Stmt *>(statement));
  }

  ConversionContext &context_;
  bool apply_;
  bool fits_ = true;
};

/// The form with a return flag (see the top of the file).
class FlagReturnLowering {
public:
  explicit FlagReturnLowering(ConversionContext &context) : context_(context) {}

  void lower(const FunctionDecl *function, const CompoundStmt *body,
             const ReturnPaths &returns) {
    bool ok = true;
    for (const std::vector<const Stmt *> &path : returns.paths)
      ok = check(path) && ok;
    if (!ok)
      return;
    std::set<const Stmt *> onPath; // outside every loop, down to the outermost
    std::set<const Stmt *> loopsDone;
    for (const std::vector<const Stmt *> &path : returns.paths) {
      const auto *ret = cast<ReturnStmt>(path.back());
      const Stmt *innermostLoop = nullptr;
      for (const Stmt *s : path)
        if (isLoop(s))
          innermostLoop = s;
      std::string value =
          ret->getRetValue() ? context_.rewriter.getRewrittenText(
                                   ret->getRetValue()->getSourceRange())
                             : "";
      context_.replace(context_.statementRange(ret),
                       code::SetResultAndReturnFlag.fill(
                           {{"value", value},
                            {"break", innermostLoop ? " break;" : ""}}));
      // A loop that contains the return, inside another loop: that one is
      // left too.
      const Stmt *outerLoop = nullptr;
      for (const Stmt *s : path) {
        if (!isLoop(s))
          continue;
        if (outerLoop && loopsDone.insert(s).second)
          context_.rewriter.InsertTextAfterToken(
              context_.statementRange(s).getEnd(),
              isStaged(outerLoop) ? code::BreakIfReturned.fill({})
                                  : code::BreakIfReturnedPlain.fill({}));
        outerLoop = s;
      }
      for (const Stmt *s : path) {
        onPath.insert(s);
        if (isLoop(s))
          break;
      }
    }
    guardAfterJumps(context_, body, onPath, "ag__do_return");
    std::string reason =
        "'" + function->getNameAsString() +
        "' has no result: the end of the function was reached without a "
        "return";
    context_.rewriter.InsertTextAfterToken(
        body->getLBracLoc(),
        code::ResultAndReturnFlag.fill({{"reason", reason}}));
    context_.rewriter.InsertText(body->getRBracLoc(),
                                 code::ReturnResult.fill({}),
                                 /*InsertAfter=*/true);
  }

private:
  /// A return decided by a tensor cannot leave a loop over plain C++ values;
  /// one inside a switch cannot break out of a loop or guard what follows.
  bool check(const std::vector<const Stmt *> &path) {
    const Stmt *ret = path.back();
    for (size_t i = 0; i < path.size(); ++i) {
      if (isa<SwitchStmt>(path[i])) {
        context_.error(ret->getBeginLoc(),
                       "'return' inside a 'switch' cannot be converted in a "
                       "function that returns from inside an 'if' or a loop "
                       "whose condition is a tensor");
        return false;
      }
      if (!isLoop(path[i]) || isStaged(path[i]))
        continue;
      for (size_t j = i + 1; j < path.size(); ++j)
        if (isStaged(path[j])) {
          context_.error(ret->getBeginLoc(),
                         "'return' inside " + describe(path[j]) +
                             " leaves a loop over plain C++ values, which "
                             "cannot depend on a tensor; make the loop's "
                             "condition a tensor");
          return false;
        }
    }
    return true;
  }

  static std::string describe(const Stmt *staged) {
    return isa<IfStmt>(staged) ? "an 'if' whose condition is a tensor"
                               : "a loop whose condition is a tensor";
  }

  ConversionContext &context_;
};

} // namespace

/// The plain form: `declaration` declares ag__retval.
static void lowerToElse(ConversionContext &context, const CompoundStmt *body,
                        const std::string &declaration) {
  context.rewriter.InsertTextAfterToken(body->getLBracLoc(), " " + declaration);
  ReturnLowering(context, /*apply=*/true).lowerBlock(body);
  context.rewriter.InsertText(body->getRBracLoc(), code::ReturnResult.fill({}),
                              /*InsertAfter=*/true);
}

void lowerReturns(ConversionContext &context, const FunctionDecl *function) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(function->getBody());
  if (!body)
    return;
  ReturnPaths returns;
  returns.TraverseStmt(const_cast<CompoundStmt *>(body));
  bool staged = returns.anyStaged(), dependent = returns.anyInDependentIf();
  if (!staged && !dependent)
    return;
  ReturnLowering plain(context, /*apply=*/false);
  plain.lowerBlock(body);
  if (isTensorType(function->getReturnType())) {
    bool inTensorIf = returns.anyInside(
        [](const Stmt *s) { return isa<IfStmt>(s) && isStaged(s); });
    if ((!inTensorIf && !dependent) || !plain.fits())
      FlagReturnLowering(context).lower(function, body, returns);
    else
      lowerToElse(context, body, code::TensorResult.fill({}));
    return;
  }
  // In a template, a result of a dependent type in the plain form: every
  // path assigns it once, whatever the instantiation.
  QualType result = function->getReturnType();
  SourceRange written = function->getReturnTypeSourceRange();
  if (!staged && result->isDependentType() && !result->getContainedAutoType() &&
      written.isValid()) {
    if (!plain.fits()) {
      context.error(function->getLocation(),
                    "a 'return' inside an 'if' whose condition depends on a "
                    "template parameter is converted only when every such "
                    "'if' (its then branch, or both branches) always returns");
      return;
    }
    lowerToElse(context, body,
                code::DependentResult.fill(
                    {{"type", context.rewriter.getRewrittenText(written)}}));
    return;
  }
  context.error(function->getLocation(),
                "a 'return' inside an 'if' or a loop whose condition is a "
                "tensor (or depends on a template parameter) is converted only "
                "in functions returning ag::Tensor or a template parameter's "
                "type");
}

} // namespace autograph
