//===- FunctionsToConvert.cpp - which functions autograph-cc converts -----===//
#include "FunctionsToConvert.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace autograph {
namespace {

bool hasAnnotation(const Decl *decl, llvm::StringRef value) {
  for (const auto *attr : decl->specific_attrs<AnnotateAttr>())
    if (attr->getAnnotation() == value)
      return true;
  return false;
}

class Finder : public RecursiveASTVisitor<Finder> {
public:
  explicit Finder(ASTContext &context) : sourceManager(context.getSourceManager()) {}

  bool VisitFunctionDecl(FunctionDecl *function) {
    if (!function->doesThisDeclarationHaveABody() ||
        !sourceManager.isInMainFile(function->getLocation()))
      return true;
    // The annotation may sit on any redeclaration (a prototype in a header).
    const FunctionDecl *canonical = function->getCanonicalDecl();
    bool convert = false, excluded = false;
    for (const FunctionDecl *redecl : canonical->redecls()) {
      convert |= hasAnnotation(redecl, kConvertAnnotation);
      excluded |= hasAnnotation(redecl, kDoNotConvertAnnotation);
    }
    if (convert && !excluded)
      functions.push_back(function);
    return true;
  }

  bool shouldVisitTemplateInstantiations() const { return false; }

  std::vector<const FunctionDecl *> functions;

private:
  SourceManager &sourceManager;
};

} // namespace

std::vector<const FunctionDecl *> findFunctionsToConvert(ASTContext &context) {
  Finder finder(context);
  finder.TraverseDecl(context.getTranslationUnitDecl());
  return std::move(finder.functions);
}

} // namespace autograph
