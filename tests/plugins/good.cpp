// A healthy test plugin: flags every word "test" in a paragraph.
#include <helder/sdk.hpp>

namespace {

class WordTest {
 public:
  WordTest(const helder::sdk::Host&, const helder::sdk::Options& options) : word_(options.string("word", "test")) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p)
      for (const helder_token& t : unit[p].tokens())
        if (helder::sdk::from_c(t.lower) == word_) findings.emit(p, t.start, t.end, "Het woord " + word_ + ".");
  }

 private:
  std::string word_;
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<WordTest>("word", "Flags one word", HELDER_SCOPE_PARAGRAPH),
};

}  // namespace

HELDER_PLUGIN("good", "1.0.0", kinds);
