//===- MlirTracer.cpp - records ag ops into an MLIR module ----------------===//
#include "MlirTracer.h"

#include "OpBuilders.h"

#include "autograph/Assert.h"
#include "autograph/Creation.h"
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Print.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <cstring>

using namespace mlir;

namespace autograph::tracing {

namespace {

Type elementType(MLIRContext *context, ::ag::DType dtype) {
  Builder b(context);
  switch (dtype) {
  case ::ag::DType::Float32: return b.getF32Type();
  case ::ag::DType::Float64: return b.getF64Type();
  case ::ag::DType::Int32: return b.getI32Type();
  case ::ag::DType::Int64: return b.getI64Type();
  case ::ag::DType::Bool: return b.getI1Type();
  }
  throw ::ag::TracingError("unknown dtype");
}

::ag::DType dtypeOf(Type type) {
  if (type.isF32()) return ::ag::DType::Float32;
  if (type.isF64()) return ::ag::DType::Float64;
  if (type.isInteger(32)) return ::ag::DType::Int32;
  if (type.isInteger(64)) return ::ag::DType::Int64;
  if (type.isInteger(1)) return ::ag::DType::Bool;
  throw ::ag::TracingError("a value of an element type ag has no dtype for");
}

::ag::TensorSpec specOf(Type valueType) {
  auto type = cast<RankedTensorType>(valueType);
  ::ag::TensorSpec spec;
  spec.dtype = dtypeOf(type.getElementType());
  for (int64_t size : type.getShape())
    spec.shape.push_back(ShapedType::isDynamic(size) ? -1 : size);
  return spec;
}
::ag::TensorSpec specOf(Value value) { return specOf(value.getType()); }

/// How two types of one variable differ, in TensorFlow's words: "'x' has
/// dtype int32 before the loop, but dtype float32 after one iteration" (the
/// dtype when it differs, else the shape).
std::string typeMismatch(const std::string &name, Type first,
                         const char *firstWhere, Type second,
                         const char *secondWhere) {
  ::ag::TensorSpec a = specOf(first), b = specOf(second);
  if (a.dtype != b.dtype)
    return name + " has dtype " + ::ag::dtype_name(a.dtype) + " " + firstWhere +
           ", but dtype " + ::ag::dtype_name(b.dtype) + " " + secondWhere;
  return name + " has shape " + ::ag::format_shape(a.shape) + " " + firstWhere +
         ", but shape " + ::ag::format_shape(b.shape) + " " + secondWhere;
}

/// Whether a concrete tensor is an implicit input of a JIT-compiled trace
/// rather than a constant: more than 64 elements, not all equal.
bool isLargeAndVaried(const ::ag::Tensor &tensor) {
  ::ag::TensorSpec spec = tensor.spec();
  std::int64_t count = 1;
  for (std::int64_t extent : spec.shape)
    count *= extent;
  if (count <= 64)
    return false;
  std::size_t size = ::ag::dtype_size(spec.dtype);
  const char *bytes = static_cast<const char *>(tensor.raw_data());
  for (std::int64_t i = 1; i < count; ++i)
    if (std::memcmp(bytes, bytes + i * size, size) != 0)
      return true;
  return false;
}

} // namespace

RankedTensorType tensorType(MLIRContext *context, const ::ag::TensorSpec &spec) {
  SmallVector<int64_t> shape;
  for (int64_t size : spec.shape)
    shape.push_back(size < 0 ? ShapedType::kDynamic : size);
  return RankedTensorType::get(shape, elementType(context, spec.dtype));
}

/// The user's statement being traced (reported by converted code), or an
/// unknown location.
Location MlirTracer::here() {
  ::ag::SourceLocation where = ::ag::current_source_location();
  if (where.line <= 0 || !where.file || !*where.file)
    return UnknownLoc::get(builder_.getContext());
  return FileLineColLoc::get(builder_.getContext(), where.file, where.line, 0);
}

MlirTracer::MlirTracer(ModuleOp module, const std::string &name,
                       const std::vector<::ag::TensorSpec> &inputs,
                       bool captureLargeTensors)
    : builder_(module.getContext()), captureLargeTensors_(captureLargeTensors) {
  MLIRContext *context = module.getContext();
  SmallVector<Type> types;
  for (const ::ag::TensorSpec &spec : inputs)
    types.push_back(tensorType(context, spec));
  builder_.setInsertionPointToEnd(module.getBody());
  function_ = builder_.create<func::FuncOp>(UnknownLoc::get(builder_.getContext()), name,
                                            builder_.getFunctionType(types, {}));
  Block *entry = function_.addEntryBlock();
  builder_.setInsertionPointToEnd(entry);
  for (BlockArgument argument : entry->getArguments())
    arguments_.push_back(symbolic(argument));
  variables_ = std::make_unique<TracedVariables>(entry, [this] { return here(); });
}

::ag::Tensor MlirTracer::read_variable(const VariableHandle &variable) {
  return symbolic(variables_->read(variable));
}

void MlirTracer::assign_variable(const VariableHandle &variable,
                                 const ::ag::Tensor &value) {
  variables_->write(variable, valueOf(value));
}

::ag::Tensor MlirTracer::symbolic(Value value) {
  ::ag::TensorSpec spec = specOf(value);
  return ::ag::Tensor::symbolic(spec.dtype, spec.shape, value.getAsOpaquePointer(),
                              this);
}

Value MlirTracer::valueOf(const ::ag::Tensor &tensor) {
  if (tensor.is_symbolic()) {
    if (tensor.tracer() != this)
      throw ::ag::TracingError("a symbolic tensor of another trace was used");
    return Value::getFromOpaquePointer(tensor.handle());
  }
  // A large concrete value (a dataset's tensors, a closure's) is an implicit
  // input; a small or uniform one a constant.
  if (captureLargeTensors_ && isLargeAndVaried(tensor)) {
    auto [it, added] = capturedByImpl_.try_emplace(tensor.impl());
    if (added) {
      Block &entry = function_.getBody().front();
      it->second = entry.addArgument(
          tensorType(builder_.getContext(), tensor.spec()), here());
      captures_.push_back({it->second, tensor});
    }
    return it->second;
  }
  ::ag::TensorSpec spec = tensor.spec();
  RankedTensorType type = tensorType(builder_.getContext(), spec);
  DenseElementsAttr value;
  int64_t count = type.getNumElements();
  if (spec.dtype == ::ag::DType::Bool) {
    auto *bytes = static_cast<const uint8_t *>(tensor.raw_data());
    SmallVector<bool> bits(bytes, bytes + count);
    value = DenseElementsAttr::get(type, ArrayRef<bool>(bits));
  } else {
    size_t size = count * ::ag::dtype_size(spec.dtype);
    value = DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(static_cast<const char *>(tensor.raw_data()), size));
  }
  return builder_.create<mlir::ag::ConstantOp>(here(), value);
}

