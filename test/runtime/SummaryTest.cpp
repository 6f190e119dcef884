//===- SummaryTest.cpp - ag::summary: event files, eagerly ----------------===//
//
// Expected bytes are TensorFlow's (tf2-training-facts.md section 5: the CRC
// test vectors, the golden header record and the golden scalar event that
// TF2 writes for tf.summary.scalar("loss", 0.1, step=42)), not this
// writer's output. test/summary/read_events.py reads whole files with its
// own schema and CRC.
//
//===----------------------------------------------------------------------===//
#include "autograph/Summary.h"
#include "autograph/autograph.h"

#include "../../summary/Crc32c.h"
#include "../../summary/EventFile.h"
#include "TensorTestUtil.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using ag::summary::detail::crc32c;
using ag::summary::detail::masked_crc32c;

std::string hex(const std::string &bytes) {
  static const char *digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string unhex(const std::string &text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
  return out;
}

std::string readAll(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string freshDir(const std::string &name) {
  std::string dir = testing::TempDir() + "ag_summary_" + name;
  fs::remove_all(dir);
  return dir;
}

TEST(SummaryTest, Crc32cMatchesTheTestVectors) {
  std::string zeros(32, '\0');
  EXPECT_EQ(crc32c(zeros.data(), zeros.size()), 0x8a9136aau);
  std::string text = std::string("\x1a\x11") + "CRC test, one two";
  EXPECT_EQ(masked_crc32c(text.data(), text.size()), 0x5794d08au);
}

TEST(SummaryTest, RecordsAndEventsAreTensorFlowsBytes) {
  // The header record: Event{wall_time = 1700000000, "brain.Event:2"}.
  std::string header = unhex("0900000040fc54d9411a0d627261696e2e4576656e743a32");
  EXPECT_EQ(hex(ag::summary::detail::tfrecord(header)),
            "1800000000000000a37f4b220900000040fc54d9411a0d627261696e2e4576656e743a32"
            "eced8f9d");
  // tf.summary.scalar("loss", 0.1, step=42) at wall time 1700000001.5.
  EXPECT_EQ(hex(ag::summary::detail::scalar_event(1700000001.5, "loss", 0.1f, 42, "")),
            "0900006040fc54d941102a2a210a1f0a046c6f7373420a080112002204cdcccc3d4a0b0a090a07"
            "7363616c617273");
}

TEST(SummaryTest, HistogramBucketsFollowTensorBoard) {
  std::vector<double> values{1, 2, 3, 4};
  EXPECT_EQ(ag::summary::detail::histogram_rows(values.data(), 4, 2),
            (std::vector<double>{1, 2.5, 2, 2.5, 4, 2}));
  std::vector<double> same{5, 5, 5};
  EXPECT_EQ(ag::summary::detail::histogram_rows(same.data(), 3, 3),
            (std::vector<double>{5, 5, 0, 5, 5, 0, 5, 5, 3}));
  EXPECT_EQ(ag::summary::detail::histogram_rows(nullptr, 0, 2), (std::vector<double>(6, 0.0)));
  // NaN and infinities have no bucket.
  std::vector<double> odd{1, NAN, 3, INFINITY};
  EXPECT_EQ(ag::summary::detail::histogram_rows(odd.data(), 4, 1),
            (std::vector<double>{1, 3, 2}));
}

TEST(SummaryTest, AWriterNamesItsFileAsTensorFlowAndFlushesWhenItsScopeEnds) {
  std::string dir = freshDir("scope") + "/run/train";
  auto writer = ag::summary::create_file_writer(dir);
  std::string name = fs::path(writer.path()).filename().string();
  EXPECT_EQ(fs::path(writer.path()).parent_path(), fs::path(dir));
  EXPECT_EQ(name.rfind("events.out.tfevents.", 0), 0u) << name;
  EXPECT_EQ(name.substr(name.size() - 3), ".v2");
  // The header record is written at once: 40 bytes.
  EXPECT_EQ(fs::file_size(writer.path()), 40u);
  {
    auto as_default = writer.as_default();
    EXPECT_TRUE(ag::summary::scalar("loss", ag::constant(0.5), 1));
    EXPECT_TRUE(ag::summary::histogram("w", ag::constant({1.f, 2.f}), ag::constant(std::int64_t{1})));
    // Buffered (max_queue 10).
    EXPECT_EQ(fs::file_size(writer.path()), 40u);
  }
  std::uintmax_t flushed = fs::file_size(writer.path());
  EXPECT_GT(flushed, 40u);
  // Without a default writer nothing is written.
  EXPECT_FALSE(ag::summary::scalar("loss", ag::constant(1.f), 2));
  writer.flush();
  EXPECT_EQ(fs::file_size(writer.path()), flushed);
}

TEST(SummaryTest, MoreThanMaxQueueEventsAreWrittenWithoutAFlush) {
  auto writer = ag::summary::create_file_writer(freshDir("queue"), /*max_queue=*/2);
  auto as_default = writer.as_default();
  for (int step = 0; step < 3; ++step)
    ag::summary::scalar("x", ag::constant(1.f), step);
  EXPECT_GT(fs::file_size(writer.path()), 40u);
}

TEST(SummaryTest, BufferedEventsAreWrittenAtExit) {
  std::string dir = freshDir("exit");
  // A child process writes one event into the buffer and exits without a
  // flush or the end of any scope (its writer and scope are leaked).
  EXPECT_EXIT(
      {
        auto *writer = new ag::summary::SummaryWriter(ag::summary::create_file_writer(dir));
        new ag::summary::SummaryWriter::DefaultScope(writer->as_default());
        ag::summary::scalar("loss", ag::constant(0.25f), 3);
        std::exit(0);
      },
      testing::ExitedWithCode(0), "");
  ASSERT_TRUE(fs::is_directory(dir));
  std::vector<fs::path> files;
  for (const auto &entry : fs::directory_iterator(dir))
    files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  // The header record, then the scalar's record.
  EXPECT_GT(fs::file_size(files[0]), 40u);
}

TEST(SummaryTest, BadUseIsAnError) {
  std::string dir = freshDir("errors");
  fs::create_directories(dir);
  std::ofstream(dir + "/file") << "x";
  EXPECT_THROW(ag::summary::create_file_writer(dir + "/file/logs"), ag::Error);

  auto writer = ag::summary::create_file_writer(dir + "/logs");
  auto as_default = writer.as_default();
  EXPECT_NE(agtest::errorOf([] { ag::summary::scalar("x", ag::constant({1.f, 2.f}), 0); })
                .find("must be a scalar (0-d)"),
            std::string::npos);
  EXPECT_NE(agtest::errorOf([] {
              ag::summary::scalar("x", ag::constant(1.f), ag::constant(1.5f));
            }).find("step must be a 0-d integer"),
            std::string::npos);
  EXPECT_NE(agtest::errorOf([] { ag::summary::histogram("h", ag::constant(1.f), 0, 0); })
                .find("buckets must be positive"),
            std::string::npos);
  writer.close();
  EXPECT_THROW(ag::summary::scalar("x", ag::constant(1.f), 0), ag::Error);
}

} // namespace
