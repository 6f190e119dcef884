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

  /// Only the main file's declarations can hold functions to convert:
  /// walking the headers' (the standard library's, ag's) would read every
  /// declaration they make, and deserialise all of a precompiled header.
  bool TraverseDecl(Decl *decl) {
    if (decl && !isa<TranslationUnitDecl>(decl) &&
        !sourceManager.isInMainFile(decl->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(decl);
  }

  std::vector<const FunctionDecl *> functions;

private:
  SourceManager &sourceManager;
};

/// The functions defined in the main file that `body` calls directly, and
/// the lambdas it defines (each converted as a function of its own).
class CalleeFinder : public RecursiveASTVisitor<CalleeFinder> {
public:
  explicit CalleeFinder(SourceManager &sources) : sources(sources) {}
  bool VisitCallExpr(CallExpr *call) {
    add(call->getDirectCallee());
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *lambda) {
    add(lambda->getCallOperator());
    return true;
  }
  // Its own body is searched when it is converted.
  bool TraverseLambdaExpr(LambdaExpr *lambda) {
    WalkUpFromLambdaExpr(lambda);
    return true;
  }
  /// What to convert (as written) and whose body to search next.
  std::vector<std::pair<const FunctionDecl *, const FunctionDecl *>> callees;

private:
  void add(const FunctionDecl *callee) {
    if (!callee)
      return;
    const FunctionDecl *definition = callee->getDefinition();
    if (!definition || !sources.isInMainFile(definition->getLocation()))
      return;
    // What the compiler writes (a lambda's conversion to a function pointer
    // and its static invoker) has no source to convert: its synthesized body
    // sits at the lambda, and markers inserted there would break the code.
    if (definition->isImplicit())
      return;
    // A template is converted as written (its pattern), once; the calls its
    // instantiations make are resolved, so those are searched.
    const FunctionDecl *written = definition;
    if (definition->isTemplateInstantiation())
      written = definition->getTemplateInstantiationPattern();
    if (!written || !written->doesThisDeclarationHaveABody())
      return;
    for (const FunctionDecl *redecl : written->getCanonicalDecl()->redecls())
      if (hasAnnotation(redecl, kDoNotConvertAnnotation))
        return;
    callees.push_back({written, definition});
  }
  SourceManager &sources;
};

} // namespace

std::vector<const FunctionDecl *>
findCalledFunctions(ASTContext &context,
                    const std::vector<const FunctionDecl *> &roots) {
  std::set<const FunctionDecl *> converted(roots.begin(), roots.end());
  std::set<const FunctionDecl *> searched(roots.begin(), roots.end());
  std::vector<const FunctionDecl *> pending(roots), called;
  while (!pending.empty()) {
    const FunctionDecl *function = pending.back();
    pending.pop_back();
    CalleeFinder finder(context.getSourceManager());
    finder.TraverseStmt(function->getBody());
    for (auto [written, body] : finder.callees) {
      if (converted.insert(written).second)
        called.push_back(written);
      if (searched.insert(body).second)
        pending.push_back(body);
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
