// helder-plugin-worker: runs the rules of one plugin in a process of their own, so a plugin that crashes,
// hangs or eats memory takes only this process down. The host (host/src/plugin_process.cpp) talks to it over
// the socket on descriptor 3 (host/src/plugin_wire.hpp); every call the plugin makes into helder_host and
// helder_options goes back to the host, and the answers are kept per word form here.
//
// Usage (by the host only): helder-plugin-worker <plugin.so>
#include <helder/plugin_loader.hpp>

#include "../src/plugin_wire.hpp"

#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <signal.h>
#include <string>
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <unordered_map>

namespace helder {
namespace {

using wire::Call;
using wire::Type;

constexpr int fd = wire::kWorkerFd;
constexpr auto forever = std::chrono::steady_clock::time_point::max();

std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
helder_str c_str(const std::string& s) { return helder_str{s.data(), s.size()}; }

// The host went away or broke the protocol in the middle of a plugin's call: nothing can be returned to the
// plugin's frames, so the worker ends here (the host sees it and reports it).
[[noreturn]] void lost() { std::_Exit(3); }

// Sends a call and waits for its answer.
std::string call(Call id, const wire::Writer& args) {
  std::string body;
  body.push_back(static_cast<char>(id));
  body += const_cast<wire::Writer&>(args).body();
  try {
    wire::send(fd, Type::Call, body);
    Type type{};
    std::string reply;
    if (!wire::receive(fd, type, reply, forever, std::chrono::milliseconds(0), [] {}) || type != Type::Return) lost();
    return reply;
  } catch (...) {
    lost();
  }
}

template <class T>
T call_pod(Call id, const wire::Writer& args) {
  const std::string reply = call(id, args);
  wire::Reader in(reply);
  try {
    return in.pod<T>();
  } catch (...) {
    lost();
  }
}

std::string call_str(Call id, const wire::Writer& args) {
  const std::string reply = call(id, args);
  wire::Reader in(reply);
  try {
    return std::string(in.str());
  } catch (...) {
    lost();
  }
}

wire::Writer word_args(helder_str word) {
  wire::Writer w;
  w.str(view(word));
  return w;
}

// The host of one engine, seen from here: every answer is kept, so a word form crosses the socket once.
// Views handed to the plugin point into these maps (node-based: they never move).
struct HostProxy {
  helder_host host{};
  std::unordered_map<std::string, std::uint32_t> syllables, frequency, lemma_ids;
  std::unordered_map<std::string, std::int32_t> spelled, vocabulary;
  std::unordered_map<std::string, helder_word> words;
  std::unordered_map<std::string, std::vector<std::string>> suggestions, parts;
  std::unordered_map<std::uint64_t, std::string> lemma_texts, verb_forms;
  std::unordered_map<std::string, std::uint32_t> separable;
  std::unordered_map<std::string, std::string> inflected;
  std::unordered_map<std::string, std::uint32_t> word_ids;
  std::unordered_map<std::uint32_t, std::string> word_texts;
  std::unordered_map<std::uint32_t, std::int32_t> spelled_words;

  static HostProxy& of(void* c) { return *static_cast<HostProxy*>(c); }

  template <class Map, class Key, class Fetch>
  static auto& cached(Map& map, const Key& key, Fetch fetch) {
    auto it = map.find(key);
    if (it == map.end()) it = map.emplace(key, fetch()).first;
    return it->second;
  }

