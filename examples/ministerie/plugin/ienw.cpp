// The plugin of the example ministry (IenW): one check kind, numeric-date, finds dates written in digits
// ("12-03-2025", "12/3/2025", "12.03.2025") and proposes the date with the month in words ("12 maart 2025").
// The month names are data: the option `months` of the rule in packs/ienw/pack.toml.
#include <helder/sdk.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_separator(char c) { return c == '-' || c == '/' || c == '.'; }

struct Date {
  std::uint32_t start = 0, end = 0;  // bytes into the paragraph text
  int day = 0, month = 0, year = 0;
};

// A number of `min`-`max` digits at `at`; moves `at` past it.
std::optional<int> number_at(std::string_view text, std::size_t& at, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int value = 0;
  while (at + n < text.size() && is_digit(text[at + n]) && n <= max) value = value * 10 + (text[at + n++] - '0');
  if (n < min || n > max) return std::nullopt;
  at += n;
  return value;
}

bool real_day(int day, int month, int year) {
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month != 2 || day < 29 || leap;
}

// Day, separator, month, the same separator, a year of four digits: "1-4-2025", "01/04/2025". Not part of a
// longer number ("2.12.03.2025", "12-03-2025-001": a reference, a version, a telephone number).
std::optional<Date> date_at(std::string_view text, std::size_t start) {
  if (start > 0 && (is_ascii_alnum(text[start - 1]) ||
                    (start > 1 && is_separator(text[start - 1]) && is_digit(text[start - 2]))))
    return std::nullopt;
  std::size_t at = start;
  const auto day = number_at(text, at, 1, 2);
  if (!day || at >= text.size() || !is_separator(text[at])) return std::nullopt;
  const char separator = text[at++];
  const auto month = number_at(text, at, 1, 2);
  if (!month || at >= text.size() || text[at++] != separator) return std::nullopt;
  const auto year = number_at(text, at, 4, 4);
  if (!year) return std::nullopt;
  if (at < text.size() && (is_ascii_alnum(text[at]) ||
                           (is_separator(text[at]) && at + 1 < text.size() && is_digit(text[at + 1]))))
    return std::nullopt;
  if (!real_day(*day, *month, *year)) return std::nullopt;
  return Date{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(at), *day, *month, *year};
}

class NumericDate {
 public:
  NumericDate(const helder::sdk::Host&, const helder::sdk::Options& options) {
    for (std::size_t i = 0; i < options.array_size("months"); ++i)
      months_.push_back(options.string("months[" + std::to_string(i) + "]", ""));
    if (months_.size() != 12) throw std::runtime_error("de instelling months moet de namen van 12 maanden hebben");
  }

  // One paragraph per call, possibly on several threads at once: only reads members.
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p) {
      const helder::sdk::Paragraph paragraph = unit[p];
      const std::string_view text = paragraph.text();
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (!is_digit(text[i])) continue;
        const std::optional<Date> date = date_at(text, i);
        if (!date) continue;
        i = date->end;
        if (!written_by_writer(paragraph, *date)) continue;
        const std::string words =
            std::to_string(date->day) + " " + months_[date->month - 1] + " " + std::to_string(date->year);
        findings.emit(p, date->start, date->end,
                      "Schrijf de maand in letters: \"" + words + "\". Dan leest iedereen de datum goed.",
                      HELDER_SEVERITY_RULE, {helder::sdk::Fix{date->start, date->end, words}});
      }
    }
  }

 private:
  // Not in a web address, an e-mail address or code, and not in someone else's words (a quotation, a title).
  static bool written_by_writer(const helder::sdk::Paragraph& paragraph, const Date& date) {
    for (const helder_token& t : paragraph.tokens()) {
      if (t.end <= date.start || t.start >= date.end) continue;
      if (t.kind == HELDER_TOKEN_URL || t.kind == HELDER_TOKEN_EMAIL || t.kind == HELDER_TOKEN_CODE) return false;
      if (helder::sdk::is_quoted_or_named(t)) return false;
    }
    return true;
  }

  std::vector<std::string> months_;
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<NumericDate>("numeric-date", "Dates in digits, with the month in words as a fix",
                                         HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("ienw", "1.0.0", kinds);
