// Adopting helder on an archive that already has findings: a baseline file records today's findings by
// fingerprint; a later run reports only findings that are not in it.
#pragma once

#include <helder/report.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace helder::cli {

// A finding's fingerprint within its file: the hash of its rule and text (Finding::id without the occurrence
// number). It does not change when lines are added above; equal findings in one file are counted.
std::string fingerprint(const Finding& finding);

class Baseline {
 public:
  // Throws std::runtime_error (Dutch) for a file that cannot be read or is not a helder baseline.
  static Baseline load(const std::filesystem::path& file);

  // Removes from `report` every finding the baseline holds (each baseline entry matches once).
  void filter(FileReport& report);
  std::size_t matched() const { return matched_; }
  // Entries of the files that were checked which matched no finding: findings that are gone.
  std::size_t gone() const;

 private:
  // file -> fingerprint -> how many entries are left to match
  std::map<std::string, std::map<std::string, std::size_t>> remaining_;
  std::map<std::string, bool> checked_files_;
  std::size_t matched_ = 0;
};

// Collects the findings of a run and writes them as a baseline (atomically).
class BaselineWriter {
 public:
  void add(const FileReport& report);
  void write(const std::filesystem::path& file) const;  // throws std::runtime_error (Dutch)
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string file, rule, fingerprint, text;
  };
  std::vector<Entry> entries_;
};

}  // namespace helder::cli
