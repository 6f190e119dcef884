//===- autograph-cc.cpp - the autograph-cc compiler ------------------------===//
//
//   autograph-cc FILE.cc [-o OUT] -- COMPILER-FLAGS
//       the converted source (to stdout, or atomically to OUT)
//   autograph-cc FILE.cc --emit=ag|linalg|llvm|llvm-ir|asm|obj
//       --function=F --signature=SIG [--function=G --signature=SIG ...]
//       [-o OUT] [--header F.h] [--dump-dir DIR] [--portable] [-v] -- FLAGS
//       traces the functions (by compiling and running the converted source
//       with FLAGS) and prints or compiles their ag module
//   autograph-cc FILE.mlir --emit=... [--function=F ...] -- 
//       the same from an ag module (e.g. one that AG_DUMP_DIR wrote)
//
// Parsing uses the flags after `--` or a compilation database (-p); errors
// are clang diagnostics or messages naming the failed stage, with a non-zero
// exit and no output file.
//
//===----------------------------------------------------------------------===//
#include "AgModuleCompilation.h"
#include "OutputFile.h"
#include "ConverterPipeline.h"
#include "TraceByRunning.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>

using namespace clang;
using namespace clang::tooling;
using autograph::cc::EmitKind;

static llvm::cl::OptionCategory category("autograph-cc options");
static llvm::cl::opt<std::string>
    outputPath("o", llvm::cl::desc("Write the output to <file> (atomically) "
                                   "instead of stdout"),
               llvm::cl::value_desc("file"), llvm::cl::cat(category));
static llvm::cl::opt<bool> listFunctions(
    "list-functions",
    llvm::cl::desc("Print the AG_FUNCTION functions found, one per line "
                   "(file:line:col: name), instead of the source"),
    llvm::cl::cat(category));
static llvm::cl::opt<EmitKind> emit(
    "emit", llvm::cl::desc("What to produce"), llvm::cl::init(EmitKind::Cpp),
    llvm::cl::values(
        clEnumValN(EmitKind::Cpp, "cpp", "the converted C++ source (default)"),
        clEnumValN(EmitKind::CppJumps, "cpp-jumps",
                   "the C++ source after the first passes (returns, break and "
                   "continue of staged code become flags), before staging"),
        clEnumValN(EmitKind::Ag, "ag", "the traced ag module"),
        clEnumValN(EmitKind::Linalg, "linalg",
                   "after ag-to-linalg: scf + linalg on tensors"),
        clEnumValN(EmitKind::LLVMDialect, "llvm", "after ag-to-llvm: the LLVM dialect"),
        clEnumValN(EmitKind::LLVMIR, "llvm-ir", "optimised LLVM IR"),
        clEnumValN(EmitKind::Asm, "asm", "assembly"),
        clEnumValN(EmitKind::Obj, "obj",
                   "an object file (-o), and with --header its ag::aot header")),
    llvm::cl::cat(category));
static llvm::cl::list<std::string>
    functionNames("function",
                  llvm::cl::desc("An AG_FUNCTION to trace (repeatable; each "
                                 "with a --signature)"),
                  llvm::cl::value_desc("name"), llvm::cl::cat(category));
static llvm::cl::list<std::string> signatures(
    "signature",
    llvm::cl::desc("Its input signature, e.g. \"f32[?,784],i64[]\" (dtypes f32 "
                   "f64 i32 i64 bool; ? for a dimension known at run time)"),
    llvm::cl::value_desc("sig"), llvm::cl::cat(category));
static llvm::cl::opt<std::string>
    headerPath("header",
               llvm::cl::desc("With --emit=obj: write the C++ header declaring "
                              "the compiled functions in namespace ag::aot"),
               llvm::cl::value_desc("file"), llvm::cl::cat(category));
