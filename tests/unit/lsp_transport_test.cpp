// The language server's framing (Content-Length) and JSON-RPC message parsing, without a server.
#include <helder/lsp/jsonrpc.hpp>
#include <helder/lsp/transport.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <csignal>

#include <thread>

using namespace helder::lsp;
using Kind = Frame::Kind;

namespace {

std::vector<Frame> all_frames(FrameParser& parser, bool stalled = false) {
  std::vector<Frame> out;
  while (auto f = parser.next(stalled)) out.push_back(std::move(*f));
  return out;
}

}  // namespace

TEST_CASE("framing: messages split anywhere come out whole", "[lsp][transport]") {
  const std::string bytes = frame(R"({"a":1})") + frame("{\"tekst\":\"café 😀\"}") + frame("{}");
  for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
    FrameParser parser;
    parser.feed(std::string_view(bytes).substr(0, cut));
    std::vector<Frame> frames = all_frames(parser);
    parser.feed(std::string_view(bytes).substr(cut));
    for (Frame& f : all_frames(parser)) frames.push_back(std::move(f));
    REQUIRE(frames.size() == 3);
    CHECK(frames[0].body == R"({"a":1})");
    CHECK(frames[1].body == "{\"tekst\":\"café 😀\"}");  // the length counts bytes, not characters
    CHECK(frames[2].body == "{}");
    for (const Frame& f : frames) CHECK((f.kind == Kind::Message && f.error.empty()));
  }
}

TEST_CASE("framing: other header fields, any case, and bare LF are accepted", "[lsp][transport]") {
  FrameParser parser;
  parser.feed("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}");
  parser.feed("CONTENT-LENGTH:3\n\n[1]");
  const auto frames = all_frames(parser);
  REQUIRE(frames.size() == 2);
  CHECK(frames[0].body == "{}");
  CHECK(frames[1].body == "[1]");
}

TEST_CASE("framing: broken headers are reported and skipped", "[lsp][transport]") {
  FrameParser parser;
  parser.feed("Content-Type: x\r\n\r\n");             // no length
  parser.feed("Content-Length: -4\r\n\r\n");          // not a number
  parser.feed("Content-Length: 99999999999\r\n\r\n");  // too large
  parser.feed("rommel" + frame("{}"));                 // garbage before a header
  const auto frames = all_frames(parser);
  REQUIRE(frames.size() == 4);
  CHECK(frames[0].kind == Kind::Error);
  CHECK(frames[1].kind == Kind::Error);
  CHECK(frames[2].kind == Kind::Error);
  CHECK(frames[3].kind == Kind::Message);
  CHECK(frames[3].body == "{}");
  CHECK_FALSE(frames[3].error.empty());  // the skipped garbage is mentioned
}

TEST_CASE("framing: a Content-Length that is too small or too large", "[lsp][transport]") {
  SECTION("too small: the body is cut, the rest skipped up to the next header") {
    FrameParser parser;
    parser.feed("Content-Length: 5\r\n\r\n{\"id\":1}" + frame("{\"id\":2}"));
    const auto frames = all_frames(parser);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].body == "{\"id\"");
    CHECK(frames[1].body == "{\"id\":2}");
  }
  SECTION("too large, next message behind it: cut when input stalls") {
    FrameParser parser;
    parser.feed("Content-Length: 500\r\n\r\n{\"id\":1}" + frame("{\"id\":2}"));
    CHECK(all_frames(parser).empty());  // still waiting for bytes
    const auto frames = all_frames(parser, true);
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].body == "{\"id\":1}");
    CHECK_FALSE(frames[0].error.empty());
    CHECK(frames[1].body == "{\"id\":2}");
  }
  SECTION("too large, nothing behind it: a complete object is taken when input stalls") {
    FrameParser parser;
    parser.feed("Content-Length: 500\r\n\r\n{\"t\":\"} { \\\" ]\"}");
    const auto frames = all_frames(parser, true);
    REQUIRE(frames.size() == 1);
    CHECK(frames[0].body == "{\"t\":\"} { \\\" ]\"}");  // braces inside strings do not count
  }
  SECTION("an incomplete object keeps waiting; the end of input reports it") {
    FrameParser parser;
    parser.feed("Content-Length: 500\r\n\r\n{\"t\":1");
    CHECK(all_frames(parser, true).empty());
    const auto last = parser.finish();
    REQUIRE(last);
    CHECK(last->kind == Kind::Error);
  }
}