::ag::Tensor MlirTracer::emit(::ag::OpKind kind, ::ag::Span<const ::ag::Tensor> inputs,
                              const ::ag::OpAttrs &attrs,
                              const ::ag::TensorSpec &result) {
  SmallVector<Value> values;
  for (const ::ag::Tensor &input : inputs)
    values.push_back(valueOf(input));
  RankedTensorType type = tensorType(builder_.getContext(), result);
  return symbolic(buildOp(builder_, here(), kind, type, values, attrs));
}

void MlirTracer::emit_print(::ag::Span<const ::ag::PrintArg> pieces) {
  // Everything known at trace time becomes text; symbolic tensors are the
  // op's values, each with its printf format ("" for ag::print's).
  SmallVector<std::string> texts{""};
  SmallVector<Value> values;
  SmallVector<std::string> formats;
  for (const ::ag::PrintArg &piece : pieces) {
    if (piece.kind == ::ag::PrintArg::Kind::Tensor && piece.tensor.is_symbolic()) {
      values.push_back(valueOf(piece.tensor));
      formats.push_back(piece.format);
      texts.emplace_back();
    } else {
      ::ag::format_piece_to(texts.back(), piece);
    }
  }
  SmallVector<StringRef> textRefs(texts.begin(), texts.end());
  SmallVector<StringRef> formatRefs(formats.begin(), formats.end());
  builder_.create<mlir::ag::PrintOp>(here(), textRefs, values, formatRefs);
}

void MlirTracer::emit_assert(const ::ag::Tensor &condition,
                             const std::string &message,
                             const ::ag::SourceLocation &where) {
  if (!condition.is_symbolic()) {
    if (!static_cast<bool>(condition))
      throw ::ag::InvalidArgumentError(::ag::format_assert_message(message, where));
    return;
  }
  Location loc = FileLineColLoc::get(builder_.getContext(),
                                     where.file ? where.file : "", where.line, 0);
  builder_.create<mlir::ag::AssertOp>(loc, valueOf(condition), message);
}

std::vector<::ag::Tensor>
MlirTracer::traceInto(Block *block,
                      const std::function<std::vector<::ag::Tensor>()> &branch) {
  OpBuilder::InsertionGuard guard(builder_);
  builder_.setInsertionPointToEnd(block);
  return branch();
}

