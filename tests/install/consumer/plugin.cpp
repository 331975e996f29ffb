// A ministry's plugin: flags the word given in the option "word" (default "voorwaar").
#include <helder/sdk.hpp>

namespace {

class OldWord {
 public:
  OldWord(const helder::sdk::Host&, const helder::sdk::Options& options) : word_(options.string("word", "voorwaar")) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p)
      for (const helder_token& t : unit[p].tokens())
        if (helder::sdk::from_c(t.lower) == word_)
          findings.emit(p, t.start, t.end, "Dit woord is ouderwets. Laat het weg.", HELDER_SEVERITY_RULE,
                        {helder::sdk::Fix{t.start, t.end, ""}});
  }

 private:
  std::string word_;
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<OldWord>("old-word", "Flags an old-fashioned word", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("ministerie", "1.0.0", kinds);
