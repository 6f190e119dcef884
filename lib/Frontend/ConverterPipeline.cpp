//===- ConverterPipeline.cpp - the converters, in order -------------------===//
//
// The one place that says what runs when. A file goes through the stages
// below in order; each stage runs over every function to convert (the
// AG_FUNCTIONs, then the functions they call), and a stage's output is
// parsed again before the next, so each converter sees valid C++ whose AST
// matches its text:
//
//   1. Returns     ReturnConverter.cpp
//   2. LoopJumps   LoopJumpConverter.cpp
//   3. Constructs  per function: its analyses (FunctionAnalyses), line
//                  markers (SourceLocationMarker.cpp), the construct
//                  converters innermost first (ConstructConverters below),
//                  then the AG_FUNCTION wrapper (FunctionWrapper.cpp).
//
//===----------------------------------------------------------------------===//
#include "ConverterPipeline.h"

#include "Converters.h"
#include "FunctionsToConvert.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/raw_ostream.h"

#include <list>

using namespace clang;

namespace autograph {
namespace {

//===----------------------------------------------------------------------===//
// Stage 3: the construct converters
//===----------------------------------------------------------------------===//

/// Runs `converters` on `node` in order until one rewrites it.
template <typename Node, typename... Converter>
void firstThatConverts(ConversionContext &context, Node *node,
                       Converter... converters) {
  (converters(context, node) || ...);
}

/// One traversal of a function's body in post-order (innermost first, so an
/// outer converter sees its body already converted). At each node, the
/// converters for its kind, in this order: the first that applies rewrites
/// it. A construct that depends on a tensor and that none converts gets a
/// located error from its converter, never a silent skip.
class ConstructConverters : public RecursiveASTVisitor<ConstructConverters> {
public:
  explicit ConstructConverters(ConversionContext &context) : context(context) {}
  bool shouldTraversePostOrder() const { return true; }
  // A lambda's body is converted as a function of its own (with its own
  // analyses), as FunctionsToConvert lists it.
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitIfStmt(IfStmt *s) {
    firstThatConverts(context, s, convertIf, convertDependentIf);
    return true;
  }
  bool VisitWhileStmt(WhileStmt *s) {
    firstThatConverts(context, s, convertWhile, dependentLoop);
    return true;
  }
  bool VisitDoStmt(DoStmt *s) {
    firstThatConverts(context, s, convertDo, dependentLoop);
    return true;
  }
  bool VisitForStmt(ForStmt *s) {
    firstThatConverts(context, s, convertFor, dependentLoop);
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *s) {
    firstThatConverts(context, s, convertRangeFor, dependentLoop);
    return true;
  }
  bool VisitSwitchStmt(SwitchStmt *s) {
    firstThatConverts(context, s, rejectSwitchOnTensor);
    return true;
  }
  bool VisitConditionalOperator(ConditionalOperator *e) {
    firstThatConverts(context, e, convertAssert, logicalOperator,
                      dependentLogicalOperator);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *e) {
    firstThatConverts(context, e, logicalOperator, dependentLogicalOperator);
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *e) {
    firstThatConverts(context, e, logicalOperator, dependentLogicalOperator);
    return true;
  }
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *e) {
    firstThatConverts(context, e, convertStreamPrint);
    return true;
  }
  bool VisitCallExpr(CallExpr *e) {
    firstThatConverts(context, e, convertPrintf);
    return true;
  }

private:
  // The converters that take a more general node type.
  static bool dependentLoop(ConversionContext &c, Stmt *s) {
    return convertDependentLoop(c, s);
  }
  static bool logicalOperator(ConversionContext &c, Expr *e) {
    return convertLogicalOperator(c, e);
  }
  static bool dependentLogicalOperator(ConversionContext &c, Expr *e) {
    return convertDependentLogicalOperator(c, e);
  }