std::vector<Value> MlirTracer::yieldFrom(Block *block,
                                         const std::vector<::ag::Tensor> &values) {
  OpBuilder::InsertionGuard guard(builder_);
  builder_.setInsertionPointToEnd(block);
  std::vector<Value> yielded;
  for (const ::ag::Tensor &value : values)
    yielded.push_back(valueOf(value));
  builder_.create<mlir::ag::YieldOp>(here(), yielded);
  return yielded;
}

namespace {
/// "'name'" when the converter named output `i`, "output #i" otherwise.
std::string outputName(const std::vector<std::string> &names, size_t i,
                       const char *what) {
  if (i < names.size() && !names[i].empty())
    return "'" + names[i] + "'";
  return std::string(what) + " #" + std::to_string(i);
}
} // namespace

namespace {
/// " at FILE:LINE" of the statement being traced, or "".
std::string statementLocation() {
  ::ag::SourceLocation where = ::ag::current_source_location();
  if (where.line <= 0 || !where.file || !*where.file)
    return "";
  return std::string(" at ") + where.file + ":" + std::to_string(where.line);
}

/// The value a return placeholder takes on a path that did not assign it:
/// zeros of the type `assigned` has elsewhere (never read: the return flag
/// is false on that path).
::ag::Tensor zerosForPlaceholder(const ::ag::Tensor &assigned, const char *op,
                                 const std::string &name) {
  ::ag::TensorSpec spec = assigned.spec();
  for (std::int64_t extent : spec.shape)
    if (extent < 0)
      throw ::ag::TracingError(
          std::string(op) + ": " + name + ", the value of a return inside " +
          "staged control flow, is " + ::ag::format_spec(spec) +
          ", with a dimension known only at run time; such a return needs a "
          "static shape (assign a result variable before the loop or the if, "
          "and return it after)");
  return ::ag::zeros(spec.shape, spec.dtype);
}

/// Keeps an undefined value that already says why (an earlier staged
/// statement left it without a value), else gives it `reason`.
::ag::Tensor undefinedBecause(const ::ag::Tensor &value, const std::string &reason) {
  return value.impl() ? value : ::ag::Tensor::undefined(reason);
}
} // namespace

