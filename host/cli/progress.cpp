// Progress line: redrawn at most ten times a second, cleared at the end.
#include "progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace helder::cli {

Progress::Progress(std::size_t total_files, bool enabled)
    : enabled_(enabled), total_(total_files), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::file_done(std::uintmax_t bytes) {
  ++done_;
  bytes_ += bytes;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string rate = fmt::format("{:.1f}", seconds > 0 ? static_cast<double>(bytes_) / 1e6 / seconds : 0.0);
  for (char& c : rate)
    if (c == '.') c = ',';
  const std::string line = fmt::format("\r{}/{} bestanden, {} MB/s", done_, total_, rate);
  std::fputs(line.c_str(), stderr);
  std::fputs("\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!enabled_ || !drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
}

}  // namespace helder::cli
