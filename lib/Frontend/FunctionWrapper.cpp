//===- FunctionWrapper.cpp - AG_FUNCTION -> traced and compiled on call ---===//
//
// The last step of conversion: the body of an AG_FUNCTION whose parameters
// are tensors becomes the function that an `ag::function` wrapper traces and
// compiles, so calling it runs native code (tf.function semantics):
//
//   AG_FUNCTION ag::Tensor f(ag::Tensor x) { BODY }
// becomes, on the same lines,
//   AG_FUNCTION ag::Tensor f(ag::Tensor x) { static auto &__ag_function =
//     *new auto(::ag::function([](ag::Tensor x) -> ag::Tensor { BODY }, "f"));
//     return __ag_function(x); }
//
// Called from inside another trace, the wrapper runs the body inline. The
// wrapper (its compiled code) lives until the process ends and is never
// destroyed: destroying a JIT after LLVM's own static state is gone at exit
// would crash.
//
//===----------------------------------------------------------------------===//
#include "ControlFlowConversion.h"
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
  std::string name = specialization->getQualifiedNameAsString();
  if (name != "std::tuple" && name != "std::pair")
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

bool wrapForTracing(ConversionContext &context, const FunctionDecl *function) {
  const auto *body = dyn_cast_or_null<CompoundStmt>(function->getBody());
  if (!body)
    return false;
  bool tensorsOnly = isTensorResult(function->getReturnType()) &&
                     !isa<CXXMethodDecl>(function) &&
                     !function->isTemplated();
  // By value or const reference: the wrapper passes copies of handles.
  for (const ParmVarDecl *parameter : function->parameters()) {
    QualType type = parameter->getType();
    bool byValueOrConstRef =
        !type->isReferenceType() ||
        (type->isLValueReferenceType() &&
         type.getNonReferenceType().isConstQualified());
    tensorsOnly &= isTensorType(type) && byValueOrConstRef;
  }
  if (!tensorsOnly) {
    context.warning(function->getLocation(),
                    "AG_FUNCTION '" + function->getNameAsString() +
                        "' is converted but not compiled on call: only free "
                        "functions of ag::Tensor parameters returning tensors "
                        "are; it runs eagerly unless called from a compiled "
                        "function");
    return false;
  }

  SourceManager &sources = context.ast.getSourceManager();
  const LangOptions &language = context.ast.getLangOpts();
  std::string parameters, arguments;
  for (const ParmVarDecl *parameter : function->parameters()) {
    std::string text = Lexer::getSourceText(
                           CharSourceRange::getTokenRange(parameter->getSourceRange()),
                           sources, language)
                           .str();
    parameters += (parameters.empty() ? "" : ", ") + text;
    arguments += (arguments.empty() ? "" : ", ") + parameter->getNameAsString();
  }
  std::string result = function->getReturnType().getAsString(
      context.ast.getPrintingPolicy());
  context.rewriter.InsertTextAfterToken(
      body->getLBracLoc(),
      " static auto &__ag_function = *new auto(::ag::function([](" +
          parameters + ") -> " + result + " {");
  context.rewriter.InsertTextBefore(
      body->getRBracLoc(), "}, \"" + function->getNameAsString() +
                               "\")); return __ag_function(" + arguments + "); ");
  return true;
}

} // namespace autograph