std::vector<::ag::Tensor> MlirTracer::emit_cond(
    const ::ag::Tensor &predicate,
    const std::function<std::vector<::ag::Tensor>()> &then_branch,
    const std::function<std::vector<::ag::Tensor>()> &else_branch,
    const std::vector<std::string> &names) {
  // The op is located at the statement that starts it (its branches are
  // traced from their own statements).
  Location location = here();
  std::string where = statementLocation();
  ::ag::TensorSpec predicateSpec = predicate.spec();
  if (predicateSpec.dtype != ::ag::DType::Bool || !predicateSpec.shape.empty())
    throw ::ag::InvalidArgumentError(
        "cond: the predicate must be a 0-d bool tensor, got " +
        ::ag::format_spec(predicateSpec));
  Value pred = valueOf(predicate);
  auto thenBlock = std::make_unique<Block>();
  auto elseBlock = std::make_unique<Block>();
  // Each branch assigns variables in a scope of its own.
  auto traceBranch = [&](Block *block, const auto &branch,
                         std::unique_ptr<TracedVariables::Scope> &scope) {
    scope = variables_->enterBranch();
    auto leave = llvm::make_scope_exit([&] { variables_->exit(*scope); });
    return traceInto(block, branch);
  };
  std::unique_ptr<TracedVariables::Scope> thenScope, elseScope;
  std::vector<::ag::Tensor> thenResults =
      traceBranch(thenBlock.get(), then_branch, thenScope);
  std::vector<::ag::Tensor> elseResults =
      traceBranch(elseBlock.get(), else_branch, elseScope);
  if (thenResults.size() != elseResults.size())
    throw ::ag::InvalidArgumentError(
        "cond: the then branch gives " + std::to_string(thenResults.size()) +
        " outputs but the else branch " + std::to_string(elseResults.size()));
  // A return placeholder takes zeros of the other branch's type.
  for (size_t i = 0; i < thenResults.size(); ++i) {
    if (thenResults[i].is_return_placeholder() && elseResults[i].defined())
      thenResults[i] = zerosForPlaceholder(elseResults[i], "cond",
                                           outputName(names, i, "output"));
    else if (elseResults[i].is_return_placeholder() && thenResults[i].defined())
      elseResults[i] = zerosForPlaceholder(thenResults[i], "cond",
                                           outputName(names, i, "output"));
  }
  // An output without a value in a branch has none after the cond.
  std::vector<size_t> carried;
  std::vector<::ag::Tensor> thenYield, elseYield;
  for (size_t i = 0; i < thenResults.size(); ++i)
    if (thenResults[i].defined() && elseResults[i].defined()) {
      carried.push_back(i);
      thenYield.push_back(thenResults[i]);
      elseYield.push_back(elseResults[i]);
    }
  // The variables either branch assigns are results too: each branch yields
  // its value, the value before the cond where it assigns none.
  llvm::SetVector<::ag::detail::VariableState *> assigned = thenScope->written;
  assigned.insert(elseScope->written.begin(), elseScope->written.end());
  auto valueAfter = [&](TracedVariables::Scope &branch,
                        ::ag::detail::VariableState *variable) {
    return branch.written.count(variable)
               ? branch.values[variable]
               : variables_->valueIn(variables_->current(), variable);
  };
  for (::ag::detail::VariableState *variable : assigned) {
    thenYield.push_back(symbolic(valueAfter(*thenScope, variable)));
    elseYield.push_back(symbolic(valueAfter(*elseScope, variable)));
  }
  std::vector<Value> thenValues = yieldFrom(thenBlock.get(), thenYield);
  std::vector<Value> elseValues = yieldFrom(elseBlock.get(), elseYield);
  SmallVector<Type> types;
  for (size_t k = 0; k < carried.size(); ++k) {
    Type thenType = thenValues[k].getType(), elseType = elseValues[k].getType();
    if (thenType != elseType)
      throw ::ag::InvalidArgumentError(
          "cond: " + typeMismatch(outputName(names, carried[k], "output"),
                                  thenType, "in the then branch", elseType,
                                  "in the else branch"));
    types.push_back(thenType);
  }
  for (size_t k = carried.size(); k < thenValues.size(); ++k)
    types.push_back(thenValues[k].getType());
  auto op = builder_.create<mlir::ag::CondOp>(location, types, pred);
  op.getThenRegion().push_back(thenBlock.release());
  op.getElseRegion().push_back(elseBlock.release());
  // An output that one branch leaves without a value has none after the
  // cond; using it says so.
  std::vector<::ag::Tensor> outputs(thenResults.size());
  for (size_t i = 0; i < outputs.size(); ++i) {
    bool inThen = thenResults[i].defined(), inElse = elseResults[i].defined();
    if (!inThen && !inElse)
      outputs[i] = thenResults[i]; // keeps its reason (or placeholder)
    if (inThen == inElse)
      continue;
    outputs[i] = undefinedBecause(
        inThen ? elseResults[i] : thenResults[i],
        outputName(names, i, "output") + " has no value after the tensor if" +
            where + ": only the " + (inThen ? "then" : "else") +
            " branch assigns it (assign it before the if, or in both branches)");
  }
  for (size_t k = 0; k < carried.size(); ++k)
    outputs[carried[k]] = symbolic(op.getResult(k));
  for (auto [k, variable] : llvm::enumerate(assigned))
    variables_->write(variables_->handle(variable),
                      op.getResult(carried.size() + k));
  return outputs;
}

MlirTracer::CarriedVariables
MlirTracer::carriedOf(const std::vector<::ag::Tensor> &initial) {
  CarriedVariables carried;
  for (size_t i = 0; i < initial.size(); ++i)
    if (initial[i].defined()) {
      carried.positions.push_back(i);
      carried.inits.push_back(valueOf(initial[i]));
      carried.types.push_back(carried.inits.back().getType());
    }
  return carried;
}

std::vector<::ag::Tensor>
MlirTracer::loopVariables(Block *block, const CarriedVariables &carried,
                          const std::vector<::ag::Tensor> &initial,
                          const std::vector<std::string> &names) {
  SmallVector<Location> locations(carried.types.size(), here());
  unsigned first = block->getNumArguments();
  block->addArguments(carried.types, locations);
  return carriedOrUndefined(
      carried, initial, names,
      " is used in an iteration of the tensor loop" + statementLocation() +
          " before it is assigned: it has no value before the loop, so none "
          "is carried between iterations",
      [&](size_t k) { return block->getArgument(first + k); });
}

void MlirTracer::yieldNextIteration(Block *block, const char *op,
                                    const std::vector<::ag::Tensor> &results,
                                    const CarriedVariables &carried, size_t count,
                                    const std::vector<std::string> &names,
                                    ArrayRef<Value> variables) {
  if (results.size() != count)
    throw ::ag::InvalidArgumentError(
        std::string(op) + ": the body returned " + std::to_string(results.size()) +
        " loop variables for " + std::to_string(count));
  std::vector<::ag::Tensor> next;
  for (size_t position : carried.positions) {
    if (!results[position].defined())
      throw ::ag::InvalidArgumentError(
          std::string(op) + ": " + outputName(names, position, "loop variable") +
          " has no value after an iteration");
    next.push_back(results[position]);
  }
  for (Value variable : variables)
    next.push_back(symbolic(variable));
  std::vector<Value> nextValues = yieldFrom(block, next);
  for (size_t k = 0; k < carried.positions.size(); ++k)
    if (nextValues[k].getType() != carried.types[k])
      throw ::ag::InvalidArgumentError(
          std::string(op) + ": " +
          typeMismatch(outputName(names, carried.positions[k], "loop variable"),
                       carried.types[k], "before the loop",
                       nextValues[k].getType(), "after one iteration"));
}

