//===- ConvertFunction.cpp - the converter pipeline over one function -----===//
//
// Order: statements are visited innermost first, so an outer converter sees
// its body already converted. Constructs that depend on a tensor and that no
// converter handles yet get a located error, never a silent skip.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Tooling/Transformer/SourceCode.h"

using namespace clang;

namespace autograph {

CharSourceRange ConversionContext::statementRange(const Stmt *statement) const {
  return tooling::maybeExtendRange(
      CharSourceRange::getTokenRange(statement->getSourceRange()), tok::semi, ast);
}

LoopVariableCode loopVariableCode(const std::vector<Modification> &vars,
                                  const std::vector<Modification> &modified) {
  LoopVariableCode code;
  for (size_t i = 0; i < vars.size(); ++i) {
    std::string name = vars[i].variable->getNameAsString();
    code.unpack += "[[maybe_unused]] ::ag::Tensor " + name + " = ag__v[" +
                   std::to_string(i) + "]; ";
    code.list += (code.list.empty() ? "" : ", ") + name;
    code.names += (code.names.empty() ? "\"" : ", \"") + name + "\"";
  }
  // A tensor the body assigns but that is not carried (assigned before any
  // use in an iteration, dead after the loop) is a local of each iteration:
  // by reference, a value traced in the body would escape it.
  for (const Modification &m : modified)
    if (isTensorType(m.variable->getType()) &&
        llvm::none_of(vars, [&](const Modification &v) {
          return v.variable == m.variable;
        }))
      code.unpack += "[[maybe_unused]] ::ag::Tensor " +
                     m.variable->getNameAsString() + "; ";
  return code;
}

std::string ConversionContext::text(const Stmt *statement) {
  std::string text = rewriter.getRewrittenText(statementRange(statement));
  // The statement's own marker (`AG_LINE(N); `) stays in front of it.
  llvm::StringRef rest = text;
  if (rest.consume_front("AG_LINE(")) {
    size_t close = rest.find("); ");
    if (close != llvm::StringRef::npos &&
        llvm::all_of(rest.take_front(close), [](char c) { return c >= '0' && c <= '9'; }))
      return rest.drop_front(close + 3).str();
  }
  return text;
}

std::string ConversionContext::bodyText(const Stmt *body) {
  std::string text = this->text(body);
  if (isa<CompoundStmt>(body) || llvm::StringRef(text).starts_with("AG_LINE("))
    return text;
  return lineMarker(ast, body->getBeginLoc()) + "; " + text;
}

std::vector<Modification>
ConversionContext::liveAfter(const Stmt *statement,
                             std::vector<Modification> assigned) const {
  llvm::erase_if(assigned, [&](const Modification &m) {
    return !analyses->liveness().isLiveAfter(statement, m.variable);
  });
  return assigned;
}

void ConversionContext::replace(CharSourceRange range, const std::string &text) {
  // Text inserted right before or after the range (AG_LINE(N) markers of this
  // and the next statement) is not part of it and stays.
  Rewriter::RewriteOptions options;
  options.IncludeInsertsAtBeginOfRange = false;
  options.IncludeInsertsAtEndOfRange = false;
  // What follows stays on its line: the replacement has at least as many
  // line breaks as the text it replaces.
  std::string replacement = text;
  auto lines = [](llvm::StringRef s) { return s.count('\n'); };
  size_t before = lines(rewriter.getRewrittenText(range));
  for (size_t n = lines(replacement); n < before; ++n)
    replacement += "\n";
  rewriter.ReplaceText(range.getBegin(), rewriter.getRangeSize(range, options),
                       replacement);
}

bool ConversionContext::valueUnused(const Expr *expression) const {
  const Stmt *node = expression;
  while (true) {
    auto parents = ast.getParents(*node);
    if (parents.size() != 1)
      return false;
    const Stmt *parent = parents[0].get<Stmt>();
    if (!parent)
      return false;
    if (const auto *e = dyn_cast<Expr>(parent)) {
      if (!isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
               ImplicitCastExpr, ParenExpr>(e))
        return false;
      node = parent;
      continue;
    }
    // The condition of an if or a loop uses the value; a body does not.
    if (const auto *s = dyn_cast<IfStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<WhileStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<DoStmt>(parent))
      return s->getCond() != node;
    if (const auto *s = dyn_cast<ForStmt>(parent))
      return s->getCond() != node;
    if (isa<ReturnStmt, SwitchStmt, DeclStmt>(parent))
      return false;
    return true;
  }
}

void ConversionContext::error(SourceLocation where, const std::string &message) {
  failed = true;
  if (!reported.insert({where.getRawEncoding(), message}).second)
    return;
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Error, "%0");
  diagnostics.Report(where, id) << message;
  failed = true;
}

