//===- ModuleCompiler.cpp - ag module to native code ----------------------===//
#include "autograph/CodeGen/ModuleCompiler.h"

#include "autograph/Lowering/Pipelines.h"
#include "MaskShortLoopTails.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;

namespace autograph::codegen {

void registerCompilationDialects(DialectRegistry &registry) {
  registerAgLoweringDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  // Parallel loops (ParallelLoops.cpp) become calls into libomp.
  registerOpenMPDialectTranslation(registry);
}

void prepareForCompiledCall(func::FuncOp function) {
  MLIRContext *context = function.getContext();
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    function.setArgAttr(i, "bufferization.writable", BoolAttr::get(context, false));
  function->setAttr("llvm.emit_c_interface", UnitAttr::get(context));
}

std::string formatDiagnostic(Diagnostic &diagnostic) {
  std::string text;
  llvm::raw_string_ostream os(text);
  Location location = diagnostic.getLocation();
  if (auto fileLine = dyn_cast<FileLineColLoc>(location))
    os << fileLine.getFilename().getValue() << ":" << fileLine.getLine() << ":"
       << fileLine.getColumn() << ": ";
  else if (!isa<UnknownLoc>(location))
    os << location << ": ";
  os << diagnostic << "\n";
  return text;
}

namespace {
/// Collects the diagnostics emitted while it lives.
struct DiagnosticCollector {
  DiagnosticCollector(MLIRContext *context, std::string &text)
      : handler(context, [&text](Diagnostic &d) {
          text += formatDiagnostic(d);
          return success();
        }) {}
  ScopedDiagnosticHandler handler;
};
} // namespace

LogicalResult lowerAgModule(ModuleOp module, LoweringStage stage,
                            const std::string &dumpDir, const std::string &name,
                            std::string &diagnostics) {
  MLIRContext *context = module.getContext();
  DiagnosticCollector collector(context, diagnostics);
  PassManager pm(context);
  buildAgToLinalgPipeline(pm);
  if (stage == LoweringStage::LLVM)
    buildLinalgToLLVMPipeline(pm);
  if (!dumpDir.empty()) {
    // The file tree is written from one thread.
    context->disableMultithreading();
    pm.enableIRPrintingToFileTree(
        [](Pass *, Operation *) { return false; },
        [](Pass *, Operation *) { return true; }, /*printModuleScope=*/true,
        /*printAfterOnlyOnChange=*/false, /*printAfterOnlyOnFailure=*/false,
        dumpDir + "/" + name);
  }
  return pm.run(module);
}

void internalizeAllButCInterfaces(llvm::Module &module) {
  for (llvm::Function &function : module)
    if (!function.isDeclaration() &&
        !function.getName().starts_with("_mlir_ciface_") &&
        !function.getName().starts_with("_mlir__mlir_ciface_"))
      function.setLinkage(llvm::GlobalValue::InternalLinkage);
  for (llvm::GlobalVariable &global : module.globals())
    if (!global.isDeclaration())
      global.setLinkage(llvm::GlobalValue::InternalLinkage);
}

void optimizeModule(llvm::Module &module, llvm::TargetMachine &machine) {
  // The new pass manager's -O3 pipeline, built here: MLIR's
  // makeOptimizingTransformer from Debian's libMLIR leaves modules nearly
  // untouched (no inlining, no vectorisation).
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = true;
  tuning.LoopInterleaving = true;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  llvm::PassBuilder builder(&machine, tuning);
  builder.registerLateLoopOptimizationsEPCallback(
      [](llvm::LoopPassManager &passes, llvm::OptimizationLevel) {
        passes.addPass(MaskShortLoopTailsPass());
      });
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  llvm::ModulePassManager pipeline =
      builder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  pipeline.run(module, modules);
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(bool portable) {
  static std::once_flag initialized;
  std::call_once(initialized, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple.str(), error);
  if (!target)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no target for " + triple.str() + ": " + error);
  std::string cpu = "generic";
  std::string features;
  if (!portable) {
    cpu = llvm::sys::getHostCPUName().str();
    for (auto &feature : llvm::sys::getHostCPUFeatures())
        features += (features.empty() ? "" : ",") +
                    std::string(feature.second ? "+" : "-") +
                    feature.first().str();
  } else if (triple.getArch() == llvm::Triple::x86_64) {
    cpu = "x86-64";
  }
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple.str(), cpu, features, options, llvm::Reloc::PIC_, std::nullopt,
      llvm::CodeGenOptLevel::Aggressive));
  if (!machine)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot create a target machine for " +
                                       triple.str() + " (" + cpu + ")");
  return machine;
}

llvm::Expected<std::unique_ptr<llvm::Module>>
translateToOptimizedLLVMIR(ModuleOp module, llvm::LLVMContext &context,
                           llvm::TargetMachine &machine) {
  std::string diagnostics;
  DiagnosticCollector collector(module.getContext(), diagnostics);
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "ag");
  if (!llvmModule)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "translation to LLVM IR failed:\n" + diagnostics);
  llvmModule->setTargetTriple(machine.getTargetTriple().str());
  llvmModule->setDataLayout(machine.createDataLayout());
  internalizeAllButCInterfaces(*llvmModule);
  optimizeModule(*llvmModule, machine);
  return llvmModule;
}

llvm::Expected<llvm::SmallVector<char, 0>>
emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                bool assembly) {
  llvm::SmallVector<char, 0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager pm;
  if (machine.addPassesToEmitFile(pm, os, nullptr,
                                  assembly ? llvm::CodeGenFileType::AssemblyFile
                                           : llvm::CodeGenFileType::ObjectFile))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the target cannot emit this file type");
  pm.run(module);
  return buffer;
}

std::string printWithLocations(Operation *op) {
  std::string text;
  llvm::raw_string_ostream os(text);
  OpPrintingFlags flags;
  flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false);
  op->print(os, flags);
  return text;
}

} // namespace autograph::codegen
