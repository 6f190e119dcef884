//===- AutographOptFuzzer.cpp - autograph-opt on arbitrary bytes ----------===//
//
// What `autograph-opt -canonicalize -ag-to-llvm` does with a file: parse,
// verify, canonicalize, lower through linalg and scf to the LLVM dialect.
// Any bytes must end in a module or in diagnostics (a failed parse, verify
// or pass), never in a crash. Modules with ops of other dialects than the
// ones traced ag modules hold (builtin, func, arith, ag) are skipped after
// parsing: the fuzzer searches the project's own code, not upstream MLIR's.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace {

bool holdsOnlyTracedDialects(mlir::ModuleOp module) {
  bool only = true;
  module->walk([&](mlir::Operation *op) {
    llvm::StringRef dialect = op->getName().getDialectNamespace();
    if (dialect != "builtin" && dialect != "func" && dialect != "arith" && dialect != "ag")
      only = false;
  });
  return only;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static mlir::DialectRegistry *registry = [] {
    auto *r = new mlir::DialectRegistry;
    autograph::registerAgLoweringDialects(*r);
    return r;
  }();
  mlir::MLIRContext context(*registry, mlir::MLIRContext::Threading::DISABLED);
  mlir::ScopedDiagnosticHandler quiet(&context, [](mlir::Diagnostic &) {
    return mlir::success();
  });
  std::string text(reinterpret_cast<const char *>(data), size);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, &context, "fuzz.mlir");
  if (!module || mlir::failed(mlir::verify(*module)) || !holdsOnlyTracedDialects(*module))
    return 0;
  mlir::PassManager pm(&context);
  pm.addPass(mlir::createCanonicalizerPass());
  autograph::buildAgToLinalgPipeline(pm);
  autograph::buildLinalgToLLVMPipeline(pm);
  (void)pm.run(*module); // a failed pass reports a diagnostic: fine
  return 0;
}
