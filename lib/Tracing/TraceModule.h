//===- TraceModule.h - a traced ag module and the state it uses -*- C++ -*-===//
//
// Internal to autograph::jit: what saved models (saved_model/) compile ahead
// of time, traced as ag::function traces (Function.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACING_TRACEMODULE_H
#define AUTOGRAPH_TRACING_TRACEMODULE_H

#include "autograph/ControlFlow.h"
#include "autograph/Variable.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ag::jit::internal {

struct TracedModule {
  std::unique_ptr<mlir::MLIRContext> context;
  mlir::OwningOpRef<mlir::ModuleOp> module; // one function, `name`
  std::vector<TensorSpec> outputs;          // the function's own results
  /// The variables it reads (arguments after its own) and assigns
  /// (results after its own), in order.
  std::vector<std::shared_ptr<ag::detail::VariableState>> reads, assigns;
};

/// Traces `fn` on symbolic `inputs`; concrete tensors it uses are
/// constants (none becomes an implicit input).
TracedModule trace_module(const std::function<TensorList(const TensorList &)> &fn,
                          const std::vector<TensorSpec> &inputs, const std::string &name);

} // namespace ag::jit::internal

#endif // AUTOGRAPH_TRACING_TRACEMODULE_H
