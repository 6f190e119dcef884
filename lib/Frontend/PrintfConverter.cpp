//===- PrintfConverter.cpp - printf with tensor arguments -----------------===//
//
//   printf("step %d: loss %.4f\n", step, loss.item<float>());
// becomes (on the same line)
//   ::ag::print_formatted("step %d: loss %.4f\n", {step, loss});
// A tensor's value reaches printf as `t.item<T>()` (possibly cast); the
// converted call passes the tensor itself, which ag::print_formatted formats
// with the same conversion after converting its one element to the
// conversion's integer or floating type, as one ag.print when traced. C++
// arguments stay as they are. A printf with no tensor argument is converted
// too (`printf("epoch %d\n", epoch)`): it then prints on every call and only
// when its branch runs, as it does eagerly, not once at trace time (nor at
// build time, for a function compiled ahead of time); it is left alone when
// ag::print_formatted could not print it the same way (its result is used, a
// format that is not a literal or has conversions print does not take,
// arguments print cannot take). With a tensor argument, a tensor used in an
// argument in any other way, an argument of a type print cannot take (a
// pointer other than a C string, a class) and a call whose result is used
// are errors.
//
//===----------------------------------------------------------------------===//
#include "Converters.h"
#include "TensorTypes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace autograph {

namespace {

bool isPrintf(const CallExpr *call) {
  return isCPrintf(call->getDirectCallee());
}

/// `t` of an argument `t.item<T>()` (under parentheses, implicit conversions
/// and casts to arithmetic types) where t is a tensor; else null.
const Expr *tensorRead(const Expr *argument) {
  const Expr *e = argument->IgnoreParenImpCasts();
  while (const auto *cast = dyn_cast<ExplicitCastExpr>(e)) {
    if (!cast->getType()->isArithmeticType())
      break;
    e = cast->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *call = dyn_cast<CXXMemberCallExpr>(e);
  if (!call || !call->getMethodDecl() || !call->getMethodDecl()->getIdentifier() ||
      call->getMethodDecl()->getName() != "item")
    return nullptr;
  const Expr *object = call->getImplicitObjectArgument();
  return object && isTensorType(object->getType()) ? object : nullptr;
}

/// What ag::PrintArg takes: arithmetic values and C strings.
bool printable(QualType type) {
  type = type.getNonReferenceType().getCanonicalType();
  if (type->isArithmeticType())
    return true;
  if (type->isPointerType() || type->isArrayType()) {
    QualType element = type->getPointeeOrArrayElementType()->getCanonicalTypeUnqualified();
    return element->isCharType();
  }
  return false;
}

/// Whether `format` has `arguments` conversions, each of one that
/// ag::print_formatted takes (no `*` width, `%n` or `%p`).
bool formatPrintable(llvm::StringRef format, unsigned arguments) {
  unsigned conversions = 0;
  for (std::size_t pos = 0; pos < format.size(); ++pos) {
    if (format[pos] != '%')
      continue;
    if (pos + 1 < format.size() && format[pos + 1] == '%') {
      ++pos;
      continue;
    }
    ++pos;
    while (pos < format.size() && llvm::StringRef("-+ #0123456789.hlLjztq").contains(format[pos]))
      ++pos;
    if (pos >= format.size() || !llvm::StringRef("diouxXcfFeEgGaAs").contains(format[pos]))
      return false;
    ++conversions;
  }
  return conversions == arguments;
}

/// Whether a printf without tensor arguments prints the same through
/// ag::print_formatted.
bool convertibleWithoutTensors(ConversionContext &context, const CallExpr *call) {
  const auto *format = dyn_cast<StringLiteral>(call->getArg(0)->IgnoreParenImpCasts());
  if (!format || !format->isOrdinary() || !context.valueUnused(call) ||
      !formatPrintable(format->getString(), call->getNumArgs() - 1))
    return false;
  for (unsigned i = 1; i < call->getNumArgs(); ++i)
    if (!printable(call->getArg(i)->IgnoreImpCasts()->getType()))
      return false;
  return true;
}

} // namespace

bool convertPrintf(ConversionContext &context, const CallExpr *call) {
  if (!isPrintf(call) || call->getNumArgs() == 0)
    return false;
  bool hasTensor = false;
  for (const Expr *argument : call->arguments())
    hasTensor = hasTensor || mentionsTensor(argument);
  if (!hasTensor && !convertibleWithoutTensors(context, call))
    return false;
  if (!context.valueUnused(call)) {
    context.error(call->getBeginLoc(),
                  "this printf prints a tensor and its result is used; only a "
                  "printf that is a statement of its own can be converted to a "
                  "print");
    return false;
  }
  auto text = [&](const Expr *e) {
    return context.rewriter.getRewrittenText(
        CharSourceRange::getTokenRange(e->getSourceRange()));
  };
  bool ok = true;
  std::string arguments;
  for (unsigned i = 1; i < call->getNumArgs(); ++i) {
    const Expr *argument = call->getArg(i);
    std::string piece;
    if (const Expr *tensor = tensorRead(argument)) {
      piece = text(tensor);
    } else if (mentionsTensor(argument)) {
      context.error(argument->getBeginLoc(),
                    "this printf argument computes a C++ value from a tensor, "
                    "which a traced function cannot do; pass the tensor's "
                    "value as `t.item<T>()` to print it");
      ok = false;
    } else if (!printable(argument->IgnoreImpCasts()->getType())) {
      context.error(argument->getBeginLoc(),
                    "this printf argument has type '" +
                        argument->IgnoreImpCasts()->getType().getAsString() +
                        "', which a converted printf cannot print (it prints "
                        "numbers, C strings and tensors)");
      ok = false;
    } else if (argument->IgnoreImpCasts()->getType()->isEnumeralType()) {
      // printf receives an unscoped enum as its integer value.
      piece = "static_cast<long long>(" + text(argument) + ")";
    } else {
      piece = text(argument);
    }
    arguments += (arguments.empty() ? "" : ", ") + piece;
  }
  if (!ok)
    return false;
  context.replace(CharSourceRange::getTokenRange(call->getSourceRange()),
                  code::PrintFormatted.fill({{"format", text(call->getArg(0))},
                                             {"arguments", arguments}}));
  return true;
}

} // namespace autograph