std::vector<::ag::Tensor> MlirTracer::loopResults(
    Operation *op, const CarriedVariables &carried,
    const std::vector<::ag::Tensor> &initial,
    const std::vector<std::string> &names, const std::string &where) {
  return carriedOrUndefined(
      carried, initial, names,
      " has no value after the tensor loop" + where +
          ": it has none before the loop (assign it before the loop to carry "
          "it)",
      [&](size_t k) { return op->getResult(k); });
}

std::vector<::ag::Tensor> MlirTracer::carriedOrUndefined(
    const CarriedVariables &carried, const std::vector<::ag::Tensor> &initial,
    const std::vector<std::string> &names, const std::string &reason,
    llvm::function_ref<Value(size_t)> carriedValue) {
  std::vector<::ag::Tensor> vars(initial.size());
  for (size_t i = 0; i < initial.size(); ++i)
    vars[i] = undefinedBecause(initial[i],
                               outputName(names, i, "loop variable") + reason);
  for (size_t k = 0; k < carried.positions.size(); ++k)
    vars[carried.positions[k]] = symbolic(carriedValue(k));
  return vars;
}

std::vector<::ag::Tensor> MlirTracer::typedReturnPlaceholders(
    const char *op, std::vector<::ag::Tensor> initial,
    const std::function<std::vector<::ag::Tensor>(
        Block *, const std::vector<::ag::Tensor> &)> &iteration,
    const std::vector<std::string> &names) {
  if (llvm::none_of(initial, [](const ::ag::Tensor &t) {
        return t.is_return_placeholder();
      }))
    return initial;
  std::vector<::ag::Tensor> results;
  {
    auto scratch = std::make_unique<Block>();
    auto discard = llvm::make_scope_exit([&] {
      scratch->dropAllDefinedValueUses();
      scratch->dropAllReferences();
    });
    // The constants of the trial's initial values go into the scratch too.
    OpBuilder::InsertionGuard guard(builder_);
    builder_.setInsertionPointToEnd(scratch.get());
    results = iteration(scratch.get(), initial);
  }
  for (size_t i = 0; i < initial.size() && i < results.size(); ++i)
    if (initial[i].is_return_placeholder() && results[i].defined())
      initial[i] = zerosForPlaceholder(results[i], op,
                                       outputName(names, i, "loop variable"));
  return initial;
}

std::vector<::ag::Tensor> MlirTracer::emit_while_loop(
    const std::vector<::ag::Tensor> &initial,
    const std::function<::ag::Tensor(const std::vector<::ag::Tensor> &)> &condition,
    const std::function<std::vector<::ag::Tensor>(const std::vector<::ag::Tensor> &)>
        &body,
    const std::vector<std::string> &names) {
  Location location = here();
  std::string where = statementLocation();
  std::vector<::ag::Tensor> typedInitial = typedReturnPlaceholders(
      "while_loop", initial,
      [&](Block *block, const std::vector<::ag::Tensor> &vars) {
        std::vector<::ag::Tensor> inside =
            loopVariables(block, carriedOf(vars), vars, names);
        auto loop = variables_->beginLoop();
        auto scope = variables_->enterLoopRegion(*loop, block);
        auto leave = llvm::make_scope_exit([&] { variables_->exit(*scope); });
        return traceInto(block, [&] { return body(inside); });
      },
      names);
  return emitWhileLoop(location, where, typedInitial, condition, body, names);
}

