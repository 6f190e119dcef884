//===- CheckpointTest.cpp - ag::train::Checkpoint -------------------------===//
//
// Object paths and the file format (its header read with nlohmann/json, not
// with the checkpoint's reader), numbering and latest_checkpoint, training
// resumed from a checkpoint into a model not yet built (deferred
// restoration, optimizer slots included) giving exactly the losses of an
// uninterrupted run, and bad input: nothing is half-restored.
//
//===----------------------------------------------------------------------===//
#include "autograph/Checkpoint.h"
#include "autograph/autograph.h"

#include "TensorTestUtil.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using ag::Tensor;

std::string freshDir(const std::string &name) {
  std::string dir = testing::TempDir() + "ag_checkpoint_" + name;
  fs::remove_all(dir);
  return dir;
}

ag::nn::Batches regressionData() {
  std::vector<float> xs, ys;
  for (int i = 0; i < 24; ++i) {
    float a = std::sin(0.3f * static_cast<float>(i)), b = std::cos(0.7f * static_cast<float>(i));
    xs.insert(xs.end(), {a, b, a * b});
    ys.push_back(2.f * a - b + 0.5f * a * b);
  }
  return ag::data::from_tensor_slices(ag::constant(xs, {24, 3}), ag::constant(ys, {24, 1}))
      .batch(8);
}

std::string readAll(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CheckpointTest, ValuesAreStoredByObjectPathInSafetensors) {
  std::string dir = freshDir("paths");
  ag::random::set_seed(2);
  ag::nn::Sequential model({ag::nn::Dense(4, ag::relu), ag::nn::Dense(1)});
  ag::optimizers::Adam adam(0.01f);
  ag::metrics::Mean loss("loss");
  ag::Variable scale(ag::constant(2.5), "scale");
  model.compile(adam, ag::losses::MeanSquaredError());
  model.fit(regressionData(), 1, ag::nn::Verbosity::Silent);
  loss.update_state(ag::constant(3.f));

  ag::train::Checkpoint ckpt({{"model", model}, {"optimizer", adam}, {"loss", loss},
                              {"scale", scale}});
  std::string path = ckpt.save(dir + "/ckpt");
  EXPECT_EQ(path, dir + "/ckpt-1");
  EXPECT_EQ(ag::train::latest_checkpoint(dir), path);

  // The file, read without the checkpoint's code.
  std::string bytes = readAll(path + ".safetensors");
  ASSERT_GT(bytes.size(), 8u);
  std::uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = (headerSize << 8) | static_cast<unsigned char>(bytes[i]);
  auto header = nlohmann::json::parse(bytes.substr(8, headerSize));
  std::set<std::string> keys;
  std::uint64_t dataBytes = 0;
  for (auto it = header.begin(); it != header.end(); ++it)
    if (it.key() != "__metadata__") {
      keys.insert(it.key());
      dataBytes += it.value()["data_offsets"][1].get<std::uint64_t>() -
                   it.value()["data_offsets"][0].get<std::uint64_t>();
    }
  EXPECT_EQ(keys, (std::set<std::string>{
                      "model/dense/kernel", "model/dense/bias", "model/dense_1/kernel",
                      "model/dense_1/bias", "optimizer/iterations",
                      "model/dense/kernel/.OPTIMIZER_SLOT/optimizer/m",
                      "model/dense/kernel/.OPTIMIZER_SLOT/optimizer/v",
                      "model/dense/bias/.OPTIMIZER_SLOT/optimizer/m",
                      "model/dense/bias/.OPTIMIZER_SLOT/optimizer/v",
                      "model/dense_1/kernel/.OPTIMIZER_SLOT/optimizer/m",
                      "model/dense_1/kernel/.OPTIMIZER_SLOT/optimizer/v",
                      "model/dense_1/bias/.OPTIMIZER_SLOT/optimizer/m",
                      "model/dense_1/bias/.OPTIMIZER_SLOT/optimizer/v", "loss/total",
                      "loss/count", "scale", "save_counter"}));
  EXPECT_EQ(header["model/dense/kernel"]["dtype"], "F32");
  EXPECT_EQ(header["model/dense/kernel"]["shape"], nlohmann::json::array({3, 4}));
  EXPECT_EQ(header["optimizer/iterations"]["dtype"], "I64");
  EXPECT_EQ(header["scale"]["dtype"], "F64");
  EXPECT_EQ(8 + headerSize + dataBytes, bytes.size());
  // The kernel's bytes are its values.
  std::vector<float> kernel = model.variables()[0].value().to_vector<float>();
  auto begin = header["model/dense/kernel"]["data_offsets"][0].get<std::uint64_t>();
  EXPECT_EQ(std::memcmp(bytes.data() + 8 + headerSize + begin, kernel.data(), 12 * 4), 0);

  EXPECT_EQ(ckpt.save(dir + "/ckpt"), dir + "/ckpt-2");
  EXPECT_EQ(ag::train::latest_checkpoint(dir), dir + "/ckpt-2");
  EXPECT_EQ(ckpt.save_counter().value().item<std::int64_t>(), 2);
}

