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
#include <string>
#include <type_traits>

namespace ag::jit {

template <class R, class... A, std::size_t... I>
TensorList call_with_tensors(R (*function)(A...), const TensorList &args,
                             std::index_sequence<I...>) {
  if constexpr (std::is_void_v<R>) {
    function(args[I]...);
    return {};
  } else {
    return detail::results_to_list(function(args[I]...));
  }
}

bool register_trace_target(const char *name, std::size_t arity,
                           std::function<TensorList(const TensorList &)> fn);

/// `function` takes tensors only: its signature is the request's. A function
/// with C++ value or object parameters is registered as one that a request
/// cannot trace (it says why).
template <class R, class... A>
bool register_trace_target(const char *name, R (*function)(A...)) {
  constexpr bool tensors_only =
      (std::is_same_v<std::decay_t<A>, Tensor> && ...);
  if constexpr (!tensors_only) {
    return register_trace_target(
        name, sizeof...(A), [name](const TensorList &) -> TensorList {
          throw InvalidArgumentError(
              std::string("cannot trace '") + name +
              "' from a signature: it takes C++ values or objects besides "
              "tensors, which only a call can give (call it from a program, "
              "with ag::function's JIT)");
        });
  } else {
    return register_trace_target(
        name, sizeof...(A), [function](const TensorList &args) -> TensorList {
          return call_with_tensors(function, args,
                                   std::index_sequence_for<A...>{});
        });
  }
}

/// Serves the request in the environment, if any (never returns then).
bool serve_trace_request();

} // namespace ag::jit

#endif // AUTOGRAPH_TRACEREQUEST_H
