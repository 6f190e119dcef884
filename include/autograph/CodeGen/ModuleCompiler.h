//===- ModuleCompiler.h - ag module to native code --------------*- C++ -*-===//
//
// What the JIT (ag::function) and the AOT compiler (autograph-cc --emit=obj)
// share: preparing a traced function for calls through MLIR's C interface,
// running the lowering pipelines (optionally dumping every stage), the
// target machine for the host CPU or a portable one, LLVM IR optimised for
// it, and object files. Used by tools and lib/Tracing only; keep it out of
// the runtime's headers.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_CODEGEN_MODULECOMPILER_H
#define AUTOGRAPH_CODEGEN_MODULECOMPILER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir {
class Diagnostic;
class DialectRegistry;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace autograph::codegen {

/// The dialects, interfaces and LLVM IR translations compiling an ag module
/// needs.
void registerCompilationDialects(mlir::DialectRegistry &registry);

/// Marks `function` for calls from C++: arguments are read-only (ag tensors
/// are immutable and shared) and a `_mlir_ciface_` wrapper is emitted.
void prepareForCompiledCall(mlir::func::FuncOp function);

/// How far lowerAgModule goes.
enum class LoweringStage {
  Linalg, ///< `ag-to-linalg`: scf + linalg on tensors, fused, detensorised
  LLVM,   ///< `ag-to-llvm`: the LLVM dialect
};

/// Lowers an ag module in place. With a non-empty `dumpDir`, the module
/// after every pass is written under `dumpDir/name/` (one file per pass,
/// numbered in pipeline order). On failure, `diagnostics` has the passes'
/// errors with their locations.
mlir::LogicalResult lowerAgModule(mlir::ModuleOp module, LoweringStage stage,
                                  const std::string &dumpDir,
                                  const std::string &name,
                                  std::string &diagnostics);

/// A target machine for this process's triple: the host CPU with all its
/// features, or with `portable` a baseline CPU of the architecture
/// (x86-64 without extensions, generic elsewhere).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(bool portable);

/// Only the C interface is called from outside (`_mlir_ciface_*` and the
/// JIT's packed `_mlir__mlir_ciface_*`): every other definition becomes
/// internal, so it can be inlined away and cannot clash with other modules.
void internalizeAllButCInterfaces(llvm::Module &module);

/// LLVM's -O3 pipeline for `machine` (inlining, loop and SLP vectorisation
/// for its CPU).
void optimizeModule(llvm::Module &module, llvm::TargetMachine &machine);

/// Translates a module in the LLVM dialect to LLVM IR for `machine` and
/// optimises it at -O3. Only `_mlir_ciface_*` functions stay visible.
llvm::Expected<std::unique_ptr<llvm::Module>>
translateToOptimizedLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &context,
                           llvm::TargetMachine &machine);

/// The object file (or assembly) of `module` for `machine`.
llvm::Expected<llvm::SmallVector<char, 0>>
emitMachineCode(llvm::Module &module, llvm::TargetMachine &machine,
                bool assembly = false);

/// "file:line:col: message" (clang style) for a diagnostic at a file
/// location, else "location: message", with a line break.
std::string formatDiagnostic(mlir::Diagnostic &diagnostic);

/// Text of a module with its locations, in a form that parses back.
std::string printWithLocations(mlir::Operation *op);

} // namespace autograph::codegen

#endif // AUTOGRAPH_CODEGEN_MODULECOMPILER_H