/// Losses of `epochs` epochs of fit.
std::vector<float> fitLosses(ag::nn::Sequential &model, int epochs) {
  return model.fit(regressionData(), epochs, ag::nn::Verbosity::Silent).history.at("loss");
}

TEST(CheckpointTest, ResumedTrainingContinuesExactlyAsIfUninterrupted) {
  std::string dir = freshDir("resume");
  ag::random::set_seed(4);
  ag::nn::Sequential model({ag::nn::Dense(8, ag::tanh), ag::nn::Dense(1)});
  ag::optimizers::Adam adam(0.05f);
  model.compile(adam, ag::losses::MeanSquaredError());
  fitLosses(model, 2);
  ag::train::Checkpoint ckpt({{"model", model}, {"optimizer", adam}});
  std::string path = ckpt.save(dir + "/ckpt");
  std::vector<float> uninterrupted = fitLosses(model, 3);

  // Another program: a model not built yet, other initial weights.
  ag::random::set_seed(99);
  ag::nn::Sequential resumed({ag::nn::Dense(8, ag::tanh), ag::nn::Dense(1)});
  ag::optimizers::Adam adam2(0.05f);
  ag::train::Checkpoint ckpt2({{"model", resumed}, {"optimizer", adam2}});
  ckpt2.restore(path);
  EXPECT_TRUE(resumed.variables().empty()); // restored when created
  EXPECT_EQ(adam2.iterations().value().item<std::int64_t>(), 6);
  resumed.compile(adam2, ag::losses::MeanSquaredError());
  EXPECT_EQ(fitLosses(resumed, 3), uninterrupted); // bit for bit
  EXPECT_EQ(ckpt2.save_counter().value().item<std::int64_t>(), 1);
}

