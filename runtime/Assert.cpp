//===- Assert.cpp - ag::Assert and the error entry points ------------------===//
#include "autograph/Assert.h"

#include "TensorImpl.h"

#include <string>

namespace ag {

std::string format_assert_message(const std::string &message,
                                  const SourceLocation &where) {
  return std::string(where.file ? where.file : "") + ":" +
         std::to_string(where.line) + ": Assert failed: " + message;
}

void Assert(const Tensor &condition, const std::string &message,
            const char *file, int line) {
  const SourceLocation where{file, line};
  const detail::TensorImpl &c = detail::checked_impl(condition, "Assert");
  if (c.rank != 0)
    throw InvalidArgumentError(format_assert_message(
        "the condition must be a scalar (0-d) tensor, got shape " +
            detail::shape_string(c),
        where));
  if (Tracer *tracer = current_tracer()) {
    tracer->emit_assert(condition, message, where);
    return;
  }
  if (c.symbolic)
    throw TracingError("Assert: a symbolic tensor was used outside of the "
                       "trace that created it");
  if (!static_cast<bool>(condition))
    throw InvalidArgumentError(format_assert_message(message, where));
}

void Assert(bool condition, const std::string &message, const char *file,
            int line) {
  if (!condition)
    throw InvalidArgumentError(format_assert_message(message, {file, line}));
}

} // namespace ag
