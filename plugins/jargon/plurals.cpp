#include "plurals.hpp"

#include <algorithm>
#include <stdexcept>

namespace helder::jargon {

namespace {

bool ends_with(std::string_view word, std::string_view end) {
  return !end.empty() && word.size() >= end.size() && word.substr(word.size() - end.size()) == end;
}

std::vector<std::string> strings(const sdk::Options& options, const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < options.array_size(path); ++i)
    out.push_back(options.string(path + "[" + std::to_string(i) + "]", ""));
  return out;
}

}  // namespace

Plurals::Plurals(const sdk::Options& options)
    : en_(options.string("plurals.en", "")),
      s_(options.string("plurals.s", "")),
      s_after_(strings(options, "plurals.s_after")),
      apostrophe_after_(strings(options, "plurals.apostrophe_after")),
      apostrophes_(strings(options, "plurals.apostrophes")),
      both_after_(strings(options, "plurals.both_after")),
      vowels_(options.string("plurals.vowels", "")),
      doubled_vowels_(options.string("plurals.doubled_vowels", "")) {
  for (std::size_t i = 0; i < options.array_size("plurals.changed"); ++i) {
    const std::string at = "plurals.changed[" + std::to_string(i) + "]";
    std::string singular = options.string(at + ".singular", ""), plural = options.string(at + ".plural", "");
    if (singular.empty() || plural.empty())
      throw std::invalid_argument(at + " heeft een singular en een plural nodig, zoals { singular = \"heid\", "
                                       "plural = \"heden\" }");
    changed_.emplace_back(std::move(singular), std::move(plural));
  }
  for (std::size_t i = 0; i < options.array_size("plurals.voiced"); ++i) {
    const std::string pair = options.string("plurals.voiced[" + std::to_string(i) + "]", "");
    if (pair.size() != 2)
      throw std::invalid_argument("plurals.voiced[" + std::to_string(i) + "] moet twee letters zijn, zoals \"fv\" (\"" +
                                  pair + "\" is dat niet)");
    voiced_.emplace_back(pair[0], pair[1]);
  }
  if ((en_.empty() != s_.empty()) || ((!en_.empty()) && vowels_.empty()))
    throw std::invalid_argument("plurals heeft en, s en vowels nodig (of geen van drieën)");
}

bool Plurals::takes_s(std::string_view singular) const {
  return std::any_of(s_after_.begin(), s_after_.end(), [&](const std::string& e) { return ends_with(singular, e); });
}

bool Plurals::takes_both(std::string_view singular) const {
  return std::any_of(both_after_.begin(), both_after_.end(),
                     [&](const std::string& e) { return ends_with(singular, e); });
}

std::vector<std::string> Plurals::candidates(std::string_view singular) const {
  std::vector<std::string> out;
  if (empty() || singular.size() < 2) return out;
  const std::string noun(singular);
  for (const auto& [singular_end, plural_end] : changed_) {
    if (ends_with(noun, singular_end)) {  // "mogelijkheid" -> "mogelijkheden"
      out.push_back(noun.substr(0, noun.size() - singular_end.size()) + plural_end);
      return out;
    }
  }
  if (takes_s(noun)) {
    const bool apostrophe = !apostrophes_.empty() &&
                            std::any_of(apostrophe_after_.begin(), apostrophe_after_.end(),
                                        [&](const std::string& e) { return ends_with(noun, e); });
    out.push_back(noun + (apostrophe ? apostrophes_.front() : std::string()) + s_);
    if (!takes_both(noun)) return out;
  }
  const std::size_t n = noun.size();
  const char last = noun.back();
  const std::size_t first_en = out.size();
  out.push_back(noun + en_);
  if (n >= 3 && doubled_vowels_.find(noun[n - 2]) != std::string::npos && noun[n - 2] == noun[n - 3] &&
      !is_vowel(last))  // "resultaat"
    out.push_back(noun.substr(0, n - 2) + last + en_);
  if (n >= 3 && is_vowel(noun[n - 2]) && !is_vowel(noun[n - 3]) && !is_vowel(last))  // "plan", "bus"
    out.push_back(noun + last + en_);
  for (std::size_t k = first_en, count = out.size(); k < count; ++k) {
    for (const auto& [singular_letter, plural_letter] : voiced_) {
      std::string c = out[k];
      const std::size_t at = c.size() - en_.size() - 1;  // the consonant before the ending
      if (c[at] == singular_letter) {
        c[at] = plural_letter;
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

}  // namespace helder::jargon
