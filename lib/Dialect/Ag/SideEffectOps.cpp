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

// Syntax: `ag.print ("text" | %value)* (: types)?`. Adjacent strings are
// joined; the texts attribute gets an empty piece between adjacent tensors.
ParseResult PrintOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<std::string> texts{""};
  SmallVector<OpAsmParser::UnresolvedOperand> values;
  while (true) {
    std::string text;
    if (succeeded(parser.parseOptionalString(&text))) {
      texts.back() += text;
      continue;
    }
    OpAsmParser::UnresolvedOperand value;
    OptionalParseResult parsed = parser.parseOptionalOperand(value);
    if (!parsed.has_value())
      break;
    if (failed(*parsed))
      return failure();
    values.push_back(value);
    texts.emplace_back();
  }
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
  auto printText = [&](Attribute text) {
    StringRef value = cast<StringAttr>(text).getValue();
    if (!value.empty()) {
      printer << ' ';
      printer.printString(value);
    }
  };
  ArrayAttr texts = getTexts();
  for (auto [i, value] : llvm::enumerate(getValues())) {
    printText(texts[i]);
    printer << ' ' << value;
  }
  printText(texts[getValues().size()]);
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
