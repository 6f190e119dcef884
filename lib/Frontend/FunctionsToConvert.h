//===- FunctionsToConvert.h - which functions autograph-cc converts -*- C++ -*-===//
//
// The roots of conversion: functions marked AG_FUNCTION, that is
// [[clang::annotate("autograph")]], defined in the main file, minus those
// marked AG_DO_NOT_CONVERT ([[clang::annotate("autograph_do_not_convert")]]).
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_FUNCTIONSTOCONVERT_H
#define AUTOGRAPH_FRONTEND_FUNCTIONSTOCONVERT_H

#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace autograph {

/// The annotation values that AG_FUNCTION and AG_DO_NOT_CONVERT expand to.
inline constexpr const char *kConvertAnnotation = "autograph";
inline constexpr const char *kDoNotConvertAnnotation = "autograph_do_not_convert";

/// The AG_FUNCTION function definitions of the main file, in source order.
std::vector<const clang::FunctionDecl *>
findFunctionsToConvert(clang::ASTContext &context);

/// The functions defined in the main file (not AG_DO_NOT_CONVERT) that
/// `roots` call, directly or through each other, and the lambdas they define:
/// they are converted too (not wrapped: they run inline in a trace), as
/// AutoGraph converts the functions a tf.function calls. A template is
/// listed once, as written (its instantiations' calls are followed).
std::vector<const clang::FunctionDecl *>
findCalledFunctions(clang::ASTContext &context,
                    const std::vector<const clang::FunctionDecl *> &roots);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_FUNCTIONSTOCONVERT_H
