//===- AgModuleCompilation.h - autograph-cc's back end ----------*- C++ -*-===//
//
// From traced ag modules to what `--emit` asks for: the ag module itself,
// a lowering stage, LLVM IR, assembly, or an object file plus the ag::aot
// header (ahead-of-time compilation).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CC_AGMODULECOMPILATION_H
#define AUTOGRAPH_CC_AGMODULECOMPILATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace autograph::cc {

enum class EmitKind { Cpp, CppJumps, Ag, Linalg, LLVMDialect, LLVMIR, Asm, Obj };

struct CompileOptions {
  EmitKind emit = EmitKind::Obj;
  std::string output;        ///< -o ("-": stdout)
  std::string header;        ///< --header (with --emit=obj)
  std::string dumpDir;       ///< --dump-dir
  bool portable = false;     ///< --portable: baseline CPU of the architecture
  bool verbose = false;      ///< -v
  std::vector<std::string> functions; ///< --function (empty: all in the module)
};

/// An ag module's text and where it comes from (for diagnostics).
struct AgModuleText {
  std::string name;
  std::string text;
};

/// Parses `modules` (their functions are merged into one module), emits
/// what `options` ask for and writes it. Errors name the stage; nothing is
/// written then. Returns the exit status.
int compileAgModules(llvm::ArrayRef<AgModuleText> modules,
                     const CompileOptions &options);

} // namespace autograph::cc

#endif // AUTOGRAPH_CC_AGMODULECOMPILATION_H