static llvm::cl::opt<std::string> dumpDir(
    "dump-dir",
    llvm::cl::desc("Write the converted source, the ag module and every "
                   "lowering stage under <dir>"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(category));
static llvm::cl::opt<bool> portable(
    "portable",
    llvm::cl::desc("Compile for the architecture's baseline CPU (x86-64) "
                   "instead of this host's CPU and all its extensions"),
    llvm::cl::cat(category));
static llvm::cl::opt<bool> verbose(
    "v", llvm::cl::desc("Report each stage and its time on stderr"),
    llvm::cl::cat(category));

static llvm::StringRef emitName() {
  switch (emit) {
  case EmitKind::Cpp: return "cpp";
  case EmitKind::CppJumps: return "cpp-jumps";
  case EmitKind::Ag: return "ag";
  case EmitKind::Linalg: return "linalg";
  case EmitKind::LLVMDialect: return "llvm";
  case EmitKind::LLVMIR: return "llvm-ir";
  case EmitKind::Asm: return "asm";
  case EmitKind::Obj: return "obj";
  }
  return "?";
}

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

/// The user's compile flags for `file`, without the compiler, the file and
/// what selects the output (-c, -o X).
static std::vector<std::string> userCompileFlags(const CompilationDatabase &db,
                                                 llvm::StringRef file) {
  std::vector<std::string> flags;
  std::vector<CompileCommand> commands = db.getCompileCommands(file);
  if (commands.empty())
    return flags;
  const std::vector<std::string> &line = commands.front().CommandLine;
  for (size_t i = 1; i < line.size(); ++i) {
    llvm::StringRef argument = line[i];
    // Clang tooling adds --driver-mode=g++, which other compilers reject.
    if (argument == "-c" || argument == "--" ||
        argument.starts_with("--driver-mode="))
      continue;
    if (argument == "-o") {
      ++i;
      continue;
    }
    if (argument.starts_with("-o") && argument.size() > 2)
      continue;
    if (llvm::sys::path::filename(argument) == llvm::sys::path::filename(file) &&
        !argument.starts_with("-"))
      continue;
    flags.push_back(argument.str());
  }
  return flags;
}

static autograph::cc::CompileOptions compileOptions() {
  autograph::cc::CompileOptions options;
  options.emit = emit;
  options.output = outputPath;
  options.header = headerPath;
  options.dumpDir = dumpDir;
  options.portable = portable;
  options.verbose = verbose;
  options.functions = functionNames;
  return options;
}

static int compileAgFile(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(path);
  if (!buffer) {
    llvm::errs() << "autograph-cc: error: cannot read '" << path
                 << "': " << buffer.getError().message() << "\n";
    return 1;
  }
  return autograph::cc::compileAgModules(
      {{path.str(), (*buffer)->getBuffer().str()}}, compileOptions());
}

int main(int argc, const char **argv) {
  llvm::Expected<CommonOptionsParser> options = CommonOptionsParser::create(
      argc, argv, category, llvm::cl::Required,
      "autograph-cc: converts AG_FUNCTION functions, traces and compiles "
      "them\n");
  if (!options) {
    llvm::errs() << llvm::toString(options.takeError());
    return 1;
  }
  if (options->getSourcePathList().size() != 1) {
    llvm::errs() << "autograph-cc: error: expected exactly one source file\n";
    return 1;
  }
  std::string source = options->getSourcePathList().front();
  if (!headerPath.empty() && emit != EmitKind::Obj) {
    llvm::errs() << "autograph-cc: error: --header needs --emit=obj\n";
    return 1;
  }
  if (llvm::sys::path::extension(source) == ".mlir") {
    if (emit == EmitKind::Cpp || emit == EmitKind::CppJumps) {
      llvm::errs() << "autograph-cc: error: " << source
                   << " is an ag module: choose what to --emit\n";
      return 1;
    }
    return compileAgFile(source);
  }
  if (emit != EmitKind::Cpp && emit != EmitKind::CppJumps &&
      (functionNames.empty() ||
                                functionNames.size() != signatures.size())) {
    llvm::errs() << "autograph-cc: error: --emit=" << emitName()
                 << " traces: give each --function=NAME a --signature=SIG\n";
    return 1;
  }

  auto start = std::chrono::steady_clock::now();
  // Parses the file (or `contents` in its place) with the user's flags; a
  // tool built outside LLVM's tree cannot find clang's builtin headers by
  // itself, and the ag headers come after the user's own include paths.
  auto parse = [&](const std::string *contents) -> std::unique_ptr<ASTUnit> {
    ClangTool tool(options->getCompilations(), options->getSourcePathList());
    tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        "-resource-dir=" AUTOGRAPH_CLANG_RESOURCE_DIR, ArgumentInsertPosition::END));
    tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        {"-idirafter", agIncludeDir(argv[0])}, ArgumentInsertPosition::END));
    // mapVirtualFile keeps the path by reference until buildASTs runs.
    llvm::SmallString<256> absolute(source);
    if (contents) {
      llvm::sys::fs::make_absolute(absolute);
      tool.mapVirtualFile(absolute, *contents);
    }
    std::vector<std::unique_ptr<ASTUnit>> asts;
    if (tool.buildASTs(asts) != 0 || asts.size() != 1 ||
        asts.front()->getDiagnostics().hasErrorOccurred()) {
      if (asts.size() == 1)
        autograph::explainParseErrors(*asts.front());
      return nullptr;
    }
    return std::move(asts.front());
  };
  std::unique_ptr<ASTUnit> unit = parse(nullptr);
  if (!unit)
    return 1;

  if (listFunctions)
    return autograph::cc::writeOutput(
               outputPath, autograph::listFunctionsToConvert(*unit))
               ? 0
               : 1;
  // The converter pipeline (lib/Frontend/ConverterPipeline.cpp).
  std::optional<autograph::ConvertedSource> converted =
      autograph::convertMainFile(std::move(unit), parse,
                                 emit == EmitKind::CppJumps
                                     ? autograph::ConversionStage::LoopJumps
                                     : autograph::ConversionStage::Constructs);
  if (!converted)
    return 1;
  if (emit == EmitKind::CppJumps)
    return autograph::cc::writeOutput(outputPath, converted->text) ? 0 : 1;
  if (verbose)
    llvm::errs() << llvm::format(
        "autograph-cc: converted %s (%.3f s)\n", source.c_str(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count());
  if (!dumpDir.empty()) {
    llvm::sys::fs::create_directories(dumpDir);
    llvm::SmallString<256> path(dumpDir);
    llvm::sys::path::append(path, llvm::sys::path::stem(source) + ".converted.cc");
    if (!autograph::cc::writeOutput(path, converted->text))
      return 1;
  }
  if (emit == EmitKind::Cpp)
    return autograph::cc::writeOutput(outputPath, converted->text) ? 0 : 1;

  autograph::cc::TraceSetup setup;
  setup.sourcePath = source;
  setup.compileFlags = userCompileFlags(options->getCompilations(), source);
  setup.agIncludeDir = agIncludeDir(argv[0]);
  setup.argv0 = argv[0];
  setup.verbose = verbose;
  std::vector<autograph::cc::TraceTarget> targets;
  for (size_t i = 0; i < functionNames.size(); ++i)
    targets.push_back({functionNames[i], signatures[i]});
  std::optional<std::vector<std::string>> modules =
      autograph::cc::traceByRunning(*converted, setup, targets);
  if (!modules)
    return 1;
  std::vector<autograph::cc::AgModuleText> traced;
  for (size_t i = 0; i < modules->size(); ++i)
    traced.push_back({"trace of " + functionNames[i], (*modules)[i]});
  return autograph::cc::compileAgModules(traced, compileOptions());
}
