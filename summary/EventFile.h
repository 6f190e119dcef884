//===- EventFile.h - one TensorBoard event file -----------------*- C++ -*-===//
#ifndef AUTOGRAPH_SUMMARY_EVENTFILE_H
#define AUTOGRAPH_SUMMARY_EVENTFILE_H

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ag::summary::detail {

/// An event file: TFRecord records of serialized Event protos, buffered.
/// Safe to use from several threads.
class EventFileWriter {
public:
  /// Creates `logdir` and the file, and writes its `brain.Event:2` record.
  EventFileWriter(const std::string &logdir, int max_queue, int flush_millis,
                  const std::string &suffix);
  /// Flushes (a failure is reported on stderr: a destructor cannot throw).
  ~EventFileWriter();

  void write_scalar(const std::string &tag, float value, std::int64_t step,
                    const std::string &description);
  /// `rows`: k rows of (left edge, right edge, count).
  void write_histogram(const std::string &tag, const std::vector<double> &rows,
                       std::int64_t step, const std::string &description);
  void flush();
  void close();
  const std::string &path() const { return path_; }

private:
  void append(const std::string &event);
  void flushLocked();

  std::string path_;
  std::FILE *file_ = nullptr;
  std::mutex mutex_;
  std::string pending_; // framed records not yet written
  int queued_ = 0;
  int maxQueue_;
  std::chrono::milliseconds flushInterval_;
  std::chrono::steady_clock::time_point lastFlush_;
};

/// The thread's default writer (as_default), or null.
std::shared_ptr<EventFileWriter> default_writer();
void push_default_writer(std::shared_ptr<EventFileWriter> writer);
void pop_default_writer();

/// The serialized Event of a scalar / histogram summary (TF2's encoding).
std::string scalar_event(double wall_time, const std::string &tag, float value,
                         std::int64_t step, const std::string &description);
std::string histogram_event(double wall_time, const std::string &tag,
                            const std::vector<double> &rows, std::int64_t step,
                            const std::string &description);
/// `data` as one TFRecord record.
std::string tfrecord(const std::string &data);

/// TensorBoard's histogram buckets of `values` (summary_v2's algorithm):
/// 3 * buckets numbers, rows of (left edge, right edge, count).
std::vector<double> histogram_rows(const double *values, std::int64_t count, int buckets);

} // namespace ag::summary::detail

#endif // AUTOGRAPH_SUMMARY_EVENTFILE_H
