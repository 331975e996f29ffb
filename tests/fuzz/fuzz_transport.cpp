// Fuzz target: the LSP transport framing (lsp/src/transport.cpp). The first byte chooses:
// - garbage: the rest is a byte stream (broken headers, wrong Content-Length, LF instead of CRLF) fed to a
//   FrameParser in chunks, with "no bytes for a while" (stalled) at some of them; every frame must make progress
//   and the parser must end empty;
// - round trip: the rest, split at 0xFF bytes, are message bodies (any bytes, "Content-Length:" inside too),
//   framed with frame() and fed in chunks of any size: exactly those bodies come out, in order;
// - pipe: the same bodies written by a FrameWriter to a pipe and read by a FrameReader.
#include "fuzz_support.hpp"

#include <helder/lsp/transport.hpp>

#include <unistd.h>

#include <vector>

namespace helder::fuzz {

namespace {

using lsp::Frame;
using lsp::FrameParser;

// A deterministic stream of chunk sizes and stall flags from one seed byte.
struct Chunker {
  std::uint32_t state;
  std::uint32_t next() {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  }
};

std::vector<std::string> split_bodies(std::string_view rest) {
  std::vector<std::string> bodies;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= rest.size(); ++i)
    if (i == rest.size() || static_cast<unsigned char>(rest[i]) == 0xFF) {
      bodies.emplace_back(rest.substr(start, i - start));
      start = i + 1;
    }
  return bodies;
}

void take_frames(FrameParser& parser, bool stalled, std::vector<Frame>& out) {
  while (true) {
    const std::size_t before = parser.buffered();
    std::optional<Frame> f = parser.next(stalled);
    if (!f) return;
    expect(parser.buffered() < before, "every frame makes progress");
    expect(f->kind != Frame::Kind::End, "the parser never reports the end itself");
    if (f->kind == Frame::Kind::Error) expect(!f->error.empty(), "a framing error says what is wrong");
    if (f->kind == Frame::Kind::Message) expect(f->body.size() <= FrameParser::max_body, "a body is never larger than allowed");
    out.push_back(std::move(*f));
  }
}

void garbage(std::uint8_t seed, std::string_view stream) {
  FrameParser parser;
  Chunker chunks{seed};
  std::vector<Frame> frames;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + chunks.next() % 97, stream.size() - at);
    parser.feed(stream.substr(at, n));
    at += n;
    take_frames(parser, chunks.next() % 5 == 0, frames);
  }
  for (int guard = 0;; ++guard) {
    expect(guard <= 1000000, "finish() ends");
    const std::size_t before = parser.buffered();
    std::optional<Frame> f = parser.finish();
    if (!f) break;
    expect(parser.buffered() < before || before == 0, "finish() makes progress");
  }
  expect(parser.buffered() == 0, "the parser is empty at the end of input");
}

void round_trip(std::uint8_t seed, std::string_view rest) {
  const std::vector<std::string> bodies = split_bodies(rest);
  std::string stream;
  for (const std::string& b : bodies) stream += lsp::frame(b);
  FrameParser parser;
  Chunker chunks{seed};
  std::vector<Frame> frames;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + chunks.next() % 131, stream.size() - at);
    parser.feed(std::string_view(stream).substr(at, n));
    at += n;
    take_frames(parser, false, frames);
  }
  expect(!parser.finish(), "nothing is left of well-framed messages");
  expect(frames.size() == bodies.size(), "every framed message comes out once");
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    expect(frames[i].kind == Frame::Kind::Message && frames[i].error.empty(), "a framed message comes out clean");
    expect(frames[i].body == bodies[i], "a framed message comes out byte for byte");
  }
}

void through_pipe(std::string_view rest) {
  // A pipe holds 64 KiB: the writer never waits for the reader.
  const std::vector<std::string> bodies = split_bodies(rest.substr(0, 32768));
  int fds[2];
  if (::pipe(fds) != 0) fail("pipe");
  {
    lsp::FrameWriter writer(fds[1]);
    for (const std::string& b : bodies) expect(writer.write(b), "a write to an open pipe succeeds");
  }
  ::close(fds[1]);
  lsp::FrameReader reader(fds[0]);
  std::size_t i = 0;
  while (true) {
    std::optional<Frame> f = reader.read(std::chrono::milliseconds(1000));
    expect(f.has_value(), "a reader with bytes waiting answers");
    if (f->kind == Frame::Kind::End) break;
    expect(f->kind == Frame::Kind::Message && i < bodies.size() && f->body == bodies[i], "the reader gets what the writer wrote");
    ++i;
  }
  ::close(fds[0]);
  expect(i == bodies.size(), "the reader gets every message");
}

}  // namespace

int fuzz_transport(const std::uint8_t* data, std::size_t size) {
  ByteReader in(data, size);
  const std::uint8_t mode = in.byte();
  const std::uint8_t seed = in.byte();
  const std::string_view rest = in.rest();
  switch (mode % 3) {
    case 0: garbage(seed, rest); break;
    case 1: round_trip(seed, rest); break;
    default: through_pipe(rest); break;
  }
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_transport)
