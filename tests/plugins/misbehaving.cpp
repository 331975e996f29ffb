// A test plugin that breaks the contract in every way a rule can at run time.
#include <helder/sdk.hpp>

#include <stdexcept>

namespace {

// Throws from check().
class Throws {
 public:
  Throws(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit&, helder::sdk::Findings&) const { throw std::runtime_error("kapot in check"); }
};

// Throws from its constructor.
class ThrowsOnCreate {
 public:
  ThrowsOnCreate(const helder::sdk::Host&, const helder::sdk::Options&) {
    throw std::runtime_error("kapot bij het maken");
  }
  void check(const helder::sdk::Unit&, helder::sdk::Findings&) const {}
};

// Reports a range past the end of the paragraph.
class OutOfRange {
 public:
  OutOfRange(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p) {
      const auto size = static_cast<std::uint32_t>(unit[p].text().size());
      findings.emit(p, 0, size + 10, "Buiten de tekst.");
    }
  }
};

// Reports a range that starts inside a UTF-8 character.
class MidCharacter {
 public:
  MidCharacter(const helder::sdk::Host&, const helder::sdk::Options&) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p) {
      const std::string_view text = unit[p].text();
      const std::size_t multi = text.find("\xC3");
      if (multi != std::string_view::npos)
        findings.emit(p, static_cast<std::uint32_t>(multi + 1), static_cast<std::uint32_t>(multi + 2), "Half teken.");
    }
  }
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<Throws>("throws", "Throws in check", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<ThrowsOnCreate>("throws-on-create", "Throws in its constructor", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<OutOfRange>("out-of-range", "Ranges past the text", HELDER_SCOPE_DOCUMENT),
    helder::sdk::check_kind<MidCharacter>("mid-character", "Ranges inside a character", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("misbehaving", "1.0.0", kinds);
