//===- RuntimeFunctions.cpp - callees of lowered code ---------------------===//
#include "RuntimeFunctions.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <type_traits>

using namespace mlir;

namespace autograph::lowering {
namespace {

/// The MLIR element type of the C type `T` of CompiledCodeABI.def.
template <typename T> Type elementType(MLIRContext *context) {
  if constexpr (std::is_same_v<T, float>)
    return Float32Type::get(context);
  else if constexpr (std::is_same_v<T, double>)
    return Float64Type::get(context);
  else if constexpr (std::is_same_v<T, bool>)
    return IntegerType::get(context, 1);
  else {
    static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>,
                  "a CompiledCodeABI.def type without an MLIR element type");
    return IntegerType::get(context, 8 * sizeof(T));
  }
}

template <typename Result> SmallVector<Type> resultTypes(MLIRContext *context) {
  if constexpr (std::is_void_v<Result>)
    return {};
  else
    return {elementType<Result>(context)};
}

Type textType(MLIRContext *context) {
  return RankedTensorType::get({ShapedType::kDynamic},
                               IntegerType::get(context, 8));
}

} // namespace

StringRef runtimeFunctionName(RuntimeFunction function) {
  switch (function) {
#define AG_RUNTIME_FUNCTION(name, result, parameters)                          \
  case RuntimeFunction::name:                                                  \
    return "agrt_memref_" #name;
#include "autograph/CompiledCodeABI.def"
  }
  llvm_unreachable("a RuntimeFunction outside CompiledCodeABI.def");
}

MemRefType runtimeMatrixType(Type elementType) {
  MLIRContext *context = elementType.getContext();
  int64_t dynamic = ShapedType::kDynamic;
  auto layout = StridedLayoutAttr::get(context, dynamic, {dynamic, dynamic});
  return MemRefType::get({dynamic, dynamic}, elementType, layout);
}

FunctionType runtimeFunctionType(RuntimeFunction function,
                                 MLIRContext *context) {
#define AG_ABI_NONE
#define AG_ABI_TEXT(x) textType(context)
#define AG_ABI_UNRANKED(T, x) UnrankedTensorType::get(elementType<T>(context))
#define AG_ABI_I64(x) IntegerType::get(context, 64)
#define AG_ABI_MATRIX(T, x) runtimeMatrixType(elementType<T>(context))
#define AG_ABI_BYTES(x)                                                        \
  MemRefType::get({ShapedType::kDynamic}, IntegerType::get(context, 8))
#define AG_PARAMETER_TYPES(...)                                                \
  SmallVector<Type> { __VA_ARGS__ }
  switch (function) {
#define AG_RUNTIME_FUNCTION(name, result, parameters)                          \
  case RuntimeFunction::name:                                                  \
    return FunctionType::get(context, AG_PARAMETER_TYPES parameters,           \
                             resultTypes<result>(context));
#include "autograph/CompiledCodeABI.def"
  }
#undef AG_ABI_NONE
#undef AG_ABI_TEXT
#undef AG_ABI_UNRANKED
#undef AG_ABI_I64
#undef AG_ABI_MATRIX
#undef AG_ABI_BYTES
#undef AG_PARAMETER_TYPES
  llvm_unreachable("a RuntimeFunction outside CompiledCodeABI.def");
}

Value runtimeText(OpBuilder &builder, Location loc, StringRef text) {
  auto i8 = builder.getIntegerType(8);
  auto type = RankedTensorType::get({static_cast<int64_t>(text.size())}, i8);
  SmallVector<APInt> bytes;
  for (char c : text)
    bytes.push_back(APInt(8, static_cast<uint8_t>(c)));
  Value constant = builder.create<arith::ConstantOp>(loc, DenseElementsAttr::get(type, bytes));
  return builder.create<tensor::CastOp>(
      loc, RankedTensorType::get({ShapedType::kDynamic}, i8), constant);
}

Operation *callRuntimeFunction(OpBuilder &builder, Location loc,
                               Operation *anchor, RuntimeFunction function,
                               ValueRange arguments) {
  auto module = isa<ModuleOp>(anchor) ? cast<ModuleOp>(anchor)
                                      : anchor->getParentOfType<ModuleOp>();
  StringRef name = runtimeFunctionName(function);
  auto callee = module.lookupSymbol<func::FuncOp>(name);
  if (!callee) {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(module.getBody());
    FunctionType type = runtimeFunctionType(function, builder.getContext());
    callee = builder.create<func::FuncOp>(module.getLoc(), name, type);
    callee.setPrivate();
    for (auto [i, input] : llvm::enumerate(type.getInputs()))
      if (isa<TensorType>(input))
        callee.setArgAttr(i, "bufferization.access",
                          builder.getStringAttr("read"));
  }
  return builder.create<func::CallOp>(loc, callee, arguments);
}

} // namespace autograph::lowering
