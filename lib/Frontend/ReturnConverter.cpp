//===- ReturnConverter.cpp - early return from a tensor if -----------------===//
//
// Part of the first pass. In a function that returns ag::Tensor and has a
// `return` inside an `if` whose condition is a tensor, every return becomes
// the assignment of one result variable, and the statements after an `if`
// whose branch always returns move into its `else`, so that every path
// assigns the result exactly once and the staged `if` has it as an output
// on both sides (as AutoGraph's return_statements converter does):
//
//   if (x < 0.f)                 ::ag::Tensor __ag_retval;
//     return -x;                 if (x < 0.f)
//   x = x * 2.f;                   { __ag_retval = -x; }
//   return x;                    else { x = x * 2.f;
//                                { __ag_retval = x; } }
//                                return __ag_retval;
//
// Supported: returns whose `if` (then branch, or both branches) always ends
// in a return. A return inside a staged loop, or one that a branch reaches
// only on some paths, gets a located error.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Tooling/Transformer/SourceCode.h"

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

/// Whether a return inside `statement` sits in a tensor if.
struct StagedReturnFinder : RecursiveASTVisitor<StagedReturnFinder> {
  int stagedIfs = 0;
  bool found = false;
  bool TraverseIfStmt(IfStmt *statement) {
    bool staged = tensorCondition(statement->getCond()) != nullptr;
    stagedIfs += staged;
    bool result = RecursiveASTVisitor::TraverseIfStmt(statement);
    stagedIfs -= staged;
    return result;
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool VisitReturnStmt(ReturnStmt *) {
    found |= stagedIfs > 0;
    return true;
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

class ReturnLowering {
public:
  explicit ReturnLowering(ConversionContext &context) : context_(context) {}

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
        if (i + 1 < count)
          context_.replace(
              CharSourceRange::getCharRange(children[i + 1]->getBeginLoc(),
                                            block->getRBracLoc()),
              "");
        break;
      }
      const auto *branch = dyn_cast<IfStmt>(child);
      if (branch && !branch->getElse() && alwaysReturns(branch->getThen())) {
        lowerStatement(branch->getThen());
        if (i + 1 < count) {
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
      std::string value =
          ret->getRetValue()
              ? context_.rewriter.getRewrittenText(ret->getRetValue()->getSourceRange())
              : "";
      context_.replace(context_.statementRange(ret),
                       "{ __ag_retval = " + value + "; }");
    } else if (const auto *block = dyn_cast<CompoundStmt>(statement)) {
      lowerBlock(block);
    } else if (const auto *branch = dyn_cast<IfStmt>(statement)) {
      lowerStatement(branch->getThen());
      lowerStatement(branch->getElse());
    } else {
      reject(statement);
    }
  }

  /// Returns that this lowering cannot reach get a located error.
  void reject(const Stmt *statement) {
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
};

} // namespace

void lowerReturns(ConversionContext &context, const FunctionDecl *function) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(function->getBody());
  if (!body)
    return;
  StagedReturnFinder finder;
  finder.TraverseStmt(const_cast<CompoundStmt *>(body));
  if (!finder.found)
    return;
  if (!isTensorType(function->getReturnType())) {
    context.error(function->getLocation(),
                  "a 'return' inside an 'if' whose condition is a tensor is "
                  "converted only in functions returning ag::Tensor");
    return;
  }
  context.rewriter.InsertTextAfterToken(body->getLBracLoc(),
                                        " ::ag::Tensor __ag_retval;");
  ReturnLowering(context).lowerBlock(body);
  context.rewriter.InsertText(body->getRBracLoc(), " return __ag_retval; ",
                              /*InsertAfter=*/true);
}

} // namespace autograph
