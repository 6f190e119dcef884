//===- ConverterPipeline.h - a C++ file to converted source -----*- C++ -*-===//
//
// The frontend's entry point: runs the converter pipeline (the ordered list
// of stages in ConverterPipeline.cpp) over the AG_FUNCTIONs of a parsed file
// and the functions they call. See docs/architecture.md.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FRONTEND_CONVERTERPIPELINE_H
#define AUTOGRAPH_FRONTEND_CONVERTERPIPELINE_H

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTUnit;
} // namespace clang

namespace autograph {

/// The stages of the pipeline, in the order they run.
enum class ConversionStage {
  /// `return` inside tensor control flow -> one result (and a flag).
  Returns,
  /// `break` / `continue` of staged loops -> flags and guards.
  LoopJumps,
  /// Every construct that depends on a tensor -> ag's functional form;
  /// AG_FUNCTIONs wrapped to trace and compile on call.
  Constructs,
};

struct ConvertedSource {
  /// After the last stage: the ag headers the file needs, `#line 1 "FILE"`,
  /// then the file with its AG_FUNCTIONs rewritten on their own lines. After
  /// an earlier stage: the main file's text at that point.
  std::string text;
  /// The AG_FUNCTIONs that are compiled on call (traceable), by name.
  std::vector<std::string> compiledFunctions;
};

/// Parses the main file with `contents` in place of its text (its own text
/// when null); null after errors, which it reports. A stage's output is
/// parsed again for the next stage. `contents` outlives the unit.
using ParseMainFile =
    std::function<std::unique_ptr<clang::ASTUnit>(const std::string *contents)>;

/// Runs the stages up to `last` over `unit` (the file as parsed); the
/// converters' diagnostics go to stderr like the parser's. Nothing after an
/// error.
std::optional<ConvertedSource>
convertMainFile(std::unique_ptr<clang::ASTUnit> unit,
                const ParseMainFile &parse,
                ConversionStage last = ConversionStage::Constructs);

/// After the parser reported errors: errors of its own that explain those
/// ag cannot stage (a switch on a tensor).
void explainParseErrors(clang::ASTUnit &unit);

/// "file:line:col: name" for each AG_FUNCTION, one per line.
std::string listFunctionsToConvert(clang::ASTUnit &unit);

} // namespace autograph

#endif // AUTOGRAPH_FRONTEND_CONVERTERPIPELINE_H
