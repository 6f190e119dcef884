//===- Function.h - ag::function: trace, compile, run natively --*- C++ -*-===//
//
// tf.function for C++ (target autograph::jit). On the first call with a new
// input signature (dtypes and shapes) the function is traced into an ag
// module, lowered and JIT-compiled for the host CPU; later calls with that
// signature run the native code. If lowering fails, ag::function warns once
// with the reason and runs the function eagerly, with the same results.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_FUNCTION_H
#define AUTOGRAPH_FUNCTION_H

#include "autograph/ControlFlow.h"
#include "autograph/Tensor.h"

#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

namespace ag {

/// Runs every ag::function eagerly (no tracing or compilation) while set,
/// like tf.config.run_functions_eagerly. The environment variable
/// AG_RUN_FUNCTIONS_EAGERLY=1 sets it when the program starts.
void run_functions_eagerly(bool eagerly);
bool functions_run_eagerly();

namespace jit {

/// Traces `fn` on symbolic inputs of `inputs` into a verified ag module with
/// one function `name`; returns its text. Ops carry the user's locations
/// where known.
std::string trace(const std::function<TensorList(const TensorList &)> &fn,
                  const std::vector<TensorSpec> &inputs,
                  const std::string &name = "fn");

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
  /// ag::InvalidArgumentError.
  TensorList operator()(const TensorList &args) const;

  /// The traced ag module.
  const std::string &mlir() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace jit

/// An ag::function over lists of tensors.
class Function {
public:
  explicit Function(std::function<TensorList(const TensorList &)> fn,
                    std::string name = "fn");
  ~Function();
  Function(Function &&) noexcept;

  TensorList operator()(const TensorList &args);

  /// How many signatures have been traced.
  int trace_count() const { return trace_count_; }
  /// The ag module of the most recent trace ("" before the first).
  const std::string &mlir() const { return last_mlir_; }

private:
  std::function<TensorList(const TensorList &)> fn_;
  std::string name_;
  int trace_count_ = 0;
  std::string last_mlir_;
  bool warned_ = false;
  // One entry per traced signature (exact dtypes and shapes) with its
  // compiled code (nullptr: lowering failed, run eagerly). Few signatures are
  // traced, so a call compares them in place instead of building a key.
  struct Traced {
    std::vector<TensorSpec> inputs;
    std::unique_ptr<jit::CompiledFunction> compiled;
  };
  std::vector<Traced> cache_;
};

namespace detail {
template <class F, size_t... I>
TensorList call_with_list(F &f, const TensorList &args, std::index_sequence<I...>) {
  auto result = f(args[I]...);
  if constexpr (std::is_same_v<decltype(result), Tensor>) {
    return {result};
  } else {
    return std::apply([](auto &&...t) { return TensorList{Tensor(t)...}; },
                      result);
  }
}
} // namespace detail

/// `ag::function(f)`: `f` takes tensors and returns a tensor or a
/// std::tuple/std::pair of tensors; so does the returned callable.
template <class F> class TypedFunction {
public:
  TypedFunction(F f, std::string name) : f_(std::move(f)), name_(std::move(name)) {}

  template <class... Args> auto operator()(const Args &...args) {
    if (!function_)
      function_ = std::make_unique<Function>(
          [f = f_](const TensorList &list) mutable {
            return detail::call_with_list(f, list,
                                          std::index_sequence_for<Args...>{});
          },
          name_);
    TensorList results = (*function_)({Tensor(args)...});
    using Result = decltype(f_(args...));
    if constexpr (std::is_same_v<Result, Tensor>) {
      return results.at(0);
    } else {
      return unpack<Result>(results,
                            std::make_index_sequence<std::tuple_size_v<Result>>{});
    }
  }

  int trace_count() const { return function_ ? function_->trace_count() : 0; }
  std::string mlir() const { return function_ ? function_->mlir() : ""; }

private:
  template <class Result, size_t... I>
  static Result unpack(const TensorList &results, std::index_sequence<I...>) {
    return Result(results.at(I)...);
  }

  F f_;
  std::string name_;
  std::unique_ptr<Function> function_;
};

template <class F> TypedFunction<F> function(F f, std::string name = "fn") {
  return TypedFunction<F>(std::move(f), std::move(name));
}

} // namespace ag

#endif // AUTOGRAPH_FUNCTION_H
