//===- autograph-opt.cpp - mlir-opt for the ag dialect --------------------===//
//
// The upstream dialects that ag programs are lowered through, the ag dialect,
// and the generic transformation passes (canonicalize, cse, ...). Only what
// the project uses is registered, to keep the tool small and quick to build.
//
//===----------------------------------------------------------------------===//
#include "autograph/Lowering/Passes.h"
#include "autograph/Lowering/Pipelines.h"

#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();
  // Between the project's two parallel-loop passes (ParallelLoops.cpp).
  mlir::registerPass([] { return mlir::createConvertSCFToOpenMPPass(); });
  autograph::registerAutographLoweringPasses();
  autograph::registerAgPipelines();

  mlir::DialectRegistry registry;
  autograph::registerAgLoweringDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "autograph-opt: the ag dialect and its passes\n", registry));
}
