//===- GeneratedCode.cpp - the code the converters write ------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/Decl.h"

using namespace clang;

namespace autograph {

LoopVariableCode loopVariableCode(const std::vector<Modification> &vars,
                                  const std::vector<Modification> &modified) {
  LoopVariableCode code;
  for (size_t i = 0; i < vars.size(); ++i) {
    std::string name = vars[i].variable->getNameAsString();
    code.unpack += "[[maybe_unused]] ::ag::Tensor " + name + " = ag__v[" +
                   std::to_string(i) + "]; ";
    code.list += (code.list.empty() ? "" : ", ") + name;
    code.names += (code.names.empty() ? "\"" : ", \"") + name + "\"";
  }
  // A tensor the body assigns but that is not carried (assigned before any
  // use in an iteration, dead after the loop) is a local of each iteration:
  // by reference, a value traced in the body would escape it.
  for (const Modification &m : modified)
    if (isTensorType(m.variable->getType()) &&
        llvm::none_of(vars, [&](const Modification &v) {
          return v.variable == m.variable;
        }))
      code.unpack += "[[maybe_unused]] ::ag::Tensor " +
                     m.variable->getNameAsString() + "; ";
  return code;
}

} // namespace autograph
