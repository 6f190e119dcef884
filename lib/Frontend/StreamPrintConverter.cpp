//===- StreamPrintConverter.cpp - std::cout chains with tensors -----------===//
//
//   std::cout << "step " << i << ": loss " << loss << std::endl;
// becomes (on the same line)
//   (::ag::PrintStream() << "step " << i << ": loss " << loss << std::endl).print();
// ag::PrintStream formats the C++ values with std::cout's own settings and
// keeps the tensors, so the statement prints exactly what it printed before,
// as one ag.print when traced (runtime: include/autograph/Print.h). Every
// chain on std::cout that is a statement of its own is converted, with a
// tensor operand or not: it then prints on every call and only when its
// branch runs, as it does eagerly (not once at trace time, nor at build time
// for a function compiled ahead of time). Chains on std::cerr and std::clog
// print at trace time, as C++ code around tensors does (the way to log
// tracing); with a tensor operand they get a warning (they would print
// `Tensor(f32[])` once, at trace time). A chain with a tensor whose value is
// used is an error; one without a tensor is left alone.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace autograph {

namespace {

const CXXOperatorCallExpr *asShift(const Expr *e) {
  const auto *call = dyn_cast_or_null<CXXOperatorCallExpr>(e ? e->IgnoreImplicit() : nullptr);
  if (call && call->getOperator() == OO_LessLess && call->getNumArgs() == 2)
    return call;
  return nullptr;
}

/// The standard stream (`cout`, `cerr`, `clog`) a chain starts from, or "".
llvm::StringRef standardStream(const Expr *e) {
  const auto *ref = dyn_cast<DeclRefExpr>(e->IgnoreImplicit()->IgnoreParens());
  const auto *var = ref ? dyn_cast<VarDecl>(ref->getDecl()) : nullptr;
  return isStandardStream(var) ? var->getName() : "";
}

} // namespace

bool convertStreamPrint(ConversionContext &context,
                        const CXXOperatorCallExpr *expression) {
  if (!asShift(expression))
    return false;
  // Only the whole chain: not a `<<` that is the left operand of another.
  for (const DynTypedNode &parent : context.ast.getParents(*expression))
    if (const auto *outer = asShift(parent.get<Expr>()))
      if (outer->getArg(0)->IgnoreImplicit() == expression)
        return false;
  const Expr *stream = expression;
  bool hasTensor = false;
  while (const CXXOperatorCallExpr *shift = asShift(stream)) {
    hasTensor = hasTensor || isTensorType(shift->getArg(1)->getType());
    stream = shift->getArg(0);
  }
  llvm::StringRef name = standardStream(stream);
  if (name.empty() || (!hasTensor && (name != "cout" || !context.valueUnused(expression))))
    return false;
  if (name != "cout") {
    context.warning(stream->getBeginLoc(),
                    "a tensor written to std::" + name.str() +
                        " prints once, when the function is traced (its "
                        "symbolic type, not its value); write it to std::cout "
                        "or use ag::print to print it on every call");
    return false;
  }
  if (!context.valueUnused(expression)) {
    context.error(expression->getBeginLoc(),
                  "this std::cout chain prints a tensor and its value is used; "
                  "only a chain that is a statement of its own can be "
                  "converted to a print");
    return false;
  }
  context.replace(CharSourceRange::getTokenRange(stream->getSourceRange()),
                  code::PrintStreamStart.fill({}));
  context.rewriter.InsertTextAfterToken(expression->getEndLoc(),
                                        code::PrintStreamEnd.fill({}));
  return true;
}

} // namespace autograph
