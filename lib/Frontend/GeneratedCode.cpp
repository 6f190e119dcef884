//===- GeneratedCode.cpp - every piece of code the converters write -------===//
#include "GeneratedCode.h"
#include "TensorTypes.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ErrorHandling.h"

using namespace clang;

namespace autograph {

std::string CodeTemplate::fill(Values values) const {
  std::string result;
  llvm::StringRef rest = text_;
  while (!rest.empty()) {
    size_t hole = rest.find("${");
    result += rest.take_front(hole).str();
    if (hole == llvm::StringRef::npos)
      break;
    rest = rest.drop_front(hole + 2);
    size_t close = rest.find('}');
    llvm::StringRef name = rest.take_front(close);
    rest = rest.drop_front(close + 1);
    const auto *value = llvm::find_if(
        values, [&](const auto &entry) { return entry.first == name; });
    if (value == values.end())
      llvm::report_fatal_error(
          llvm::Twine("code template without a value for ${") + name +
          "}: " + text_);
    result += value->second.str();
  }
  return result;
}

std::string commaSeparated(const std::vector<std::string> &items) {
  return llvm::join(items, ", ");
}

std::string quotedNames(const std::vector<std::string> &names) {
  std::string result;
  for (const std::string &name : names)
    result += (result.empty() ? "\"" : ", \"") + name + "\"";
  return result;
}

std::vector<std::string> namesOf(const std::vector<Modification> &variables) {
  std::vector<std::string> names;
  for (const Modification &m : variables)
    names.push_back(m.variable->getNameAsString());
  return names;
}

LoopVariableCode loopVariableCode(const std::vector<Modification> &vars,
                                  const std::vector<Modification> &modified) {
  LoopVariableCode code;
  std::vector<std::string> names = namesOf(vars);
  for (size_t i = 0; i < names.size(); ++i)
    code.unpack += code::LoopVariable.fill(
        {{"variable", names[i]}, {"index", std::to_string(i)}});
  code.list = commaSeparated(names);
  code.names = quotedNames(names);
  // A tensor the body assigns but that is not carried (assigned before any
  // use in an iteration, dead after the loop) is a local of each iteration:
  // by reference, a value traced in the body would escape it.
  for (const Modification &m : modified)
    if (isTensorType(m.variable->getType()) &&
        llvm::none_of(vars, [&](const Modification &v) {
          return v.variable == m.variable;
        }))
      code.unpack += code::IterationLocal.fill(
          {{"variable", m.variable->getNameAsString()}});
  return code;
}

} // namespace autograph
