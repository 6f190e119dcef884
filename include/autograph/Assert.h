//===- Assert.h - ag::Assert ------------------------------------*- C++ -*-===//
#ifndef AUTOGRAPH_ASSERT_H
#define AUTOGRAPH_ASSERT_H

#include "autograph/Tensor.h"
#include "autograph/Tracer.h"

#include <string>

namespace ag {

/// Raises ag::InvalidArgumentError when the 0-d `condition` is false (its
/// truth value as in `if`), with `message` and the caller's file:line in
/// what(). While tracing, the check is recorded and runs in compiled code.
void Assert(const Tensor &condition, const std::string &message,
            const char *file = __builtin_FILE(), int line = __builtin_LINE());
/// Same for a plain C++ condition.
void Assert(bool condition, const std::string &message,
            const char *file = __builtin_FILE(), int line = __builtin_LINE());

/// The what() text of a failed assert: "FILE:LINE: Assert failed: MESSAGE".
std::string format_assert_message(const std::string &message,
                                  const SourceLocation &where);

} // namespace ag

#endif // AUTOGRAPH_ASSERT_H
