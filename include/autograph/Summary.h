//===- Summary.h - ag::summary: TensorBoard event files ---------*- C++ -*-===//
//
// SPEC 8.6, as tf.summary in TF2:
//
//   auto writer = ag::summary::create_file_writer("logs/train");
//   {
//     auto as_default = writer.as_default();
//     ag::summary::scalar("loss", loss, optimizer.iterations().value());
//   }                                   // flushed when the scope ends
//
// Files are TensorBoard event files (events.out.tfevents.<secs>.<host>.
// <pid>.<n>.v2: TFRecord framing with masked CRC-32C, a first
// `brain.Event:2` record, then Event protos: scalars as rank-0 float
// tensors with the "scalars" plugin, histograms as [k, 3] float64 tensors
// (left edge, right edge, count) with the "histograms" plugin). Writes are
// buffered and flushed when more than `max_queue` are pending, every
// `flush_millis`, on flush(), when an as_default() scope ends, when the last
// handle goes away and at exit; a failed write is an ag::Error naming the
// file. Without a default writer a summary call does nothing and returns
// false. In a compiled function a summary call writes when the function
// runs (to the default writer of that moment), like ag::print.
//
//===----------------------------------------------------------------------===//
#ifndef AUTOGRAPH_SUMMARY_H
#define AUTOGRAPH_SUMMARY_H

#include "autograph/Tensor.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ag::summary {

namespace detail {
class EventFileWriter;
} // namespace detail

/// A handle on one event file (copies share it).
class SummaryWriter {
public:
  /// The writer is the thread's default until this object is destroyed
  /// (scopes nest; the previous default returns), then it is flushed.
  class DefaultScope {
  public:
    ~DefaultScope() noexcept(false);
    DefaultScope(DefaultScope &&other) noexcept;
    DefaultScope(const DefaultScope &) = delete;
    DefaultScope &operator=(const DefaultScope &) = delete;
    DefaultScope &operator=(DefaultScope &&) = delete;

  private:
    friend class SummaryWriter;
    explicit DefaultScope(std::shared_ptr<detail::EventFileWriter> writer);
    std::shared_ptr<detail::EventFileWriter> writer_;
  };

  [[nodiscard]] DefaultScope as_default() const;
  /// Writes what is buffered to the file (and the disk).
  void flush() const;
  /// Flushes and closes the file; later writes are an ag::Error.
  void close() const;
  /// The event file's path.
  const std::string &path() const;

private:
  friend SummaryWriter create_file_writer(const std::string &, int, int, const std::string &);
  explicit SummaryWriter(std::shared_ptr<detail::EventFileWriter> writer);
  std::shared_ptr<detail::EventFileWriter> writer_;
};

/// A writer of a new event file in `logdir` (created if missing).
SummaryWriter create_file_writer(const std::string &logdir, int max_queue = 10,
                                 int flush_millis = 120000,
                                 const std::string &filename_suffix = ".v2");

/// Writes the 0-d number `data` (as float32) at `step` (a 0-d integer
/// tensor, or a number) to the default writer. False when there is none.
bool scalar(const std::string &name, const Tensor &data, const Tensor &step,
            const std::string &description = "");
bool scalar(const std::string &name, const Tensor &data, std::int64_t step,
            const std::string &description = "");

/// TensorBoard's histogram of the values of `data` (any shape, as float64):
/// `buckets` equal-width buckets from its minimum to its maximum (all in
/// the last bucket when every value is equal; zeros when it is empty).
bool histogram(const std::string &name, const Tensor &data, const Tensor &step,
               int buckets = 30, const std::string &description = "");
bool histogram(const std::string &name, const Tensor &data, std::int64_t step,
               int buckets = 30, const std::string &description = "");

} // namespace ag::summary

#endif // AUTOGRAPH_SUMMARY_H
