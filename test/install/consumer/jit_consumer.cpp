// Links autograph::jit: parses and verifies an ag module with the installed
// dialect.
#include <autograph/Dialect/Ag/AgDialect.h>
#include <autograph/Dialect/Ag/AgOps.h>

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <iostream>

int main() {
  mlir::MLIRContext context;
  context.loadDialect<mlir::ag::AgDialect, mlir::func::FuncDialect>();
  const char *source = R"mlir(
    func.func @square(%x: tensor<?xf32>) -> tensor<?xf32> {
      %y = ag.mul %x, %x : tensor<?xf32>
      return %y : tensor<?xf32>
    })mlir";
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(source, &context);
  if (!module || mlir::failed(mlir::verify(*module)))
    return 1;
  int count = 0;
  module->walk([&](mlir::ag::MulOp) { ++count; });
  std::cout << "ag ops: " << count << "\n";
  return count == 1 ? 0 : 1;
}
