//===- DatasetLoop.cpp - for_dataset: eager loop or one staged loop --------===//
//
// Over concrete tensors the elements are iterated in C++. While tracing, the
// loop becomes one ag.while_loop whose counter `q` is the element's
// position; the body computes element q from the source tensors:
//
// - Without shuffle (any source length, finite or infinite repeats): each
//   repeat makes positions wrap around (`p % length`), take caps the
//   length, and batch q is the rows at positions [q * B, min(q * B + B, L)):
//   a slice of each source (no copy) when no repeat comes before the batch,
//   else gathered from the sources.
// - With shuffle (a source length known at trace time and a finite
//   stream): the same pipeline is run at trace time on the row numbers
//   0..n-1, and the order it gives is a constant of the loop; element q
//   gathers its rows from it.
//
// Maps after the batch (or without one) apply to the selected element; the
// maps before a batch run on each of its rows, in an inner ag.for that
// writes the mapped rows into the batch.
//
//===----------------------------------------------------------------------===//
#include "DatasetNode.h"
#include "RowOps.h"

#include "autograph/Assert.h"
#include "autograph/ControlFlow.h"
#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/GradientTape.h"
#include "autograph/Op.h"
#include "autograph/Ops.h"
#include "autograph/Tracer.h"

#include <optional>
#include <utility>

namespace ag::data::detail {
namespace {

using TensorList = std::vector<Tensor>;

Tensor i64(std::int64_t value) { return constant(value); }

void checkBodyResult(const TensorList &next, const TensorList &vars) {
  if (next.size() != vars.size())
    throw InvalidArgumentError("for_dataset: the body returned " +
                               std::to_string(next.size()) +
                               " loop variables for " + std::to_string(vars.size()));
}

/// A stream level of the staged loop: its length (unless infinite) and, when
/// an infinite repeat made it, whether its input is non-empty (an empty
/// input ends even an infinite repeat).
struct Level {
  std::optional<Tensor> length; // none: infinite
  std::optional<Tensor> alive;  // for an infinite level
  std::vector<Tensor> wraps;    // each repeat: positions wrap at this length
};

/// Positions of `level` (a tensor of positions) as positions of its input.
Tensor unwrap(const Level &level, Tensor positions) {
  for (auto it = level.wraps.rbegin(); it != level.wraps.rend(); ++it)
    positions = positions % *it;
  return positions;
}

void applyRepeat(Level &level, std::int64_t count) {
  if (!level.length) // repeating an infinite stream changes nothing
    return;
  level.wraps.push_back(*level.length);
  if (count < 0) {
    level.alive = *level.length > i64(0);
    level.length.reset();
  } else {
    level.length = *level.length * i64(count);
  }
}

void applyTake(Level &level, std::int64_t count) {
  if (count < 0)
    return;
  level.length = level.length ? minimum(*level.length, i64(count)) : i64(count);
  level.alive.reset();
}

/// Element q's rows taken from each source: `rows` is a 0-d row number (a
/// single element) or a 1-d tensor of them (a batch).
Components selectRows(const Components &sources, const Tensor &rows) {
  Components element;
  for (const Tensor &source : sources)
    element.push_back(rows.rank() == 0 ? source[rows] : gather(source, rows));
  return element;
}

/// How the staged loop finds element q in the sources.
class ElementRows {
public:
  virtual ~ElementRows() = default;
  /// Whether there is an element q (0-d boolean).
  virtual Tensor has(const Tensor &q) const = 0;
  /// The source rows of element q: a 0-d row number, or 1-d for a batch.
  virtual Tensor rows(const Tensor &q) const = 0;
  /// Element q, before the pipeline's maps: its rows of each source.
  virtual Components element(const Tensor &q, const Components &sources) const {
    return selectRows(sources, rows(q));
  }
};

/// Without shuffle: positions arithmetic, for any source length.
class ArithmeticRows : public ElementRows {
public:
  ArithmeticRows(const std::vector<const Node *> &chain, const Tensor &sourceLength) {
    elements_.length = sourceLength;
    Level *level = &elements_;
    for (const Node *node : chain) {
      switch (node->kind) {
      case Node::Kind::Repeat: applyRepeat(*level, node->size); break;
      case Node::Kind::Take: applyTake(*level, node->size); break;
      case Node::Kind::Batch: {
        batch_ = node->size;
        if (elements_.length) {
          Tensor b = i64(node->size);
          batches_.length = node->flag ? *elements_.length / b
                                       : (*elements_.length + b - i64(1)) / b;
        } else {
          batches_.alive = elements_.alive;
        }
        level = &batches_;
        break;
      }
      default: break;
      }
    }
  }
  Tensor has(const Tensor &q) const override {
    const Level &outer = batch_ ? batches_ : elements_;
    if (outer.length)
      return q < *outer.length;
    return outer.alive ? *outer.alive : constant(true);
  }
  Tensor rows(const Tensor &q) const override {
    if (!batch_)
      return unwrap(elements_, q);
    auto [first, last] = batchBounds(q);
    return unwrap(elements_, range(first, last, i64(1)));
  }
  Components element(const Tensor &q, const Components &sources) const override {
    if (!batch_ || !elements_.wraps.empty())
      return ElementRows::element(q, sources);
    // Consecutive rows: a slice of each source, without a copy.
    auto [first, last] = batchBounds(q);
    Components element;
    for (const Tensor &source : sources) {
      element.push_back(::ag::detail::slice_rows(source, first, last));
    }
    return element;
  }

private:
  /// The positions [first, last) of batch q in the element stream.
  std::pair<Tensor, Tensor> batchBounds(const Tensor &q) const {
    Tensor first = unwrap(batches_, q) * i64(*batch_);
    Tensor last = first + i64(*batch_);
    if (elements_.length)
      last = minimum(last, *elements_.length);
    return {first, last};
  }