std::vector<::ag::Tensor> MlirTracer::emitWhileLoop(
    Location location, const std::string &where,
    const std::vector<::ag::Tensor> &initial,
    const std::function<::ag::Tensor(const std::vector<::ag::Tensor> &)> &condition,
    const std::function<std::vector<::ag::Tensor>(const std::vector<::ag::Tensor> &)>
        &body,
    const std::vector<std::string> &names) {
  CarriedVariables carried = carriedOf(initial);
  // The variables the loop reads or assigns are carried after its own.
  auto loop = variables_->beginLoop();
  auto condBlock = std::make_unique<Block>();
  std::vector<::ag::Tensor> condVars =
      loopVariables(condBlock.get(), carried, initial, names);
  auto condScope = variables_->enterLoopRegion(*loop, condBlock.get());
  std::vector<::ag::Tensor> more;
  {
    auto leave = llvm::make_scope_exit([&] { variables_->exit(*condScope); });
    more = traceInto(condBlock.get(), [&] {
      return std::vector<::ag::Tensor>{condition(condVars)};
    });
  }
  ::ag::TensorSpec spec = more[0].spec();
  if (spec.dtype != ::ag::DType::Bool || !spec.shape.empty())
    throw ::ag::InvalidArgumentError(
        "while_loop: the condition must be a 0-d bool tensor, got " +
        ::ag::format_spec(spec));
  Value moreValue;
  {
    OpBuilder::InsertionGuard guard(builder_);
    builder_.setInsertionPointToEnd(condBlock.get());
    moreValue = valueOf(more[0]);
  }

  auto bodyBlock = std::make_unique<Block>();
  std::vector<::ag::Tensor> bodyVars =
      loopVariables(bodyBlock.get(), carried, initial, names);
  auto bodyScope = variables_->enterLoopRegion(*loop, bodyBlock.get());
  std::vector<::ag::Tensor> results;
  {
    auto leave = llvm::make_scope_exit([&] { variables_->exit(*bodyScope); });
    results = traceInto(bodyBlock.get(), [&] { return body(bodyVars); });
  }
  yieldNextIteration(bodyBlock.get(), "while_loop", results, carried,
                     initial.size(), names,
                     carriedVariableValues(*loop, *bodyScope));
  {
    // ag.condition forwards the carried values (to the body, or out): the
    // loop variables, then the variables.
    OpBuilder::InsertionGuard guard(builder_);
    builder_.setInsertionPointToEnd(condBlock.get());
    SmallVector<Value> forwarded(
        condBlock->getArguments().take_front(carried.types.size()));
    llvm::append_range(forwarded, carriedVariableValues(*loop, *condScope));
    builder_.create<mlir::ag::ConditionOp>(here(), moreValue, forwarded);
  }

  SmallVector<Type> types(carried.types);
  SmallVector<Value> inits(carried.inits);
  for (auto &[variable, init] : loop->inits) {
    types.push_back(init.getType());
    inits.push_back(init);
  }
  auto op = builder_.create<mlir::ag::WhileLoopOp>(location, types, inits);
  op.getCondRegion().push_back(condBlock.release());
  op.getBodyRegion().push_back(bodyBlock.release());
  assignLoopResults(op, *loop, {condScope.get(), bodyScope.get()});
  return loopResults(op, carried, initial, names, where);
}

std::vector<::ag::Tensor> MlirTracer::emit_for(
    const ::ag::Tensor &lower, const ::ag::Tensor &upper, const ::ag::Tensor &step,
    const std::vector<::ag::Tensor> &untypedInitial,
    const std::function<std::vector<::ag::Tensor>(
        const ::ag::Tensor &, const std::vector<::ag::Tensor> &)> &body,
    const std::vector<std::string> &names) {
  Location location = here();
  std::string where = statementLocation();
  Value lowerValue = valueOf(lower), upperValue = valueOf(upper),
        stepValue = valueOf(step);
  std::vector<::ag::Tensor> typedInitial = typedReturnPlaceholders(
      "for", untypedInitial,
      [&](Block *block, const std::vector<::ag::Tensor> &vars) {
        ::ag::Tensor index = symbolic(block->addArgument(lowerValue.getType(), here()));
        std::vector<::ag::Tensor> inside =
            loopVariables(block, carriedOf(vars), vars, names);
        auto loop = variables_->beginLoop();
        auto scope = variables_->enterLoopRegion(*loop, block);
        auto leave = llvm::make_scope_exit([&] { variables_->exit(*scope); });
        return traceInto(block, [&] { return body(index, inside); });
      },
      names);
  const std::vector<::ag::Tensor> &initial = typedInitial;
  CarriedVariables carried = carriedOf(initial);
  auto loop = variables_->beginLoop();
  auto bodyBlock = std::make_unique<Block>();
  Value induction = bodyBlock->addArgument(lowerValue.getType(), here());
  std::vector<::ag::Tensor> vars =
      loopVariables(bodyBlock.get(), carried, initial, names);
  auto bodyScope = variables_->enterLoopRegion(*loop, bodyBlock.get());
  ::ag::Tensor index = symbolic(induction);
  std::vector<::ag::Tensor> results;
  {
    auto leave = llvm::make_scope_exit([&] { variables_->exit(*bodyScope); });
    results = traceInto(bodyBlock.get(), [&] { return body(index, vars); });
  }
  yieldNextIteration(bodyBlock.get(), "for", results, carried, initial.size(),
                     names, carriedVariableValues(*loop, *bodyScope));

  SmallVector<Type> types(carried.types);
  SmallVector<Value> inits(carried.inits);
  for (auto &[variable, init] : loop->inits) {
    types.push_back(init.getType());
    inits.push_back(init);
  }
  auto op = builder_.create<mlir::ag::ForOp>(location, types, lowerValue,
                                             upperValue, stepValue, inits);
  op.getBody().push_back(bodyBlock.release());
  assignLoopResults(op, *loop, {bodyScope.get()});
  return loopResults(op, carried, initial, names, where);
}

