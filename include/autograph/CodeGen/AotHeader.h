//===- AotHeader.h - the C++ header of AOT-compiled functions ---*- C++ -*-===//
#ifndef AUTOGRAPH_CODEGEN_AOTHEADER_H
#define AUTOGRAPH_CODEGEN_AOTHEADER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace autograph::codegen {

/// One function of an AOT library: `name` in namespace ag::aot, compiled as
/// the C interface symbol `_mlir_ciface_<symbol>` with `type` (ranked
/// tensors of f32, f64, i32, i64 or i1).
struct AotFunction {
  std::string name;
  std::string symbol;
  mlir::FunctionType type;
  /// For each input and each result: the number of the ag::Variable it is,
  /// or -1 for the function's own. Variables are numbered in the order of
  /// their names (`ag.variable`), which is the header's parameter order.
  std::vector<int64_t> inputVariables, resultVariables;
  /// The variables' names, by number.
  std::vector<std::string> variableNames;
  /// By variable number: the optimizer that made it (its number, -1 for a
  /// variable of the program's) and which of its variables it is: the step
  /// counter (slot -1) or slot `slot` of variable `slotOf`.
  struct OptimizerVariable {
    int64_t optimizer = -1, slot = -1, slotOf = -1;
  };
  std::vector<OptimizerVariable> optimizerVariables;
  /// The optimizers' configs (`Adam(learning_rate=...)`), by number: the
  /// order in which the variables first name them.
  std::vector<std::string> optimizerConfigs;
};

/// `function` as an AOT function `name` with C interface symbol `symbol`.
AotFunction aotFunctionOf(mlir::func::FuncOp function, llvm::StringRef name,
                          llvm::StringRef symbol);

/// The symbol an AOT-compiled function `name` gets (distinct from any C or
/// C++ name of the user's).
std::string aotSymbolName(llvm::StringRef name);

/// A self-contained header declaring each function in namespace ag::aot with
/// ag::Tensor parameters, then an ag::Variable& parameter per variable the
/// function reads or assigns (SPEC 8.2: their values are passed in, the
/// assigned ones written back after the call), then an optimizer parameter
/// per optimizer whose step counter or slots it uses (asked for them, and
/// checked against the config it was compiled with), and an ag::Tensor (one
/// result) or std::tuple result; each checks its arguments' and variables'
/// dtypes and shapes against the compiled signature
/// (ag::InvalidArgumentError) and raises errors the compiled code reports.
/// Needs only autograph::runtime. Fails for a type it cannot express.
llvm::Expected<std::string> emitAotHeader(llvm::ArrayRef<AotFunction> functions,
                                          llvm::StringRef headerName);

} // namespace autograph::codegen

#endif // AUTOGRAPH_CODEGEN_AOTHEADER_H
