//===- EventFile.cpp - TensorBoard event files ----------------------------===//
//
// The format TensorBoard reads (docs/summaries.md): a file named
// events.out.tfevents.<seconds>.<host>.<pid>.<n><suffix>, made of TFRecord
// records (uint64 length, masked CRC-32C of the length, the data, masked
// CRC-32C of the data; little-endian), each data an Event proto encoded by
// libprotobuf from summary/tensorboard_event.proto. The first record is
// Event{wall_time = whole seconds, file_version = "brain.Event:2"}.
//
//===----------------------------------------------------------------------===//
#include "EventFile.h"

#include "Crc32c.h"
#include "tensorboard_event.pb.h"

#include "autograph/Error.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace ag::summary::detail {
namespace {

namespace pb = autograph::tensorboard;

std::string systemError(const std::string &what, const std::string &path) {
  return "summary: " + what + " " + path + ": " + std::strerror(errno);
}

double wallTime() {
  using namespace std::chrono;
  return static_cast<double>(
             duration_cast<microseconds>(system_clock::now().time_since_epoch()).count()) /
         1e6;
}

void appendLittleEndian(std::string &out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i)
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
}

/// One TFRecord record around `data`.
std::string framed(const std::string &data) {
  std::string record;
  appendLittleEndian(record, data.size(), 8);
  appendLittleEndian(record, masked_crc32c(record.data(), 8), 4);
  record += data;
  appendLittleEndian(record, masked_crc32c(data.data(), data.size()), 4);
  return record;
}

/// Writers alive in this process, flushed at exit.
struct LiveWriters {
  std::mutex mutex;
  std::vector<EventFileWriter *> writers;
  static LiveWriters &get() {
    static auto *live = new LiveWriters(); // never destroyed: used at exit
    return *live;
  }
  void add(EventFileWriter *writer) {
    std::lock_guard<std::mutex> lock(mutex);
    static std::once_flag registered;
    std::call_once(registered, [] {
      std::atexit([] {
        LiveWriters &live = get();
        std::lock_guard<std::mutex> lock(live.mutex);
        for (EventFileWriter *w : live.writers) {
          try {
            w->flush();
          } catch (const std::exception &e) {
            std::cerr << e.what() << "\n";
          }
        }
      });
    });
    writers.push_back(writer);
  }
  void remove(EventFileWriter *writer) {
    std::lock_guard<std::mutex> lock(mutex);
    writers.erase(std::remove(writers.begin(), writers.end(), writer), writers.end());
  }
};

thread_local std::vector<std::shared_ptr<EventFileWriter>> tls_defaults;

std::string summaryEvent(double wall_time, const std::string &tag, std::int64_t step,
                         const std::string &plugin, const std::string &description, int dtype,
                         const std::vector<std::int64_t> &shape, const void *content,
                         std::size_t bytes) {
  pb::Event event;
  event.set_wall_time(wall_time);
  event.set_step(step);
  pb::Summary::Value *value = event.mutable_summary()->add_value();
  value->set_tag(tag);
  pb::TensorProto *tensor = value->mutable_tensor();
  tensor->set_dtype(dtype);
  pb::TensorShapeProto *tensorShape = tensor->mutable_tensor_shape();
  for (std::int64_t size : shape)
    tensorShape->add_dim()->set_size(size);
  tensor->set_tensor_content(content, bytes);
  pb::SummaryMetadata *metadata = value->mutable_metadata();
  metadata->mutable_plugin_data()->set_plugin_name(plugin);
  if (!description.empty())
    metadata->set_summary_description(description);
  return event.SerializeAsString();
}
} // namespace

EventFileWriter::EventFileWriter(const std::string &logdir, int max_queue, int flush_millis,
                                 const std::string &suffix)
    : maxQueue_(max_queue), flushInterval_(flush_millis),
      lastFlush_(std::chrono::steady_clock::now()) {
  std::error_code error;
  std::filesystem::create_directories(logdir, error);
  if (error)
    throw Error("summary: cannot create the log directory " + logdir + ": " + error.message());
  static std::atomic<int> uid{0};
  char host[256] = "localhost";
  gethostname(host, sizeof host - 1);
  auto seconds = static_cast<long long>(std::time(nullptr));
  char name[512];
  std::snprintf(name, sizeof name, "events.out.tfevents.%010lld.%s.%d.%d%s", seconds, host,
                static_cast<int>(getpid()), uid++, suffix.c_str());
  path_ = (std::filesystem::path(logdir) / name).string();
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_)
    throw Error(systemError("cannot create", path_));
  pb::Event header;
  header.set_wall_time(static_cast<double>(seconds));
  header.set_file_version("brain.Event:2");
  append(header.SerializeAsString());
  flush();
  LiveWriters::get().add(this);
}

