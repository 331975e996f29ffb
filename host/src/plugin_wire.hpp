// The wire between the host and a plugin worker process (helder-plugin-worker): the same C ABI data as
// plugin_abi.h, carried over a Unix socket. Both ends are built from the same sources, so structs of
// plain numbers travel as their bytes; views (helder_str) travel as length + bytes.
//
// A message is a header {uint32 size of the body, uint8 type} and a body. The host sends a request
// (create, check, destroy) and then answers the worker's calls into helder_host and helder_options until
// the worker sends the request's reply. One request at a time.
#pragma once

#include <helder/plugin_abi.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace helder::wire {

// The worker is started as `helder-plugin-worker <plugin.so>` with the socket as this descriptor.
inline constexpr int kWorkerFd = 3;
// No message is larger than this: a worker that sends more is broken.
inline constexpr std::uint32_t kMaxMessage = 256u << 20;

enum class Type : std::uint8_t {
  // worker -> host
  Hello = 1,    // ok (u8); then name, version, kind count, per kind: name, summary, scope; or messages
  Call = 2,     // a call into helder_host or helder_options: Call id (u8) and its arguments
  Created = 3,  // status (u8), rule id (u64), error
  Finding = 4,  // one finding of the running check
  Checked = 5,  // status (u8), error
  // host -> worker
  Create = 10,   // kind index (u32), host id (u64), quick (u32)
  Check = 11,    // rule id (u64), the unit
  Destroy = 12,  // rule id (u64); no reply
  Return = 13,   // the answer to a Call
};

// What a worker calls into (helder_host and helder_options of plugin_abi.h).
enum class Call : std::uint8_t {
  Syllables = 1, SpelledCorrectly, FrequencyBand, Suggestions, CompoundParts, Vocabulary, Lookup, LemmaText,
  LemmaId, SeparableVerb, VerbForm, InflectAdjective, WordId, WordText, SpelledWord,
  OptionInt = 32, OptionDouble, OptionBool, OptionString, OptionArraySize,
};

// The other side broke the protocol (or went away in the middle of a message).
struct ProtocolError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Builds a message body.
class Writer {
 public:
  template <class T>
    requires std::is_trivially_copyable_v<T>
  void pod(const T& value) {
    body_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  void bytes(const void* data, std::size_t size) { body_.append(static_cast<const char*>(data), size); }
  void str(std::string_view s) {
    pod(static_cast<std::uint32_t>(s.size()));
    body_.append(s.data(), s.size());
  }
  std::string& body() { return body_; }
  void clear() { body_.clear(); }

 private:
  std::string body_;
};

// Reads a message body; throws ProtocolError past its end.
class Reader {
 public:
  explicit Reader(std::string_view body) : rest_(body) {}
  template <class T>
    requires std::is_trivially_copyable_v<T>
  T pod() {
    T value;
    std::memcpy(&value, take(sizeof(T)).data(), sizeof(T));
    return value;
  }
  std::string_view bytes(std::size_t size) { return take(size); }
  std::string_view str() { return take(pod<std::uint32_t>()); }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view take(std::size_t n) {
    if (n > rest_.size()) throw ProtocolError("message shorter than its contents");
    std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }
  std::string_view rest_;
};

// Sends one message; throws ProtocolError when the other side is gone.
void send(int fd, Type type, std::string_view body);
// Receives one message into `body`. Returns false when `deadline` passed first. Throws ProtocolError when
// the other side is gone or sends something that is not a message. `poll_every` > 0: `tick` is called at
// that interval while waiting (the host checks the worker's memory), and may throw.
template <class Tick>
bool receive(int fd, Type& type, std::string& body, std::chrono::steady_clock::time_point deadline,
             std::chrono::milliseconds poll_every, Tick&& tick);
bool receive_until(int fd, Type& type, std::string& body, std::chrono::steady_clock::time_point deadline,
                   std::chrono::milliseconds poll_every, void (*tick)(void*), void* tick_context);

template <class Tick>
bool receive(int fd, Type& type, std::string& body, std::chrono::steady_clock::time_point deadline,
             std::chrono::milliseconds poll_every, Tick&& tick) {
  return receive_until(fd, type, body, deadline, poll_every,
                       [](void* c) { (*static_cast<std::remove_reference_t<Tick>*>(c))(); }, &tick);
}

// A unit (the paragraphs a check sees), written by the host ...
// The context paragraphs of a unit (ABI minor 3); 0 for a unit of an older layout.
inline std::size_t unit_context(const helder_unit& unit) {
  return unit.struct_size >= offsetof(helder_unit, context) + sizeof(unit.context) ? unit.context : 0;
}
void write_unit(Writer& out, const helder_unit& unit);

// ... and rebuilt by the worker, with views into its own copy of the message.
class UnitData {
 public:
  void read(Reader& in);  // throws ProtocolError
  const helder_unit& unit() const { return unit_; }

 private:
  std::vector<helder_paragraph> paragraphs_;
  std::vector<std::vector<helder_token>> tokens_;
  std::vector<std::vector<helder_sentence>> sentences_;
  std::vector<std::vector<helder_construction>> passives_;
  helder_unit unit_{};
};

// One finding, with its fixes: written by the worker's sink, read by the host.
void write_finding(Writer& out, const helder_finding& finding);

}  // namespace helder::wire
