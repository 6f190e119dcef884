//===- autograph-cc.cpp - the autograph-cc source-to-source compiler ------===//
//
//   autograph-cc FILE [-o OUT] -- COMPILER-FLAGS
//
// Parses FILE as C++ with the given flags (or a compilation database, -p),
// reports errors as clang diagnostics, finds the AG_FUNCTION functions and
// writes the converted source: to stdout, or atomically to OUT.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
#include "FunctionsToConvert.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Rewrite/Core/Rewriter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace clang::tooling;

static llvm::cl::OptionCategory category("autograph-cc options");
static llvm::cl::opt<std::string>
    outputPath("o", llvm::cl::desc("Write the converted source to <file> "
                                   "(atomically) instead of stdout"),
               llvm::cl::value_desc("file"), llvm::cl::cat(category));
static llvm::cl::opt<bool> listFunctions(
    "list-functions",
    llvm::cl::desc("Print the AG_FUNCTION functions found, one per line "
                   "(file:line:col: name), instead of the source"),
    llvm::cl::cat(category));

/// The directory with <autograph/autograph.h>: next to the installed tool,
/// or the source tree for a tool run from its build tree.
static std::string agIncludeDir(const char *argv0) {
  std::string exe = llvm::sys::fs::getMainExecutable(
      argv0, reinterpret_cast<void *>(&agIncludeDir));
  llvm::SmallString<256> installed(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(exe)));
  llvm::sys::path::append(installed, "include");
  llvm::SmallString<256> header(installed);
  llvm::sys::path::append(header, "autograph", "autograph.h");
  if (llvm::sys::fs::exists(header))
    return std::string(installed);
  return AUTOGRAPH_SOURCE_INCLUDE_DIR;
}

/// Writes `text` to `path` through a temporary file renamed into place, so
/// that a failure never leaves a partial output file.
static bool writeAtomically(llvm::StringRef path, llvm::StringRef text) {
  llvm::Expected<llvm::sys::fs::TempFile> temp =
      llvm::sys::fs::TempFile::create(path + ".tmp-%%%%%%");
  if (!temp) {
    llvm::errs() << "autograph-cc: error: cannot write '" << path
                 << "': " << llvm::toString(temp.takeError()) << "\n";
    return false;
  }
  {
    llvm::raw_fd_ostream out(temp->FD, /*shouldClose=*/false);
    out << text;
    out.flush();
    if (out.has_error()) {
      llvm::consumeError(temp->discard());
      llvm::errs() << "autograph-cc: error: cannot write '" << path << "'\n";
      return false;
    }
  }
  if (llvm::Error error = temp->keep(path)) {
    llvm::errs() << "autograph-cc: error: cannot write '" << path
                 << "': " << llvm::toString(std::move(error)) << "\n";
    return false;
  }
  return true;
}

int main(int argc, const char **argv) {
  llvm::Expected<CommonOptionsParser> options = CommonOptionsParser::create(
      argc, argv, category, llvm::cl::Required,
      "autograph-cc: converts AG_FUNCTION functions for tracing and "
      "compilation\n");
  if (!options) {
    llvm::errs() << llvm::toString(options.takeError());
    return 1;
  }
  if (options->getSourcePathList().size() != 1) {
    llvm::errs() << "autograph-cc: error: expected exactly one source file\n";
    return 1;
  }

  ClangTool tool(options->getCompilations(), options->getSourcePathList());
  // A tool built outside LLVM's tree cannot find clang's builtin headers by
  // itself; the ag headers are added after the user's own include paths.
  tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      "-resource-dir=" AUTOGRAPH_CLANG_RESOURCE_DIR, ArgumentInsertPosition::END));
  tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      {"-idirafter", agIncludeDir(argv[0])}, ArgumentInsertPosition::END));

  std::vector<std::unique_ptr<ASTUnit>> asts;
  int status = tool.buildASTs(asts);
  if (status != 0 || asts.size() != 1 ||
      asts.front()->getDiagnostics().hasErrorOccurred())
    return 1;

  ASTContext &context = asts.front()->getASTContext();
  SourceManager &sourceManager = context.getSourceManager();
  std::vector<const FunctionDecl *> functions =
      autograph::findFunctionsToConvert(context);

  std::string text;
  llvm::raw_string_ostream out(text);
  if (listFunctions) {
    for (const FunctionDecl *function : functions) {
      PresumedLoc loc = sourceManager.getPresumedLoc(function->getLocation());
      out << loc.getFilename() << ":" << loc.getLine() << ":"
          << loc.getColumn() << ": " << function->getQualifiedNameAsString()
          << "\n";
    }
  } else {
    // Diagnostics of the conversion go to stderr like the parser's.
    DiagnosticsEngine &diagnostics = context.getDiagnostics();
    TextDiagnosticPrinter printer(llvm::errs(),
                                  &diagnostics.getDiagnosticOptions());
    diagnostics.setClient(&printer, /*ShouldOwnClient=*/false);
    printer.BeginSourceFile(context.getLangOpts(), nullptr);
    Rewriter rewriter(sourceManager, context.getLangOpts());
    autograph::ConversionContext conversion{context, rewriter};
    for (const FunctionDecl *function : functions)
      autograph::convertFunction(conversion, function);
    printer.EndSourceFile();
    if (conversion.failed)
      return 1;
    // The converted code keeps every statement on its line; #line maps the
    // output back to the file, so errors and messages point at user code.
    FileID mainFile = sourceManager.getMainFileID();
    OptionalFileEntryRef entry = sourceManager.getFileEntryRefForID(mainFile);
    out << "#include <autograph/Function.h>\n";
    out << "#line 1 \"" << (entry ? entry->getName() : "<stdin>") << "\"\n";
    if (const RewriteBuffer *buffer = rewriter.getRewriteBufferFor(mainFile))
      out << std::string(buffer->begin(), buffer->end());
    else
      out << sourceManager.getBufferData(mainFile);
  }
  out.flush();

  if (outputPath.empty() || outputPath == "-") {
    llvm::outs() << text;
    return 0;
  }
  return writeAtomically(outputPath, text) ? 0 : 1;
}
