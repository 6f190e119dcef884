//===- Function.h - ag::function: trace, compile, run natively --*- C++ -*-===//
//
// tf.function for C++ (target autograph::jit). On the first call with a new
// signature (the dtypes and shapes of its tensors, the values of its C++
// arguments: Signature.h) the function is traced into an ag module, lowered
// and JIT-compiled for the host CPU; later calls with that signature run the
// native code.
//
// When a trace cannot be lowered or compiled, the function falls back to
// eager execution (same results, no speed-up). A fallback is never silent:
// it warns once on stderr, it is counted (fallback_count(), and
// ag::jit::fallback_count() for the whole process), and with
// ag::set_fallback_policy(ag::FallbackPolicy::Error) (or AG_FALLBACK=error
// in the environment) it raises the error instead.
//
// Functions are safe to call from several threads: a signature is traced
// once (other callers of that function wait for it), and compiled code runs
// concurrently.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FUNCTION_H
#define AUTOGRAPH_FUNCTION_H

#include "autograph/ControlFlow.h"
#include "autograph/Signature.h"
#include "autograph/Tensor.h"
#include "autograph/Tracer.h"

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace ag {

/// Runs every ag::function eagerly (no tracing or compilation) while set,
/// like tf.config.run_functions_eagerly. The environment variable
/// AG_RUN_FUNCTIONS_EAGERLY=1 sets it when the program starts.
void run_functions_eagerly(bool eagerly);
bool functions_run_eagerly();

/// What an ag::function does when a trace cannot be lowered or compiled.
enum class FallbackPolicy {
  Warn,  ///< warn once per function on stderr and run eagerly (the default)
  Error, ///< raise the reason as ag::Error (AG_FALLBACK=error sets it)
};
void set_fallback_policy(FallbackPolicy policy);
FallbackPolicy fallback_policy();

namespace jit {

/// Traces `fn` on symbolic inputs of `inputs` into a verified ag module with
/// one function `name`; returns its text. Ops carry the user's locations
/// where known.
std::string trace(const std::function<TensorList(const TensorList &)> &fn,
                  const std::vector<TensorSpec> &inputs,
                  const std::string &name = "fn");

/// How many traces in this process fell back to eager execution.
int fallback_count();

/// `fn` traced for one input signature, lowered and compiled in process.
class CompiledFunction {
public:
  /// Throws ag::TracingError when tracing fails and ag::Error (with the
  /// pass's diagnostics) when lowering or code generation fails.
  CompiledFunction(const std::function<TensorList(const TensorList &)> &fn,
                   const std::vector<TensorSpec> &inputs, const std::string &name);
  ~CompiledFunction();
  CompiledFunction(const CompiledFunction &) = delete;
  CompiledFunction &operator=(const CompiledFunction &) = delete;

  /// Runs the native code. A failed ag.assert is raised here as
  /// ag::InvalidArgumentError. Safe to call from several threads.
  TensorList operator()(const TensorList &args) const;
  /// The same into `results` (its capacity reused: no list to allocate).
  void operator()(const TensorList &args, TensorList &results) const;

  /// The traced ag module.
  const std::string &mlir() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace jit

/// A non-owning reference to the body of a call (the function with its
/// other arguments bound): built on every call, so it never allocates.
class FunctionBody {
public:
  template <class F>
  FunctionBody(F &f)
      : object_(&f), call_([](void *object, const TensorList &inputs) {
          return (*static_cast<F *>(object))(inputs);
        }) {}
  TensorList operator()(const TensorList &inputs) const {
    return call_(object_, inputs);
  }

private:
  void *object_;
  TensorList (*call_)(void *, const TensorList &);
};

/// The signature cache of one ag::function, over its calls' tensor inputs.
class Function {
public:
  explicit Function(std::string name = "fn");
  ~Function();
  Function(Function &&) noexcept;

  /// One call: `key` is its signature, `inputs` its tensors, `body` computes
  /// its results from them (its other arguments bound). A new key traces
  /// `body` on symbolic inputs and compiles it; a known one runs its code
  /// (or `body` eagerly, after a fallback).
  TensorList call(const SignatureKey &key, const TensorList &inputs,
                  FunctionBody body);
  /// The same into `results`.
  void call(const SignatureKey &key, const TensorList &inputs, FunctionBody body,
            TensorList &results);

  /// How many signatures have been traced.
  int trace_count() const;
  /// How many of them fell back to eager execution, and the latest reason.
  int fallback_count() const;
  std::string fallback_reason() const;
  /// The ag module of the most recent trace ("" before the first).
  std::string mlir() const;
  const std::string &name() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

namespace detail {
/// A TensorList from a per-thread pool, given back cleared when it goes: a
/// call of a compiled function reuses the lists (and their capacity) of
/// earlier calls for its inputs and results instead of allocating them.
class PooledTensorList {
public:
  PooledTensorList() {
    std::vector<TensorList> &free = pool();
    if (!free.empty()) {
      list_ = std::move(free.back());
      free.pop_back();
    }
  }
  ~PooledTensorList() {
    list_.clear();
    std::vector<TensorList> &free = pool();
    if (free.size() < 16) {
      try {
        free.push_back(std::move(list_));
      } catch (...) { // no memory for the pool: the list just goes
      }
    }
  }
  PooledTensorList(const PooledTensorList &) = delete;
  PooledTensorList &operator=(const PooledTensorList &) = delete;
  TensorList &operator*() noexcept { return list_; }

private:
  static std::vector<TensorList> &pool() {
    static thread_local std::vector<TensorList> lists;
    return lists;
  }
  TensorList list_;
};

template <class R> TensorList results_to_list(R &&result) {
  using T = std::decay_t<R>;
  if constexpr (std::is_same_v<T, Tensor>)
    return {std::forward<R>(result)};
  else
    return std::apply([](auto &&...t) { return TensorList{Tensor(t)...}; },
                      std::forward<R>(result));
}

template <class Result, std::size_t... I>
Result tuple_from_list(TensorList &results, std::index_sequence<I...>) {
  return Result(std::move(results.at(I))...);
}

template <class Result> Result results_from_list(TensorList &results) {
  if constexpr (std::is_void_v<Result>) {
    return;
  } else if constexpr (std::is_same_v<Result, Tensor>) {
    return std::move(results.at(0));
  } else {
    return tuple_from_list<Result>(
        results, std::make_index_sequence<std::tuple_size_v<Result>>{});
  }
}

template <class T, class = void> struct passes_object : std::false_type {};
template <class T>
struct passes_object<T, std::void_t<decltype(function_argument<T>::passes_object)>>
    : std::bool_constant<function_argument<T>::passes_object> {};

/// Argument `I` as the traced function sees it: an object (a variable, ...)
/// is passed itself; any other argument is rebuilt from its tensors,
/// inputs[first...].
template <std::size_t I, class Tuple>
decltype(auto) rebuilt_argument(const Tuple &args, const TensorList &inputs,
                                std::size_t first) {
  using T = std::decay_t<std::tuple_element_t<I, Tuple>>;
  if constexpr (passes_object<T>::value)
    return std::get<I>(args);
  else
    return function_argument<T>::rebuild(std::get<I>(args), inputs, first);
}

/// Calls `f` with the arguments `args` as the traced function sees them.
template <class F, class Tuple, std::size_t... I>
decltype(auto) call_rebuilt(F &f, const Tuple &args, const TensorList &inputs,
                            const std::array<std::size_t, sizeof...(I) + 1> &first,
                            std::index_sequence<I...>) {
  // Rebuilt arguments are held here, so that `f` may take them by
  // (non-const) reference as it takes the caller's objects.
  std::tuple<decltype(rebuilt_argument<I>(args, inputs, first[I]))...> rebuilt{
      rebuilt_argument<I>(args, inputs, first[I])...};
  return f(std::get<I>(rebuilt)...);
}
} // namespace detail

/// Calls `f(args...)` through `function`'s signature cache: traced and
/// compiled for a new signature, native code for a known one; inline (as
/// part of the trace) while another function is traced. `self` (may be
/// null) is the object whose member function this is: its identity is part
/// of the signature. AG_FUNCTIONs call this.
template <class F, class... Args>
decltype(auto) call_function(Function &function, const void *self, F &&f,
                             Args &&...args) {
  using Result = std::invoke_result_t<F &, Args &...>;
  if (functions_run_eagerly() || current_tracer())
    return f(args...);
  SignatureKey key;
  if (self)
    key.add_address(self);
  detail::PooledTensorList pooledInputs, pooledResults;
  TensorList &inputs = *pooledInputs;
  std::array<std::size_t, sizeof...(Args) + 1> first{};
  std::size_t index = 0;
  ((first[index++] = inputs.size(),
    function_argument<std::decay_t<Args>>::add(key, inputs, args)),
   ...);
  auto arguments = std::forward_as_tuple(args...);
  auto body = [&](const TensorList &traced) -> TensorList {
    if constexpr (std::is_void_v<Result>) {
      detail::call_rebuilt(f, arguments, traced, first,
                           std::index_sequence_for<Args...>{});
      return {};
    } else {
      return detail::results_to_list(detail::call_rebuilt(
          f, arguments, traced, first, std::index_sequence_for<Args...>{}));
    }
  };
  TensorList &results = *pooledResults;
  function.call(key, inputs, FunctionBody(body), results);
  return detail::results_from_list<Result>(results);
}

/// `ag::function(f)`: `f` takes tensors, C++ arithmetic values and enums
/// (Signature.h) and returns void, a tensor, or a std::tuple/std::pair of
/// tensors; so does the returned callable.
template <class F> class TypedFunction {
public:
  TypedFunction(F f, std::string name)
      : f_(std::move(f)), function_(std::move(name)) {}

  template <class... Args> decltype(auto) operator()(Args &&...args) {
    return call_function(function_, nullptr, f_, std::forward<Args>(args)...);
  }

  int trace_count() const { return function_.trace_count(); }
  int fallback_count() const { return function_.fallback_count(); }
  std::string fallback_reason() const { return function_.fallback_reason(); }
  std::string mlir() const { return function_.mlir(); }

private:
  F f_;
  Function function_;
};

template <class F> TypedFunction<F> function(F f, std::string name = "fn") {
  return TypedFunction<F>(std::move(f), std::move(name));
}

} // namespace ag

#endif // AUTOGRAPH_FUNCTION_H
