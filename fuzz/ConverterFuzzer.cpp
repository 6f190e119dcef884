//===- ConverterFuzzer.cpp - the converter on arbitrary C++ sources -------===//
//
// What `autograph-cc FILE --emit=cpp` does with a source: parse it (with the
// ag headers, precompiled once at start-up so that an input costs
// milliseconds), run the converter pipeline over its AG_FUNCTIONs, and,
// when it converts, parse the converted source again. Any input must end in
// converted source or in located diagnostics, never in a crash; and a
// conversion that succeeds must give source that Clang accepts (else the
// converter wrote invalid C++: a finding).
//
//===----------------------------------------------------------------------===//
#include "ConverterPipeline.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/Utils.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

std::vector<std::string> commonArgs() {
  return {"-std=c++17", "-resource-dir", AUTOGRAPH_CLANG_RESOURCE_DIR, "-idirafter",
          AUTOGRAPH_INCLUDE_DIR, "-Wno-everything"};
}

/// The precompiled header's directory, removed at exit.
std::string &temporaryDirectory() {
  static std::string dir;
  return dir;
}

/// Precompiles <autograph/autograph.h> into a temporary file; the path, or
/// "" if that failed (then every input parses the headers itself).
std::string precompileHeaders() {
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("autograph-converter-fuzzer", dir))
    return "";
  temporaryDirectory() = dir.str().str();
  std::atexit([] { llvm::sys::fs::remove_directories(temporaryDirectory()); });
  std::string header = (dir + "/prelude.h").str(), pch = header + ".pch";
  {
    std::error_code error;
    llvm::raw_fd_ostream out(header, error);
    if (error)
      return "";
    out << "#include <autograph/autograph.h>\n";
  }
  std::vector<std::string> args = {"clang++", "-x", "c++-header"};
  for (const std::string &a : commonArgs())
    args.push_back(a);
  args.insert(args.end(), {header, "-o", pch});
  std::vector<const char *> argv;
  for (const std::string &a : args)
    argv.push_back(a.c_str());
  clang::CreateInvocationOptions options;
  std::shared_ptr<clang::CompilerInvocation> invocation = clang::createInvocation(argv, options);
  if (!invocation)
    return "";
  invocation->getFrontendOpts().OutputFile = pch;
  clang::CompilerInstance compiler;
  compiler.setInvocation(std::move(invocation));
  compiler.createDiagnostics();
  clang::GeneratePCHAction action;
  if (!compiler.ExecuteAction(action) || compiler.getDiagnostics().hasErrorOccurred())
    return "";
  return pch;
}

const std::vector<std::string> &parseArgs() {
  static const std::vector<std::string> args = [] {
    std::vector<std::string> a = commonArgs();
    std::string pch = precompileHeaders();
    if (pch.empty()) {
      std::fprintf(stderr, "converter fuzzer: precompiling the ag headers failed; "
                           "each input parses them (slow)\n");
    } else {
      a.insert(a.end(), {"-include-pch", pch});
    }
    return a;
  }();
  return args;
}

std::unique_ptr<clang::ASTUnit> parse(const std::string &code) {
  std::unique_ptr<clang::ASTUnit> unit =
      clang::tooling::buildASTFromCodeWithArgs(code, parseArgs(), "input.cc");
  if (!unit || unit->getDiagnostics().hasErrorOccurred())
    return nullptr;
  return unit;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string source(reinterpret_cast<const char *>(data), size);
  std::unique_ptr<clang::ASTUnit> unit = parse(source);
  if (!unit)
    return 0; // not C++ that Clang accepts: nothing to convert
  auto reparse = [&](const std::string *contents) {
    return parse(contents ? *contents : source);
  };
  std::optional<autograph::ConvertedSource> converted =
      autograph::convertMainFile(std::move(unit), reparse);
  if (!converted)
    return 0; // diagnosed
  // The converted text starts with the ag headers and a #line directive.
  if (!parse(converted->text)) {
    std::fprintf(stderr, "converter fuzzer: the converted source does not compile:\n%s\n",
                 converted->text.c_str());
    std::abort();
  }
  return 0;
}
