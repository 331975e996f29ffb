// Content-Length framing over file descriptors (see transport.hpp).
#include <helder/lsp/transport.hpp>

#include <limits.h>
#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cctype>

namespace helder::lsp {

namespace {

constexpr std::string_view kLengthField = "content-length";
constexpr std::size_t kMaxHeader = limits::max_lsp_header_bytes;  // bytes of header we wait for before calling
                                                                    // it garbage
constexpr auto kStall = std::chrono::milliseconds(300);

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Case-insensitive search for `needle` (lower case) in `hay` from `from`.
std::size_t find_ci(std::string_view hay, std::string_view needle, std::size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_field_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
  });
}

// Where a header ends: the first empty line. Returns {end of header text, start of body} or npos.
std::pair<std::size_t, std::size_t> header_end(std::string_view buffer) {
  const std::size_t crlf = buffer.find("\r\n\r\n");
  const std::size_t lf = buffer.find("\n\n");
  if (crlf == std::string_view::npos && lf == std::string_view::npos) return {std::string_view::npos, 0};
  if (lf == std::string_view::npos || (crlf != std::string_view::npos && crlf < lf)) return {crlf, crlf + 4};
  return {lf, lf + 2};
}

// A body that claims more bytes than arrived may still be complete: the declared length was too large.
// The body then ends after a complete top-level JSON object (found by
// bracket balance; the transport does not parse JSON), else where the next header starts; npos when
// neither is found.
std::size_t probable_body_end(std::string_view body) {
  const std::size_t next = find_ci(body, kLengthField);
  if (body.empty() || body.front() != '{') return next;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return next;
}

}  // namespace

