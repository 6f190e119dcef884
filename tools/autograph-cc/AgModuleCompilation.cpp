//===- AgModuleCompilation.cpp - autograph-cc's back end ------------------===//
#include "AgModuleCompilation.h"

#include "OutputFile.h"

#include "autograph/CodeGen/AotHeader.h"
#include "autograph/CodeGen/ModuleCompiler.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>

using namespace mlir;

namespace autograph::cc {
namespace {

class StageTimer {
public:
  explicit StageTimer(bool verbose) : verbose_(verbose) {}
  void done(llvm::StringRef stage) {
    auto now = std::chrono::steady_clock::now();
    if (verbose_)
      llvm::errs() << llvm::format(
          "autograph-cc: %s (%.3f s)\n", stage.str().c_str(),
          std::chrono::duration<double>(now - start_).count());
    start_ = now;
  }

private:
  bool verbose_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

int fail(llvm::StringRef stage, llvm::StringRef message) {
  // Diagnostics (lines ending in a line break) start on a line of their own.
  llvm::errs() << "autograph-cc: error: " << stage << " failed:"
               << (message.ends_with("\n") ? "\n" : " ") << message;
  if (!message.ends_with("\n"))
    llvm::errs() << "\n";
  return 1;
}

bool writeDump(const std::string &dumpDir, llvm::StringRef name,
               llvm::StringRef contents) {
  if (dumpDir.empty())
    return true;
  if (std::error_code error = llvm::sys::fs::create_directories(dumpDir)) {
    llvm::errs() << "autograph-cc: error: cannot create --dump-dir " << dumpDir
                 << ": " << error.message() << "\n";
    return false;
  }
  llvm::SmallString<256> path(dumpDir);
  llvm::sys::path::append(path, name);
  return writeOutput(path, contents);
}

} // namespace

int compileAgModules(llvm::ArrayRef<AgModuleText> modules,
                     const CompileOptions &options) {
  StageTimer timer(options.verbose);
  DialectRegistry registry;
  codegen::registerCompilationDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string diagnostics;
  ScopedDiagnosticHandler handler(&context, [&diagnostics](Diagnostic &d) {
    diagnostics += codegen::formatDiagnostic(d);
    return success();
  });

  // One module with every traced function.
  OwningOpRef<ModuleOp> module;
  for (const AgModuleText &source : modules) {
    OwningOpRef<ModuleOp> parsed =
        parseSourceString<ModuleOp>(source.text, &context, source.name);
    if (!parsed)
      return fail("reading the ag module", diagnostics);
    if (!module) {
      module = std::move(parsed);
      continue;
    }
    for (Operation &op : llvm::make_early_inc_range(*parsed->getBody())) {
      if (auto symbol = dyn_cast<SymbolOpInterface>(op))
        if (module->lookupSymbol(symbol.getName()))
          return fail("merging the traced modules",
                      "two functions are named '" + symbol.getName().str() + "'");
      op.moveBefore(module->getBody(), module->getBody()->end());
    }
  }
  if (!module)
    return fail("reading the ag module", "no module");
  if (failed(verify(*module)))
    return fail("verifying the ag module", diagnostics);

  // The functions to compile: those named, else every public function.
  std::vector<func::FuncOp> functions;
  for (const std::string &name : options.functions) {
    auto function = module->lookupSymbol<func::FuncOp>(name);
    if (!function)
      return fail("finding the functions", "the module has no function '" +
                                               name + "'");
    functions.push_back(function);
  }
  if (options.functions.empty())
    for (auto function : module->getOps<func::FuncOp>())
      if (function.isPublic() && !function.isDeclaration())
        functions.push_back(function);
  std::string name = functions.empty() ? "module" : functions.front().getName().str();
  if (!writeDump(options.dumpDir, name + ".ag.mlir",
                 codegen::printWithLocations(*module)))
    return 1;
  if (options.emit == EmitKind::Ag)
    return writeOutput(options.output, codegen::printWithLocations(*module)) ? 0 : 1;

  // Compiled functions get symbols of their own: `_mlir_ciface_ag_aot_NAME`.
  std::vector<codegen::AotFunction> aotFunctions;
  for (func::FuncOp function : functions) {
    std::string original = function.getName().str();
    std::string symbol = codegen::aotSymbolName(original);
    if (options.emit == EmitKind::Obj || options.emit == EmitKind::Asm ||
        options.emit == EmitKind::LLVMIR) {
      if (failed(SymbolTable::replaceAllSymbolUses(
              function, StringAttr::get(&context, symbol), *module)))
        return fail("renaming " + original, diagnostics);
      SymbolTable::setSymbolName(function, symbol);
    }
    aotFunctions.push_back(codegen::aotFunctionOf(function, original, symbol));
    codegen::prepareForCompiledCall(function);
  }
  std::string header;
  if (!options.header.empty()) {
    llvm::Expected<std::string> text = codegen::emitAotHeader(
        aotFunctions, llvm::sys::path::filename(options.header));
    if (!text)
      return fail("writing the header", llvm::toString(text.takeError()));
    header = std::move(*text);
  }

  bool toLinalg = options.emit == EmitKind::Linalg;
  if (failed(codegen::lowerAgModule(
          *module,
          toLinalg ? codegen::LoweringStage::Linalg : codegen::LoweringStage::LLVM,
          options.dumpDir, name, diagnostics)))
    return fail(toLinalg ? "lowering to linalg" : "lowering to the LLVM dialect",
                diagnostics);
  timer.done(toLinalg ? "lowered to linalg" : "lowered to the LLVM dialect");
  if (options.emit == EmitKind::Linalg || options.emit == EmitKind::LLVMDialect)
    return writeOutput(options.output, codegen::printWithLocations(*module)) ? 0 : 1;

  auto machine = codegen::createTargetMachine(options.portable);
  if (!machine)
    return fail("creating the target machine", llvm::toString(machine.takeError()));
  llvm::LLVMContext llvmContext;
  auto llvmModule =
      codegen::translateToOptimizedLLVMIR(*module, llvmContext, **machine);
  if (!llvmModule)
    return fail("translating to LLVM IR", llvm::toString(llvmModule.takeError()));
  timer.done("translated to LLVM IR and optimised for " +
             (*machine)->getTargetCPU().str());
  std::string ir;
  llvm::raw_string_ostream(ir) << **llvmModule;
  if (!writeDump(options.dumpDir, name + ".ll", ir))
    return 1;
  if (options.emit == EmitKind::LLVMIR)
    return writeOutput(options.output, ir) ? 0 : 1;

  bool assembly = options.emit == EmitKind::Asm;
  auto code = codegen::emitMachineCode(**llvmModule, **machine, assembly);
  if (!code)
    return fail("generating machine code", llvm::toString(code.takeError()));
  timer.done(assembly ? "generated assembly" : "generated the object file");
  llvm::StringRef bytes(code->data(), code->size());
  if (!assembly && (options.output.empty() || options.output == "-"))
    return fail("writing the object file", "--emit=obj needs -o FILE");
  // The header only once the object is there: never one without the other.
  if (!writeOutput(options.output, bytes))
    return 1;
  if (!header.empty() && !writeOutput(options.header, header)) {
    llvm::sys::fs::remove(options.output);
    return 1;
  }
  return 0;
}

} // namespace autograph::cc
