//===- FunctionWrapper.cpp - AG_FUNCTION -> traced and compiled on call ---===//
//
// The last step of conversion: the body of an AG_FUNCTION becomes a lambda
// that ag::call_function traces and compiles once per call signature, so
// calling it runs native code (tf.function semantics):
//
//   AG_FUNCTION ag::Tensor f(ag::Tensor x, int n) { BODY }
// becomes, on the same lines,
//   AG_FUNCTION ag::Tensor f(ag::Tensor x, int n) { static ::ag::Function
//     &ag__function = *new ::ag::Function("f"); return ::ag::call_function(
//     ag__function, nullptr, [&](ag::Tensor x, int n) -> ag::Tensor { BODY },
//     x, n); }
//
// The signature is made of the arguments (Signature.h: tensors by dtype and
// shape, C++ values by value, ag objects by identity); a member function's
// object (`this`) is part of it too. A template gets one cache per
// instantiation (the static is per instantiation). Called from inside
// another trace, the function runs inline. The cache (and its compiled code)
// lives until the process ends and is never destroyed: destroying a JIT
// after LLVM's own static state is gone at exit would crash.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace autograph {

namespace {
/// Whether `type` is ag::Tensor or a std::tuple/std::pair of them.
bool isTensorResult(QualType type) {
  if (isTensorType(type))
    return true;
  const auto *record = type.getCanonicalType()->getAsCXXRecordDecl();
  const auto *specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(record);
  if (!specialization)
    return false;
  if (!isStdTupleOrPair(specialization))
    return false;
  // std::tuple's element types are one template argument pack.
  std::vector<TemplateArgument> arguments;
  for (const TemplateArgument &argument :
       specialization->getTemplateArgs().asArray()) {
    if (argument.getKind() == TemplateArgument::Pack)
      arguments.insert(arguments.end(), argument.pack_begin(), argument.pack_end());
    else
      arguments.push_back(argument);
  }
  for (const TemplateArgument &argument : arguments)
    if (argument.getKind() != TemplateArgument::Type ||
        !isTensorType(argument.getAsType()))
      return false;
  return !arguments.empty();
}
} // namespace

namespace {
/// Whether an argument of `type` can be part of a compiled signature (as
/// Signature.h's function_argument defines it): a tensor, a C++ arithmetic
/// value or enum, or an ag object (a class of namespace ag, or derived from
/// one: variables, datasets, layers, ...). A dependent type is checked when
/// the template is instantiated.
bool isSignatureType(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  if (type->isDependentType() || type->isArithmeticType() ||
      type->isEnumeralType() || isTensorType(type))
    return true;
  const CXXRecordDecl *record = type->getAsCXXRecordDecl();
  if (!record || !record->hasDefinition())
    return false;
  return isAgClassOrDerived(record);
}

/// The source text of `parameter` with its name (unnamed ones get `name`).
std::string parameterText(ConversionContext &context, const ParmVarDecl *parameter,
                          const std::string &name) {
  SourceManager &sources = context.ast.getSourceManager();
  std::string text =
      Lexer::getSourceText(
          CharSourceRange::getTokenRange(parameter->getSourceRange()), sources,
          context.ast.getLangOpts())
          .str();
  if (parameter->getName().empty())
    text += " " + name;
  return text;
}
} // namespace

bool wrapForTracing(ConversionContext &context, const FunctionDecl *function) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(function->getBody());
  if (!body)
    return false;
  std::string name = function->getNameAsString();
  const auto *method = dyn_cast<CXXMethodDecl>(function);
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl>(function) ||
      function->isOverloadedOperator()) {
    context.error(function->getLocation(),
                  "AG_FUNCTION on a constructor, destructor or operator cannot "
                  "be compiled; mark a named function instead");
    return false;
  }
  QualType result = function->getReturnType();
  if (!result->isVoidType() && !result->isDependentType() &&
      !result->isUndeducedType() && !isTensorResult(result)) {
    context.error(function->getLocation(),
                  "AG_FUNCTION '" + name + "' returns '" +
                      result.getAsString(context.ast.getPrintingPolicy()) +
                      "': a compiled function returns void, ag::Tensor, or a "
                      "std::tuple or std::pair of tensors");
    return false;
  }
  bool ok = true;
  for (const ParmVarDecl *parameter : function->parameters()) {
    QualType type = parameter->getType();
    std::string what = parameter->getName().empty()
                           ? "an unnamed parameter"
                           : "parameter '" + parameter->getNameAsString() + "'";
    if (!isSignatureType(type)) {
      context.error(parameter->getLocation(),
                    "AG_FUNCTION '" + name + "' cannot be compiled: " + what +
                        " has type '" +
                        type.getAsString(context.ast.getPrintingPolicy()) +
                        "'; compiled functions take ag::Tensor, C++ arithmetic "
                        "values and enums, and ag objects (variables, "
                        "datasets, ...)");
      ok = false;
    } else if (isTensorType(type) && type->isReferenceType() &&
               !type.getNonReferenceType().isConstQualified()) {
      context.error(parameter->getLocation(),
                    "AG_FUNCTION '" + name + "' cannot be compiled: " + what +
                        " is a non-const reference to a tensor; a compiled "
                        "function returns its results (return the tensor "
                        "instead)");
      ok = false;
    }
  }
  if (!ok)
    return false;

  std::string parameters, arguments;
  unsigned unnamed = 0;
  for (const ParmVarDecl *parameter : function->parameters()) {
    std::string argument = parameter->getNameAsString();
    if (argument.empty()) {
      // The wrapper passes it on, so it needs a name.
      argument = code::UnnamedParameter.fill({{"index", std::to_string(unnamed++)}});
      context.rewriter.InsertTextAfterToken(parameter->getEndLoc(), " " + argument);
    }
    parameters += (parameters.empty() ? "" : ", ") +
                  parameterText(context, parameter, argument);
    if (parameter->isParameterPack())
      argument += "...";
    arguments += ", " + argument;
  }
  std::string self = method && method->isInstance() ? "this" : "nullptr";
  context.rewriter.InsertTextAfterToken(
      body->getLBracLoc(),
      code::WrapperStart.fill(
          {{"name", name},
           {"self", self},
           {"parameters", parameters},
           {"result", result.getAsString(context.ast.getPrintingPolicy())}}));
  context.rewriter.InsertTextBefore(body->getRBracLoc(),
                                    code::WrapperEnd.fill({{"arguments", arguments}}));
  return true;
}

} // namespace autograph
