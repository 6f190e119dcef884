//===- Progress.cpp - Keras's progress bar --------------------------------===//
#include "Progress.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace ag::nn::detail {
namespace {
constexpr int kBarWidth = 30;
constexpr double kRedrawSeconds = 0.05;

std::string printf_string(const char *format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

int digits(std::int64_t n) { return n <= 0 ? 1 : static_cast<int>(std::log10(n)) + 1; }
} // namespace

ProgressBar::ProgressBar(std::int64_t target, Verbosity verbose)
    : target_(target), verbose_(verbose),
      live_(verbose == Verbosity::ProgressBar && isatty(fileno(stdout))),
      start_(std::chrono::steady_clock::now()), lastDrawn_(start_) {}

double ProgressBar::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

bool ProgressBar::wants_update() const {
  return live_ && std::chrono::duration<double>(std::chrono::steady_clock::now() - lastDrawn_)
                          .count() >= kRedrawSeconds;
}

std::string ProgressBar::format_time_per_unit(double seconds, const char *unit) {
  if (seconds >= 1 || seconds == 0)
    return printf_string(" %.0fs/", seconds) + unit;
  if (seconds >= 1e-3)
    return printf_string(" %.0fms/", seconds * 1e3) + unit;
  return printf_string(" %.0fus/", seconds * 1e6) + unit;
}

std::string ProgressBar::format_values(const ProgressValues &values) {
  std::string out;
  for (const auto &[name, value] : values)
    out += " - " + name + ":" +
           printf_string(std::fabs(value) > 1e-3 ? " %.4f" : " %.4e", value);
  return out;
}

std::string ProgressBar::bar(std::int64_t current) const {
  char buffer[64];
  if (target_ < 0) {
    std::snprintf(buffer, sizeof buffer, "%7lld/Unknown", static_cast<long long>(current));
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%*lld/%lld [", digits(target_),
                static_cast<long long>(current), static_cast<long long>(target_));
  std::string out = buffer;
  int width = static_cast<int>(kBarWidth * static_cast<double>(current) /
                               static_cast<double>(target_ > 0 ? target_ : 1));
  if (width > kBarWidth)
    width = kBarWidth;
  if (width > 0) {
    out.append(static_cast<std::size_t>(width - 1), '=');
    out += current < target_ ? '>' : '=';
  }
  out.append(static_cast<std::size_t>(kBarWidth - width), '.');
  return out + "]";
}

void ProgressBar::update(std::int64_t current, const ProgressValues &values) {
  if (!live_)
    return;
  lastDrawn_ = std::chrono::steady_clock::now();
  std::string line = bar(current);
  if (target_ > 0 && current > 0) {
    double eta = elapsed() / static_cast<double>(current) * static_cast<double>(target_ - current);
    char buffer[32];
    if (eta > 3600)
      std::snprintf(buffer, sizeof buffer, "%d:%02d:%02d", static_cast<int>(eta / 3600),
                    static_cast<int>(std::fmod(eta, 3600) / 60), static_cast<int>(std::fmod(eta, 60)));
    else if (eta > 60)
      std::snprintf(buffer, sizeof buffer, "%d:%02d", static_cast<int>(eta / 60),
                    static_cast<int>(std::fmod(eta, 60)));
    else
      std::snprintf(buffer, sizeof buffer, "%ds", static_cast<int>(eta));
    line += std::string(" - ETA: ") + buffer;
  }
  line += format_values(values);
  std::size_t width = line.size();
  if (drawnWidth_ > width)
    line.append(drawnWidth_ - width, ' ');
  drawnWidth_ = width;
  std::fputs(("\r" + line).c_str(), stdout);
  std::fflush(stdout);
}

void ProgressBar::finish(std::int64_t steps, const ProgressValues &values) {
  if (verbose_ == Verbosity::Silent)
    return;
  double seconds = elapsed();
  double perStep = steps > 0 ? seconds / static_cast<double>(steps) : 0;
  std::string line;
  if (verbose_ == Verbosity::OneLinePerEpoch) {
    line = std::to_string(steps) + "/" + std::to_string(steps) +
           printf_string(" - %.0fs", seconds) + format_values(values) + " -" +
           format_time_per_unit(seconds, "epoch") + " -" +
           format_time_per_unit(perStep, "step");
  } else {
    if (target_ < 0)
      target_ = steps;
    line = bar(steps) + printf_string(" - %.0fs", seconds) +
           format_time_per_unit(perStep, "step") + format_values(values);
    if (live_) {
      if (drawnWidth_ > line.size())
        line.append(drawnWidth_ - line.size(), ' ');
      line = "\r" + line;
    }
  }
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

} // namespace ag::nn::detail
