// A healthy test plugin: flags every word "test" in a paragraph (and, for the scope paragraph in context and a
// scope of the future, in the ways described below).
#include <helder/sdk.hpp>

#include <atomic>
#include <string>

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

// Reads a paragraph after two sentences of context (ABI minor 3): flags the word in every paragraph it is given,
// context included (the host must drop those), and says in the message how much context it got and which of its
// calls found it (a call number that stays the same after an edit elsewhere shows the finding was kept).
class ContextWord {
 public:
  ContextWord(const helder::sdk::Host&, const helder::sdk::Options& options) : word_(options.string("word", "test")) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    static std::atomic<unsigned> calls{0};
    const unsigned call = ++calls;
    std::size_t sentences = 0;
    for (std::size_t p = 0; p < unit.context(); ++p) sentences += unit[p].sentences().size();
    for (std::size_t p = 0; p < unit.size(); ++p)
      for (const helder_token& t : unit[p].tokens())
        if (helder::sdk::from_c(t.lower) == word_)
          findings.emit(p, t.start, t.end,
                        "Het woord " + word_ + " na " + std::to_string(unit.context()) + " alinea's met " +
                            std::to_string(sentences) + " zinnen; oproep " + std::to_string(call) + ".");
  }

 private:
  std::string word_;
};

// Finds its word by word id (ABI minor 4) and says what the host gives for each token it finds: the text of the
// token's word id, the text of its form id (as written), and the spelling of that form by id.
class WordId {
 public:
  WordId(const helder::sdk::Host& host, const helder::sdk::Options& options)
      : host_(host), word_(options.string("word", "test")), id_(host.word_id(word_)) {}
  void check(const helder::sdk::Unit& unit, helder::sdk::Findings& findings) const {
    for (std::size_t p = 0; p < unit.size(); ++p)
      for (const helder_token& t : unit[p].tokens()) {
        if (host_.word_of(t) != id_) continue;
        const std::uint32_t form = host_.form_of(t, unit[p].text_of(t));
        findings.emit(p, t.start, t.end,
                      "Woord " + std::string(host_.word_text(host_.word_of(t))) + ", geschreven " +
                          std::string(host_.word_text(form)) + ", spelling " + std::to_string(host_.spelled(form)) +
                          ".");
      }
  }

 private:
  helder::sdk::Host host_;
  std::string word_;
  std::uint32_t id_;
};

constexpr helder_check_kind kinds[] = {
    helder::sdk::check_kind<WordTest>("word", "Flags one word", HELDER_SCOPE_PARAGRAPH),
    helder::sdk::check_kind<ContextWord>("context-word", "Flags one word, reading two sentences back",
                                         HELDER_SCOPE_PARAGRAPH_IN_CONTEXT, 2),
    helder::sdk::check_kind<WordId>("word-id", "Flags one word, found by its word id", HELDER_SCOPE_PARAGRAPH),
    // A scope this host does not know (one of a later ABI minor): the rule is left out with a message.
    helder::sdk::check_kind<WordTest>("future-scope", "Flags one word, in a scope of the future",
                                      static_cast<helder_scope>(7)),
};

}  // namespace

HELDER_PLUGIN("good", "1.0.0", kinds);
