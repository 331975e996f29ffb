// The LSP base protocol: messages framed by a `Content-Length` header, read from and written to file
// descriptors. Replaceable (tests use pipes); knows nothing of JSON.
#pragma once

#include <helder/limits.hpp>

#include <chrono>
#include <initializer_list>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace helder::lsp {

// One read from the transport: a message body, a framing problem (the reader has skipped the broken
// part and goes on), or the end of input.
struct Frame {
  enum class Kind { Message, Error, End } kind = Kind::End;
  std::string body;   // Message: the bytes after the header
  std::string error;  // Error: what was wrong (English, for the log)
  // Error: the declared length of a message larger than FrameParser::max_body, which is skipped as it
  // arrives (the writer should hear of it); 0 otherwise.
  std::uint64_t oversized = 0;
};

// Splits a byte stream into messages. Tolerates garbage before a header, headers without a usable
// Content-Length, `\n` instead of `\r\n`, and a Content-Length that is too large while the next message
// already waits (the body is cut where the next header starts). A message whose declared length is larger
// than max_body is reported at once and its bytes are dropped as they arrive, never held. Not thread-safe:
// one reader thread.
class FrameParser {
 public:
  static constexpr std::size_t max_body = limits::max_lsp_message_bytes;  // bytes

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete frame, or nullopt when more bytes are needed. `stalled`: no bytes arrived for a
  // while, so a body that waits for more bytes while holding the start of another message is cut there.
  std::optional<Frame> next(bool stalled = false);
  // At the end of input: whatever is left as a last error frame (a message cut off), or nullopt.
  std::optional<Frame> finish();
  std::size_t buffered() const { return buffer_.size(); }

 private:
  std::string buffer_;
  std::uint64_t skipping_ = 0;  // bytes of an oversized message still to drop
};

// Reads frames from a file descriptor (blocking, with a poll timeout so a reader thread can stop).
class FrameReader {
 public:
  explicit FrameReader(int fd) : fd_(fd) {}
  // Waits for the next frame; returns nullopt when `timeout` passed without one (call again).
  std::optional<Frame> read(std::chrono::milliseconds timeout);

 private:
  int fd_;
  FrameParser parser_;
  bool ended_ = false;
  std::chrono::steady_clock::time_point last_bytes_ = std::chrono::steady_clock::now();
};

// Writes framed messages to a file descriptor. Thread-safe: whole messages never interleave.
class FrameWriter {
 public:
  explicit FrameWriter(int fd) : fd_(fd) {}
  // False when the other side is gone (broken pipe).
  bool write(std::string_view body) { return write({body}); }
  // One message whose body is the concatenation of `parts` (large bodies are not copied together).
  bool write(std::initializer_list<std::string_view> parts);

 private:
  int fd_;
  std::mutex mutex_;
  bool broken_ = false;
};

// "Content-Length: N\r\n\r\n" + body.
std::string frame(std::string_view body);

}  // namespace helder::lsp
