// The Dutch messages of the caps that several places check (see limits.hpp).
#include <helder/limits.hpp>

namespace helder::limits {

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30) && bytes % (std::uint64_t{1} << 30) == 0)
    return std::to_string(bytes >> 30) + " GB";
  if (bytes >= (std::uint64_t{1} << 20)) return std::to_string(bytes >> 20) + " MB";
  if (bytes >= (std::uint64_t{1} << 10)) return std::to_string(bytes >> 10) + " kB";
  return std::to_string(bytes) + " bytes";
}

std::uint64_t input_limit(std::string_view head) {
  // The signatures detect_format knows documents by.
  const bool document = head.starts_with("%PDF-") || head.starts_with("PK\x03\x04") ||
                        head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  return document ? max_file_bytes : max_text_bytes;
}

std::string text_too_large_message() {
  return "Deze tekst is te groot: meer dan " + size_text(max_text_bytes) + ". helder controleert teksten tot " +
         size_text(max_text_bytes) + ". Splits de tekst in kleinere bestanden en controleer die apart.";
}

std::string file_too_large_message() {
  return "Dit bestand is te groot: meer dan " + size_text(max_file_bytes) + ". helder controleert bestanden tot " +
         size_text(max_file_bytes) + ". Splits het in kleinere bestanden en controleer die apart.";
}

std::string analysis_too_large_message() {
  return "Deze tekst is te groot voor helder analyze: meer dan " + size_text(max_analysis_bytes) +
         ". Gebruik helder check, of splits de tekst in kleinere bestanden.";
}

std::string sections_note(std::uint64_t text_bytes, std::uint64_t section) {
  const std::string size =
      text_bytes >= (1u << 20) ? std::to_string((text_bytes + (1u << 19)) >> 20) + " MB" : size_text(text_bytes);
  return "Deze tekst is lang (" + size + "). helder heeft hem in delen van ongeveer " + size_text(section) +
         " gecontroleerd. Elk deel telt als een aparte tekst: leg een afkorting in elk deel uit. Het leesniveau "
         "staat per deel bij de eerste zin van dat deel.";
}

}  // namespace helder::limits
