//===- SourceConversion.cpp - a parsed file to converted source -----------===//
#include "SourceConversion.h"

#include "ControlFlowConversion.h"
#include "FunctionsToConvert.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace autograph::cc {
namespace {

/// One conversion pass over the main file: a rewriter, and the converters'
/// diagnostics printed on stderr like the parser's.
struct Pass {
  explicit Pass(ASTUnit &unit)
      : context(unit.getASTContext()),
        printer(llvm::errs(), &context.getDiagnostics().getDiagnosticOptions()),
        rewriter(context.getSourceManager(), context.getLangOpts()),
        conversion{context, rewriter} {
    context.getDiagnostics().setClient(&printer, /*ShouldOwnClient=*/false);
    printer.BeginSourceFile(context.getLangOpts(), nullptr);
  }
  ~Pass() { printer.EndSourceFile(); }

  ASTContext &context;
  TextDiagnosticPrinter printer;
  Rewriter rewriter;
  ConversionContext conversion;
};

/// The AG_FUNCTIONs, then the functions they call.
std::vector<const FunctionDecl *> functionsToConvert(ASTContext &context,
                                                     size_t *entries) {
  std::vector<const FunctionDecl *> functions = findFunctionsToConvert(context);
  *entries = functions.size();
  for (const FunctionDecl *function : findCalledFunctions(context, functions))
    functions.push_back(function);
  return functions;
}

} // namespace

namespace {
/// Runs `lower` over the functions to convert; the main file's new text.
std::optional<std::string>
lowerInSource(ASTUnit &unit, bool &failed,
              void (*lower)(ConversionContext &, const FunctionDecl *)) {
  Pass pass(unit);
  ASTContext &context = pass.context;
  SourceManager &sourceManager = context.getSourceManager();
  // Flags get numbers of their own; the second pass numbers from 0 again.
  pass.conversion.nextId = 1000;
  size_t entries;
  for (const FunctionDecl *function : functionsToConvert(context, &entries))
    lower(pass.conversion, function);
  failed = pass.conversion.failed;
  const RewriteBuffer *buffer =
      pass.rewriter.getRewriteBufferFor(sourceManager.getMainFileID());
  if (failed || !buffer)
    return std::nullopt;
  return std::string(buffer->begin(), buffer->end());
}
} // namespace

std::optional<std::string> lowerReturnsInSource(ASTUnit &unit, bool &failed) {
  return lowerInSource(unit, failed, lowerReturns);
}

std::optional<std::string> lowerLoopJumpsInSource(ASTUnit &unit, bool &failed) {
  return lowerInSource(unit, failed, lowerLoopJumps);
}

std::optional<ConvertedSource> convertSource(ASTUnit &unit) {
  Pass pass(unit);
  ASTContext &context = pass.context;
  SourceManager &sourceManager = context.getSourceManager();
  Rewriter &rewriter = pass.rewriter;
  ConversionContext &conversion = pass.conversion;
  // The functions they call are converted in place and traced inline.
  size_t entries;
  std::vector<const FunctionDecl *> functions = functionsToConvert(context, &entries);
  for (size_t i = 0; i < functions.size(); ++i)
    convertFunction(conversion, functions[i], /*entry=*/i < entries);
  if (conversion.failed)
    return std::nullopt;

  // The converted code keeps every statement on its line; #line maps the
  // output back to the file, so errors and messages point at user code.
  ConvertedSource converted;
  converted.compiledFunctions = conversion.compiledFunctions;
  llvm::raw_string_ostream out(converted.text);
  FileID mainFile = sourceManager.getMainFileID();
  OptionalFileEntryRef entry = sourceManager.getFileEntryRefForID(mainFile);
  out << "#include <autograph/Function.h>\n";
  out << "#line 1 \"" << (entry ? entry->getName() : "<stdin>") << "\"\n";
  if (const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(mainFile))
    out << std::string(buffer->begin(), buffer->end());
  else
    out << sourceManager.getBufferData(mainFile);
  return converted;
}

void explainParseErrors(ASTUnit &unit) {
  Pass pass(unit);
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

} // namespace autograph::cc