TEST(CheckpointTest, AMismatchIsAnErrorAndRestoresNothing) {
  std::string dir = freshDir("mismatch");
  ag::random::set_seed(5);
  ag::nn::Sequential model({ag::nn::Dense(4), ag::nn::Dense(1)});
  model(ag::zeros({1, 3}));
  ag::Variable step(ag::constant(std::int64_t{7}), "step");
  std::string path = ag::train::Checkpoint({{"model", model}, {"step", step}}).save(dir + "/a");

  auto errorOf = [](const std::function<void()> &fn) {
    try {
      fn();
    } catch (const ag::Error &e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  // Another architecture: a shape differs.
  ag::nn::Sequential wider({ag::nn::Dense(5), ag::nn::Dense(1)});
  wider(ag::zeros({1, 3}));
  ag::Variable otherStep(ag::constant(std::int64_t{1}), "step");
  std::vector<float> before = wider.variables()[0].value().to_vector<float>();
  std::string error = errorOf(
      [&] { ag::train::Checkpoint({{"model", wider}, {"step", otherStep}}).restore(path); });
  EXPECT_NE(error.find(path + ".safetensors"), std::string::npos) << error;
  EXPECT_NE(error.find("'model/dense/kernel' is f32[3,4] in the checkpoint, f32[3,5] here"),
            std::string::npos) << error;
  EXPECT_EQ(wider.variables()[0].value().to_vector<float>(), before);
  EXPECT_EQ(otherStep.value().item<std::int64_t>(), 1); // restored first in the file, yet unchanged

  // Names: an object the checkpoint lacks, a key nothing has.
  error = errorOf([&] { ag::train::Checkpoint({{"net", model}}).restore(path); });
  EXPECT_NE(error.find("which nothing restored here has"), std::string::npos) << error;
  error = errorOf([&] {
    ag::train::Checkpoint({{"model", model}, {"step", step}, {"extra", otherStep}}).restore(path);
  });
  EXPECT_NE(error.find("it has no 'extra'"), std::string::npos) << error;

  // A deferred value of the wrong shape fails when the variable is created.
  ag::nn::Sequential unbuilt({ag::nn::Dense(4), ag::nn::Dense(1)});
  ag::train::Checkpoint({{"model", unbuilt}, {"step", otherStep}}).restore(path);
  EXPECT_THROW(unbuilt(ag::zeros({1, 6})), ag::InvalidArgumentError);
}

TEST(CheckpointTest, CorruptOrTruncatedFilesAreErrors) {
  std::string dir = freshDir("corrupt");
  ag::Variable v(ag::constant({1.f, 2.f, 3.f}), "v");
  ag::train::Checkpoint ckpt({{"v", v}});
  std::string file = ckpt.save(dir + "/c") + ".safetensors";
  std::string good = readAll(file);
  auto restoreFrom = [&](const std::string &bytes) {
    std::ofstream(dir + "/bad.safetensors", std::ios::binary) << bytes;
    try {
      ckpt.restore(dir + "/bad");
    } catch (const ag::Error &e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  v.assign(ag::constant({9.f, 9.f, 9.f}));
  EXPECT_NE(restoreFrom(good.substr(0, good.size() - 2)).find("truncated"), std::string::npos);
  EXPECT_NE(restoreFrom(good.substr(0, 5)).find("shorter than"), std::string::npos);
  std::string garbage = good;
  garbage[9] = '#';
  EXPECT_NE(restoreFrom(garbage).find("not JSON"), std::string::npos);
  std::string huge = good;
  huge[7] = '\x7f';
  EXPECT_NE(restoreFrom(huge).find("exceeds the file"), std::string::npos);
  EXPECT_EQ(v.value().to_vector<float>(), (std::vector<float>{9.f, 9.f, 9.f}));
  EXPECT_NE(restoreFrom("").find("shorter than"), std::string::npos);
  // Extents whose product wraps around 2^64 to 0 (2^40 * 2^40 * 2^48):
  // rejected as too large by the reader itself, whose element count must
  // not wrap around (seen while writing fuzz/SafetensorsFuzzer.cpp).
  std::string header = R"({"v":{"dtype":"F32","shape":[1099511627776,1099511627776,)"
                       R"(281474976710656],"data_offsets":[0,0]}})";
  std::string wrapped(8, '\0');
  for (int i = 0; i < 8; ++i)
    wrapped[static_cast<std::size_t>(i)] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  EXPECT_NE(restoreFrom(wrapped + header).find("too large"), std::string::npos);
  ckpt.restore(file);
  EXPECT_EQ(v.value().to_vector<float>(), (std::vector<float>{1.f, 2.f, 3.f}));
}

TEST(CheckpointTest, AFailedSaveLeavesThePreviousCheckpoint) {
  std::string dir = freshDir("atomic");
  ag::Variable v(ag::constant(1.f), "v");
  ag::train::Checkpoint ckpt({{"v", v}});
  std::string first = ckpt.save(dir + "/c");
  // The next save's temporary file cannot be created (a directory is there).
  fs::create_directories(dir + "/c-2.safetensors.tmp-" + std::to_string(getpid()));
  v.assign(ag::constant(2.f));
  EXPECT_THROW(ckpt.save(dir + "/c"), ag::Error);
  EXPECT_FALSE(fs::exists(dir + "/c-2.safetensors"));
  EXPECT_EQ(ag::train::latest_checkpoint(dir), first);
  EXPECT_EQ(ckpt.save_counter().value().item<std::int64_t>(), 1);
  ckpt.restore(first);
  EXPECT_EQ(v.value().item<float>(), 1.f);
}

} // namespace