  static uint32_t get_syllables(void* c, helder_str w) noexcept {
    return cached(of(c).syllables, std::string(view(w)), [&] { return call_pod<std::uint32_t>(Call::Syllables, word_args(w)); });
  }
  static int get_spelled(void* c, helder_str w) noexcept {
    return cached(of(c).spelled, std::string(view(w)),
                  [&] { return call_pod<std::int32_t>(Call::SpelledCorrectly, word_args(w)); });
  }
  static uint32_t get_frequency(void* c, helder_str w) noexcept {
    return cached(of(c).frequency, std::string(view(w)),
                  [&] { return call_pod<std::uint32_t>(Call::FrequencyBand, word_args(w)); });
  }
  static std::vector<std::string> fetch_list(Call id, helder_str w) {
    const std::string reply = call(id, word_args(w));
    wire::Reader in(reply);
    std::vector<std::string> out;
    try {
      const auto n = in.pod<std::uint32_t>();
      for (std::uint32_t i = 0; i < n; ++i) out.emplace_back(in.str());
    } catch (...) {
      lost();
    }
    return out;
  }
  static void get_suggestions(void* c, helder_str w, void (*each)(void*, helder_str), void* user) noexcept {
    for (const std::string& s : cached(of(c).suggestions, std::string(view(w)), [&] { return fetch_list(Call::Suggestions, w); }))
      each(user, c_str(s));
  }
  static void get_parts(void* c, helder_str w, void (*each)(void*, helder_str), void* user) noexcept {
    for (const std::string& s : cached(of(c).parts, std::string(view(w)), [&] { return fetch_list(Call::CompoundParts, w); }))
      each(user, c_str(s));
  }
  static int get_vocabulary(void* c, helder_str w) noexcept {
    return cached(of(c).vocabulary, std::string(view(w)),
                  [&] { return call_pod<std::int32_t>(Call::Vocabulary, word_args(w)); });
  }
  static helder_word get_lookup(void* c, helder_str w) noexcept {
    return cached(of(c).words, std::string(view(w)), [&] { return call_pod<helder_word>(Call::Lookup, word_args(w)); });
  }
  static wire::Writer id_args(std::uint32_t id) {
    wire::Writer a;
    a.pod(id);
    return a;
  }
  static helder_str get_lemma_text(void* c, uint32_t lemma) noexcept {
    return c_str(cached(of(c).lemma_texts, std::uint64_t{lemma}, [&] { return call_str(Call::LemmaText, id_args(lemma)); }));
  }
  static uint32_t get_lemma_id(void* c, helder_str w) noexcept {
    return cached(of(c).lemma_ids, std::string(view(w)), [&] { return call_pod<std::uint32_t>(Call::LemmaId, word_args(w)); });
  }
  static uint32_t get_separable(void* c, helder_str particle, uint32_t lemma) noexcept {
    const std::string key = std::string(view(particle)) + '\0' + std::to_string(lemma);
    return cached(of(c).separable, key, [&] {
      wire::Writer a;
      a.str(view(particle));
      a.pod(lemma);
      return call_pod<std::uint32_t>(Call::SeparableVerb, a);
    });
  }
  static helder_str get_verb_form(void* c, uint32_t lemma, uint32_t form) noexcept {
    return c_str(cached(of(c).verb_forms, (std::uint64_t{lemma} << 32) | form, [&] {
      wire::Writer a;
      a.pod(lemma);
      a.pod(form);
      return call_str(Call::VerbForm, a);
    }));
  }
  static helder_str get_inflected(void* c, helder_str w) noexcept {
    return c_str(cached(of(c).inflected, std::string(view(w)), [&] { return call_str(Call::InflectAdjective, word_args(w)); }));
  }

  static uint32_t get_word_id(void* c, helder_str w) noexcept {
    if (w.size == 0) return 0;
    return cached(of(c).word_ids, std::string(view(w)), [&] { return call_pod<std::uint32_t>(Call::WordId, word_args(w)); });
  }
  static helder_str get_word_text(void* c, uint32_t id) noexcept {
    return c_str(cached(of(c).word_texts, id, [&] { return call_str(Call::WordText, id_args(id)); }));
  }
  static int get_spelled_word(void* c, uint32_t id) noexcept {
    return cached(of(c).spelled_words, id, [&] { return call_pod<std::int32_t>(Call::SpelledWord, id_args(id)); });
  }

  explicit HostProxy(std::uint32_t quick) {
    host = helder_host{sizeof(helder_host), HELDER_ABI_MINOR, this, &get_syllables, &get_spelled, &get_frequency,
                       &get_suggestions, &get_parts, &get_vocabulary, quick, &get_lookup, &get_lemma_text,
                       &get_lemma_id, &get_separable, &get_verb_form, &get_inflected, &get_word_id, &get_word_text,
                       &get_spelled_word};
  }
};

// The options of the rule being created: every read goes to the host, which records it (dump-config and the
// check for unknown options work as for a plugin in the host's process).
struct OptionsProxy {
  std::deque<std::string>* strings;  // views handed out stay valid until the rule is destroyed

