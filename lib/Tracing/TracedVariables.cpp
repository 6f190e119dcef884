//===- TracedVariables.cpp - ag::Variables in a traced function -----------===//
#include "TracedVariables.h"
#include "MlirTracer.h"

#include "autograph/Error.h"

using namespace mlir;
using ag::detail::VariableState;

namespace autograph::tracing {

TracedVariables::TracedVariables(Block *entry,
                                 std::function<Location()> location)
    : entry_(entry), location_(std::move(location)), current_(&function_) {}

const VariableHandle &TracedVariables::handle(VariableState *variable) const {
  auto it = handles_.find(variable);
  if (it == handles_.end())
    throw ag::TracingError("a variable not seen in this trace");
  return it->second;
}

Value TracedVariables::read(const VariableHandle &variable) {
  handles_.insert({variable.get(), variable});
  return lookup(*current_, variable.get());
}

void TracedVariables::write(const VariableHandle &variable, Value value) {
  handles_.insert({variable.get(), variable});
  // In a loop region, a variable is carried from its first use.
  if (current_->loop)
    carry(*current_->loop, variable.get());
  current_->values[variable.get()] = value;
  current_->written.insert(variable.get());
}

Value TracedVariables::valueIn(Scope &scope, VariableState *variable) {
  return lookup(scope, variable);
}

Value TracedVariables::lookup(Scope &scope, VariableState *variable) {
  auto it = scope.values.find(variable);
  if (it != scope.values.end())
    return it->second;
  if (&scope == &function_) {
    // First read in the function: an implicit input.
    const VariableHandle &h = handle(variable);
    Type type = tensorType(entry_->getParentOp() ? entry_->getParentOp()->getContext()
                                                 : location_().getContext(),
                           h->spec);
    BlockArgument argument = entry_->addArgument(type, location_());
    inputs_.push_back({h, argument, h->get()});
    function_.values[variable] = argument;
    return argument;
  }
  if (scope.loop) {
    carry(*scope.loop, variable);
    return scope.values[variable];
  }
  return lookup(*scope.parent, variable);
}

void TracedVariables::carry(Loop &loop, VariableState *variable) {
  if (loop.inits.count(variable))
    return;
  Value init = lookup(*loop.outer, variable);
  loop.inits[variable] = init;
  for (Scope *region : loop.regions)
    region->values[variable] =
        region->block->addArgument(init.getType(), location_());
}

std::unique_ptr<TracedVariables::Scope> TracedVariables::enterBranch() {
  auto scope = std::make_unique<Scope>();
  scope->parent = current_;
  current_ = scope.get();
  return scope;
}

std::unique_ptr<TracedVariables::Loop> TracedVariables::beginLoop() {
  auto loop = std::make_unique<Loop>();
  loop->outer = current_;
  return loop;
}

std::unique_ptr<TracedVariables::Scope>
TracedVariables::enterLoopRegion(Loop &loop, Block *block) {
  auto scope = std::make_unique<Scope>();
  scope->parent = loop.outer;
  scope->loop = &loop;
  scope->block = block;
  for (auto &[variable, init] : loop.inits)
    scope->values[variable] = block->addArgument(init.getType(), location_());
  loop.regions.push_back(scope.get());
  current_ = scope.get();
  return scope;
}

void TracedVariables::exit(Scope &scope) { current_ = scope.parent; }

} // namespace autograph::tracing
