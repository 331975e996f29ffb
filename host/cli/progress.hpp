// The progress line of a long run, on standard error of a terminal only ("12/340 bestanden, 3,1 MB/s").
#pragma once

#include <chrono>
#include <cstdint>
#include <cstddef>

namespace helder::cli {

class Progress {
 public:
  // `enabled`: the caller has decided that a person watches (a terminal, a text report, several files).
  Progress(std::size_t total_files, bool enabled);
  void file_done(std::uintmax_t bytes);
  void finish();  // clears the line

 private:
  void draw();
  bool enabled_;
  std::size_t total_, done_ = 0;
  std::uintmax_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace helder::cli
