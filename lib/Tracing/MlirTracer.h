//===- MlirTracer.h - records ag ops into an MLIR module --------*- C++ -*-===//
//
// The ag::Tracer that tracing installs: every op on a symbolic tensor, every
// print, assert, cond and while_loop becomes an op of the ag dialect in one
// func.func. A symbolic tensor's handle is its mlir::Value.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACING_MLIRTRACER_H
#define AUTOGRAPH_TRACING_MLIRTRACER_H

#include "TracedVariables.h"

#include "autograph/Tracer.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

namespace autograph::tracing {

/// The ranked tensor type of a spec (-1 dimensions become `?`).
mlir::RankedTensorType tensorType(mlir::MLIRContext *context,
                                  const ag::TensorSpec &spec);

class MlirTracer : public ag::Tracer {
public:
  /// Starts `func.func @name(inputs...)` in `module`.
  /// With `captureLargeTensors` (JIT compilation, where the caller passes
  /// them on each call), large concrete tensors the function uses are
  /// implicit inputs instead of constants.
  MlirTracer(mlir::ModuleOp module, const std::string &name,
             const std::vector<ag::TensorSpec> &inputs,
             bool captureLargeTensors = false);

  /// The symbolic tensors standing for the function's arguments.
  const std::vector<ag::Tensor> &arguments() const { return arguments_; }

  /// Ends the function with `return results` (concrete results become
  /// constants), then the values of the variables it assigned, and verifies
  /// it; throws ag::TracingError with the verifier's message on failure.
  mlir::func::FuncOp finish(const std::vector<ag::Tensor> &results);

  /// After finish: the variables the function reads, one argument each
  /// after its own arguments, and those it assigns, one result each after
  /// its own results (SPEC 8.2). Variables that died during the trace (its
  /// locals) are neither: their values were constants.
  const std::vector<VariableHandle> &variableInputs() const {
    return variableInputs_;
  }
  /// After finish: the function's arguments after its own, each a variable
  /// (its value is passed) or a captured tensor (passed as is).
  struct ImplicitInput {
    VariableHandle variable;
    ag::Tensor captured;
  };
  const std::vector<ImplicitInput> &implicitInputs() const {
    return implicitInputs_;
  }
  const std::vector<VariableHandle> &variableOutputs() const {
    return variableOutputs_;
  }