SmallVector<Value>
MlirTracer::carriedVariableValues(const TracedVariables::Loop &loop,
                                  TracedVariables::Scope &region) {
  SmallVector<Value> values;
  for (auto &[variable, init] : loop.inits)
    values.push_back(region.values[variable]);
  return values;
}

void MlirTracer::assignLoopResults(Operation *op, const TracedVariables::Loop &loop,
                                   ArrayRef<TracedVariables::Scope *> regions) {
  unsigned first = op->getNumResults() - loop.inits.size();
  for (auto [k, entry] : llvm::enumerate(loop.inits)) {
    ::ag::detail::VariableState *variable = entry.first;
    // A variable the loop only reads keeps its value (the result is the
    // same, and canonicalization removes the carried copy).
    if (llvm::any_of(regions, [&](TracedVariables::Scope *region) {
          return region->written.count(variable) != 0;
        }))
      variables_->write(variables_->handle(variable), op->getResult(first + k));
  }
}

MlirTracer::~MlirTracer() {
  for (std::unique_ptr<Block> &block : dropped_)
    block->dropAllReferences();
}

::ag::Tensor MlirTracer::probe(const std::function<::ag::Tensor()> &fn) {
  auto scratch = std::make_unique<Block>();
  ::ag::Tensor result;
  auto scope = variables_->enterBranch();
  {
    auto leave = llvm::make_scope_exit([&] { variables_->exit(*scope); });
    OpBuilder::InsertionGuard guard(builder_);
    builder_.setInsertionPointToEnd(scratch.get());
    result = fn();
  }
  if (result.is_symbolic()) {
    dropped_.push_back(std::move(scratch));
    return ::ag::Tensor();
  }
  // Kept: so are its assignments.
  for (::ag::detail::VariableState *variable : scope->written)
    variables_->write(variables_->handle(variable), scope->values[variable]);
  // A concrete result: what it recorded (a print of a concrete value) is
  // kept, where it would have been.
  Block *block = builder_.getInsertionBlock();
  block->getOperations().splice(builder_.getInsertionPoint(),
                                scratch->getOperations());
  return result;
}

void MlirTracer::emit_check(const ::ag::Tensor &condition,
                            const std::string &message) {
  // Without a location, compiled code raises exactly `message`.
  builder_.create<mlir::ag::AssertOp>(UnknownLoc::get(builder_.getContext()),
                                      valueOf(condition), message);
}

::ag::Tensor MlirTracer::emit_dim(const ::ag::Tensor &tensor, std::int64_t axis) {
  ::ag::Tensor extent =
      symbolic(builder_.create<mlir::ag::DimOp>(here(), valueOf(tensor), axis));
  // A staged region being recorded for a gradient traces it again.
  ::ag::detail::record_dim_in_region(tensor, axis, extent);
  return extent;
}

void MlirTracer::inlineDeadVariables() {
  Block &entry = function_.getBody().front();
  std::vector<BlockArgument> dead;
  std::vector<std::pair<BlockArgument, VariableHandle>> live;
  for (const TracedVariables::Input &input : variables_->inputs()) {
    BlockArgument argument = input.argument;
    // Held only by this trace (its handle map and this input): a local of
    // the function, destroyed during the trace. Its reads were of its value
    // when first read.
    if (input.variable.use_count() <= 2) {
      OpBuilder::InsertionGuard guard(builder_);
      builder_.setInsertionPointToStart(&entry);
      argument.replaceAllUsesWith(valueOf(input.valueWhenRead));
      dead.push_back(argument);
    } else {
      live.push_back({argument, input.variable});
    }
  }
  llvm::BitVector erased(entry.getNumArguments());
  for (BlockArgument argument : dead)
    erased.set(argument.getArgNumber());
  entry.eraseArguments(erased);
  // The implicit inputs in argument order: the live variables and the
  // captured tensors, as they were first used.
  implicitInputs_.assign(entry.getNumArguments() - arguments_.size(), {});
  for (auto &[argument, variable] : live)
    implicitInputs_[argument.getArgNumber() - arguments_.size()].variable =
        variable;
  for (auto &[argument, tensor] : captures_)
    implicitInputs_[cast<BlockArgument>(argument).getArgNumber() -
                    arguments_.size()]
        .captured = tensor;
  for (const ImplicitInput &input : implicitInputs_)
    if (input.variable)
      variableInputs_.push_back(input.variable);
}

