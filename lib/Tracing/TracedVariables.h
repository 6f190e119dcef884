//===- TracedVariables.h - ag::Variables in a traced function ---*- C++ -*-===//
//
// The value of each ag::Variable at the point being traced, by scope: the
// function, the regions of ag.cond, and the regions of loops. A variable
// read for the first time in the function becomes an argument of the
// function (an implicit input); an assignment makes a new value in the
// current scope. At the end of a branch, the variables either branch
// assigned become results of the ag.cond; every variable a loop reads or
// assigns is carried by the loop (a block argument of each of its regions);
// the variables the function assigns become results of the function
// (implicit outputs). No variable's value is ever a constant of the trace.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACING_TRACEDVARIABLES_H
#define AUTOGRAPH_TRACING_TRACEDVARIABLES_H

#include "autograph/Variable.h"

#include "mlir/IR/Block.h"
#include "mlir/IR/Location.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

#include <functional>
#include <memory>
#include <vector>

namespace autograph::tracing {

using VariableHandle = std::shared_ptr<ag::detail::VariableState>;

class TracedVariables {
public:
  struct Loop;

  /// The values of the variables in one region being traced.
  struct Scope {
    Scope *parent = nullptr;
    /// For a region of a loop: the loop and the region's block.
    Loop *loop = nullptr;
    mlir::Block *block = nullptr;
    /// The value of each variable read or assigned here.
    llvm::MapVector<ag::detail::VariableState *, mlir::Value> values;
    /// The variables assigned here (or in a region nested in it), in order.
    llvm::SetVector<ag::detail::VariableState *> written;
  };

  /// The regions of one loop, which all carry the same variables.
  struct Loop {
    Scope *outer = nullptr;
    std::vector<Scope *> regions;
    /// The carried variables with their values before the loop, in order.
    llvm::MapVector<ag::detail::VariableState *, mlir::Value> inits;
  };

  /// A variable the function reads: its argument, and its value when it
  /// was first read.
  struct Input {
    VariableHandle variable;
    mlir::BlockArgument argument;
    ag::Tensor valueWhenRead;
  };

  /// `entry` is the function's body; `location` gives the location of new
  /// block arguments.
  TracedVariables(mlir::Block *entry,
                  std::function<mlir::Location()> location);

  /// The value of `variable` in the current scope.
  mlir::Value read(const VariableHandle &variable);
  /// Assigns `value` to `variable` in the current scope.
  void write(const VariableHandle &variable, mlir::Value value);

  /// Enters a branch region (of ag.cond, or a probe): reads see the
  /// enclosing scope, assignments stay in it until the caller merges them.
  std::unique_ptr<Scope> enterBranch();
  /// Starts a loop in the current scope, then enters its regions one by
  /// one: each region's block gets an argument per carried variable.
  std::unique_ptr<Loop> beginLoop();
  std::unique_ptr<Scope> enterLoopRegion(Loop &loop, mlir::Block *block);
  /// Leaves `scope` (the current one): back to its parent.
  void exit(Scope &scope);

  /// The value of `variable` in `scope` (reading it there).
  mlir::Value valueIn(Scope &scope, ag::detail::VariableState *variable);

  Scope &current() { return *current_; }
  Scope &function() { return function_; }
  const std::vector<Input> &inputs() const { return inputs_; }
  /// The handle of a variable seen in this trace.
  const VariableHandle &handle(ag::detail::VariableState *variable) const;

private:
  mlir::Value lookup(Scope &scope, ag::detail::VariableState *variable);
  void carry(Loop &loop, ag::detail::VariableState *variable);

  mlir::Block *entry_;
  std::function<mlir::Location()> location_;
  Scope function_;
  Scope *current_;
  std::vector<Input> inputs_;
  llvm::MapVector<ag::detail::VariableState *, VariableHandle> handles_;
};

} // namespace autograph::tracing

#endif // AUTOGRAPH_TRACING_TRACEDVARIABLES_H
