// Framing of the host <-> plugin worker messages (see plugin_wire.hpp).
#include "plugin_wire.hpp"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace helder::wire {

namespace {

constexpr std::size_t kHeaderSize = 5;

void write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    // MSG_NOSIGNAL: a worker that died is an error to handle, not a SIGPIPE that ends the host.
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw ProtocolError("the other side closed the connection");
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

}  // namespace

void send(int fd, Type type, std::string_view body) {
  char header[kHeaderSize];
  const auto size = static_cast<std::uint32_t>(body.size());
  std::memcpy(header, &size, 4);
  header[4] = static_cast<char>(type);
  // One buffer for small messages (most calls and answers): one system call.
  if (body.size() < 4096) {
    char buffer[kHeaderSize + 4096];
    std::memcpy(buffer, header, kHeaderSize);
    std::memcpy(buffer + kHeaderSize, body.data(), body.size());
    write_all(fd, buffer, kHeaderSize + body.size());
    return;
  }
  write_all(fd, header, kHeaderSize);
  write_all(fd, body.data(), body.size());
}

bool receive_until(int fd, Type& type, std::string& body, std::chrono::steady_clock::time_point deadline,
                   std::chrono::milliseconds poll_every, void (*tick)(void*), void* tick_context) {
  // Reads exactly `size` bytes, waiting at most until the deadline.
  auto read_exact = [&](char* out, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
      const auto now = std::chrono::steady_clock::now();
      if (now >= deadline) return false;
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) + std::chrono::milliseconds(1);
      if (poll_every.count() > 0 && wait > poll_every) wait = poll_every;
      if (wait > std::chrono::minutes(1)) wait = std::chrono::minutes(1);  // no deadline: wait in steps
      pollfd p{fd, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(wait.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) throw ProtocolError("poll failed");
      if (ready == 0) {
        if (tick) tick(tick_context);
        continue;
      }
      const ssize_t n = ::read(fd, out + got, size - got);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) throw ProtocolError("the other side closed the connection");
      got += static_cast<std::size_t>(n);
    }
    return true;
  };
  char header[kHeaderSize];
  if (!read_exact(header, kHeaderSize)) return false;
  std::uint32_t size;
  std::memcpy(&size, header, 4);
  if (size > kMaxMessage) throw ProtocolError("message too large");
  type = static_cast<Type>(static_cast<std::uint8_t>(header[4]));
  body.resize(size);
  return read_exact(body.data(), size);
}

namespace {

std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }

template <class T>
const T& element(const void* base, std::size_t stride, std::size_t i) {
  return *reinterpret_cast<const T*>(static_cast<const char*>(base) + i * stride);
}

}  // namespace

void write_unit(Writer& out, const helder_unit& unit) {
  out.pod(static_cast<std::uint64_t>(unit_context(unit)));
  out.pod(static_cast<std::uint64_t>(unit.paragraph_count));
  for (std::size_t p = 0; p < unit.paragraph_count; ++p) {
    const auto& para = element<helder_paragraph>(unit.paragraphs, unit.paragraph_stride, p);
    out.pod(para.block_kind);
    out.str(view(para.text));
    out.pod(static_cast<std::uint64_t>(para.token_count));
    for (std::size_t i = 0; i < para.token_count; ++i) {
      helder_token t = element<helder_token>(para.tokens, para.token_stride, i);
      const std::string_view lower = view(t.lower);
      t.lower = helder_str{nullptr, 0};
      out.pod(t);
      out.str(lower);
    }
    out.pod(static_cast<std::uint64_t>(para.sentence_count));
    for (std::size_t i = 0; i < para.sentence_count; ++i)
      out.pod(element<helder_sentence>(para.sentences, para.sentence_stride, i));
    out.pod(static_cast<std::uint64_t>(para.passive_count));
    for (std::size_t i = 0; i < para.passive_count; ++i)
      out.pod(element<helder_construction>(para.passives, para.passive_stride, i));
  }
}

void UnitData::read(Reader& in) {
  // A count can never be larger than the bytes left: a broken message cannot make us allocate much.
  auto count = [&](std::size_t element_size) {
    const auto n = in.pod<std::uint64_t>();
    if (n > kMaxMessage / element_size) throw ProtocolError("count larger than the message");
    return static_cast<std::size_t>(n);
  };
  const auto context = in.pod<std::uint64_t>();
  const std::size_t paragraphs = count(8);
  if (context > paragraphs) throw ProtocolError("more context than paragraphs");
  paragraphs_.assign(paragraphs, helder_paragraph{});
  tokens_.assign(paragraphs, {});
  sentences_.assign(paragraphs, {});
  passives_.assign(paragraphs, {});
  for (std::size_t p = 0; p < paragraphs; ++p) {
    helder_paragraph& para = paragraphs_[p];
    para.struct_size = sizeof(helder_paragraph);
    para.block_kind = in.pod<std::uint32_t>();
    const std::string_view text = in.str();
    para.text = helder_str{text.data(), text.size()};
    const std::size_t tokens = count(sizeof(helder_token));
    tokens_[p].reserve(tokens);
    for (std::size_t i = 0; i < tokens; ++i) {
      helder_token t = in.pod<helder_token>();
      const std::string_view lower = in.str();
      t.lower = helder_str{lower.data(), lower.size()};
      tokens_[p].push_back(t);
    }
    const std::size_t sentences = count(sizeof(helder_sentence));
    for (std::size_t i = 0; i < sentences; ++i) sentences_[p].push_back(in.pod<helder_sentence>());
    const std::size_t passives = count(sizeof(helder_construction));
    for (std::size_t i = 0; i < passives; ++i) passives_[p].push_back(in.pod<helder_construction>());
    para.tokens = tokens_[p].data();
    para.token_count = tokens;
    para.token_stride = sizeof(helder_token);
    para.sentences = sentences_[p].data();
    para.sentence_count = sentences;
    para.sentence_stride = sizeof(helder_sentence);
    para.passives = passives_[p].data();
    para.passive_count = passives;
    para.passive_stride = sizeof(helder_construction);
  }
  unit_ = helder_unit{sizeof(helder_unit), paragraphs_.data(), paragraphs, sizeof(helder_paragraph),
                      static_cast<std::size_t>(context)};
}

void write_finding(Writer& out, const helder_finding& f) {
  out.pod(f.paragraph);
  out.pod(f.start);
  out.pod(f.end);
  out.pod(f.severity);
  out.str(view(f.message));
  out.pod(static_cast<std::uint64_t>(f.fix_count));
  for (std::size_t i = 0; i < f.fix_count; ++i) {
    const auto& fix = element<helder_fix>(f.fixes, f.fix_stride, i);
    // A plugin built for ABI minor 0 has no flags.
    const bool has_flags = f.fix_stride > offsetof(helder_fix, flags) && fix.struct_size > offsetof(helder_fix, flags);
    out.pod(fix.start);
    out.pod(fix.end);
    out.str(view(fix.replacement));
    out.pod(has_flags ? fix.flags : 0u);
  }
}

}  // namespace helder::wire
