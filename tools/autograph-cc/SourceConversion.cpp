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

std::optional<std::string> lowerLoopJumpsInSource(ASTUnit &unit, bool &failed) {
  ASTContext &context = unit.getASTContext();
  SourceManager &sourceManager = context.getSourceManager();
  DiagnosticsEngine &diagnostics = context.getDiagnostics();
  TextDiagnosticPrinter printer(llvm::errs(), &diagnostics.getDiagnosticOptions());
  diagnostics.setClient(&printer, /*ShouldOwnClient=*/false);
  printer.BeginSourceFile(context.getLangOpts(), nullptr);
  Rewriter rewriter(sourceManager, context.getLangOpts());
  ConversionContext conversion{context, rewriter};
  // Flags get numbers of their own; the second pass numbers from 0 again.
  conversion.nextId = 1000;
  std::vector<const FunctionDecl *> functions = findFunctionsToConvert(context);
  std::vector<const FunctionDecl *> all = functions;
  for (const FunctionDecl *function : findCalledFunctions(context, functions))
    all.push_back(function);
  for (const FunctionDecl *function : all) {
    lowerReturns(conversion, function);
    lowerLoopJumps(conversion, function);
  }
  printer.EndSourceFile();
  failed = conversion.failed;
  const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(sourceManager.getMainFileID());
  if (failed || !buffer)
    return std::nullopt;
  return std::string(buffer->begin(), buffer->end());
}

std::optional<ConvertedSource> convertSource(ASTUnit &unit) {
  ASTContext &context = unit.getASTContext();
  SourceManager &sourceManager = context.getSourceManager();
  DiagnosticsEngine &diagnostics = context.getDiagnostics();
  TextDiagnosticPrinter printer(llvm::errs(), &diagnostics.getDiagnosticOptions());
  diagnostics.setClient(&printer, /*ShouldOwnClient=*/false);
  printer.BeginSourceFile(context.getLangOpts(), nullptr);
  Rewriter rewriter(sourceManager, context.getLangOpts());
  ConversionContext conversion{context, rewriter};
  std::vector<const FunctionDecl *> functions = findFunctionsToConvert(context);
  for (const FunctionDecl *function : functions)
    convertFunction(conversion, function);
  // The functions they call, converted in place and traced inline.
  for (const FunctionDecl *function : findCalledFunctions(context, functions))
    convertFunction(conversion, function, /*entry=*/false);
  printer.EndSourceFile();
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
