//===- FunctionsToConvert.cpp - which functions autograph-cc converts -----===//
#include "FunctionsToConvert.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <set>

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

/// The functions defined in the main file that `body` calls directly.
class CalleeFinder : public RecursiveASTVisitor<CalleeFinder> {
public:
  explicit CalleeFinder(SourceManager &sources) : sources(sources) {}
  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (!callee)
      return true;
    const FunctionDecl *definition = callee->getDefinition();
    // Templates are not converted (their conditions' types are dependent).
    if (!definition || definition->isTemplateInstantiation() ||
        definition->isTemplated() ||
        !sources.isInMainFile(definition->getLocation()))
      return true;
    for (const FunctionDecl *redecl : definition->getCanonicalDecl()->redecls())
      if (hasAnnotation(redecl, kDoNotConvertAnnotation))
        return true;
    callees.push_back(definition);
    return true;
  }
  std::vector<const FunctionDecl *> callees;

private:
  SourceManager &sources;
};

} // namespace

std::vector<const FunctionDecl *>
findCalledFunctions(ASTContext &context,
                    const std::vector<const FunctionDecl *> &roots) {
  std::set<const FunctionDecl *> seen(roots.begin(), roots.end());
  std::vector<const FunctionDecl *> pending(roots), called;
  while (!pending.empty()) {
    const FunctionDecl *function = pending.back();
    pending.pop_back();
    CalleeFinder finder(context.getSourceManager());
    finder.TraverseStmt(function->getBody());
    for (const FunctionDecl *callee : finder.callees)
      if (seen.insert(callee).second) {
        called.push_back(callee);
        pending.push_back(callee);
      }
  }
  return called;
}

std::vector<const FunctionDecl *> findFunctionsToConvert(ASTContext &context) {
  Finder finder(context);
  finder.TraverseDecl(context.getTranslationUnitDecl());
  return std::move(finder.functions);
}

} // namespace autograph
