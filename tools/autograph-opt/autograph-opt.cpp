//===- autograph-opt.cpp - mlir-opt for the ag dialect --------------------===//
//
// The upstream dialects that ag programs are lowered through, the ag dialect,
// and the generic transformation passes (canonicalize, cse, ...). Only what
// the project uses is registered, to keep the tool small and quick to build.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

int main(int argc, char **argv) {
  mlir::registerTransformsPasses();

  mlir::DialectRegistry registry;
  registry.insert<mlir::ag::AgDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::math::MathDialect,
                  mlir::scf::SCFDialect, mlir::tensor::TensorDialect>();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "autograph-opt: the ag dialect and its passes\n", registry));
}