  static wire::Writer path_args(helder_str path) { return word_args(path); }
  static int64_t get_int(void*, helder_str path, int64_t fallback) noexcept {
    wire::Writer a = path_args(path);
    a.pod(fallback);
    return call_pod<std::int64_t>(Call::OptionInt, a);
  }
  static double get_double(void*, helder_str path, double fallback) noexcept {
    wire::Writer a = path_args(path);
    a.pod(fallback);
    return call_pod<double>(Call::OptionDouble, a);
  }
  static int get_bool(void*, helder_str path, int fallback) noexcept {
    wire::Writer a = path_args(path);
    a.pod(static_cast<std::int32_t>(fallback));
    return call_pod<std::int32_t>(Call::OptionBool, a);
  }
  static helder_str get_string(void* c, helder_str path, helder_str fallback) noexcept {
    wire::Writer a = path_args(path);
    a.str(view(fallback));
    return c_str(static_cast<OptionsProxy*>(c)->strings->emplace_back(call_str(Call::OptionString, a)));
  }
  static size_t array_size(void*, helder_str path) noexcept {
    return static_cast<size_t>(call_pod<std::uint64_t>(Call::OptionArraySize, path_args(path)));
  }
};

void collect_error(void* c, helder_str message) noexcept {
  auto& error = *static_cast<std::string*>(c);
  if (error.empty()) error.assign(view(message));
}

struct RuleRecord {
  const helder_check_kind* kind;
  void* instance;
  HostProxy* host;
  std::unique_ptr<std::deque<std::string>> strings;
};

int run(const char* plugin_path) {
  PluginRegistry registry;
  std::vector<std::string> messages;
  wire::Writer out;
  if (!registry.load_file(plugin_path, messages)) {
    out.pod(std::uint8_t{0});
    out.pod(static_cast<std::uint32_t>(messages.size()));
    for (const std::string& m : messages) out.str(m);
    wire::send(fd, Type::Hello, out.body());
    return 0;
  }
  const auto plugin = registry.plugins().front();
  out.pod(std::uint8_t{1});
  out.pod(std::uint32_t{HELDER_ABI_MAJOR});
  out.pod(std::uint32_t{plugin->abi_minor()});
  out.str(plugin->name());
  out.str(plugin->version());
  out.pod(static_cast<std::uint32_t>(plugin->kind_count()));
  for (std::size_t i = 0; i < plugin->kind_count(); ++i) {
    const helder_check_kind& k = plugin->kind(i);
    out.str(k.name);
    out.str(k.summary ? k.summary : "");
    out.pod(k.scope);
    out.pod(helder::kind_context_sentences(k));
  }
  wire::send(fd, Type::Hello, out.body());

  std::unordered_map<std::uint64_t, std::unique_ptr<HostProxy>> hosts;
  std::map<std::uint64_t, RuleRecord> rules;
  std::uint64_t next_rule = 1;
  Type type{};
  std::string body;
  wire::UnitData unit;
  for (;;) {
    if (!wire::receive(fd, type, body, forever, std::chrono::milliseconds(0), [] {})) continue;
    wire::Reader in(body);
    out.clear();
    if (type == Type::Create) {
      const auto kind = in.pod<std::uint32_t>();
      const auto host_id = in.pod<std::uint64_t>();
      const auto quick = in.pod<std::uint32_t>();
      if (kind >= plugin->kind_count()) throw wire::ProtocolError("no such kind");
      auto& proxy = hosts[host_id];
      if (!proxy) proxy = std::make_unique<HostProxy>(quick);
      auto strings = std::make_unique<std::deque<std::string>>();
      OptionsProxy options_proxy{strings.get()};
      const helder_options options{sizeof(helder_options), &options_proxy, &OptionsProxy::get_int,
                                   &OptionsProxy::get_double, &OptionsProxy::get_bool, &OptionsProxy::get_string,
                                   &OptionsProxy::array_size};
      std::string error;
      const helder_errors errors{sizeof(helder_errors), &error, &collect_error};
      void* instance = nullptr;
      const helder_check_kind& k = plugin->kind(kind);
      const helder_status status = k.create(&proxy->host, &options, &errors, &instance);
      std::uint64_t id = 0;
      if (status == HELDER_OK && instance) {
        id = next_rule++;
        rules.emplace(id, RuleRecord{&k, instance, proxy.get(), std::move(strings)});
      }
      out.pod(static_cast<std::uint8_t>(status));
      out.pod(id);
      out.str(error);
      wire::send(fd, Type::Created, out.body());
    } else if (type == Type::Check) {
      const auto id = in.pod<std::uint64_t>();
      unit.read(in);
      const auto rule = rules.find(id);
      if (rule == rules.end()) throw wire::ProtocolError("no such rule");
      std::string error;
      const helder_errors errors{sizeof(helder_errors), &error, &collect_error};
      struct SinkContext {
        std::string* error;
        wire::Writer writer;
      } sink_context{&error, {}};
      const helder_sink sink{sizeof(helder_sink), &sink_context, [](void* c, const helder_finding* f) noexcept {
                               auto& s = *static_cast<SinkContext*>(c);
                               if (!f || f->struct_size < offsetof(helder_finding, fix_stride) + sizeof(size_t)) {
                                 if (s.error->empty()) *s.error = "de plugin gaf een onvolledige melding";
                                 return;
                               }
                               try {
                                 s.writer.clear();
                                 wire::write_finding(s.writer, *f);
                                 wire::send(fd, Type::Finding, s.writer.body());
                               } catch (...) {
                                 lost();
                               }
                             }};
      const helder_status status = rule->second.kind->check(rule->second.instance, &unit.unit(), &sink, &errors);
      out.pod(static_cast<std::uint8_t>(status));
      out.str(error);
      wire::send(fd, Type::Checked, out.body());
    } else if (type == Type::Destroy) {
      const auto id = in.pod<std::uint64_t>();
      if (auto rule = rules.find(id); rule != rules.end()) {
        rule->second.kind->destroy(rule->second.instance);
        rules.erase(rule);
      }
    } else {
      throw wire::ProtocolError("unexpected message");
    }
  }
}

}  // namespace
}  // namespace helder

int main(int argc, char** argv) {
  // The worker never outlives the host that started it, and keeps none of the host's descriptors.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  ::close_range(helder::wire::kWorkerFd + 1, ~0u, 0);
  if (argc != 2 || ::fcntl(helder::wire::kWorkerFd, F_GETFD) < 0) {
    std::fprintf(stderr, "helder-plugin-worker wordt door helder zelf gestart, niet met de hand.\n");
    return 2;
  }
  try {
    return helder::run(argv[1]);
  } catch (const std::exception&) {
    return 0;  // the host closed the connection (or broke the protocol): nothing left to do
  }
}
