//===- Dataset.cpp - ag::data pipelines and their eager iteration ----------===//
//
// Each node kind has an iterator that pulls from its parent's iterator, as
// tf.data's iterators do. Shuffle keeps a buffer and takes a random slot for
// each element (the slot is refilled from the input), with draws from a
// generator seeded by (seed, epoch) so that every mode sees the same order.
// Shuffle, repeat, take and prefetch are templates over what flows: whole
// elements, or only row numbers when a batch gathers the rows they select.
//
//===----------------------------------------------------------------------===//
#include "DatasetNode.h"

#include "autograph/Creation.h"
#include "autograph/Error.h"
#include "autograph/Ops.h"

#include <algorithm>
#include <utility>

namespace ag::data::detail {

ElementIterator::~ElementIterator() = default;

std::vector<const Node *> chainOf(const Node &leaf) {
  std::vector<const Node *> chain;
  for (const Node *node = &leaf; node; node = node->parent.get())
    chain.push_back(node);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

namespace {

using NodePtr = std::shared_ptr<const Node>;

/// splitmix64: a small generator whose output is the same on every platform.
std::uint64_t mix(std::uint64_t &state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A stream of the source rows' numbers: what a chain that only selects and
/// orders rows (shuffle, repeat, take, prefetch over slices) produces, which
/// a batch then gathers in one op per tensor.
class RowStream {
public:
  virtual ~RowStream() = default;
  virtual std::optional<std::int64_t> next() = 0;
};

template <class T> struct StreamOf;
template <> struct StreamOf<Components> { using type = ElementIterator; };
template <> struct StreamOf<std::int64_t> { using type = RowStream; };
/// Elements (T = Components) or row numbers (T = std::int64_t).
template <class T> using Stream = typename StreamOf<T>::type;

template <class T> std::unique_ptr<Stream<T>> open(const NodePtr &node);
template <> std::unique_ptr<ElementIterator> open<Components>(const NodePtr &node);
template <> std::unique_ptr<RowStream> open<std::int64_t>(const NodePtr &node);

/// Whether the chain ending at `node` only selects and orders source rows.
bool selectsRows(const Node &node) {
  for (const Node *n : chainOf(node))
    if (n->kind == Node::Kind::Batch || n->kind == Node::Kind::Map)
      return false;
  return true;
}

std::int64_t sourceRows(const Node &slices) {
  std::int64_t rows = slices.components[0].shape()[0];
  if (rows < 0)
    throw TracingError(
        "dataset: cannot iterate over the slices of a tensor whose first "
        "dimension is known only at run time (shape " +
        format_shape(slices.components[0].shape()) +
        "); convert the function with autograph-cc so that the loop is "
        "staged");
  return rows;
}

class SliceRows : public RowStream {
public:
  explicit SliceRows(const Node &node) : rows_(sourceRows(node)) {}
  std::optional<std::int64_t> next() override {
    if (row_ >= rows_)
      return std::nullopt;
    return row_++;
  }

private:
  std::int64_t rows_, row_ = 0;
};

class SliceElements : public ElementIterator {
public:
  explicit SliceElements(NodePtr node) : node_(std::move(node)), rows_(*node_) {}
  std::optional<Components> next() override {
    std::optional<std::int64_t> row = rows_.next();
    if (!row)
      return std::nullopt;
    Components element;
    for (const Tensor &component : node_->components)
      element.push_back(component[*row]);
    return element;
  }

private:
  NodePtr node_;
  SliceRows rows_;
};

template <class T> class ShuffleStream : public Stream<T> {
public:
  explicit ShuffleStream(const Node &node)
      : input_(open<T>(node.parent)), capacity_(node.size) {
    std::int64_t epoch = node.iterations->fetch_add(1);
    state_ = node.seed ^ (0x6a09e667f3bcc909ULL *
                          static_cast<std::uint64_t>(node.flag ? epoch + 1 : 0));
  }
  std::optional<T> next() override {
    while (!inputDone_ && static_cast<std::int64_t>(buffer_.size()) < capacity_) {
      std::optional<T> element = input_->next();
      if (!element)
        inputDone_ = true;
      else
        buffer_.push_back(std::move(*element));
    }
    if (buffer_.empty())
      return std::nullopt;
    std::size_t slot = mix(state_) % buffer_.size();
    T element = std::move(buffer_[slot]);
    buffer_[slot] = std::move(buffer_.back());
    buffer_.pop_back();
    return element;
  }

private:
  std::unique_ptr<Stream<T>> input_;
  std::int64_t capacity_;
  std::uint64_t state_;
  std::vector<T> buffer_;
  bool inputDone_ = false;
};

template <class T> class RepeatStream : public Stream<T> {
public:
  explicit RepeatStream(NodePtr node) : node_(std::move(node)) {
    if (node_->size != 0)
      input_ = open<T>(node_->parent);
  }
  std::optional<T> next() override {
    while (input_) {
      if (std::optional<T> element = input_->next()) {
        epochHadElements_ = true;
        return element;
      }
      // An empty epoch ends even an infinite repeat, as in tf.data.
      ++epoch_;
      bool more = epochHadElements_ && (node_->size < 0 || epoch_ < node_->size);
      epochHadElements_ = false;
      input_ = more ? open<T>(node_->parent) : nullptr;
    }
    return std::nullopt;
  }

private:
  NodePtr node_;
  std::unique_ptr<Stream<T>> input_;
  std::int64_t epoch_ = 0;
  bool epochHadElements_ = false;
};

template <class T> class TakeStream : public Stream<T> {
public:
  explicit TakeStream(const Node &node) : input_(open<T>(node.parent)), left_(node.size) {}
  std::optional<T> next() override {
    if (left_ == 0)
      return std::nullopt;
    if (left_ > 0)
      --left_;
    return input_->next();
  }

private:
  std::unique_ptr<Stream<T>> input_;
  std::int64_t left_;
};

/// prefetch keeps values and order: the input is already in memory.
template <class T> class PassThroughStream : public Stream<T> {
public:
  explicit PassThroughStream(const Node &node) : input_(open<T>(node.parent)) {}
  std::optional<T> next() override { return input_->next(); }

private:
  std::unique_ptr<Stream<T>> input_;
};

/// Stacks `size` consecutive elements. Over a chain that only selects rows,
/// a batch is one gather per source tensor instead of one stack of row views.
class BatchElements : public ElementIterator {
public:
  explicit BatchElements(const Node &node) : size_(node.size), drop_(node.flag) {
    if (selectsRows(*node.parent)) {
      rows_ = open<std::int64_t>(node.parent);
      sources_ = &chainOf(*node.parent).front()->components;
    } else {
      elements_ = open<Components>(node.parent);
    }
  }
  std::optional<Components> next() override {
    return rows_ ? nextGathered() : nextStacked();
  }

private:
  bool complete(std::size_t count) const {
    return count > 0 && (!drop_ || static_cast<std::int64_t>(count) == size_);
  }
  std::optional<Components> nextGathered() {
    std::vector<std::int64_t> rows;
    while (static_cast<std::int64_t>(rows.size()) < size_) {
      std::optional<std::int64_t> row = rows_->next();
      if (!row)
        break;
      rows.push_back(*row);
    }
    if (!complete(rows.size()))
      return std::nullopt;
    Tensor indices = constant(rows, {static_cast<std::int64_t>(rows.size())});
    Components batch;
    for (const Tensor &source : *sources_)
      batch.push_back(gather(source, indices));
    return batch;
  }
  std::optional<Components> nextStacked() {
    std::vector<Components> elements;
    while (static_cast<std::int64_t>(elements.size()) < size_) {
      std::optional<Components> element = elements_->next();
      if (!element)
        break;
      elements.push_back(std::move(*element));
    }
    if (!complete(elements.size()))
      return std::nullopt;
    Components batch;
    for (std::size_t c = 0; c < elements[0].size(); ++c) {
      std::vector<Tensor> parts;
      for (const Components &element : elements)
        parts.push_back(element.at(c));
      batch.push_back(stack(parts, 0));
    }
    return batch;
  }

  std::int64_t size_;
  bool drop_;
  std::unique_ptr<RowStream> rows_;
  const Components *sources_ = nullptr; // kept alive by the node chain
  std::unique_ptr<ElementIterator> elements_;
};

class MapElements : public ElementIterator {
public:
  explicit MapElements(NodePtr node)
      : node_(std::move(node)), input_(open<Components>(node_->parent)) {}
  std::optional<Components> next() override {
    std::optional<Components> element = input_->next();
    if (!element)
      return std::nullopt;
    return node_->fn(*element);
  }

private:
  NodePtr node_;
  std::unique_ptr<ElementIterator> input_;
};

template <>
std::unique_ptr<ElementIterator> open<Components>(const NodePtr &node) {
  switch (node->kind) {
  case Node::Kind::Slices: return std::make_unique<SliceElements>(node);
  case Node::Kind::Shuffle: return std::make_unique<ShuffleStream<Components>>(*node);
  case Node::Kind::Batch: return std::make_unique<BatchElements>(*node);
  case Node::Kind::Repeat: return std::make_unique<RepeatStream<Components>>(node);
  case Node::Kind::Take: return std::make_unique<TakeStream<Components>>(*node);
  case Node::Kind::Map: return std::make_unique<MapElements>(node);
  case Node::Kind::Prefetch: return std::make_unique<PassThroughStream<Components>>(*node);
  }
  throw InvalidArgumentError("dataset: unknown transformation");
}

template <>
std::unique_ptr<RowStream> open<std::int64_t>(const NodePtr &node) {
  switch (node->kind) {
  case Node::Kind::Slices: return std::make_unique<SliceRows>(*node);
  case Node::Kind::Shuffle: return std::make_unique<ShuffleStream<std::int64_t>>(*node);
  case Node::Kind::Repeat: return std::make_unique<RepeatStream<std::int64_t>>(node);
  case Node::Kind::Take: return std::make_unique<TakeStream<std::int64_t>>(*node);
  case Node::Kind::Prefetch: return std::make_unique<PassThroughStream<std::int64_t>>(*node);
  default: break; // batch and map make new elements (selectsRows excludes them)
  }
  throw InvalidArgumentError("dataset: a batch or map does not select rows");
}

/// A node of `kind` whose size (a count or a buffer size) is
/// at least `least`, else ag::InvalidArgumentError naming `what`.
Node sizedNode(Node::Kind kind, std::int64_t size, std::int64_t least, const char *what) {
  if (size < least)
    throw InvalidArgumentError(std::string("dataset: ") + what + " must be " +
                               (least > 0 ? "positive" : "-1 or more") +
                               ", got " + std::to_string(size));
  Node node{kind};
  node.size = size;
  return node;
}

std::shared_ptr<const Node> child(const std::shared_ptr<const Node> &parent,
                                  Node node) {
  node.parent = parent;
  return std::make_shared<const Node>(std::move(node));
}

} // namespace

std::unique_ptr<ElementIterator> iterate(const std::shared_ptr<const Node> &node) {
  return open<Components>(node);
}

std::int64_t cardinality(const Node &leaf) {
  std::int64_t count = kUnknown;
  for (const Node *node : chainOf(leaf)) {
    switch (node->kind) {
    case Node::Kind::Slices:
      count = node->components[0].shape()[0] >= 0 ? node->components[0].shape()[0]
                                                  : kUnknown;
      break;
    case Node::Kind::Batch:
      if (count >= 0)
        count = node->flag ? count / node->size
                           : (count + node->size - 1) / node->size;
      break;
    case Node::Kind::Repeat:
      if (count == 0 || node->size == 0)
        count = 0;
      else if (node->size < 0 && count != kUnknown)
        count = kInfinite;
      else if (count > 0)
        count *= node->size;
      break;
    case Node::Kind::Take:
      if (node->size >= 0 && (count == kInfinite || count > node->size))
        count = node->size;
      break;
    default: // shuffle, map and prefetch keep the count
      break;
    }
  }
  return count;
}

Pipeline Pipeline::from_tensor_slices(Components components) {
  if (components.empty())
    throw InvalidArgumentError("from_tensor_slices: needs at least one tensor");
  for (const Tensor &component : components) {
    if (!component.defined())
      throw InvalidArgumentError("from_tensor_slices: a tensor has no value");
    if (component.rank() == 0)
      throw InvalidArgumentError(
          "from_tensor_slices: cannot slice a 0-d tensor " +
          format_spec(component.spec()));
    std::int64_t first = components[0].shape()[0], rows = component.shape()[0];
    if (first >= 0 && rows >= 0 && first != rows)
      throw InvalidArgumentError(
          "from_tensor_slices: the tensors' first dimensions differ: " +
          format_shape(components[0].shape()) + " and " +
          format_shape(component.shape()));
  }
  Node node{Node::Kind::Slices};
  node.components = std::move(components);
  return Pipeline(std::make_shared<const Node>(std::move(node)));
}

Pipeline Pipeline::shuffle(std::int64_t buffer_size, std::uint64_t seed,
                           bool reshuffle_each_iteration) const {
  Node node = sizedNode(Node::Kind::Shuffle, buffer_size, 1, "shuffle's buffer_size");
  node.seed = seed;
  node.flag = reshuffle_each_iteration;
  node.iterations = std::make_shared<std::atomic<std::int64_t>>(0);
  return Pipeline(child(node_, std::move(node)));
}

Pipeline Pipeline::batch(std::int64_t batch_size, bool drop_remainder) const {
  Node node = sizedNode(Node::Kind::Batch, batch_size, 1, "batch_size");
  node.flag = drop_remainder;
  return Pipeline(child(node_, std::move(node)));
}

Pipeline Pipeline::repeat(std::int64_t count) const {
  return Pipeline(child(node_, sizedNode(Node::Kind::Repeat, count, -1, "repeat's count")));
}

Pipeline Pipeline::take(std::int64_t count) const {
  return Pipeline(child(node_, sizedNode(Node::Kind::Take, count, -1, "take's count")));
}

Pipeline Pipeline::map(std::function<Components(const Components &)> fn) const {
  Node node{Node::Kind::Map};
  node.fn = std::move(fn);
  return Pipeline(child(node_, std::move(node)));
}

Pipeline Pipeline::prefetch(std::int64_t buffer_size) const {
  return Pipeline(child(
      node_, sizedNode(Node::Kind::Prefetch, buffer_size, -1, "prefetch's buffer_size")));
}

const Components &Pipeline::sources() const {
  return chainOf(*node_).front()->components;
}

Pipeline Pipeline::with_sources(Components sources) const {
  std::vector<const Node *> chain = chainOf(*node_);
  Node source = *chain.front();
  source.components = std::move(sources);
  auto node = std::make_shared<const Node>(std::move(source));
  // The copies share each shuffle's epoch counter with the originals.
  for (std::size_t k = 1; k < chain.size(); ++k)
    node = child(node, *chain[k]);
  return Pipeline(std::move(node));
}

std::unique_ptr<ElementIterator> Pipeline::iterate() const { return detail::iterate(node_); }

std::int64_t Pipeline::cardinality() const { return detail::cardinality(*node_); }

} // namespace ag::data::detail
