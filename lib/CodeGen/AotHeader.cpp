//===- AotHeader.cpp - the C++ header of AOT-compiled functions -----------===//
#include "autograph/CodeGen/AotHeader.h"

#include "mlir/IR/TypeRange.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace autograph::codegen {

std::string aotSymbolName(llvm::StringRef name) {
  return ("ag_aot_" + name).str();
}

namespace {

llvm::Expected<const char *> dtypeOf(Type element) {
  if (element.isF32())
    return "::ag::DType::Float32";
  if (element.isF64())
    return "::ag::DType::Float64";
  if (element.isInteger(32))
    return "::ag::DType::Int32";
  if (element.isInteger(64))
    return "::ag::DType::Int64";
  if (element.isInteger(1))
    return "::ag::DType::Bool";
  std::string text;
  llvm::raw_string_ostream(text) << element;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "no ag dtype for element type " + text);
}

/// `{{::ag::DType::Float32, {-1, 784}}, ...}`
llvm::Expected<std::string> specList(const AotFunction &function,
                                     TypeRange types) {
  std::string text = "{";
  for (Type type : types) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     function.name +
                                         ": only ranked tensors cross the "
                                         "compiled function's boundary");
    llvm::Expected<const char *> dtype = dtypeOf(tensor.getElementType());
    if (!dtype)
      return dtype.takeError();
    text += text.size() > 1 ? ", " : "";
    text += std::string("{") + *dtype + ", {";
    for (auto [i, extent] : llvm::enumerate(tensor.getShape()))
      text += (i ? ", " : "") +
              std::to_string(ShapedType::isDynamic(extent) ? -1 : extent);
    text += "}}";
  }
  return text + "}";
}

bool isIdentifier(llvm::StringRef name) {
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  return llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

} // namespace

llvm::Expected<std::string> emitAotHeader(llvm::ArrayRef<AotFunction> functions,
                                          llvm::StringRef headerName) {
  std::string guard = "AG_AOT_";
  for (char c : headerName)
    guard += llvm::isAlnum(c) ? llvm::toUpper(c) : '_';
  guard += "_";

  std::string declarations, definitions;
  for (const AotFunction &function : functions) {
    if (!isIdentifier(function.name))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "'" + function.name + "' is not a C++ identifier");
    llvm::Expected<std::string> inputs = specList(function, function.type.getInputs());
    if (!inputs)
      return inputs.takeError();
    llvm::Expected<std::string> outputs =
        specList(function, function.type.getResults());
    if (!outputs)
      return outputs.takeError();

    unsigned numInputs = function.type.getNumInputs();
    unsigned numResults = function.type.getNumResults();
    std::string cParams = numResults ? "void *results" : "";
    std::string params, args, callArgs = numResults ? "call.results()" : "";
    for (unsigned i = 0; i < numInputs; ++i) {
      cParams += std::string(cParams.empty() ? "" : ", ") + "void *arg" +
                 std::to_string(i);
      params += (i ? ", " : "") + ("const ::ag::Tensor &arg" + std::to_string(i));
      args += (i ? ", " : "") + ("arg" + std::to_string(i));
      callArgs += std::string(callArgs.empty() ? "" : ", ") + "call.argument(" +
                  std::to_string(i) + ")";
    }
    std::string resultType = "void";
    std::string resultExpression;
    if (numResults == 1) {
      resultType = "::ag::Tensor";
      resultExpression = "results.at(0)";
    } else if (numResults > 1) {
      resultType = "std::tuple<";
      resultExpression = "{";
      for (unsigned i = 0; i < numResults; ++i) {
        resultType += (i ? ", " : "") + std::string("::ag::Tensor");
        resultExpression += (i ? ", " : "") + ("results.at(" + std::to_string(i) + ")");
      }
      resultType += ">";
      resultExpression += "}";
    }
    std::string signature;
    llvm::raw_string_ostream(signature) << function.type;

    declarations += llvm::formatv("void _mlir_ciface_{0}({1});\n",
                                  function.symbol, cParams);
    definitions += llvm::formatv(
        R"(/// {0}, compiled ahead of time: {1}
inline {2} {0}({3}) {{
  static const std::vector<::ag::TensorSpec> inputs = {4};
  static const std::vector<::ag::TensorSpec> outputs = {5};
  ::ag::compiled::Call call("ag::aot::{0}", inputs, outputs, {{{6}});
  _mlir_ciface_{7}({8});
  {9}call.finish();
{10}}

)",
        function.name, signature, resultType, params, *inputs, *outputs, args,
        function.symbol, callArgs,
        numResults ? "::ag::TensorList results = " : "",
        numResults ? "  return " + resultExpression + ";\n" : std::string());
  }

  return llvm::formatv(R"(// {0}: functions compiled ahead of time by autograph-cc.
// Link with the object file and autograph::runtime; no LLVM or MLIR needed.
#ifndef {1}
#define {1}

#include <autograph/CompiledCall.h>

#include <tuple>
#include <vector>

extern "C" {{
{2}}

namespace ag::aot {{

{3}} // namespace ag::aot

#endif // {1}
)",
                       headerName, guard, declarations, definitions)
      .str();
}

} // namespace autograph::codegen