void ConversionContext::warning(SourceLocation where, const std::string &message) {
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Warning, "%0");
  diagnostics.Report(where, id) << message;
}

void ConversionContext::note(SourceLocation where, const std::string &message) {
  DiagnosticsEngine &diagnostics = ast.getDiagnostics();
  unsigned id = diagnostics.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  diagnostics.Report(where, id) << message;
}

void ConversionContext::replaceWithStagedCall(
    const Stmt *statement, const std::string &id, const std::string &call,
    const std::vector<Modification> &outputs, const std::string &prologue) {
  std::string text = "{ " + (prologue.empty() ? "" : prologue + " ") +
                     "::ag::TensorList " + id + " = " + call + ";";
  for (size_t i = 0; i < outputs.size(); ++i)
    text += " " + outputs[i].variable->getNameAsString() + " = " + id + "[" +
            std::to_string(i) + "];";
  text += " }";
  replace(statementRange(statement), text);
}

void guardAfterJumps(ConversionContext &context, const Stmt *statement,
                     const std::set<const Stmt *> &onPath,
                     const std::string &flags) {
  if (!onPath.count(statement))
    return;
  if (const auto *block = dyn_cast<CompoundStmt>(statement)) {
    unsigned open = 0;
    const Stmt *const *children = block->body_begin();
    for (unsigned i = 0; i < block->size(); ++i) {
      guardAfterJumps(context, children[i], onPath, flags);
      if (onPath.count(children[i]) && i + 1 < block->size()) {
        context.rewriter.InsertTextBefore(children[i + 1]->getBeginLoc(),
                                          "if (::ag::logical_not(" + flags + ")) { ");
        ++open;
      }
    }
    if (open)
      context.rewriter.InsertTextBefore(block->getRBracLoc(),
                                        std::string(open, '}') + " ");
    return;
  }
  for (const Stmt *child : statement->children())
    if (child)
      guardAfterJumps(context, child, onPath, flags);
}

