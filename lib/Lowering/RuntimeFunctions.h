//===- RuntimeFunctions.h - callees of lowered code -------------*- C++ -*-===//
//
// The runtime functions lowered ag code calls, as the lowering sees them:
// an enumerator per function of include/autograph/CompiledCodeABI.def, whose
// name and MLIR type come from that list (as do the runtime's C declarations
// and the JIT's symbol map), so a callee cannot be misspelt or declared with
// a type the runtime does not define.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_LOWERING_RUNTIMEFUNCTIONS_H
#define AUTOGRAPH_LOWERING_RUNTIMEFUNCTIONS_H

#include "mlir/IR/Builders.h"

namespace autograph::lowering {

enum class RuntimeFunction {
#define AG_RUNTIME_FUNCTION(name, result, parameters) name,
#include "autograph/CompiledCodeABI.def"
};

/// "agrt_memref_<name>".
llvm::StringRef runtimeFunctionName(RuntimeFunction function);

/// Its type: text is tensor<?xi8>, an unranked tensor tensor<*xT>, a matrix
/// runtimeMatrixType(T); a bool result is i1.
mlir::FunctionType runtimeFunctionType(RuntimeFunction function,
                                       mlir::MLIRContext *context);

/// memref<?x?xT, strided<[?, ?], offset: ?>>: any 2-d view.
mlir::MemRefType runtimeMatrixType(mlir::Type elementType);

/// `text` as a tensor<?xi8> constant: an AG_ABI_TEXT argument.
mlir::Value runtimeText(mlir::OpBuilder &builder, mlir::Location loc,
                        llvm::StringRef text);

/// Calls `function` with `arguments` at the builder's insertion point,
/// declaring it (private, tensor arguments read-only) at the top of the
/// module that contains `anchor` on first use. The call's verifier checks
/// the arguments against the declared type.
mlir::Operation *callRuntimeFunction(mlir::OpBuilder &builder,
                                     mlir::Location loc,
                                     mlir::Operation *anchor,
                                     RuntimeFunction function,
                                     mlir::ValueRange arguments);

} // namespace autograph::lowering

#endif // AUTOGRAPH_LOWERING_RUNTIMEFUNCTIONS_H
