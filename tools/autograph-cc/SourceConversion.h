//===- SourceConversion.h - a parsed file to converted source ---*- C++ -*-===//
#ifndef AUTOGRAPH_CC_SOURCECONVERSION_H
#define AUTOGRAPH_CC_SOURCECONVERSION_H

#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTUnit;
} // namespace clang

namespace autograph::cc {

struct ConvertedSource {
  /// The converted file: the ag headers it needs, `#line 1 "FILE"`, then the
  /// file with its AG_FUNCTIONs rewritten on their own lines.
  std::string text;
  /// The AG_FUNCTIONs that are compiled on call (traceable), by name.
  std::vector<std::string> compiledFunctions;
};

/// The first pass over the AG_FUNCTIONs of the main file: break and
/// continue of staged loops become flags. The main file's new text when it
/// changed (to be parsed again), nothing when it did not; `failed` is set
/// after an error (reported on stderr).
std::optional<std::string> lowerLoopJumpsInSource(clang::ASTUnit &unit,
                                                  bool &failed);

/// Converts the AG_FUNCTIONs of the main file; the conversion's diagnostics
/// go to stderr like the parser's. Nothing on an error.
std::optional<ConvertedSource> convertSource(clang::ASTUnit &unit);

/// After the parser reported errors: errors of its own that explain those
/// ag cannot stage (a switch on a tensor).
void explainParseErrors(clang::ASTUnit &unit);

/// "file:line:col: name" for each AG_FUNCTION, one per line.
std::string listFunctionsToConvert(clang::ASTUnit &unit);

} // namespace autograph::cc

#endif // AUTOGRAPH_CC_SOURCECONVERSION_H
