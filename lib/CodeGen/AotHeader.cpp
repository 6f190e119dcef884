//===- AotHeader.cpp - the C++ header of AOT-compiled functions -----------===//
#include "autograph/CodeGen/AotHeader.h"

#include "autograph/Lowering/Passes.h"

#include "mlir/IR/TypeRange.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/YAMLParser.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>

using namespace mlir;

namespace autograph::codegen {

std::string aotSymbolName(llvm::StringRef name) {
  return ("ag_aot_" + name).str();
}

namespace {

/// An element type's ag dtype and, for a 0-d tensor passed as a plain C++
/// scalar, its C++ type (none for bool: compiled code stores i1 in a byte,
/// which C++'s bool does not promise).
struct ElementNames {
  const char *dtype;
  const char *scalar;
};

std::optional<ElementNames> elementNamesOf(Type element) {
  if (element.isF32())
    return ElementNames{"::ag::DType::Float32", "float"};
  if (element.isF64())
    return ElementNames{"::ag::DType::Float64", "double"};
  if (element.isInteger(32))
    return ElementNames{"::ag::DType::Int32", "std::int32_t"};
  if (element.isInteger(64))
    return ElementNames{"::ag::DType::Int64", "std::int64_t"};
  if (element.isInteger(1))
    return ElementNames{"::ag::DType::Bool", nullptr};
  return std::nullopt;
}

llvm::Expected<const char *> dtypeOf(Type element) {
  if (std::optional<ElementNames> names = elementNamesOf(element))
    return names->dtype;
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

/// The C++ type of a 0-d tensor of `type` passed as a plain scalar, or
/// nullptr when `type` is not one.
const char *scalarTypeOf(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || tensor.getRank() != 0)
    return nullptr;
  std::optional<ElementNames> names = elementNamesOf(tensor.getElementType());
  return names ? names->scalar : nullptr;
}

/// For a function of the program's own 0-d tensors only (no variables, no
/// optimizers): the same function on C++ scalars in ag::aot::scalar, which
/// points 0-d descriptors at its parameters and locals and calls the entry
/// point directly (every result of it is written in place), so nothing is
/// checked at run time (the C++ types are the compiled ones) and nothing is
/// allocated. Empty for any other function.
std::string scalarOverload(const AotFunction &function) {
  if (!function.variableNames.empty() || !function.optimizerConfigs.empty() ||
      function.type.getNumResults() == 0)
    return "";
  std::string params, descriptors, callArgs, results, resultType, returned;
  for (auto [i, type] : llvm::enumerate(function.type.getInputs())) {
    const char *scalar = scalarTypeOf(type);
    if (!scalar)
      return "";
    params += llvm::formatv("{0}{1} arg{2}", i ? ", " : "", scalar, i).str();
    descriptors += llvm::formatv("  auto in{0} = ::ag::compiled::ScalarCall::descriptor(arg{0});\n", i).str();
    callArgs += llvm::formatv("{0}&in{1}", i ? ", " : "", i).str();
  }
  unsigned numResults = function.type.getNumResults();
  for (auto [i, type] : llvm::enumerate(function.type.getResults())) {
    const char *scalar = scalarTypeOf(type);
    if (!scalar)
      return "";
    results += llvm::formatv("  {0} result{1}{{};\n  auto out{1} = "
                             "::ag::compiled::ScalarCall::descriptor(result{1});\n",
                             scalar, i)
                   .str();
    callArgs += llvm::formatv("{0}&out{1}", callArgs.empty() ? "" : ", ", i).str();
    resultType += (i ? ", " : "") + std::string(scalar);
    returned += llvm::formatv("{0}result{1}", i ? ", " : "", i).str();
  }
  if (numResults > 1) {
    resultType = "std::tuple<" + resultType + ">";
    returned = "{" + returned + "}";
  }
  return llvm::formatv(R"(/// {0} on C++ scalars: no tensors to check, make or free.
inline {1} {0}({2}) {{
  ::ag::compiled::ScalarCall call;
{3}{4}  _mlir_ciface_{5}({6});
  call.finish();
  return {7};
}

)",
                       function.name, resultType, params, descriptors, results,
                       function.symbol, callArgs, returned)
      .str();
}

} // namespace

AotFunction aotFunctionOf(func::FuncOp function, llvm::StringRef name,
                          llvm::StringRef symbol) {
  AotFunction aot{name.str(), symbol.str(), function.getFunctionType(), {}, {}, {}, {}, {}};
  // Optimizers as the tracer numbered them, then by first use in name order.
  std::vector<std::string> tracedConfigs;
  auto variableIndex = [&](DictionaryAttr attrs) -> int64_t {
    auto index = attrs ? attrs.getAs<IntegerAttr>("ag.variable_index") : nullptr;
    auto named = attrs ? attrs.getAs<StringAttr>("ag.variable") : nullptr;
    if (!index || !named)
      return -1;
    int64_t k = index.getInt();
    if (k < 0 || k >= function.getNumArguments() + function.getNumResults())
      return -1; // not a number the tracer gives
    if (aot.variableNames.size() <= static_cast<size_t>(k)) {
      aot.variableNames.resize(k + 1);
      aot.optimizerVariables.resize(k + 1);
    }
    aot.variableNames[k] = named.getValue().str();
    auto optimizer = attrs.getAs<IntegerAttr>("ag.optimizer");
    auto config = attrs.getAs<StringAttr>("ag.optimizer_config");
    // At most one optimizer per variable: a larger number is not the
    // tracer's, and is ignored.
    if (optimizer && config && optimizer.getInt() >= 0 &&
        optimizer.getInt() <= function.getNumArguments() + function.getNumResults()) {
      size_t o = static_cast<size_t>(optimizer.getInt());
      if (tracedConfigs.size() <= o)
        tracedConfigs.resize(o + 1);
      tracedConfigs[o] = config.getValue().str();
      AotFunction::OptimizerVariable &made = aot.optimizerVariables[k];
      made.optimizer = optimizer.getInt();
      if (auto slot = attrs.getAs<IntegerAttr>("ag.slot"))
        made.slot = slot.getInt();
      if (auto slotOf = attrs.getAs<IntegerAttr>("ag.slot_of"))
        made.slotOf = slotOf.getInt();
    }
    return k;
  };
  for (unsigned i = 0; i < function.getNumArguments(); ++i)
    aot.inputVariables.push_back(variableIndex(function.getArgAttrDict(i)));
  for (unsigned i = 0; i < function.getNumResults(); ++i)
    aot.resultVariables.push_back(variableIndex(function.getResultAttrDict(i)));
  // The variables in the order of their names: the order in which a trace
  // first read them can depend on the C++ compiler (the evaluation order of
  // `a(w) + b(v)`), a header's parameter order must not.
  std::vector<size_t> order(aot.variableNames.size());
  for (size_t k = 0; k < order.size(); ++k)
    order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return aot.variableNames[a] < aot.variableNames[b];
  });
  std::vector<int64_t> position(order.size());
  std::vector<std::string> names(order.size());
  std::vector<AotFunction::OptimizerVariable> made(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    position[order[k]] = static_cast<int64_t>(k);
    names[k] = aot.variableNames[order[k]];
    made[k] = aot.optimizerVariables[order[k]];
  }
  aot.variableNames = std::move(names);
  for (std::vector<int64_t> *list : {&aot.inputVariables, &aot.resultVariables})
    for (int64_t &k : *list)
      if (k >= 0)
        k = position[static_cast<size_t>(k)];
  // A slot names a variable of the program's: else (a module not from the
  // tracer) the variable is passed in as any other.
  for (AotFunction::OptimizerVariable &variable : made) {
    if (variable.optimizer < 0)
      continue;
    if (variable.slot >= 0) {
      if (variable.slotOf < 0 || static_cast<size_t>(variable.slotOf) >= position.size())
        variable = {};
      else
        variable.slotOf = position[static_cast<size_t>(variable.slotOf)];
    }
  }
  for (AotFunction::OptimizerVariable &variable : made)
    if (variable.slot >= 0 &&
        made[static_cast<size_t>(variable.slotOf)].optimizer >= 0)
      variable = {};
  // Optimizers numbered by the first name (in name order) of a variable
  // they keep slots for, then by config: not by the trace's order, and not
  // by their step counters' names, which are all 'iteration'.
  std::vector<std::string> optimizerKey(tracedConfigs.size());
  for (const AotFunction::OptimizerVariable &variable : made) {
    if (variable.optimizer < 0)
      continue;
    std::string &key = optimizerKey[static_cast<size_t>(variable.optimizer)];
    if (variable.slot >= 0 && (key.empty() || key.front() != '0'))
      key = "0" + aot.variableNames[static_cast<size_t>(variable.slotOf)];
    else if (key.empty())
      key = "1" + tracedConfigs[static_cast<size_t>(variable.optimizer)];
  }
  std::vector<size_t> optimizerOrder;
  for (size_t o = 0; o < tracedConfigs.size(); ++o)
    if (!optimizerKey[o].empty())
      optimizerOrder.push_back(o);
  std::stable_sort(optimizerOrder.begin(), optimizerOrder.end(),
                   [&](size_t a, size_t b) { return optimizerKey[a] < optimizerKey[b]; });
  std::vector<int64_t> optimizerNumber(tracedConfigs.size(), -1);
  for (size_t o : optimizerOrder) {
    optimizerNumber[o] = static_cast<int64_t>(aot.optimizerConfigs.size());
    aot.optimizerConfigs.push_back(tracedConfigs[o]);
  }
  for (AotFunction::OptimizerVariable &variable : made)
    if (variable.optimizer >= 0)
      variable.optimizer = optimizerNumber[static_cast<size_t>(variable.optimizer)];
  aot.optimizerVariables = std::move(made);
  return aot;
}

