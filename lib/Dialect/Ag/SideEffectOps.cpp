//===- SideEffectOps.cpp - ag.print and ag.assert -------------------------===//
#include "autograph/Dialect/Ag/AgOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ag;

//===----------------------------------------------------------------------===//
// PrintOp
//===----------------------------------------------------------------------===//

void PrintOp::build(OpBuilder &builder, OperationState &state,
                    ArrayRef<StringRef> texts, ValueRange values) {
  build(builder, state, builder.getStrArrayAttr(texts), values);
}

LogicalResult PrintOp::verify() {
  if (getTexts().size() != getValues().size() + 1)
    return emitOpError("has ")
           << getTexts().size() << " text pieces for " << getValues().size()
           << " tensors; it needs one more piece than tensors";
  return success();
}

// Syntax: `ag.print(("text" | %value) (, ("text" | %value))*) (: types)?`.
// The parentheses keep a print that ends in text from swallowing the result
// name of the next op. Adjacent strings are joined; the texts attribute gets
// an empty piece between adjacent tensors.
ParseResult PrintOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<std::string> texts{""};
  SmallVector<OpAsmParser::UnresolvedOperand> values;
  auto parseElement = [&]() -> ParseResult {
    std::string text;
    if (succeeded(parser.parseOptionalString(&text))) {
      texts.back() += text;
      return success();
    }
    OpAsmParser::UnresolvedOperand value;
    if (parser.parseOperand(value))
      return failure();
    values.push_back(value);
    texts.emplace_back();
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren,
                                     parseElement, " in ag.print"))
    return failure();
  SmallVector<Type> types;
  if (succeeded(parser.parseOptionalColon()) && parser.parseTypeList(types))
    return failure();
  if (types.size() != values.size())
    return parser.emitError(parser.getNameLoc())
           << "prints " << values.size() << " tensors but lists "
           << types.size() << " types after ':'";
  if (parser.parseOptionalAttrDict(result.attributes))
    return failure();
  if (parser.resolveOperands(values, types, parser.getNameLoc(),
                             result.operands))
    return failure();
  SmallVector<StringRef> textRefs(texts.begin(), texts.end());
  result.addAttribute(getTextsAttrName(result.name),
                      parser.getBuilder().getStrArrayAttr(textRefs));
  return success();
}

void PrintOp::print(OpAsmPrinter &printer) {
  bool first = true;
  auto separate = [&] {
    if (!first)
      printer << ", ";
    first = false;
  };
  auto printText = [&](Attribute text) {
    StringRef value = cast<StringAttr>(text).getValue();
    if (!value.empty()) {
      separate();
      printer.printString(value);
    }
  };
  ArrayAttr texts = getTexts();
  printer << '(';
  for (auto [i, value] : llvm::enumerate(getValues())) {
    printText(texts[i]);
    separate();
    printer << value;
  }
  printText(texts[getValues().size()]);
  printer << ')';
  if (!getValues().empty()) {
    printer << " : ";
    llvm::interleaveComma(getValues().getTypes(), printer);
  }
  printer.printOptionalAttrDict((*this)->getAttrs(), {getTextsAttrName()});
}

//===----------------------------------------------------------------------===//
// AssertOp
//===----------------------------------------------------------------------===//

namespace {
/// An assert of a constant true predicate can never fail.
struct RemoveAssertOfTrue : OpRewritePattern<AssertOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AssertOp op,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr predicate;
    if (!matchPattern(op.getPredicate(), m_Constant(&predicate)) ||
        !predicate.getSplatValue<bool>())
      return failure();
    rewriter.eraseOp(op);
    return success();
  }
};
} // namespace

void AssertOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<RemoveAssertOfTrue>(context);
}
