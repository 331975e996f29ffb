// make_reporter: the table of report formats.
#include "reporters.hpp"

#include <algorithm>

namespace helder {

namespace {

struct FormatEntry {
  std::string_view name;
  std::unique_ptr<Reporter> (*make)(std::ostream&);
};

constexpr FormatEntry formats[] = {
    {"text", reporters::make_text},
    {"json", reporters::make_json},
    {"jsonl", reporters::make_jsonl},
    {"sarif", reporters::make_sarif},
    {"junit", reporters::make_junit},
    {"github", reporters::make_github},
    {"checkstyle", reporters::make_checkstyle},
    {"html", reporters::make_html},
};

}  // namespace

const std::vector<std::string_view>& report_formats() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const FormatEntry& f : formats) out.push_back(f.name);
    return out;
  }();
  return names;
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, std::ostream& out) {
  const auto* entry = std::find_if(std::begin(formats), std::end(formats),
                                   [&](const FormatEntry& f) { return f.name == format; });
  return entry == std::end(formats) ? nullptr : entry->make(out);
}

}  // namespace helder