  ag::Tensor emit(ag::OpKind kind, ag::Span<const ag::Tensor> inputs,
                  const ag::OpAttrs &attrs,
                  const ag::TensorSpec &result) override;
  void emit_print(ag::Span<const ag::PrintArg> args) override;
  void emit_assert(const ag::Tensor &condition, const std::string &message,
                   const ag::SourceLocation &where) override;
  std::vector<ag::Tensor>
  emit_cond(const ag::Tensor &predicate,
            const std::function<std::vector<ag::Tensor>()> &then_branch,
            const std::function<std::vector<ag::Tensor>()> &else_branch,
            const std::vector<std::string> &names) override;
  std::vector<ag::Tensor> emit_while_loop(
      const std::vector<ag::Tensor> &initial,
      const std::function<ag::Tensor(const std::vector<ag::Tensor> &)> &condition,
      const std::function<std::vector<ag::Tensor>(const std::vector<ag::Tensor> &)>
          &body,
      const std::vector<std::string> &names) override;
  std::vector<ag::Tensor> emit_for(
      const ag::Tensor &lower, const ag::Tensor &upper, const ag::Tensor &step,
      const std::vector<ag::Tensor> &initial,
      const std::function<std::vector<ag::Tensor>(
          const ag::Tensor &, const std::vector<ag::Tensor> &)> &body,
      const std::vector<std::string> &names) override;
  ag::Tensor emit_dim(const ag::Tensor &tensor, std::int64_t axis) override;
  void emit_check(const ag::Tensor &condition, const std::string &message) override;
  ag::Tensor probe(const std::function<ag::Tensor()> &fn) override;
  ag::Tensor read_variable(const VariableHandle &variable) override;
  void assign_variable(const VariableHandle &variable,
                       const ag::Tensor &value) override;
  // ag::TensorArray (TensorArrayTracing.cpp).
  ag::Tensor emit_tensor_array_create(const ag::Tensor &size, ag::DType dtype,
                                      bool dynamic_size, const std::string &name) override;
  void emit_tensor_array_write(const ag::Tensor &handle, const ag::Tensor &index,
                               const ag::Tensor &value) override;
  ag::Tensor emit_tensor_array_read(const ag::Tensor &handle, const ag::Tensor &index,
                                    const ag::TensorSpec &element) override;
  ag::Tensor emit_tensor_array_stack(const ag::Tensor &handle,
                                     const ag::TensorSpec &stacked) override;
  ag::Tensor emit_tensor_array_size(const ag::Tensor &handle) override;
  void emit_tensor_array_release(const ag::Tensor &handle) override;
  void emit_summary(const std::string &plugin, const std::string &tag,
                    const std::string &description, const ag::Tensor &data,
                    const ag::Tensor &step, std::int64_t buckets) override;
  ~MlirTracer() override;

private:
  /// The loop variables with a value before a loop (the others are not
  /// carried: temporaries of each iteration, without a value after it).
  struct CarriedVariables {
    std::vector<size_t> positions;
    llvm::SmallVector<mlir::Value> inits;
    llvm::SmallVector<mlir::Type> types;
  };
  CarriedVariables carriedOf(const std::vector<ag::Tensor> &initial);
  /// emit_while_loop once the return placeholders are typed.
  std::vector<ag::Tensor> emitWhileLoop(
      mlir::Location location, const std::string &where,
      const std::vector<ag::Tensor> &initial,
      const std::function<ag::Tensor(const std::vector<ag::Tensor> &)> &condition,
      const std::function<std::vector<ag::Tensor>(const std::vector<ag::Tensor> &)>
          &body,
      const std::vector<std::string> &names);
  /// Gives the return placeholders among `initial` a value of the type one
  /// iteration assigns them (zeros), found by tracing `iteration` once on
  /// `initial` into a block that is then thrown away; the others, and those
  /// the iteration leaves unassigned, stay as they are.
  std::vector<ag::Tensor> typedReturnPlaceholders(
      const char *op, std::vector<ag::Tensor> initial,
      const std::function<std::vector<ag::Tensor>(mlir::Block *,
                                                  const std::vector<ag::Tensor> &)>
          &iteration,
      const std::vector<std::string> &names);
  /// Adds `carried`'s block arguments to `block`; the loop variables as
  /// symbolic tensors (undefined where not carried).
  std::vector<ag::Tensor> loopVariables(mlir::Block *block,
                                        const CarriedVariables &carried,
                                        const std::vector<ag::Tensor> &initial,
                                        const std::vector<std::string> &names);
  /// Ends a loop body with the carried variables of `results`, checking
  /// that each keeps its dtype and shape.
  void yieldNextIteration(mlir::Block *block, const char *op,
                          const std::vector<ag::Tensor> &results,
                          const CarriedVariables &carried, size_t count,
                          const std::vector<std::string> &names,
                          llvm::ArrayRef<mlir::Value> variables);
  /// The values of `loop`'s carried variables in `region`, in order.
  llvm::SmallVector<mlir::Value> carriedVariableValues(
      const TracedVariables::Loop &loop, TracedVariables::Scope &region);
  /// After a loop op (whose results end with those of `loop`'s carried
  /// variables): the variables its regions assigned take their results.
  void assignLoopResults(mlir::Operation *op, const TracedVariables::Loop &loop,
                         llvm::ArrayRef<TracedVariables::Scope *> regions);
  /// Drops the variable arguments of variables that died during the trace
  /// (their uses become constants of their values); fills variableInputs_.
  void inlineDeadVariables();
  /// The loop variables: the carried ones as `carriedValue(k)`, the others
  /// undefined, saying "'name'" + `reason` when used.
  std::vector<ag::Tensor>
  carriedOrUndefined(const CarriedVariables &carried,
                     const std::vector<ag::Tensor> &initial,
                     const std::vector<std::string> &names, const std::string &reason,
                     llvm::function_ref<mlir::Value(size_t)> carriedValue);
  /// The op's results as the loop variables after it.
  std::vector<ag::Tensor> loopResults(mlir::Operation *op,
                                      const CarriedVariables &carried,
                                      const std::vector<ag::Tensor> &initial,
                                      const std::vector<std::string> &names,
                                      const std::string &where);

  mlir::Location here();
  mlir::Value valueOf(const ag::Tensor &tensor);
  ag::Tensor symbolic(mlir::Value value);
  /// Runs `branch` with ops recorded into `block`; returns its results.
  std::vector<ag::Tensor>
  traceInto(mlir::Block *block,
            const std::function<std::vector<ag::Tensor>()> &branch);
  /// Ends `block` with ag.yield of `values` (concrete ones become constants).
  std::vector<mlir::Value> yieldFrom(mlir::Block *block,
                                     const std::vector<ag::Tensor> &values);

  mlir::OpBuilder builder_;
  /// Blocks of records kept aside and dropped (a symbolic loop condition
  /// probed before its loop): kept until the trace ends, so that a value of
  /// theirs that leaked into a C++ variable is a verifier error, never a
  /// dangling pointer.
  std::vector<std::unique_ptr<mlir::Block>> dropped_;
  mlir::func::FuncOp function_;
  std::vector<ag::Tensor> arguments_;
  std::unique_ptr<TracedVariables> variables_;
  std::vector<VariableHandle> variableInputs_, variableOutputs_;
  std::vector<ImplicitInput> implicitInputs_;
  bool captureLargeTensors_;
  /// The concrete tensors captured as arguments, by their storage.
  llvm::DenseMap<const void *, mlir::Value> capturedByImpl_;
  std::vector<std::pair<mlir::Value, ag::Tensor>> captures_;
};

} // namespace autograph::tracing

#endif // AUTOGRAPH_TRACING_MLIRTRACER_H
