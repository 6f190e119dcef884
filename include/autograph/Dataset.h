//===- Dataset.h - ag::data::Dataset, an input pipeline (tf.data) -*- C++ -*-===//
//
// A dataset is an immutable description of a stream of elements: slices of
// tensors along their first axis, transformed by shuffle, batch, repeat, map
// and prefetch, as tf.data does:
//
//   auto ds = ag::data::from_tensor_slices(images, labels)
//                 .shuffle(/*buffer_size=*/64, /*seed=*/7)
//                 .batch(32)
//                 .repeat(2);
//   for (auto [x, y] : ds) ...        // x: [32, 784], y: [32] (last: fewer)
//
// Eagerly, a range-for iterates it. In a converted function, autograph-cc
// turns that loop into ag::data::for_dataset, which runs it eagerly for
// concrete tensors and, while tracing, stages one ag.while_loop over the
// elements (docs/datasets.md says which pipelines stage).
//
// Elements are an ag::Tensor for one component and a std::tuple of tensors
// for several. Everything is deterministic: shuffle takes a seed, so eager,
// JIT and AOT runs see the same order.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_DATASET_H
#define AUTOGRAPH_DATASET_H

#include "autograph/Signature.h"
#include "autograph/Tensor.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ag::data {

/// The tensors of one element, in order.
using Components = std::vector<Tensor>;

namespace detail {

struct Node;

/// Produces a pipeline's elements one at a time.
class ElementIterator {
public:
  virtual ~ElementIterator();
  /// The next element, or nothing at the end of the stream.
  virtual std::optional<Components> next() = 0;
};

/// A dataset without its element type: the pipeline the typed Dataset
/// wraps. Copies share the (immutable) pipeline.
class Pipeline {
public:
  /// Raises ag::InvalidArgumentError for no components, a 0-d component or
  /// components whose first dimensions differ.
  static Pipeline from_tensor_slices(Components components);
  Pipeline shuffle(std::int64_t buffer_size, std::uint64_t seed,
                   bool reshuffle_each_iteration) const;
  Pipeline batch(std::int64_t batch_size, bool drop_remainder) const;
  Pipeline repeat(std::int64_t count) const;
  Pipeline take(std::int64_t count) const;
  Pipeline map(std::function<Components(const Components &)> fn) const;
  Pipeline prefetch(std::int64_t buffer_size) const;

  std::unique_ptr<ElementIterator> iterate() const;
  /// The number of elements; -1 when infinite, -2 when known only at run
  /// time (a symbolic first dimension), as tf.data's cardinality.
  std::int64_t cardinality() const;

  /// The tensors the pipeline slices (from_tensor_slices's arguments).
  const Components &sources() const;
  /// The same pipeline over other tensors of the same dtypes and shapes (a
  /// compiled function's inputs while it is traced).
  Pipeline with_sources(Components sources) const;

  const std::shared_ptr<const Node> &node() const { return node_; }
  /// The identity in compiled functions' signature keys (copies share it).
  std::uint64_t id() const { return id_; }

private:
  explicit Pipeline(std::shared_ptr<const Node> node)
      : node_(std::move(node)), id_(::ag::detail::new_object_id()) {}
  std::shared_ptr<const Node> node_;
  std::uint64_t id_;
};

/// The loop of for_dataset on the untyped pipeline (Dataset.cpp).
std::vector<Tensor> for_each_element(
    const Pipeline &pipeline,
    const std::function<std::vector<Tensor>(const Components &,
                                            const std::vector<Tensor> &)> &body,
    std::vector<Tensor> loop_vars, const std::vector<std::string> &names,
    int stop_var);

template <class T> struct IsTensorTuple : std::false_type {};
template <class... T>
struct IsTensorTuple<std::tuple<T...>>
    : std::bool_constant<(std::is_same_v<T, Tensor> && ...)> {};
template <class A, class B>
struct IsTensorTuple<std::pair<A, B>>
    : std::bool_constant<std::is_same_v<A, Tensor> && std::is_same_v<B, Tensor>> {};

/// Element types: ag::Tensor, or a std::tuple / std::pair of tensors.
template <class E>
inline constexpr bool kIsElement = std::is_same_v<E, Tensor> || IsTensorTuple<E>::value;

template <class E> Components to_components(const E &element) {
  if constexpr (std::is_same_v<E, Tensor>)
    return {element};
  else
    return std::apply([](const auto &...t) { return Components{t...}; }, element);
}

template <class E, std::size_t... I>
E from_components(const Components &components, std::index_sequence<I...>) {
  return E(components.at(I)...);
}

template <class E> E from_components(const Components &components) {
  if constexpr (std::is_same_v<E, Tensor>)
    return components.at(0);
  else
    return from_components<E>(components,
                              std::make_index_sequence<std::tuple_size_v<E>>{});
}

/// `fn` called with the element's tensors as separate arguments when it
/// takes them so (`[](Tensor x, Tensor y)`), else with the element.
template <class E, class F> decltype(auto) call_on_element(F &fn, const E &element) {
  if constexpr (!std::is_same_v<E, Tensor>) {
    if constexpr (std::is_invocable_v<F &, const E &>)
      return fn(element);
    else
      return std::apply(fn, element);
  } else {
    return fn(element);
  }
}

} // namespace detail