TEST_CASE("framing: a reader on a pipe, a writer that never interleaves", "[lsp][transport]") {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  FrameWriter writer(fds[1]);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) writer.write("{\"thread\":" + std::to_string(t) + ",\"tekst\":\"" + std::string(1000, 'x') + "\"}");
    });
  FrameReader reader(fds[0]);
  int messages = 0;
  std::thread closer([&] {
    for (std::thread& t : threads) t.join();
    close(fds[1]);
  });
  while (true) {
    auto f = reader.read(std::chrono::milliseconds(5000));
    REQUIRE(f);
    if (f->kind == Kind::End) break;
    REQUIRE(f->kind == Kind::Message);
    CHECK(json::parse(f->body)["tekst"].get<std::string>().size() == 1000);
    ++messages;
  }
  closer.join();
  close(fds[0]);
  CHECK(messages == 200);
  // The other side is gone: write says so instead of killing the process with SIGPIPE.
  int gone[2];
  REQUIRE(pipe(gone) == 0);
  close(gone[0]);
  signal(SIGPIPE, SIG_IGN);
  FrameWriter orphan(gone[1]);
  CHECK_FALSE(orphan.write("{}"));
  close(gone[1]);
}

TEST_CASE("jsonrpc: messages are classified, what is not a message says why", "[lsp][jsonrpc]") {
  bool parse_error = false;
  Message m = parse_message(R"({"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{}})", parse_error);
  CHECK_FALSE(parse_error);
  CHECK(m.kind == Message::Kind::Request);
  CHECK(m.id == 3);
  CHECK(m.method == "textDocument/hover");

  m = parse_message(R"({"jsonrpc":"2.0","method":"exit"})", parse_error);
  CHECK(m.kind == Message::Kind::Notification);
  m = parse_message(R"({"jsonrpc":"2.0","id":"helder-1","result":null})", parse_error);
  CHECK(m.kind == Message::Kind::Response);
  CHECK(m.id == "helder-1");

  m = parse_message("{\"jsonrpc\":\"2.0\",", parse_error);
  CHECK(parse_error);
  m = parse_message("\"\\ud800\"", parse_error);  // a lone surrogate is not valid JSON text
  CHECK(parse_error);
  for (const char* bad : {R"([])", R"({"id":1,"method":"x"})", R"({"jsonrpc":"2.0","id":{},"method":"x"})",
                          R"({"jsonrpc":"2.0","id":1,"method":1})", R"({"jsonrpc":"2.0","id":1})",
                          R"({"jsonrpc":"2.0","method":"x","params":5})"}) {
    m = parse_message(bad, parse_error);
    CHECK_FALSE(parse_error);
    CHECK(m.kind == Message::Kind::Invalid);
    CHECK_FALSE(m.problem.empty());
  }
}

TEST_CASE("jsonrpc: checked parameters name what is wrong", "[lsp][jsonrpc]") {
  const json p = json::parse(R"({"uri":"file:///a","line":-1,"n":"x"})");
  CHECK(string_member(p, "uri") == "file:///a");
  CHECK_THROWS_WITH(string_member(p, "missing"), Catch::Contains("missing"));
  CHECK_THROWS_AS(uinteger_member(p, "line"), ProtocolError);
  CHECK_THROWS_AS(integer_member(p, "n"), ProtocolError);
  try {
    member(json::array(), "x");
    FAIL("no exception");
  } catch (const ProtocolError& e) {
    CHECK(e.code() == error_code::invalid_params);
  }
  // Invalid UTF-8 from a plugin never breaks the output.
  CHECK(dump(json{{"m", std::string("caf\xC3")}}).find("\xEF\xBF\xBD") != std::string::npos);
}
