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

/// The first passes over the functions to convert, each parsed again after
/// the one before: returns from staged control flow become assignments of a
/// result (and a flag), then break and continue of staged loops become
/// flags. Each gives the main file's new text when it changed, nothing when
/// it did not; `failed` is set after an error (reported on stderr).
std::optional<std::string> lowerReturnsInSource(clang::ASTUnit &unit,
                                                bool &failed);
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