llvm::Expected<std::string> emitAotHeader(llvm::ArrayRef<AotFunction> functions,
                                          llvm::StringRef headerName) {
  std::string guard = "AG_AOT_";
  for (char c : headerName)
    guard += llvm::isAlnum(c) ? llvm::toUpper(c) : '_';
  guard += "_";

  std::string declarations, definitions, scalarDefinitions;
  bool usesOptimizers = false;
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
    auto variableOf = [](const std::vector<int64_t> &variables, unsigned i) {
      return i < variables.size() ? variables[i] : -1;
    };
    // The variables' parameters: var_NAME with each character of NAME that
    // cannot be in an identifier as '_' ('dense/kernel': var_dense_kernel;
    // no "__", which C++ reserves) when no other variable of the function
    // gets that name, else variable<k>.
    std::vector<std::string> spelled;
    for (const std::string &name : function.variableNames) {
      std::string identifier = "var";
      for (char c : "_" + name) {
        c = llvm::isAlnum(c) ? c : '_';
        if (c != '_' || identifier.back() != '_')
          identifier += c;
      }
      spelled.push_back(identifier);
    }
    std::vector<std::string> variableParams;
    for (auto [k, identifier] : llvm::enumerate(spelled))
      variableParams.push_back(llvm::count(spelled, identifier) == 1
                                   ? identifier
                                   : "variable" + std::to_string(k));
    // Each variable's compiled dtype and shape: of its input or its result.
    std::vector<Type> variableTypes(function.variableNames.size());
    for (unsigned i = 0; i < numInputs; ++i)
      if (int64_t k = variableOf(function.inputVariables, i); k >= 0)
        variableTypes[k] = function.type.getInput(i);
    for (unsigned i = 0; i < numResults; ++i)
      if (int64_t k = variableOf(function.resultVariables, i); k >= 0)
        variableTypes[k] = function.type.getResult(i);

    // The C interface: the returned results' storage (if any), the
    // arguments, then the small results written in place.
    unsigned inPlaceResults = static_cast<unsigned>(
        llvm::count_if(function.type.getResults(), resultPassedInPlace));
    std::string cParams = inPlaceResults < numResults ? "void *results" : "";
    std::string params, args, variableValues, callArgs;
    unsigned userInputs = 0;
    for (unsigned i = 0; i < numInputs; ++i) {
      cParams += std::string(cParams.empty() ? "" : ", ") + "void *arg" +
                 std::to_string(i);
      std::string arg;
      if (int64_t k = variableOf(function.inputVariables, i); k >= 0) {
        arg = "value" + std::to_string(i);
        variableValues += "  const ::ag::Tensor " + arg + " = " +
                          variableParams[k] + ".value();\n";
      } else {
        arg = "arg" + std::to_string(i);
        params += (userInputs++ ? ", " : "") + ("const ::ag::Tensor &" + arg);
      }
      args += (i ? ", &" : "&") + arg;
    }
    for (unsigned k = 0; k < inPlaceResults; ++k)
      cParams += std::string(cParams.empty() ? "" : ", ") + "void *out" +
                 std::to_string(k);
    for (unsigned p = 0, count = (inPlaceResults < numResults) + numInputs +
                                 inPlaceResults;
         p < count; ++p)
      callArgs += (p ? ", call.parameter(" : "call.parameter(") +
                  std::to_string(p) + ")";
    // The optimizers' parameters, and their variables asked of them.
    auto madeBy = [&](size_t k) { return function.optimizerVariables[k]; };
    std::vector<std::string> optimizerParams;
    for (size_t o = 0; o < function.optimizerConfigs.size(); ++o)
      optimizerParams.push_back(function.optimizerConfigs.size() == 1
                                    ? "optimizer"
                                    : "optimizer" + std::to_string(o));
    // Checked first, then the program's variables, and only then are
    // slots made (and checked): a refused call changes nothing.
    std::string optimizerChecks, optimizerValues;
    for (auto [o, config] : llvm::enumerate(function.optimizerConfigs))
      optimizerChecks += llvm::formatv(
          "  ::ag::compiled::check_optimizer(\"ag::aot::{0}\", {1}, \"{2}\");\n",
          function.name, optimizerParams[o], llvm::yaml::escape(config));
    for (auto [k, param] : llvm::enumerate(variableParams)) {
      AotFunction::OptimizerVariable made = madeBy(k);
      if (made.optimizer < 0)
        continue;
      const std::string &optimizer = optimizerParams[static_cast<size_t>(made.optimizer)];
      optimizerValues +=
          "  ::ag::Variable " + param + " = " +
          (made.slot < 0 ? optimizer + ".iterations()"
                         : llvm::formatv("{0}.slot({1}, {2})", optimizer,
                                         variableParams[static_cast<size_t>(made.slotOf)],
                                         made.slot)
                               .str()) +
          ";\n";
    }
    std::string checks, madeChecks, writeBacks;
    for (auto [k, param] : llvm::enumerate(variableParams)) {
      if (madeBy(k).optimizer < 0)
        params += (params.empty() ? "" : ", ") + ("::ag::Variable &" + param);
      llvm::Expected<std::string> spec =
          specList(function, TypeRange(variableTypes[k]));
      if (!spec)
        return spec.takeError();
      // specList gives `{{dtype, {shape}}}`: the one spec is inside.
      (madeBy(k).optimizer < 0 ? checks : madeChecks) += llvm::formatv(
          "  ::ag::compiled::check_variable(\"ag::aot::{0}\", {1}.name(), "
          "{{{1}.dtype(), {1}.shape()}, {2});\n",
          function.name, param, spec->substr(1, spec->size() - 2));
    }
    checks += optimizerValues + madeChecks;
    for (const std::string &optimizer : optimizerParams)
      params += (params.empty() ? "" : ", ") +
                ("::ag::optimizers::Optimizer &" + optimizer);
    std::vector<std::string> userResults;
    for (unsigned i = 0; i < numResults; ++i) {
      std::string result = "results[" + std::to_string(i) + "]";
      if (int64_t k = variableOf(function.resultVariables, i); k >= 0)
        writeBacks += "  " + variableParams[k] + ".assign(" + result + ");\n";
      else
        userResults.push_back("std::move(" + result + ")");
    }
    std::string resultType = "void";
    std::string resultExpression;
    if (userResults.size() == 1) {
      resultType = "::ag::Tensor";
      resultExpression = userResults[0];
    } else if (userResults.size() > 1) {
      resultType = "std::tuple<";
      resultExpression = "{";
      for (auto [i, result] : llvm::enumerate(userResults)) {
        resultType += (i ? ", " : "") + std::string("::ag::Tensor");
        resultExpression += (i ? ", " : "") + result;
      }
      resultType += ">";
      resultExpression += "}";
    }
    std::string signature;
    llvm::raw_string_ostream(signature) << function.type;
    std::string variablesNote;
    if (!variableParams.empty()) {
      variablesNote = "\n/// Variables (passed in; those it assigns are written back):";
      for (auto [k, name] : llvm::enumerate(function.variableNames))
        if (madeBy(k).optimizer < 0)
          variablesNote += " " + variableParams[k] + " ('" + name + "')";
    }
    for (auto [o, config] : llvm::enumerate(function.optimizerConfigs)) {
      variablesNote += "\n/// " + optimizerParams[o] + ": " + config + "; its variables:";
      for (auto [k, name] : llvm::enumerate(function.variableNames))
        if (madeBy(k).optimizer == static_cast<int64_t>(o))
          variablesNote += " '" + name + "'";
    }
    usesOptimizers = usesOptimizers || !optimizerParams.empty();
    scalarDefinitions += scalarOverload(function);

    declarations += llvm::formatv("void _mlir_ciface_{0}({1});\n",
                                  function.symbol, cParams);
    definitions += llvm::formatv(
        R"(/// {0}, compiled ahead of time: {1}{11}
inline {2} {0}({3}) {{
  static const std::vector<::ag::TensorSpec> inputs = {4};
  static const std::vector<::ag::TensorSpec> outputs = {5};
{17}{12}{15}{6}  ::ag::compiled::Call call("ag::aot::{0}", inputs, outputs, {16});
  _mlir_ciface_{7}({8});
  {9}call.finish({14});
{13}{10}}

)",
        function.name, signature, resultType, params, *inputs, *outputs,
        numInputs ? "  const ::ag::Tensor *const arguments[] = {" + args + "};\n"
                  : std::string(),
        function.symbol, callArgs,
        numResults ? "::ag::Tensor results[" + std::to_string(numResults) + "];\n  "
                   : std::string(),
        userResults.empty() ? std::string() : "  return " + resultExpression + ";\n",
        variablesNote, checks, writeBacks, numResults ? "results" : "nullptr",
        variableValues,
        numInputs ? "arguments" : "::ag::Span<const ::ag::Tensor *const>()",
        optimizerChecks);
  }

  return llvm::formatv(R"(// {0}: functions compiled ahead of time by autograph-cc.
// Link with the object file and autograph::runtime; no LLVM or MLIR needed.
#ifndef {1}
#define {1}

#include <autograph/CompiledCall.h>
{4}#include <autograph/Variable.h>

#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

extern "C" {{
{2}}

namespace ag::aot {{

{3}} // namespace ag::aot
{5}
#endif // {1}
)",
                       headerName, guard, declarations, definitions,
                       usesOptimizers ? "#include <autograph/Optimizers.h>\n" : "",
                       scalarDefinitions.empty()
                           ? std::string()
                           : "\nnamespace ag::aot::scalar {\n\n" + scalarDefinitions +
                                 "} // namespace ag::aot::scalar\n")
      .str();
}

} // namespace autograph::codegen
