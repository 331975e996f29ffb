// Fuzz target: JSON-RPC dispatch of the real language server (lsp::run, its reader, main and worker threads)
// with a sequence of messages. One server runs for the whole fuzzing process, over pipes, initialized once
// (starting a server loads the dictionaries: far too slow for every input). Each line of the input is one
// message body, framed as a client frames it; "$ROOT" in a line is the URI of the workspace folder. Lines
// whose method is "shutdown" or "exit" are left out (they end the server for every later input). After the
// input, every document it opened is asked for its diagnostics (which waits for its check) and closed, the
// settings go back to their start, and a request the server does not know must still be answered: a server
// that crashes, hangs or stops answering is a finding. State that survives an input (workspace folders,
// configuration files read) can make a finding depend on the inputs before it: see docs/fuzzing.md.
#include "fuzz_support.hpp"

#include <helder/lsp/jsonrpc.hpp>
#include <helder/lsp/server.hpp>
#include <helder/lsp/transport.hpp>
#include <helder/uri.hpp>

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

namespace fs = std::filesystem;

namespace helder::fuzz {

namespace {

using lsp::json;
constexpr auto kAnswerWait = std::chrono::seconds(60);

class ServerUnderTest {
 public:
  ServerUnderTest() {
    root_ = temp_dir() / "lsp";
    fs::create_directories(root_);
    root_uri_ = file_uri(root_);
#ifndef HELDER_FUZZ_REPLAY
    // No user configuration of whoever runs the fuzzer.
    ::setenv("XDG_CONFIG_HOME", (temp_dir() / "xdg").c_str(), 1);
#endif
    if (::pipe(to_server_) != 0 || ::pipe(from_server_) != 0) fail("pipe");
    writer_ = std::make_unique<lsp::FrameWriter>(to_server_[1]);
    server_ = std::thread([this] { exit_code_ = lsp::run(SessionOptions{}, to_server_[0], from_server_[1]); });
    reader_ = std::thread([this] { read_answers(); });
    send(json{{"jsonrpc", "2.0"}, {"id", "helder-fuzz-init"}, {"method", "initialize"},
              {"params", {{"rootUri", root_uri_},
                          {"capabilities", {{"workspace", {{"configuration", true}}}}},
                          {"initializationOptions", {{"debounceMs", 0}, {"helder", kStartSettings()}}}}}}
             .dump());
    wait_for("\"helder-fuzz-init\"");
    send(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
  }

  ~ServerUnderTest() {
    ::close(to_server_[1]);  // the end of input: the server stops
    server_.join();
    ::close(from_server_[1]);
    reader_.join();
    ::close(to_server_[0]);
    ::close(from_server_[0]);
  }

  static json kStartSettings() { return json{{"pack", nullptr}, {"minimumSeverity", "hint"}}; }

  const std::string& root_uri() const { return root_uri_; }

  void send(std::string_view body) {
    if (!writer_->write(body)) fail("the server stopped reading");
  }

  // Waits for the response whose id is `id` (as JSON text).
  void wait_for(const std::string& id) {
    std::unique_lock lock(mutex_);
    if (!answered_cv_.wait_for(lock, kAnswerWait, [&] { return answered_.count(id) || ended_; }))
      fail("the server did not answer request " + id + " within 60 s");
    if (!answered_.count(id)) fail("the server ended (exit code " + std::to_string(exit_code_) + ")");
    answered_.erase(id);
  }

  // Responses to the input's own requests, which nobody waits for.
  void forget_answers() {
    std::lock_guard lock(mutex_);
    answered_.clear();
  }

 private:
  void read_answers() {
    lsp::FrameReader in(from_server_[0]);
    while (true) {
      std::optional<lsp::Frame> frame = in.read(std::chrono::milliseconds(100));
      if (!frame) continue;
      if (frame->kind == lsp::Frame::Kind::End) break;
      expect(frame->kind == lsp::Frame::Kind::Message && frame->error.empty(), "the server frames what it writes");
      const json message = json::parse(frame->body, nullptr, false);
      expect(message.is_object() && message.value("jsonrpc", "") == "2.0", "the server writes JSON-RPC 2.0 objects");
      if (!message.contains("id")) continue;  // a notification
      if (message.contains("method")) {
        // A request of the server (configuration, registrations): answered as a plain client would.
        send(json{{"jsonrpc", "2.0"}, {"id", message["id"]}, {"result", nullptr}}.dump());
        continue;
      }
      expect(message.contains("result") != message.contains("error"), "a response has a result or an error");
      {
        std::lock_guard lock(mutex_);
        answered_.insert(message["id"].dump());
      }
      answered_cv_.notify_all();
    }
    {
      std::lock_guard lock(mutex_);
      ended_ = true;
    }
    answered_cv_.notify_all();
  }

  fs::path root_;
  std::string root_uri_;
  int to_server_[2] = {-1, -1}, from_server_[2] = {-1, -1};
  std::unique_ptr<lsp::FrameWriter> writer_;
  std::thread server_, reader_;
  int exit_code_ = -1;
  std::mutex mutex_;
  std::condition_variable answered_cv_;
  std::set<std::string> answered_;  // ids (JSON text) of responses not yet waited for
  bool ended_ = false;
};

ServerUnderTest& server() {
  static ServerUnderTest s;
  return s;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

int fuzz_jsonrpc(const std::uint8_t* data, std::size_t size) {
  ServerUnderTest& s = server();
  static std::uint64_t serial = 0;
  ++serial;
  const std::string_view input = as_text(data, size);
  std::set<std::string> opened;
  bool settings_touched = false;
  std::vector<std::string> request_ids;
  for (std::size_t start = 0; start < input.size();) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    std::string body(input.substr(start, end - start));
    start = end + 1;
    if (body.empty()) continue;
    replace_all(body, "$ROOT", s.root_uri());
    const json message = json::parse(body, nullptr, false);
    if (message.is_object()) {
      const json& method = message.contains("method") ? message["method"] : json();
      if (method == "shutdown" || method == "exit") continue;
      if (method == "textDocument/didOpen" && message.contains("params") && message["params"].is_object()) {
        const json& params = message["params"];
        if (params.contains("textDocument") && params["textDocument"].is_object() &&
            params["textDocument"].contains("uri") && params["textDocument"]["uri"].is_string())
          opened.insert(params["textDocument"]["uri"].get<std::string>());
      }
      if (method.is_string() && method.get<std::string>().starts_with("workspace/")) settings_touched = true;
    }
    s.send(body);
  }
  // Every document the input opened: its diagnostics (the server waits for its check), then closed.
  std::size_t k = 0;
  for (const std::string& uri : opened) {
    const std::string id = "helder-fuzz-" + std::to_string(serial) + "-" + std::to_string(k++);
    s.send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", "textDocument/diagnostic"},
                {"params", {{"textDocument", {{"uri", uri}}}}}}.dump());
    request_ids.push_back(json(id).dump());
    s.send(json{{"jsonrpc", "2.0"}, {"method", "textDocument/didClose"}, {"params", {{"textDocument", {{"uri", uri}}}}}}.dump());
  }
  if (settings_touched)
    s.send(json{{"jsonrpc", "2.0"}, {"method", "workspace/didChangeConfiguration"},
                {"params", {{"settings", {{"helder", ServerUnderTest::kStartSettings()}}}}}}.dump());
  // A request the server does not know: it answers after everything before it was handled.
  const std::string sync = "helder-fuzz-sync-" + std::to_string(serial);
  s.send(json{{"jsonrpc", "2.0"}, {"id", sync}, {"method", "helder/fuzzSync"}}.dump());
  for (const std::string& id : request_ids) s.wait_for(id);
  s.wait_for(json(sync).dump());
  s.forget_answers();
  return 0;
}

}  // namespace helder::fuzz

HELDER_FUZZ_TARGET(fuzz_jsonrpc)