/// A dataset whose elements are `Element` (ag::Tensor, or a std::tuple or
/// std::pair of tensors). Build one with from_tensor_slices; every
/// transformation returns a new dataset and leaves this one as it is.
template <class Element = Tensor> class Dataset {
  static_assert(detail::kIsElement<Element>,
                "a dataset element is an ag::Tensor or a std::tuple/std::pair "
                "of ag::Tensor");

public:
  using element_type = Element;

  explicit Dataset(detail::Pipeline pipeline) : pipeline_(std::move(pipeline)) {}

  /// Elements in an order drawn from a buffer of `buffer_size` elements
  /// (tf.data's shuffle: a buffer at least as large as the dataset gives a
  /// uniform permutation). The order depends only on `seed` and, when
  /// `reshuffle_each_iteration`, on how many times this dataset has been
  /// iterated (each repetition of a repeat is one iteration).
  Dataset shuffle(std::int64_t buffer_size, std::uint64_t seed = 0,
                  bool reshuffle_each_iteration = true) const {
    return Dataset(pipeline_.shuffle(buffer_size, seed, reshuffle_each_iteration));
  }
  /// Consecutive elements stacked along a new first axis, `batch_size` at a
  /// time; the last batch is smaller unless `drop_remainder`.
  Dataset batch(std::int64_t batch_size, bool drop_remainder = false) const {
    return Dataset(pipeline_.batch(batch_size, drop_remainder));
  }
  /// The elements `count` times over; -1 repeats forever.
  Dataset repeat(std::int64_t count = -1) const {
    return Dataset(pipeline_.repeat(count));
  }
  /// The first `count` elements (all of them for -1).
  Dataset take(std::int64_t count) const { return Dataset(pipeline_.take(count)); }
  /// Keeps values and order; the data is in memory, so elements are made on
  /// the iterating thread when they are needed.
  Dataset prefetch(std::int64_t buffer_size) const {
    return Dataset(pipeline_.prefetch(buffer_size));
  }
  /// `fn` applied to each element. It takes the element (or its tensors as
  /// separate arguments) and returns an ag::Tensor or a std::tuple/std::pair
  /// of them, the new element type.
  template <class F> auto map(F fn) const {
    using Result = std::decay_t<decltype(detail::call_on_element<Element>(
        fn, std::declval<const Element &>()))>;
    static_assert(detail::kIsElement<Result>,
                  "a map function returns an ag::Tensor or a "
                  "std::tuple/std::pair of ag::Tensor");
    return Dataset<Result>(pipeline_.map(
        [fn = std::move(fn)](const Components &components) mutable {
          return detail::to_components<Result>(detail::call_on_element<Element>(
              fn, detail::from_components<Element>(components)));
        }));
  }

  /// The number of elements; -1 when infinite, -2 when known only at run
  /// time (a symbolic first dimension), as tf.data's cardinality.
  std::int64_t cardinality() const { return pipeline_.cardinality(); }

  /// An input iterator over the elements (for range-for).
  class iterator {
  public:
    using value_type = Element;
    using difference_type = std::ptrdiff_t;
    using reference = Element;
    using pointer = void;
    using iterator_category = std::input_iterator_tag;

    iterator() = default;
    Element operator*() const { return detail::from_components<Element>(*current_); }
    iterator &operator++() {
      current_ = source_->next();
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(const iterator &other) const {
      return !current_ && !other.current_;
    }
    bool operator!=(const iterator &other) const { return !(*this == other); }

  private:
    friend class Dataset;
    explicit iterator(std::shared_ptr<detail::ElementIterator> source)
        : source_(std::move(source)), current_(source_->next()) {}
    std::shared_ptr<detail::ElementIterator> source_;
    std::optional<Components> current_;
  };

  iterator begin() const { return iterator(pipeline_.iterate()); }
  iterator end() const { return iterator(); }

  const detail::Pipeline &pipeline() const { return pipeline_; }

private:
  detail::Pipeline pipeline_;
};

/// The slices of `x` along its first axis: a Dataset<ag::Tensor>.
inline Dataset<Tensor> from_tensor_slices(const Tensor &x) {
  return Dataset<Tensor>(detail::Pipeline::from_tensor_slices({x}));
}

/// The slices of several tensors with one first dimension, element by
/// element: a Dataset<std::tuple<ag::Tensor, ...>>
/// (`from_tensor_slices(images, labels)`).
template <class... T,
          std::enable_if_t<(sizeof...(T) >= 1) && (std::is_same_v<T, Tensor> && ...),
                           int> = 0>
Dataset<std::tuple<Tensor, T...>> from_tensor_slices(const Tensor &first,
                                                     const T &...rest) {
  return Dataset<std::tuple<Tensor, T...>>(
      detail::Pipeline::from_tensor_slices({first, rest...}));
}

/// The slices of a std::tuple or std::pair of tensors.
template <class... T>
Dataset<std::tuple<T...>> from_tensor_slices(const std::tuple<T...> &tensors) {
  return Dataset<std::tuple<T...>>(
      detail::Pipeline::from_tensor_slices(detail::to_components(tensors)));
}

/// `for (DECL : dataset) BODY` as converted code writes it: the loop
/// variables are passed explicitly, as for ag::for_rows. Eagerly (concrete
/// tensors) the elements are iterated in C++; while tracing, one
/// ag.while_loop over the elements is staged and every loop variable must
/// keep its dtype and shape. When `stop_var` is a loop variable's position,
/// the loop ends as soon as that variable (a break flag) is true.
template <class Element, class Body>
std::vector<Tensor> for_dataset(const Dataset<Element> &dataset, Body &&body,
                                std::vector<Tensor> loop_vars,
                                const std::vector<std::string> &names = {},
                                int stop_var = -1) {
  return detail::for_each_element(
      dataset.pipeline(),
      [&](const Components &components, const std::vector<Tensor> &vars) {
        return body(detail::from_components<Element>(components), vars);
      },
      std::move(loop_vars), names, stop_var);
}

} // namespace ag::data

namespace ag {
/// A dataset argument of a compiled function: its identity is part of the
/// signature (another dataset traces again, even one of the same shapes);
/// its source tensors are inputs, so the traced function sees the same
/// pipeline over symbolic tensors and stages its loops (docs/state.md).
template <class E> struct function_argument<data::Dataset<E>> {
  static void add(SignatureKey &key, TensorList &inputs,
                  const data::Dataset<E> &dataset) {
    key.add_object(dataset.pipeline().id());
    for (const Tensor &source : dataset.pipeline().sources()) {
      key.add_tensor(source);
      inputs.push_back(source);
    }
  }
  static std::size_t input_count(const data::Dataset<E> &dataset) {
    return dataset.pipeline().sources().size();
  }
  static data::Dataset<E> rebuild(const data::Dataset<E> &dataset,
                                  const TensorList &inputs, std::size_t first) {
    const data::detail::Pipeline &pipeline = dataset.pipeline();
    auto begin = inputs.begin() + static_cast<std::ptrdiff_t>(first);
    return data::Dataset<E>(pipeline.with_sources(
        {begin, begin + static_cast<std::ptrdiff_t>(pipeline.sources().size())}));
  }
};
} // namespace ag

#endif // AUTOGRAPH_DATASET_H
