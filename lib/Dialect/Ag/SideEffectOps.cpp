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
                    ArrayRef<StringRef> texts, ValueRange values,
                    ArrayRef<StringRef> formats) {
  bool anyFormat = llvm::any_of(formats, [](StringRef f) { return !f.empty(); });
  build(builder, state, builder.getStrArrayAttr(texts), values,
        anyFormat ? builder.getStrArrayAttr(formats) : ArrayAttr());
}

StringRef PrintOp::getFormat(unsigned i) {
  std::optional<ArrayAttr> formats = getFormats();
  if (!formats || i >= formats->size())
    return "";
  return cast<StringAttr>((*formats)[i]).getValue();
}

namespace {
/// Whether `format` is one printf conversion of a number:
/// `%[-+ #0]*[0-9]*(.[0-9]*)?[hlLjztq]*[diouxXcfFeEgGaA]`.
bool isNumberConversion(StringRef format) {
  if (!format.consume_front("%"))
    return false;
  format = format.ltrim("-+ #0");
  format = format.ltrim("0123456789");
  if (format.consume_front("."))
    format = format.ltrim("0123456789");
  format = format.ltrim("hlLjztq");
  return format.size() == 1 &&
         StringRef("diouxXcfFeEgGaA").contains(format.front());
}
} // namespace

LogicalResult PrintOp::verify() {
  if (getTexts().size() != getValues().size() + 1)
    return emitOpError("has ")
           << getTexts().size() << " text pieces for " << getValues().size()
           << " tensors; it needs one more piece than tensors";
  if (std::optional<ArrayAttr> formats = getFormats()) {
    if (formats->size() != getValues().size())
      return emitOpError("has ") << formats->size() << " formats for "
                                 << getValues().size()
                                 << " tensors; it needs one per tensor";
    for (auto [i, format] : llvm::enumerate(formats->getAsValueRange<StringAttr>()))
      if (!format.empty() && !isNumberConversion(format))
        return emitOpError("format \"")
               << format << "\" of value " << i
               << " is not one printf conversion of a number (such as "
                  "\"%d\" or \"%.3f\")";
  }
  return success();
}

// Syntax: `ag.print(("text" | %value) (, ("text" | %value))*) (: types)?`.
// The parentheses keep a print that ends in text from swallowing the result
// name of the next op. Adjacent strings are joined; the texts attribute gets
// an empty piece between adjacent tensors.
ParseResult PrintOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<std::string> texts{""};
  SmallVector<std::string> formats;
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
    formats.emplace_back();
    if (succeeded(parser.parseOptionalKeyword("as")) &&
        parser.parseString(&formats.back()))
      return failure();
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
  if (llvm::any_of(formats, [](const std::string &f) { return !f.empty(); })) {
    SmallVector<StringRef> formatRefs(formats.begin(), formats.end());
    result.addAttribute(getFormatsAttrName(result.name),
                        parser.getBuilder().getStrArrayAttr(formatRefs));
  }
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
    if (StringRef format = getFormat(i); !format.empty()) {
      printer << " as ";
      printer.printString(format);
    }
  }
  printText(texts[getValues().size()]);
  printer << ')';
  if (!getValues().empty()) {
    printer << " : ";
    llvm::interleaveComma(getValues().getTypes(), printer);
  }
  printer.printOptionalAttrDict((*this)->getAttrs(),
                                {getTextsAttrName(), getFormatsAttrName()});
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

//===----------------------------------------------------------------------===//
// SummaryWriteOp
//===----------------------------------------------------------------------===//

LogicalResult SummaryWriteOp::verify() {
  auto type = cast<RankedTensorType>(getData().getType());
  if (getPlugin() == "scalars") {
    if (type.getRank() != 0 || !type.getElementType().isF32())
      return emitOpError("of a scalar needs 0-d f32 data, got ") << type;
    return success();
  }
  if (getPlugin() == "histograms") {
    if (!type.getElementType().isF64())
      return emitOpError("of a histogram needs f64 data, got ") << type;
    if (getBuckets() <= 0)
      return emitOpError("of a histogram needs a positive bucket count, got ") << getBuckets();
    return success();
  }
  return emitOpError("plugin must be \"scalars\" or \"histograms\", got \"")
         << getPlugin() << "\"";
}