func::FuncOp MlirTracer::finish(const std::vector<::ag::Tensor> &results) {
  SmallVector<Value> values;
  for (const ::ag::Tensor &result : results)
    values.push_back(valueOf(result));
  // The variables the function assigns (and that outlive it): outputs.
  TracedVariables::Scope &scope = variables_->function();
  for (::ag::detail::VariableState *variable : scope.written) {
    const VariableHandle &handle = variables_->handle(variable);
    bool isInput = llvm::any_of(variables_->inputs(), [&](const auto &input) {
      return input.variable.get() == variable;
    });
    if (handle.use_count() <= (isInput ? 2 : 1))
      continue; // a local of the function
    variableOutputs_.push_back(handle);
    values.push_back(scope.values[variable]);
  }
  builder_.create<func::ReturnOp>(here(), values);
  inlineDeadVariables();
  SmallVector<Type> types;
  for (Value value : values)
    types.push_back(value.getType());
  function_.setFunctionType(builder_.getFunctionType(
      function_.getBody().front().getArgumentTypes(), types));
  // Named for readers of the module, and numbered (the read ones first):
  // an AOT header takes variable k as its k-th variable parameter, which
  // is read from and written to as its attributes say.
  llvm::SmallVector<::ag::detail::VariableState *> numbered;
  auto number = [&](const VariableHandle &variable) {
    auto *it = llvm::find(numbered, variable.get());
    if (it != numbered.end())
      return static_cast<int64_t>(it - numbered.begin());
    numbered.push_back(variable.get());
    return static_cast<int64_t>(numbered.size() - 1);
  };
  for (const auto &input : implicitInputs_)
    if (input.variable)
      number(input.variable);
  for (const auto &variable : variableOutputs_)
    number(variable);
  // A variable an optimizer made (its step counter, a slot of a variable of
  // the function) is marked with the optimizer (numbered in order of first
  // use), its config and the slot: an AOT header asks the optimizer for it.
  llvm::SmallVector<uint64_t> optimizers;
  auto variableAttrs = [&](const VariableHandle &variable) {
    SmallVector<NamedAttribute> attrs{
        builder_.getNamedAttr("ag.variable", builder_.getStringAttr(variable->name)),
        builder_.getNamedAttr("ag.variable_index",
                              builder_.getI64IntegerAttr(number(variable)))};
    const ::ag::detail::VariableOwner *owner = variable->owner.get();
    if (!owner)
      return attrs;
    int64_t slotOf = -1;
    if (owner->slot >= 0) {
      auto primary = owner->slot_of.lock();
      auto *it = llvm::find(numbered, primary.get());
      if (!primary || it == numbered.end())
        return attrs; // a slot of a variable the function does not use
      slotOf = it - numbered.begin();
    }
    auto *known = llvm::find(optimizers, owner->optimizer_id);
    int64_t ordinal = known - optimizers.begin();
    if (known == optimizers.end())
      optimizers.push_back(owner->optimizer_id);
    attrs.push_back(builder_.getNamedAttr("ag.optimizer",
                                          builder_.getI64IntegerAttr(ordinal)));
    attrs.push_back(builder_.getNamedAttr(
        "ag.optimizer_config", builder_.getStringAttr(owner->optimizer_config)));
    if (owner->slot >= 0) {
      attrs.push_back(
          builder_.getNamedAttr("ag.slot", builder_.getI64IntegerAttr(owner->slot)));
      attrs.push_back(
          builder_.getNamedAttr("ag.slot_of", builder_.getI64IntegerAttr(slotOf)));
    }
    return attrs;
  };
  for (auto [k, input] : llvm::enumerate(implicitInputs_))
    if (input.variable)
      for (NamedAttribute attr : variableAttrs(input.variable))
        function_.setArgAttr(arguments_.size() + k, attr.getName(), attr.getValue());
  for (auto [k, variable] : llvm::enumerate(variableOutputs_))
    for (NamedAttribute attr : variableAttrs(variable))
      function_.setResultAttr(results.size() + k, attr.getName(), attr.getValue());
  std::string errors;
  {
    ScopedDiagnosticHandler handler(builder_.getContext(), [&](Diagnostic &d) {
      llvm::raw_string_ostream os(errors);
      os << d << "\n";
      // The notes name the op at fault.
      for (const Diagnostic &note : d.getNotes())
        os << note << "\n";
      return success();
    });
    if (failed(verify(function_)))
      throw ::ag::TracingError("the traced function is not valid: " + errors);
  }
  return function_;
}

} // namespace autograph::tracing