std::optional<Frame> FrameParser::next(bool stalled) {
  if (skipping_ > 0) {
    const auto dropped = static_cast<std::size_t>(std::min<std::uint64_t>(skipping_, buffer_.size()));
    buffer_.erase(0, dropped);
    skipping_ -= dropped;
    if (skipping_ > 0) return std::nullopt;
  }
  while (!buffer_.empty()) {
    const auto [end, body_start] = header_end(buffer_);
    if (end == std::string_view::npos) {
      // No complete header yet. Bytes that can never become one are dropped.
      const bool blank = std::all_of(buffer_.begin(), buffer_.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
      if (blank && stalled) {
        buffer_.clear();
        return std::nullopt;
      }
      if ((stalled && !blank) || buffer_.size() > kMaxHeader) {
        Frame f{Frame::Kind::Error, {}, "dropped " + std::to_string(buffer_.size()) + " bytes without a message header"};
        buffer_.clear();
        return f;
      }
      return std::nullopt;
    }
    const std::string_view header = std::string_view(buffer_).substr(0, end);
    std::string warning;
    std::size_t length = 0;
    bool have_length = false, bad_length = false;
    std::uint64_t oversized = 0;
    std::size_t line_start = 0;
    while (line_start <= header.size()) {
      std::size_t line_end = header.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = header.size();
      std::string_view line = trim(header.substr(line_start, line_end - line_start));
      line_start = line_end + 1;
      if (line.empty()) continue;
      // Garbage (the rest of a message whose Content-Length was too small) may hide the next header.
      const std::size_t field = find_ci(line, kLengthField);
      std::size_t colon = line.find(':');
      if ((field != std::string_view::npos && field > 0) || colon == std::string_view::npos ||
          !is_field_name(line.substr(0, colon))) {
        warning = "skipped bytes that are not a header";
        have_length = bad_length = false;
        oversized = 0;
        if (field == std::string_view::npos) continue;
        line = line.substr(field);
        colon = line.find(':');
        if (colon == std::string_view::npos) continue;
      }
      if (find_ci(line.substr(0, colon), kLengthField) == 0 && colon == kLengthField.size()) {
        const std::string_view value = trim(line.substr(colon + 1));
        std::size_t n = 0;
        bool ok = !value.empty() && value.size() <= 10;
        for (char c : value) {
          if (c < '0' || c > '9') ok = false;
          else n = n * 10 + static_cast<std::size_t>(c - '0');
        }
        bad_length = !ok || n > max_body;
        have_length = !bad_length;
        length = n;
        oversized = ok && n > max_body ? n : 0;
      }
    }
    if (oversized > 0) {
      // A real message, too large to hold: its bytes are dropped as they come (the next call starts on them).
      Frame f{Frame::Kind::Error, {},
              "skipped a message of " + std::to_string(oversized) + " bytes (more than " + std::to_string(max_body) + ")",
              oversized};
      buffer_.erase(0, body_start);
      skipping_ = oversized;
      return f;
    }
    if (!have_length) {
      Frame f{Frame::Kind::Error, {}, bad_length ? "unusable Content-Length in header: " + std::string(header)
                                                 : "header without Content-Length: " + std::string(header.substr(0, 200))};
      buffer_.erase(0, body_start);
      return f;
    }
    if (buffer_.size() - body_start >= length) {
      Frame f{Frame::Kind::Message, buffer_.substr(body_start, length), warning};
      buffer_.erase(0, body_start + length);
      return f;
    }
    if (stalled) {
      const std::string_view body = std::string_view(buffer_).substr(body_start);
      if (const std::size_t cut = probable_body_end(body); cut != std::string_view::npos) {
        Frame f{Frame::Kind::Message, std::string(trim(body.substr(0, cut))),
                "Content-Length " + std::to_string(length) + " is larger than the message; cut after " +
                    std::to_string(cut) + " bytes"};
        buffer_.erase(0, body_start + cut);
        return f;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Frame> FrameParser::finish() {
  if (std::optional<Frame> f = next(true)) return f;
  if (buffer_.empty()) return std::nullopt;
  Frame f{Frame::Kind::Error, {}, "input ended inside a message (" + std::to_string(buffer_.size()) + " bytes left)"};
  buffer_.clear();
  return f;
}

std::optional<Frame> FrameReader::read(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char chunk[65536];
  while (true) {
    const auto now = std::chrono::steady_clock::now();
    if (std::optional<Frame> f = parser_.next(parser_.buffered() > 0 && now - last_bytes_ >= kStall)) return f;
    if (ended_) {
      if (std::optional<Frame> f = parser_.finish()) return f;
      return Frame{Frame::Kind::End, {}, {}};
    }
    if (now >= deadline) return std::nullopt;
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    if (parser_.buffered() > 0) wait = std::min(wait, kStall);
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(wait.count(), 1)));
    if (ready < 0) {
      if (errno == EINTR) continue;
      ended_ = true;
      continue;
    }
    if (ready == 0) continue;
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n > 0) {
      parser_.feed(std::string_view(chunk, static_cast<std::size_t>(n)));
      last_bytes_ = std::chrono::steady_clock::now();
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      ended_ = true;
    }
  }
}

std::string frame(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

bool FrameWriter::write(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  const std::string header = "Content-Length: " + std::to_string(size) + "\r\n\r\n";
  std::vector<iovec> pieces;
  pieces.push_back(iovec{const_cast<char*>(header.data()), header.size()});
  for (std::string_view p : parts)
    if (!p.empty()) pieces.push_back(iovec{const_cast<char*>(p.data()), p.size()});
  std::lock_guard lock(mutex_);
  if (broken_) return false;
  std::size_t first = 0;  // pieces before this one are written
  while (first < pieces.size()) {
    const ssize_t n = ::writev(fd_, pieces.data() + first, static_cast<int>(std::min<std::size_t>(pieces.size() - first, IOV_MAX)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      broken_ = true;
      return false;
    }
    auto done = static_cast<std::size_t>(n);
    while (first < pieces.size() && done >= pieces[first].iov_len) done -= pieces[first++].iov_len;
    if (first < pieces.size()) {
      pieces[first].iov_base = static_cast<char*>(pieces[first].iov_base) + done;
      pieces[first].iov_len -= done;
    }
  }
  return true;
}

}  // namespace helder::lsp