  ConversionContext &context;
};

/// Stage 3 over one function; an `entry` (an AG_FUNCTION, not a function it
/// calls) is then wrapped to trace and compile on call.
void convertConstructs(ConversionContext &context, const FunctionDecl *function,
                       bool entry) {
  bool failedBefore = context.failed;
  context.failed = false;
  FunctionAnalyses analyses(context.ast, function);
  context.analyses = &analyses;
  markSourceLocations(context, function);
  ConstructConverters(context).TraverseStmt(function->getBody());
  // An AG_FUNCTION is compiled on call; a function it calls runs inline.
  // `autograph-cc --emit` can trace the free, non-template ones by name.
  if (!context.failed && entry && wrapForTracing(context, function) &&
      !isa<CXXMethodDecl>(function) && !function->isTemplated())
    context.compiledFunctions.push_back(function->getNameAsString());
  context.analyses = nullptr;
  context.failed = failedBefore || context.failed;
}

//===----------------------------------------------------------------------===//
// The stages
//===----------------------------------------------------------------------===//

struct Stage {
  ConversionStage id;
  /// Runs the stage's converters over one function.
  void (*convert)(ConversionContext &, const FunctionDecl *, bool entry);
  /// The first number of the temporaries it generates (ag__if_N, ...):
  /// the flags of the first stages keep numbers of their own.
  unsigned firstId;
};

/// The pipeline, in order.
const Stage kStages[] = {
    {ConversionStage::Returns,
     [](ConversionContext &c, const FunctionDecl *f, bool) {
       lowerReturns(c, f);
     },
     1000},
    {ConversionStage::LoopJumps,
     [](ConversionContext &c, const FunctionDecl *f, bool) {
       lowerLoopJumps(c, f);
     },
     1000},
    {ConversionStage::Constructs, convertConstructs, 0},
};

/// One stage's pass over the main file: a rewriter, and the converters'
/// diagnostics printed on stderr like the parser's.
struct SourcePass {
  explicit SourcePass(ASTUnit &unit)
      : context(unit.getASTContext()),
        printer(llvm::errs(), &context.getDiagnostics().getDiagnosticOptions()),
        rewriter(context.getSourceManager(), context.getLangOpts()),
        conversion{context, rewriter} {
    context.getDiagnostics().setClient(&printer, /*ShouldOwnClient=*/false);
    printer.BeginSourceFile(context.getLangOpts(), nullptr);
  }
  ~SourcePass() { printer.EndSourceFile(); }

  /// Runs `stage` over the functions to convert; whether none failed.
  bool run(const Stage &stage) {
    std::vector<const FunctionDecl *> functions =
        findFunctionsToConvert(context);
    size_t entries = functions.size();
    for (const FunctionDecl *called : findCalledFunctions(context, functions))
      functions.push_back(called);
    conversion.nextId = stage.firstId;
    for (size_t i = 0; i < functions.size(); ++i)
      stage.convert(conversion, functions[i], /*entry=*/i < entries);
    return !conversion.failed;
  }

  /// The main file's text as rewritten, or nothing when it is unchanged.
  std::optional<std::string> rewrittenText() const {
    const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(
        context.getSourceManager().getMainFileID());
    if (!buffer)
      return std::nullopt;
    return std::string(buffer->begin(), buffer->end());
  }

  ASTContext &context;
  TextDiagnosticPrinter printer;
  Rewriter rewriter;
  ConversionContext conversion;
};

std::string mainFileText(ASTUnit &unit) {
  SourceManager &sourceManager = unit.getSourceManager();
  return sourceManager.getBufferData(sourceManager.getMainFileID()).str();
}

/// The last stage's output: the file, converted, compiles on its own lines.
ConvertedSource finalSource(ASTUnit &unit, const SourcePass &pass) {
  SourceManager &sourceManager = unit.getSourceManager();
  ConvertedSource converted;
  converted.compiledFunctions = pass.conversion.compiledFunctions;
  llvm::raw_string_ostream out(converted.text);
  OptionalFileEntryRef entry =
      sourceManager.getFileEntryRefForID(sourceManager.getMainFileID());
  // The converted code keeps every statement on its line; #line maps the
  // output back to the file, so errors and messages point at user code.
  out << "#include <autograph/Function.h>\n";
  out << "#line 1 \"" << (entry ? entry->getName() : "<stdin>") << "\"\n";
  out << pass.rewrittenText().value_or(mainFileText(unit));
  return converted;
}

} // namespace

std::optional<ConvertedSource> convertMainFile(std::unique_ptr<ASTUnit> unit,
                                               const ParseMainFile &parse,
                                               ConversionStage last) {
  // The parsed units point into these texts (a mapped file is not copied).
  std::list<std::string> stageOutputs;
  for (const Stage &stage : kStages) {
    bool finalStage = &stage == &kStages[std::size(kStages) - 1];
    std::optional<std::string> output;
    {
      SourcePass pass(*unit);
      if (!pass.run(stage)) {
        // The later stages' errors too, from the file as it stands.
        if (!finalStage)
          SourcePass(*unit).run(kStages[std::size(kStages) - 1]);
        return std::nullopt;
      }
      if (finalStage)
        return finalSource(*unit, pass);
      output = pass.rewrittenText();
    }
    if (output) {
      stageOutputs.push_back(std::move(*output));
      if (!(unit = parse(&stageOutputs.back())))
        return std::nullopt;
    }
    if (stage.id == last)
      return ConvertedSource{mainFileText(*unit), {}};
  }
  return std::nullopt;
}

void explainParseErrors(ASTUnit &unit) {
  SourcePass pass(unit);
  noteSwitchesOnTensors(pass.context);
}

std::string listFunctionsToConvert(ASTUnit &unit) {
  ASTContext &context = unit.getASTContext();
  SourceManager &sourceManager = context.getSourceManager();
  std::string text;
  llvm::raw_string_ostream out(text);
  for (const FunctionDecl *function : findFunctionsToConvert(context)) {
    PresumedLoc loc = sourceManager.getPresumedLoc(function->getLocation());
    out << loc.getFilename() << ":" << loc.getLine() << ":" << loc.getColumn()
        << ": " << function->getQualifiedNameAsString() << "\n";
  }
  return text;
}

} // namespace autograph
