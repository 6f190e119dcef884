//===- CompiledSummaryTest.cpp - ag::summary inside compiled functions ----===//
//
// A compiled function's summaries are written when it runs, to the default
// writer of that moment (none: nothing), and its events equal eager ones
// (tags, steps, tensors; only wall times differ). AG_FALLBACK=error.
//
//===----------------------------------------------------------------------===//
#include "autograph/Function.h"
#include "autograph/Summary.h"
#include "autograph/autograph.h"

#include "tensorboard_event.pb.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using ag::Tensor;

/// The events after the header record (framing assumed valid: the
/// independent reader, test/summary/read_events.py, checks it).
std::vector<autograph::tensorboard::Event> eventsOf(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string data = buffer.str();
  std::vector<autograph::tensorboard::Event> events;
  for (std::size_t offset = 0; offset + 12 <= data.size();) {
    std::uint64_t length;
    std::memcpy(&length, data.data() + offset, 8);
    autograph::tensorboard::Event event;
    EXPECT_TRUE(event.ParseFromString(data.substr(offset + 12, length)));
    events.push_back(event);
    offset += 12 + length + 4;
  }
  return {events.begin() + 1, events.end()};
}

void logWeights(const Tensor &w, const Tensor &step) {
  ag::summary::histogram("weights", w, step, 4, "the kernel");
  ag::summary::scalar("mean", ag::reduce_mean(w), step);
}

TEST(CompiledSummaryTest, CompiledSummariesEqualEagerOnesAndNeedAWriterAtRunTime) {
  std::string dir = testing::TempDir() + "ag_compiled_summary";
  fs::remove_all(dir);
  auto compiled = ag::function(logWeights, "log_weights");
  Tensor w = ag::constant({{0.5f, -1.f, 2.f}, {0.25f, 3.f, -0.5f}});
  // Traced and compiled without a writer: nothing is written, no error.
  compiled(w, ag::constant(std::int64_t{1}));
  EXPECT_EQ(compiled.trace_count(), 1);

  auto jitWriter = ag::summary::create_file_writer(dir + "/jit");
  auto eagerWriter = ag::summary::create_file_writer(dir + "/eager");
  for (std::int64_t step : {3, 7}) {
    Tensor scaled = w * static_cast<float>(step);
    {
      auto as_default = jitWriter.as_default();
      compiled(scaled, ag::constant(step));
    }
    auto as_default = eagerWriter.as_default();
    logWeights(scaled, ag::constant(step));
  }
  EXPECT_EQ(compiled.trace_count(), 1);
  std::vector<autograph::tensorboard::Event> jit = eventsOf(jitWriter.path()),
                                              eager = eventsOf(eagerWriter.path());
  ASSERT_EQ(jit.size(), 4u);
  ASSERT_EQ(eager.size(), 4u);
  for (std::size_t i = 0; i < jit.size(); ++i) {
    EXPECT_EQ(jit[i].step(), eager[i].step());
    const auto &a = jit[i].summary().value(0), &b = eager[i].summary().value(0);
    EXPECT_EQ(a.tag(), b.tag());
    EXPECT_EQ(a.metadata().plugin_data().plugin_name(), b.metadata().plugin_data().plugin_name());
    EXPECT_EQ(a.metadata().summary_description(), b.metadata().summary_description());
    EXPECT_EQ(a.tensor().dtype(), b.tensor().dtype());
    EXPECT_EQ(a.tensor().tensor_content(), b.tensor().tensor_content()) << a.tag();
  }
  // The histogram of 3 * w = {1.5, -3, 6, 0.75, 9, -1.5}: 4 buckets of
  // width 3 from -3 to 9: {-3, -1.5}, {0.75, 1.5}, {}, {6, 9}.
  const auto &histogram = jit[0].summary().value(0).tensor();
  ASSERT_EQ(histogram.tensor_shape().dim_size(), 2);
  std::vector<double> rows(12);
  std::memcpy(rows.data(), histogram.tensor_content().data(), 12 * sizeof(double));
  EXPECT_EQ(rows, (std::vector<double>{-3, 0, 2, 0, 3, 2, 3, 6, 0, 6, 9, 2}));
}

// A write that fails in compiled code (here: a closed writer) is an error
// of the call, raised when it returns, as eagerly.
TEST(CompiledSummaryTest, AFailedWriteInCompiledCodeIsAnError) {
  std::string dir = testing::TempDir() + "ag_compiled_summary_closed";
  fs::remove_all(dir);
  auto compiled = ag::function(logWeights, "log_weights_closed");
  auto writer = ag::summary::create_file_writer(dir);
  auto as_default = writer.as_default();
  Tensor w = ag::ones({2, 2});
  compiled(w, ag::constant(std::int64_t{0}));
  writer.close();
  try {
    compiled(w, ag::constant(std::int64_t{1}));
    FAIL() << "no error";
  } catch (const ag::Error &error) {
    EXPECT_NE(std::string(error.what()).find("is closed"), std::string::npos) << error.what();
  }
  EXPECT_THROW(logWeights(w, ag::constant(std::int64_t{1})), ag::Error); // eagerly too
}

} // namespace
