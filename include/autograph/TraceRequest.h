//===- TraceRequest.h - tracing a compiled AG_FUNCTION for autograph-cc ---===//
//
// `autograph-cc --emit=ag|...|obj` traces by compiling the converted source
// and running it: the source it compiles ends with one registration per
// AG_FUNCTION that is compiled on call, then a serve_trace_request() that runs
// during static initialisation, before main. Started with
//
//   AG_TRACE_FUNCTION=NAME AG_TRACE_SIGNATURE="f32[?,784]" AG_TRACE_OUTPUT=FILE
//
// the program traces NAME on symbolic inputs of the signature, writes the
// verified ag module (with the user's locations) to FILE and exits with 0;
// on an error it prints it to stderr and exits with 1. Without
// AG_TRACE_FUNCTION it does nothing and the program runs as usual.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_TRACEREQUEST_H
#define AUTOGRAPH_TRACEREQUEST_H

#include "autograph/Function.h"

#include <cstddef>

namespace ag::jit {

bool register_trace_target(const char *name, std::size_t arity,
                           std::function<TensorList(const TensorList &)> fn);

template <class R, class... A>
bool register_trace_target(const char *name, R (*function)(A...)) {
  return register_trace_target(
      name, sizeof...(A), [function](const TensorList &args) {
        return detail::call_with_list(function, args,
                                      std::index_sequence_for<A...>{});
      });
}

/// Serves the request in the environment, if any (never returns then).
bool serve_trace_request();

} // namespace ag::jit

#endif // AUTOGRAPH_TRACEREQUEST_H