EventFileWriter::~EventFileWriter() {
  LiveWriters::get().remove(this);
  try {
    close();
  } catch (const std::exception &e) {
    std::cerr << e.what() << "\n";
  }
}

void EventFileWriter::append(const std::string &event) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!file_)
    throw Error("summary: the writer of " + path_ + " is closed");
  pending_ += framed(event);
  ++queued_;
  if (queued_ > maxQueue_ || std::chrono::steady_clock::now() - lastFlush_ >= flushInterval_)
    flushLocked();
}

void EventFileWriter::flushLocked() {
  lastFlush_ = std::chrono::steady_clock::now();
  if (!file_ || pending_.empty())
    return;
  std::string data = std::move(pending_);
  pending_.clear();
  queued_ = 0;
  if (std::fwrite(data.data(), 1, data.size(), file_) != data.size() ||
      std::fflush(file_) != 0 || fsync(fileno(file_)) != 0)
    throw Error(systemError("cannot write", path_));
}

void EventFileWriter::flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  flushLocked();
}

void EventFileWriter::close() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!file_)
    return;
  flushLocked();
  std::FILE *file = file_;
  file_ = nullptr;
  if (std::fclose(file) != 0)
    throw Error(systemError("cannot close", path_));
}

std::string scalar_event(double wall_time, const std::string &tag, float value,
                         std::int64_t step, const std::string &description) {
  // TF2's tf.summary.scalar: a rank-0 DT_FLOAT tensor (4 little-endian bytes).
  return summaryEvent(wall_time, tag, step, "scalars", description, /*DT_FLOAT=*/1, {}, &value,
                      sizeof value);
}

std::string histogram_event(double wall_time, const std::string &tag,
                            const std::vector<double> &rows, std::int64_t step,
                            const std::string &description) {
  auto k = static_cast<std::int64_t>(rows.size() / 3);
  return summaryEvent(wall_time, tag, step, "histograms", description, /*DT_DOUBLE=*/2, {k, 3},
                      rows.data(), rows.size() * sizeof(double));
}

std::string tfrecord(const std::string &data) { return framed(data); }

void EventFileWriter::write_scalar(const std::string &tag, float value, std::int64_t step,
                                   const std::string &description) {
  append(scalar_event(wallTime(), tag, value, step, description));
}

void EventFileWriter::write_histogram(const std::string &tag, const std::vector<double> &rows,
                                      std::int64_t step, const std::string &description) {
  append(histogram_event(wallTime(), tag, rows, step, description));
}

std::shared_ptr<EventFileWriter> default_writer() {
  return tls_defaults.empty() ? nullptr : tls_defaults.back();
}
void push_default_writer(std::shared_ptr<EventFileWriter> writer) {
  tls_defaults.push_back(std::move(writer));
}
void pop_default_writer() {
  if (!tls_defaults.empty())
    tls_defaults.pop_back();
}

std::vector<double> histogram_rows(const double *values, std::int64_t count, int buckets) {
  std::vector<double> rows(static_cast<std::size_t>(3 * std::max(buckets, 0)), 0.0);
  // NaN and infinities have no bucket: they are not counted.
  std::vector<double> finite;
  for (std::int64_t j = 0; j < count; ++j)
    if (std::isfinite(values[j]))
      finite.push_back(values[j]);
  values = finite.data();
  count = static_cast<std::int64_t>(finite.size());
  if (count == 0 || buckets <= 0)
    return rows;
  double min = *std::min_element(values, values + count);
  double max = *std::max_element(values, values + count);
  auto row = [&](int i) { return rows.begin() + 3 * i; };
  if (max == min) {
    // Every value equal: zero-width buckets at the value, all counted last.
    for (int i = 0; i < buckets; ++i) {
      row(i)[0] = min;
      row(i)[1] = max;
    }
    row(buckets - 1)[2] = static_cast<double>(count);
    return rows;
  }
  double width = (max - min) / buckets;
  for (std::int64_t j = 0; j < count; ++j) {
    double index = std::floor((values[j] - min) / width);
    row(index >= buckets - 1 ? buckets - 1 : static_cast<int>(std::max(index, 0.0)))[2] += 1;
  }
  for (int i = 0; i < buckets; ++i) {
    // linspace(min, max, buckets + 1), its last edge exactly max.
    row(i)[0] = min + (max - min) * i / buckets;
    row(i)[1] = i + 1 == buckets ? max : min + (max - min) * (i + 1) / buckets;
  }
  return rows;
}

} // namespace ag::summary::detail