  Level elements_, batches_;
  std::optional<std::int64_t> batch_;
};

/// With shuffle: the element order is computed at trace time, by running
/// the pipeline's row-selecting stages on the row numbers.
class PrecomputedRows : public ElementRows {
public:
  PrecomputedRows(const std::vector<const Node *> &chain, std::int64_t length,
                  bool batched) {
    auto node = std::make_shared<const Node>(
        Node{Node::Kind::Slices, nullptr, {range(length)}});
    for (const Node *stage : chain) {
      if (stage->kind == Node::Kind::Slices || stage->kind == Node::Kind::Map ||
          stage->kind == Node::Kind::Prefetch)
        continue;
      Node copy = *stage; // shares the shuffle's epoch counter
      copy.parent = node;
      node = std::make_shared<const Node>(std::move(copy));
    }
    std::vector<Tensor> order;
    std::vector<std::int64_t> offsets{0};
    std::unique_ptr<ElementIterator> elements = iterate(node);
    while (std::optional<Components> element = elements->next()) {
      const Tensor &rows = element->at(0);
      order.push_back(batched ? rows : reshape(rows, {1}));
      offsets.push_back(offsets.back() + rows.num_elements());
    }
    count_ = i64(static_cast<std::int64_t>(order.size()));
    order_ = order.empty() ? zeros({0}, DType::Int64) : concat(order, 0);
    offsets_ = constant(offsets, {static_cast<std::int64_t>(offsets.size())});
    batched_ = batched;
  }
  Tensor has(const Tensor &q) const override { return q < count_; }
  Tensor rows(const Tensor &q) const override {
    if (!batched_)
      return order_[q];
    return ::ag::detail::slice_rows(order_, offsets_[q], offsets_[q + i64(1)]);
  }

private:
  Tensor count_, order_, offsets_;
  bool batched_ = false;
};

/// The batch of source rows `rows` (1-d, at least one) whose elements go
/// through `maps` first: an inner ag.for over the rows writes each mapped
/// element into its row of the batch (ag.update_row), after the first has
/// given the batch's type. The maps run in the rows' order, as eagerly.
Components mapThenBatch(Tracer &tracer, const Components &sources,
                        const std::vector<const Node *> &maps, const Tensor &rows) {
  auto mapped = [&](const Tensor &i) {
    Components element = selectRows(sources, rows[i]);
    for (const Node *node : maps)
      element = node->fn(element);
    return element;
  };
  Components first = mapped(i64(0));
  Tensor none = rows * i64(0); // the batch's size of row numbers 0
  TensorList batch;
  std::vector<std::string> names;
  for (const Tensor &tensor : first) {
    batch.push_back(gather(expand_dims(tensor, 0), none));
    names.push_back("the mapped batch's tensor " + std::to_string(names.size()));
  }
  Tensor size = rows.shape()[0] >= 0 ? i64(rows.shape()[0]) : tracer.emit_dim(rows, 0);
  // Under a tape, recorded like any staged loop, so that the gradient of
  // the dataset loop's body can stage it again (docs/gradients.md).
  auto body = [&](const TensorList &in) {
    const Tensor &i = in[0];
    TensorList partial(in.begin() + 1, in.end());
    Components element = mapped(i);
    if (element.size() != partial.size())
      throw InvalidArgumentError("for_dataset: a map returned " +
                                 std::to_string(element.size()) + " tensors, then " +
                                 std::to_string(partial.size()));
    TensorList next;
    for (std::size_t k = 0; k < partial.size(); ++k)
      next.push_back(::ag::detail::update_row(partial[k], i, element[k]));
    return next;
  };
  return ::ag::detail::record_staged_loop(
      batch, /*hasIndex=*/true, nullptr, body,
      [size, names](const TensorList &initial, const ::ag::detail::LoopCondition &,
                    const ::ag::detail::LoopBody &traced, const ::ag::detail::OuterValue &outer) {
        Tracer &tracer = *current_tracer();
        return tracer.emit_for(i64(1), outer(size), i64(1), initial,
                               [&traced](const Tensor &i, const TensorList &vars) {
                                 TensorList in{i};
                                 in.insert(in.end(), vars.begin(), vars.end());
                                 return traced(in);
                               },
                               names);
      },
      /*restageable=*/true);
}

/// A TracingError for a pipeline that cannot be staged: `what` cannot be
/// staged (in the loop at the user's line, when converted code reported it);
/// `advice` says what to do instead.
[[noreturn]] void unstageable(const std::string &what, const std::string &advice) {
  SourceLocation where = current_source_location();
  std::string at = where.line > 0 && where.file && *where.file
                       ? " (the loop at " + std::string(where.file) + ":" +
                             std::to_string(where.line) + ")"
                       : "";
  throw TracingError("for_dataset: " + what + at + "; " + advice);
}

TensorList stagedLoop(
    const Node &leaf,
    const std::function<TensorList(const Components &, const TensorList &)> &body,
    const TensorList &loopVars, const std::vector<std::string> &names, int stopVar) {
  std::vector<const Node *> chain = chainOf(leaf);
  const Components &sources = chain.front()->components;
  bool shuffled = false, batched = false;
  std::vector<const Node *> elementMaps, maps; // before a batch, after it
  for (const Node *node : chain) {
    if (node->kind == Node::Kind::Map)
      maps.push_back(node);
    if (node->kind == Node::Kind::Batch) {
      elementMaps.swap(maps);
      if (batched)
        unstageable("a batch of batches cannot be staged yet",
                    "batch once, or iterate the dataset eagerly");
      batched = true;
    }
    shuffled = shuffled || node->kind == Node::Kind::Shuffle;
  }

  Tracer *tracer = current_tracer();
  if (!tracer)
    throw TracingError("for_dataset: symbolic tensors outside of a trace");
  std::int64_t staticLength = -1;
  for (const Tensor &source : sources)
    if (source.shape()[0] >= 0)
      staticLength = source.shape()[0];
  auto lengthOf = [&](const Tensor &source) {
    return source.shape()[0] >= 0 ? i64(source.shape()[0])
                                  : tracer->emit_dim(source, 0);
  };
  Tensor length = staticLength >= 0 ? i64(staticLength) : lengthOf(sources[0]);
  // Checked in compiled code, reported at the loop's line.
  SourceLocation loop = current_source_location();
  for (std::size_t k = staticLength >= 0 ? 0 : 1; k < sources.size(); ++k)
    if (const Tensor &source = sources[k]; source.shape()[0] < 0)
      Assert(lengthOf(source) == length,
             "from_tensor_slices: the tensors' first dimensions differ", loop.file,
             loop.line);

  std::unique_ptr<ElementRows> rows;
  if (shuffled) {
    if (staticLength < 0)
      unstageable("a shuffled dataset can be staged only when its tensors' "
                  "first dimension is known at trace time (got shape " +
                      format_shape(sources[0].shape()) + ")",
                  "trace the function for a known length (a signature such as "
                  "f32[1000,784])");
    if (cardinality(leaf) == kInfinite)
      unstageable("a shuffled dataset that repeats forever cannot be staged",
                  "give repeat a count");
    rows = std::make_unique<PrecomputedRows>(chain, staticLength, batched);
  } else {
    rows = std::make_unique<ArithmeticRows>(chain, length);
  }

  TensorList initial{i64(0)};
  initial.insert(initial.end(), loopVars.begin(), loopVars.end());
  std::vector<std::string> allNames{"the dataset position"};
  allNames.insert(allNames.end(), names.begin(), names.end());
  allNames.resize(initial.size());
  auto condition = [&](const TensorList &vars) {
    Tensor more = rows->has(vars[0]);
    if (stopVar >= 0)
      more = logical_and(more, logical_not(ag::condition(vars.at(1 + stopVar))));
    return more;
  };
  auto step = [&](const TensorList &vars) {
    Components element = elementMaps.empty()
                             ? rows->element(vars[0], sources)
                             : mapThenBatch(*tracer, sources, elementMaps, rows->rows(vars[0]));
    for (const Node *node : maps)
      element = node->fn(element);
    TensorList user(vars.begin() + 1, vars.end());
    TensorList next = body(element, user);
    checkBodyResult(next, user);
    next.insert(next.begin(), vars[0] + i64(1));
    return next;
  };
  // The condition and the element's ops read the dataset's pipeline, which
  // a staged region's gradient could not trace again: not restageable.
  TensorList results = ::ag::detail::record_staged_loop(
      initial, /*hasIndex=*/false, condition, step,
      [&](const TensorList &, const ::ag::detail::LoopCondition &recorded,
          const ::ag::detail::LoopBody &traced, const ::ag::detail::OuterValue &) {
        return tracer->emit_while_loop(initial, recorded, traced, allNames);
      },
      /*restageable=*/false);
  return TensorList(results.begin() + 1, results.end());
}

} // namespace

TensorList for_each_element(
    const Pipeline &pipeline,
    const std::function<TensorList(const Components &, const TensorList &)> &body,
    TensorList loop_vars, const std::vector<std::string> &names, int stop_var) {
  if (stop_var >= static_cast<int>(loop_vars.size()))
    throw InvalidArgumentError("for_dataset: stop_var " + std::to_string(stop_var) +
                               " is not a loop variable");
  const Node &leaf = *pipeline.node();
  bool symbolic = false;
  for (const Tensor &source : chainOf(leaf).front()->components)
    symbolic = symbolic || source.is_symbolic();
  if (symbolic)
    return stagedLoop(leaf, body, loop_vars, names, stop_var);

  std::unique_ptr<ElementIterator> elements = pipeline.iterate();
  while (std::optional<Components> element = elements->next()) {
    TensorList next = body(*element, loop_vars);
    checkBodyResult(next, loop_vars);
    loop_vars = std::move(next);
    if (stop_var >= 0 && loop_vars[stop_var].defined() &&
        !loop_vars[stop_var].is_symbolic() &&
        static_cast<bool>(condition(loop_vars[stop_var])))
      break;
  }
  return loop_vars;
}

} // namespace ag::data::detail
