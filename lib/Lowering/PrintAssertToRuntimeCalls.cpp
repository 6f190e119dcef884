//===- PrintAssertToRuntimeCalls.cpp - ag.print/ag.assert to the C ABI ----===//
//
// ag.print becomes agrt_memref_print_begin, one agrt_memref_print_text per
// literal piece, one agrt_memref_print_tensor_<dtype> per tensor (preceded by
// agrt_memref_print_format when the tensor has a printf format), and
// agrt_memref_print_end; ag.assert becomes
// `if (!predicate) agrt_memref_assert_fail(message, file, line)` with the op's
// source location. Text travels as i8 tensors and tensors as unranked
// tensors, so the calls bufferize like any other read. After lowering to LLVM
// each memref argument is passed expanded, as MLIR's calling convention does
// (text: allocated, aligned, offset, size, stride; unranked: rank,
// descriptor); the functions are listed in include/autograph/CompiledCodeABI.def
// and defined in runtime/CompiledCodeABI.cpp. Patterns only.
//
//===----------------------------------------------------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"
#include "autograph/Lowering/Passes.h"
#include "RuntimeFunctions.h"
#include "ScalarBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace autograph::lowering;

namespace {

void callRuntime(PatternRewriter &rewriter, Location loc, Operation *anchor,
                 RuntimeFunction function, ValueRange arguments = {}) {
  callRuntimeFunction(rewriter, loc, anchor, function, arguments);
}

/// The runtime function that prints a tensor of `elementType`, if any.
std::optional<RuntimeFunction> printTensorFunction(Type elementType) {
  if (elementType.isF32())
    return RuntimeFunction::print_tensor_f32;
  if (elementType.isF64())
    return RuntimeFunction::print_tensor_f64;
  if (elementType.isInteger(32))
    return RuntimeFunction::print_tensor_i32;
  if (elementType.isInteger(64))
    return RuntimeFunction::print_tensor_i64;
  if (elementType.isInteger(1))
    return RuntimeFunction::print_tensor_bool;
  return std::nullopt;
}

struct PrintToRuntimeCalls : OpRewritePattern<ag::PrintOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::PrintOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    for (Value value : op.getValues())
      if (!printTensorFunction(getElementTypeOrSelf(value.getType())))
        return rewriter.notifyMatchFailure(op, "no runtime print function for the dtype");
    callRuntime(rewriter, loc, op, RuntimeFunction::print_begin);
    auto printText = [&](Attribute text) {
      StringRef value = cast<StringAttr>(text).getValue();
      if (!value.empty())
        callRuntime(rewriter, loc, op, RuntimeFunction::print_text,
                    runtimeText(rewriter, loc, value));
    };
    ArrayAttr texts = op.getTexts();
    for (auto [i, value] : llvm::enumerate(op.getValues())) {
      printText(texts[i]);
      if (StringRef format = op.getFormat(i); !format.empty())
        callRuntime(rewriter, loc, op, RuntimeFunction::print_format,
                    runtimeText(rewriter, loc, format));
      Type elementType = getElementTypeOrSelf(value.getType());
      Value unranked = rewriter.create<tensor::CastOp>(
          loc, UnrankedTensorType::get(elementType), value);
      callRuntime(rewriter, loc, op, *printTensorFunction(elementType),
                  unranked);
    }
    printText(texts[op.getValues().size()]);
    callRuntime(rewriter, loc, op, RuntimeFunction::print_end);
    rewriter.eraseOp(op);
    return success();
  }
};

/// The innermost file:line of `loc`, or ("", 0).
std::pair<std::string, int64_t> fileAndLine(Location loc) {
  std::pair<std::string, int64_t> result{"", 0};
  loc->walk([&](Location inner) {
    if (auto fileLoc = dyn_cast<FileLineColLoc>(inner)) {
      result = {fileLoc.getFilename().str(), fileLoc.getLine()};
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return result;
}

struct AssertToRuntimeCall : OpRewritePattern<ag::AssertOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ag::AssertOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value holds = extractScalar(rewriter, loc, op.getPredicate());
    Value trueValue = rewriter.create<arith::ConstantOp>(loc, rewriter.getBoolAttr(true));
    Value fails = rewriter.create<arith::XOrIOp>(loc, holds, trueValue);
    auto ifOp = rewriter.create<scf::IfOp>(loc, fails, /*withElseRegion=*/false);
    rewriter.setInsertionPointToStart(&ifOp.getThenRegion().front());
    auto [file, line] = fileAndLine(loc);
    Value lineValue = rewriter.create<arith::ConstantOp>(
        loc, rewriter.getI64IntegerAttr(line));
    callRuntime(rewriter, loc, op, RuntimeFunction::assert_fail,
                {runtimeText(rewriter, loc, op.getMessage()),
                 runtimeText(rewriter, loc, file), lineValue});
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void autograph::populateAgPrintAssertToRuntimeCallsPatterns(
    RewritePatternSet &patterns) {
  patterns.add<PrintToRuntimeCalls, AssertToRuntimeCall>(patterns.getContext());
}