bool checkStageable(ConversionContext &context, const Stmt *body,
                    const std::vector<Modification> &modified,
                    const char *construct) {
  bool ok = true;
  for (const Modification &m : modified)
    if (!isTensorType(m.variable->getType())) {
      context.error(m.where,
                    "variable '" + m.variable->getNameAsString() + "' of type '" +
                        m.variable->getType().getAsString() + "' is assigned in " +
                        construct + "; only ag::Tensor "
                        "variables can be staged");
      ok = false;
    }
  struct Finder : RecursiveASTVisitor<Finder> {
    ConversionContext &context;
    const char *construct;
    bool ok = true;
    Finder(ConversionContext &c, const char *k) : context(c), construct(k) {}
    void reject(SourceLocation where, const char *what) {
      context.error(where, std::string("'") + what + "' inside " + construct +
                               " is not supported yet");
      ok = false;
    }
    // Returns were lowered (or rejected, by name) in the first pass.
    bool VisitGotoStmt(GotoStmt *s) { reject(s->getBeginLoc(), "goto"); return true; }
    // A goto from outside into the staged body could not reach it.
    bool VisitLabelStmt(LabelStmt *s) { reject(s->getBeginLoc(), "label"); return true; }
    // break/continue of loops nested in the body belong to those loops.
    bool TraverseWhileStmt(WhileStmt *) { return true; }
    bool TraverseForStmt(ForStmt *) { return true; }
    bool TraverseDoStmt(DoStmt *) { return true; }
    bool TraverseCXXForRangeStmt(CXXForRangeStmt *) { return true; }
    bool TraverseSwitchStmt(SwitchStmt *) { return true; }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    // The jumps of staged loops became flags in the first pass: what is left
    // belongs to a loop over plain C++ values around this statement.
    void rejectJump(SourceLocation where, const char *what) {
      context.error(where, std::string("'") + what + "' inside " + construct +
                               " leaves a loop over plain C++ values, which "
                               "cannot depend on a tensor; make the loop's "
                               "condition a tensor");
      ok = false;
    }
    bool VisitBreakStmt(BreakStmt *s) { rejectJump(s->getBeginLoc(), "break"); return true; }
    bool VisitContinueStmt(ContinueStmt *s) { rejectJump(s->getBeginLoc(), "continue"); return true; }
  } finder(context, construct);
  finder.TraverseStmt(const_cast<Stmt *>(body));
  return ok && finder.ok;
}

namespace {

class Pipeline : public RecursiveASTVisitor<Pipeline> {
public:
  explicit Pipeline(ConversionContext &context) : context(context) {}
  bool shouldTraversePostOrder() const { return true; }
  // A lambda's body is converted as a function of its own (with its own
  // liveness), as FunctionsToConvert lists it.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitIfStmt(IfStmt *s) {
    if (!convertIf(context, s))
      convertDependentIf(context, s);
    return true;
  }
  bool VisitWhileStmt(WhileStmt *s) {
    if (!convertWhile(context, s))
      convertDependentLoop(context, s);
    return true;
  }
  bool VisitDoStmt(DoStmt *s) {
    if (!convertDo(context, s))
      convertDependentLoop(context, s);
    return true;
  }
  bool VisitForStmt(ForStmt *s) {
    if (!convertFor(context, s))
      convertDependentLoop(context, s);
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *s) {
    if (!convertRangeFor(context, s))
      convertDependentLoop(context, s);
    return true;
  }
  bool VisitConditionalOperator(ConditionalOperator *e) {
    if (!convertAssert(context, e) && !convertLogicalOperator(context, e))
      convertDependentLogicalOperator(context, e);
    return true;
  }
  bool VisitSwitchStmt(SwitchStmt *s) {
    rejectSwitchOnTensor(context, s);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *e) {
    convertStreamPrint(context, e);
    return true;
  }
  bool VisitCallExpr(CallExpr *e) {
    convertPrintf(context, e);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *e) {
    if (!convertLogicalOperator(context, e))
      convertDependentLogicalOperator(context, e);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *e) {
    if (!convertLogicalOperator(context, e))
      convertDependentLogicalOperator(context, e);
    return true;
  }

private:
  ConversionContext &context;
};

} // namespace

bool convertFunction(ConversionContext &context, const FunctionDecl *function,
                     bool entry) {
  bool failedBefore = context.failed;
  context.failed = false;
  FunctionAnalyses analyses(context.ast, function);
  context.analyses = &analyses;
  markSourceLocations(context, function);
  Pipeline(context).TraverseStmt(function->getBody());
  bool ok = !context.failed;
  // An AG_FUNCTION is compiled on call; a function it calls runs inline.
  // `autograph-cc --emit` can trace the free, non-template ones by name.
  if (ok && entry && wrapForTracing(context, function) &&
      !isa<CXXMethodDecl>(function) && !function->isTemplated())
    context.compiledFunctions.push_back(function->getNameAsString());
  context.analyses = nullptr;
  context.failed = failedBefore || context.failed;
  return ok;
}

} // namespace autograph
