// The language server: message dispatch on the main thread, checks on a worker thread with a debounce,
// a reader thread for the input (see server.hpp).
//
// Threads:
// - reader: reads frames, parses JSON, handles $/cancelRequest at once, queues the rest for the main thread;
// - main: handles messages in order (documents, requests, configuration); requests that need the
//   findings of the current text wait until the worker has them;
// - worker: checks documents whose debounce has passed; publishes diagnostics; drops a result when the
//   document changed while it was being checked. Only the worker touches a document's ParagraphCache.
#include <helder/lsp/server.hpp>

#include <helder/limits.hpp>
#include <helder/lsp/jsonrpc.hpp>
#include <helder/lsp/protocol.hpp>
#include <helder/lsp/transport.hpp>
#include <helder/version.hpp>

#include "features.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace helder::lsp {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kError = 1, kWarning = 2, kInfo = 3;  // MessageType
constexpr auto kRequestWait = std::chrono::seconds(60);  // longest a request waits for a check

struct Document {
  std::string uri;
  std::optional<fs::path> path;
  std::string language;
  std::optional<Format> format;  // nullopt: a language helder does not check

  // Guarded by Server::mutex_.
  std::string text;
  std::int64_t version = 0;
  bool open = true;
  bool dirty = false;   // the text changed since the last check started
  Clock::time_point due;
  // How long a check of this document takes (a moving average); the debounce follows it.
  std::chrono::microseconds check_time{0};
  bool check_timed = false;
  std::shared_ptr<const CheckResult> result;

  // Only the worker thread touches these.
  ParagraphCache cache;
  DiagnosticCache diagnostics;  // the JSON of the last check's diagnostics, by finding id
  std::shared_ptr<Engine> engine;
  std::uint64_t engine_generation = 0;
  std::uint64_t long_sentence_engine = 0;  // Engine::serial() that long_sentence was read from
  std::uint32_t long_sentence = 25;
  std::string shown_problem;  // why the last version was not checked (too large, limits.hpp), as last shown
};

// What the reader thread hands the main thread.
struct Incoming {
  enum class Kind { Message, Problem, End } kind = Kind::End;
  Message message;
  bool parse_error = false;
  std::string problem;  // Problem: a framing error (English, for the log)
  std::string notice;   // Problem: what the writer should hear of it (Dutch, a window message), or empty
};

class IncomingQueue {
 public:
  void push(Incoming item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }
  Incoming pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty(); });
    Incoming item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Incoming> items_;
};

struct ClientSettings {
  std::string pack;                   // a pack name or a pack folder; empty: the configuration decides
  std::optional<Severity> minimum;    // findings below are not shown
  bool operator==(const ClientSettings&) const = default;
};

std::optional<fs::path> user_config_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "helder" / "config.toml";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "helder" / "config.toml";
  return std::nullopt;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const json& at_path(const json& j, std::initializer_list<std::string_view> keys) {
  static const json none;
  const json* at = &j;
  for (std::string_view k : keys) {
    if (!at->is_object()) return none;
    const auto it = at->find(k);
    if (it == at->end()) return none;
    at = &*it;
  }
  return *at;
}

class Server {
 public:
  Server(SessionOptions options, FrameWriter& out)
      : out_(out), has_cli_config_(!options.config_file.empty()), session_(with_report(std::move(options))) {
    // The dictionaries load from the start, while the editor and the server shake hands: one copy of the
    // spelling dictionary per checking thread.
    loader_ = std::thread([this] {
      try {
        session_.services()->words->open_spellers(threads_);
      } catch (const std::exception&) {
        // Reported when a document is checked.
      }
    });
    worker_ = std::thread([this] { work(); });
  }
  ~Server() {
    stop();
    std::error_code ec;
    if (!settings_dir_.empty()) fs::remove_all(settings_dir_, ec);
  }

  // `wait_for_loader`: false when the process ends right after this; the dictionary copies still loading then
  // need not be waited for.
  void stop(bool wait_for_loader = true) {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_cv_.notify_all();
    results_cv_.notify_all();
    if (worker_.joinable()) worker_.join();
    if (wait_for_loader && loader_.joinable()) loader_.join();
    session_.save_word_answers();  // what this session learnt of the dictionary, for the next start
  }

  int exit_code() const { return shutdown_ ? 0 : 1; }

  // Main thread. False when the server should stop (exit, or the end of input).
  bool handle(Incoming& in) {
    switch (in.kind) {
      case Incoming::Kind::End: return false;
      case Incoming::Kind::Problem:
        log(kError, "helder: invoer klopt niet: " + in.problem);
        if (!in.notice.empty()) show(kError, in.notice);
        return true;
      case Incoming::Kind::Message: break;
    }
    Message& m = in.message;
    if (in.parse_error) {
      send(error_response(nullptr, error_code::parse_error, "The message is not valid JSON: " + m.problem));
      return true;
    }
    switch (m.kind) {
      case Message::Kind::Invalid:
        send(error_response(m.id, error_code::invalid_request, m.problem));
        return true;
      case Message::Kind::Response:
        on_response(m);
        return true;
      case Message::Kind::Notification:
        return on_notification(m);
      case Message::Kind::Request:
        on_request(m);
        return true;
    }
    return true;
  }

  // Reader thread: $/cancelRequest.
  void cancel(const json& params) {
    if (!params.is_object() || !params.contains("id")) return;
    const json& id = params["id"];
    if (!id.is_string() && !id.is_number_integer()) return;
    {
      std::lock_guard lock(mutex_);
      if (cancelled_.size() > 10000) cancelled_.clear();
      cancelled_.insert(id.dump());
    }
    results_cv_.notify_all();
  }

 private:
  SessionOptions with_report(SessionOptions options) {
    options.editor = true;
    options.report = [this](const std::string& message) { log(kWarning, message); };
    // A plugin folder the workspace names but the user has not trusted is never loaded; the writer sees why, and
    // the command that trusts it, in a window (once per message).
    options.report_untrusted = [this](const std::string& message) { show(kWarning, message); };
    return options;
  }

  // --- Output ---------------------------------------------------------------------------------------

  void send(const json& message) { out_.write(dump(message)); }
  // The diagnostics are JSON text already (see features.hpp): the message is put together as text.
  void publish_diagnostics(const std::string& uri, std::optional<std::int64_t> version, const std::string& items) {
    std::string head = R"({"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":)";
    append_json_string(head, uri);
    if (version) head += R"(,"version":)" + std::to_string(*version);
    head += R"(,"diagnostics":)";
    out_.write({head, items, "}}"});
  }
  void log(int type, const std::string& message) {
    send(notification("window/logMessage", {{"type", type}, {"message", message}}));
  }
  void show(int type, const std::string& message) {
    send(notification("window/showMessage", {{"type", type}, {"message", message}}));
  }
  void server_request(std::string_view method, json params, std::function<void(const Message&)> on_answer = {}) {
    const json id = fmt::format("helder-{}", ++request_serial_);
    if (on_answer) answers_[id.dump()] = std::move(on_answer);
    send(request(id, method, std::move(params)));
  }

  bool take_cancelled(const json& id) {
    std::lock_guard lock(mutex_);
    return cancelled_.erase(id.dump()) > 0;
  }

  // --- Dispatch -------------------------------------------------------------------------------------

  void on_response(const Message& m) {
    const auto it = answers_.find(m.id.dump());
    if (it == answers_.end()) return;
    auto on_answer = std::move(it->second);
    answers_.erase(it);
    try {
      on_answer(m);
    } catch (const std::exception& e) {
      log(kError, std::string("helder: antwoord van de editor niet begrepen: ") + e.what());
    }
  }

  void on_request(const Message& m) {
    if (take_cancelled(m.id)) {
      send(error_response(m.id, error_code::request_cancelled, "Request cancelled"));
      return;
    }
    if (!initialized_ && m.method != "initialize") {
      send(error_response(m.id, error_code::server_not_initialized, "The server is not initialized yet"));
      return;
    }
    if (shutdown_) {
      send(error_response(m.id, error_code::invalid_request, "The server is shutting down"));
      return;
    }
    try {
      json result;
      const json& p = m.params;
      if (m.method == "initialize") result = initialize(p);
      else if (m.method == "shutdown") shutdown_ = true;
      else if (m.method == "textDocument/diagnostic") {
        pull_diagnostics(m.id, p);
        take_cancelled(m.id);
        return;
      }
      else if (m.method == "textDocument/hover") result = with_result(m.id, p, [&](const CheckResult& r) { return hover(r, member(p, "position")); }, nullptr);
      else if (m.method == "textDocument/codeAction") result = with_result(m.id, p, [&](const CheckResult& r) { return code_actions(r, p, action_context(r)); }, json::array());
      else if (m.method == "textDocument/codeLens") result = with_result(m.id, p, [&](const CheckResult& r) { return code_lenses(r); }, json::array());
      else if (m.method == "textDocument/inlayHint") result = with_result(m.id, p, [&](const CheckResult& r) { return inlay_hints(r, member(p, "range")); }, json::array());
      else {
        send(error_response(m.id, error_code::method_not_found, "Unknown method: " + m.method));
        return;
      }
      send(response(m.id, std::move(result)));
    } catch (const ProtocolError& e) {
      send(error_response(m.id, e.code(), e.what()));
    } catch (const json::exception& e) {
      send(error_response(m.id, error_code::invalid_params, e.what()));
    } catch (const std::exception& e) {
      send(error_response(m.id, error_code::internal_error, e.what()));
    }
    take_cancelled(m.id);
  }

  bool on_notification(const Message& m) {
    if (m.method == "exit") return false;
    if (!initialized_ || shutdown_) return true;
    const json& p = m.params;
    try {
      if (m.method == "initialized") on_initialized();
      else if (m.method == "textDocument/didOpen") did_open(p);
      else if (m.method == "textDocument/didChange") did_change(p);
      else if (m.method == "textDocument/didClose") did_close(p);
      else if (m.method == "textDocument/didSave") did_save(p);
      else if (m.method == "workspace/didChangeConfiguration") did_change_configuration(p);
      else if (m.method == "workspace/didChangeWatchedFiles") did_change_watched_files(p);
      else if (m.method == "workspace/didChangeWorkspaceFolders") did_change_workspace_folders(p);
      else if (!m.method.starts_with("$/")) log(kInfo, "helder: onbekend bericht genegeerd: " + m.method);
    } catch (const std::exception& e) {
      log(kError, fmt::format("helder: bericht {} niet verwerkt: {}", m.method, e.what()));
    }
    return true;
  }

  // --- Lifecycle ------------------------------------------------------------------------------------

  json initialize(const json& p) {
    if (initialized_) throw ProtocolError(error_code::invalid_request, "initialize was already received");
    if (!p.is_object()) throw ProtocolError(error_code::invalid_params, "initialize needs parameters");
    const json& caps = p.value("capabilities", json::object());
    // Positions: the first encoding the client offers that helder knows; UTF-16 when it offers none.
    if (const json& offered = at_path(caps, {"general", "positionEncodings"}); offered.is_array())
      for (const json& e : offered)
        if (e.is_string())
          if (auto known = position_encoding_from(e.get<std::string>())) {
            encoding_ = *known;
            break;
          }
    client_pull_ = at_path(caps, {"textDocument", "diagnostic"}).is_object();
    watch_dynamic_ = at_path(caps, {"workspace", "didChangeWatchedFiles", "dynamicRegistration"}) == true;
    configuration_pull_ = at_path(caps, {"workspace", "configuration"}) == true;
    document_changes_ = at_path(caps, {"workspace", "workspaceEdit", "documentChanges"}) == true;
    if (const json& ops = at_path(caps, {"workspace", "workspaceEdit", "resourceOperations"}); ops.is_array())
      create_files_ = std::find(ops.begin(), ops.end(), "create") != ops.end();
    diagnostic_refresh_ = at_path(caps, {"workspace", "diagnostics", "refreshSupport"}) == true;
    code_lens_refresh_ = at_path(caps, {"workspace", "codeLens", "refreshSupport"}) == true;

    if (const json& folders = at_path(p, {"workspaceFolders"}); folders.is_array()) {
      for (const json& f : folders)
        if (auto path = path_from_uri(at_path(f, {"uri"}).is_string() ? f["uri"].get<std::string>() : "")) folders_.push_back(*path);
    } else if (const json& root = at_path(p, {"rootUri"}); root.is_string()) {
      if (auto path = path_from_uri(root.get<std::string>())) folders_.push_back(*path);
    } else if (const json& root_path = at_path(p, {"rootPath"}); root_path.is_string()) {
      folders_.emplace_back(root_path.get<std::string>());
    }

    const json& options = at_path(p, {"initializationOptions"});
    std::string mode = "auto";
    if (options.is_object()) {
      if (const json& d = options.value("debounceMs", json()); d.is_number_integer())
        debounce_ = std::chrono::milliseconds(std::clamp<std::int64_t>(d.get<std::int64_t>(), 0, 10000));
      if (const json& d = options.value("diagnosticMode", json()); d.is_string()) mode = d.get<std::string>();
      const json& settings = options.contains("helder") ? options["helder"] : options;
      apply_settings(settings, false);
    }
    push_ = mode == "push" || mode == "both" || (mode != "pull" && !client_pull_);
    const bool pull = mode == "pull" || mode == "both" || (mode != "push" && client_pull_);
    initialized_ = true;
    {
      // The dictionaries and plugins load while the client gets ready to open its first document.
      std::lock_guard lock(mutex_);
      warm_up_ = true;
    }
    work_cv_.notify_all();

    json capabilities{
        {"positionEncoding", to_string(encoding_)},
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"hoverProvider", true},
        {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}, {"resolveProvider", false}}},
        {"codeLensProvider", {{"resolveProvider", false}}},
        {"inlayHintProvider", true},
        {"workspace", {{"workspaceFolders", {{"supported", true}, {"changeNotifications", true}}}}}};
    if (pull)
      capabilities["diagnosticProvider"] = {{"identifier", "helder"}, {"interFileDependencies", false},
                                            {"workspaceDiagnostics", false}};
    return json{{"capabilities", std::move(capabilities)}, {"serverInfo", {{"name", "helder"}, {"version", version()}}}};
  }

  void on_initialized() {
    if (watch_dynamic_) {
      json watchers = json::array({json{{"globPattern", "**/.helder.toml"}}, json{{"globPattern", "**/*.toml"}}});
      server_request("client/registerCapability",
                     {{"registrations", json::array({json{{"id", "helder-watch-config"},
                                                          {"method", "workspace/didChangeWatchedFiles"},
                                                          {"registerOptions", {{"watchers", watchers}}}}})}});
    }
    if (configuration_pull_) ask_configuration();
  }

  // --- Settings and configuration -------------------------------------------------------------------

  void ask_configuration() {
    server_request("workspace/configuration", {{"items", json::array({json{{"section", "helder"}}})}},
                   [this](const Message& answer) {
                     const json& result = at_path(answer.body, {"result"});
                     if (result.is_array() && !result.empty() && result[0].is_object()) apply_settings(result[0], true);
                   });
  }

  void did_change_configuration(const json& p) {
    const json& settings = at_path(p, {"settings", "helder"});
    if (settings.is_object()) apply_settings(settings, true);
    else if (configuration_pull_) ask_configuration();
  }

  // {"pack": "...", "minimumSeverity": "info"}; `reload`: check the open documents again when they changed.
  void apply_settings(const json& settings, bool reload) {
    ClientSettings next = settings_;
    if (const json& pack = settings.value("pack", json()); pack.is_string()) next.pack = pack.get<std::string>();
    else if (settings.contains("pack") && settings["pack"].is_null()) next.pack.clear();
    if (const json& min = settings.value("minimumSeverity", json()); min.is_string()) {
      if (auto s = severity_from_string(min.get<std::string>())) {
        next.minimum = s;
      } else {
        show(kWarning, fmt::format("De instelling helder.minimumSeverity is \"{}\". Kies error, warning, info of hint.",
                                   min.get<std::string>()));
      }
    }
    if (next == settings_ && settings_applied_) return;
    const bool pack_changed = next.pack != settings_.pack || !settings_applied_;
    {
      std::lock_guard lock(mutex_);
      settings_ = next;
    }
    settings_applied_ = true;
    if (pack_changed) session_.set_adjust(make_adjust(next.pack));
    if (reload) reload_configuration();
  }

  // The `pack` setting: the pack for documents without a project configuration (.helder.toml or --config);
  // a project's own file decides for itself.
  std::function<void(Config&)> make_adjust(const std::string& pack) {
    if (pack.empty()) return {};
    std::error_code ec;
    if (settings_dir_.empty()) {
      settings_dir_ = fs::temp_directory_path(ec) / fmt::format("helder-lsp-{}", getpid());
      fs::create_directories(settings_dir_, ec);
    }
    fs::path pack_path(pack);
    std::string packs_line;
    if (pack.find('/') != std::string::npos) {
      if (pack_path.is_relative() && !folders_.empty()) pack_path = folders_.front() / pack_path;
      pack_path = pack_path.lexically_normal();
      if (!pack_path.has_filename()) pack_path = pack_path.parent_path();
      packs_line = fmt::format("packs = [{}]\npack_paths = [{}]\n", json(pack_path.filename().string()).dump(),
                               json(pack_path.parent_path().string()).dump());
    } else {
      packs_line = fmt::format("packs = [{}]\n", json(pack).dump());
    }
    const fs::path file = settings_dir_ / "editor-settings.toml";
    std::ofstream(file, std::ios::binary) << "# Made by helder lsp from the editor's setting helder.pack.\n" << packs_line;
    const fs::path pack_dir = session_.layout().pack_dir();
    return [this, file, pack_dir, pack](Config& config) {
      const bool project = has_cli_config_ || std::any_of(config.files.begin(), config.files.end(), [](const fs::path& f) {
                             return f.filename() == ".helder.toml";
                           });
      if (project) return;
      ConfigRequest request;
      request.checked_path = file.parent_path();
      request.config_file = file;
      request.pack_dirs = {pack_dir};
      request.user_config = user_config_path();
      try {
        Config chosen = load_config(request);
        chosen.editor = config.editor;
        config = std::move(chosen);
      } catch (const ConfigError& e) {
        show(kWarning, fmt::format("De instelling helder.pack (\"{}\") werkt niet: {}.", pack, e.description()));
      }
    };
  }

  // Configuration files changed: new engines, config diagnostics cleared, every open document checked again.
  void reload_configuration() {
    session_.forget_engines();
    std::map<std::string, bool> old_errors;
    {
      std::lock_guard lock(mutex_);
      old_errors.swap(config_errors_);
      shown_config_errors_.clear();
    }
    // Cleared before any document is checked again: a new error of the same file must come after the clear.
    for (const auto& [uri, _] : old_errors)
      send(notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}}));
    {
      std::lock_guard lock(mutex_);
      ++generation_;
      for (auto& [uri, doc] : documents_)
        if (doc->format) {
          doc->dirty = true;
          doc->due = Clock::now();
        }
    }
    work_cv_.notify_all();
    if (diagnostic_refresh_) server_request("workspace/diagnostic/refresh", nullptr);
    if (code_lens_refresh_) server_request("workspace/codeLens/refresh", nullptr);
  }

  bool is_config_file(const fs::path& path) {
    if (path.filename() == ".helder.toml") return true;
    std::lock_guard lock(mutex_);
    return config_files_.count(path.lexically_normal().string()) > 0;
  }

  void did_change_watched_files(const json& p) {
    const json& changes = member(p, "changes");
    if (!changes.is_array()) throw ProtocolError(error_code::invalid_params, "\"changes\" must be an array");
    bool reload = false;
    for (const json& c : changes)
      if (auto path = path_from_uri(string_member(c, "uri")); path && is_config_file(*path)) reload = true;
    if (reload) reload_configuration();
  }

  void did_change_workspace_folders(const json& p) {
    const json& event = member(p, "event");
    std::lock_guard lock(mutex_);
    for (const json& f : at_path(event, {"removed"}))
      if (auto path = path_from_uri(string_member(f, "uri"))) std::erase(folders_, *path);
    for (const json& f : at_path(event, {"added"}))
      if (auto path = path_from_uri(string_member(f, "uri"))) folders_.push_back(*path);
  }

  // A configuration that cannot be used: a diagnostic on the file (and one message), not a dead server.
  void config_failed(const ConfigError& e) {
    const std::string uri = uri_from_path(e.file());
    bool first;
    {
      std::lock_guard lock(mutex_);
      first = config_errors_.emplace(uri, true).second;
      first = shown_config_errors_.insert(e.what()).second && first;
    }
    if (!first) return;
    const std::string text = read_file(e.file());
    const PositionMap positions(text, encoding_);
    const std::uint32_t line = e.line() ? e.line() - 1 : 0;
    const std::uint32_t start = positions.lines().from_char_position({line, e.column() ? e.column() - 1 : 0});
    const std::uint32_t end = std::max(start, positions.lines().line_end(positions.lines().line_of(start)));
    json diag{{"range", positions.range_to_json(start, end)}, {"severity", 1}, {"source", "helder"},
              {"code", "configuration"}, {"message", e.description()}};
    send(notification("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array({diag})}}));
    const std::string what = e.what();
    const bool ends_sentence = !what.empty() && (what.back() == '.' || what.back() == '?');
    show(kError, fmt::format("helder kan de configuratie niet gebruiken: {}{} Verbeter het bestand; daarna controleert "
                             "helder uw tekst weer.", what, ends_sentence ? "" : "."));
  }

  // --- Documents ------------------------------------------------------------------------------------

  std::shared_ptr<Document> find_document(const json& p) {
    const std::string uri = string_member(member(p, "textDocument"), "uri");
    std::lock_guard lock(mutex_);
    const auto it = documents_.find(uri);
    return it == documents_.end() ? nullptr : it->second;
  }

  void did_open(const json& p) {
    const json& td = member(p, "textDocument");
    auto doc = std::make_shared<Document>();
    doc->uri = string_member(td, "uri");
    doc->language = string_member(td, "languageId");
    doc->version = integer_member(td, "version");
    doc->text = string_member(td, "text");
    doc->path = path_from_uri(doc->uri);
    doc->format = format_for_language(doc->language);
    doc->dirty = doc->format.has_value();
    doc->due = Clock::now();
    {
      std::lock_guard lock(mutex_);
      if (auto old = documents_.find(doc->uri); old != documents_.end()) old->second->open = false;
      documents_[doc->uri] = doc;
    }
    work_cv_.notify_all();
  }

  void did_change(const json& p) {
    const json& td = member(p, "textDocument");
    const std::string uri = string_member(td, "uri");
    const std::int64_t version = integer_member(td, "version");
    const json& changes = member(p, "contentChanges");
    if (!changes.is_array()) throw ProtocolError(error_code::invalid_params, "\"contentChanges\" must be an array");
    {
      std::lock_guard lock(mutex_);
      const auto it = documents_.find(uri);
      if (it == documents_.end()) throw ProtocolError(error_code::invalid_params, "document is not open: " + uri);
      Document& doc = *it->second;
      std::string text = doc.text;  // a malformed change leaves the document as it was
      for (const json& change : changes) apply_content_change(text, change, encoding_);
      doc.text = std::move(text);
      doc.version = version;
      if (doc.format) {
        doc.dirty = true;
        doc.due = Clock::now() + debounce_for(doc);
      }
    }
    work_cv_.notify_all();
  }

  void did_close(const json& p) {
    const std::string uri = string_member(member(p, "textDocument"), "uri");
    std::lock_guard publish(publish_mutex_);
    std::shared_ptr<Document> doc;
    {
      std::lock_guard lock(mutex_);
      const auto it = documents_.find(uri);
      if (it == documents_.end()) return;
      doc = it->second;
      doc->open = false;
      documents_.erase(it);
    }
    results_cv_.notify_all();
    if (doc->format && push_) publish_diagnostics(uri, std::nullopt, "[]");
  }

  void did_save(const json& p) {
    const std::string uri = string_member(member(p, "textDocument"), "uri");
    if (auto path = path_from_uri(uri); path && is_config_file(*path)) reload_configuration();
  }

  // --- Requests on a checked document ---------------------------------------------------------------

  // The result for the document's current text: waits for the worker (without debounce) when needed.
  // nullptr for a document that is not open or not checked.
  std::shared_ptr<const CheckResult> current_result(const json& id, const json& p) {
    std::shared_ptr<Document> doc = find_document(p);
    if (!doc) return nullptr;
    std::unique_lock lock(mutex_);
    if (!doc->format) return nullptr;
    if (doc->dirty) {
      doc->due = Clock::now();
      work_cv_.notify_all();
    }
    const std::string key = id.dump();
    const bool ready = results_cv_.wait_for(lock, kRequestWait, [&] {
      return stopping_ || !doc->open || cancelled_.count(key) ||
             (!doc->dirty && doc->result && doc->result->version == doc->version);
    });
    if (cancelled_.erase(key)) throw ProtocolError(error_code::request_cancelled, "Request cancelled");
    if (!doc->open) throw ProtocolError(error_code::content_modified, "The document was closed");
    if (!ready || stopping_) throw ProtocolError(error_code::request_failed, "The check took too long");
    return doc->result;
  }

  template <class F>
  json with_result(const json& id, const json& p, F&& answer, json otherwise) {
    const std::shared_ptr<const CheckResult> r = current_result(id, p);
    if (!r || !r->positions) return otherwise;
    return answer(*r);
  }

  // Sends the whole response, as text: the items are JSON text already.
  void pull_diagnostics(const json& id, const json& p) {
    const std::shared_ptr<const CheckResult> r = current_result(id, p);
    if (!r) return send(response(id, json{{"kind", "full"}, {"items", json::array()}}));
    if (const json* previous = optional_member(p, "previousResultId"); previous && *previous == r->result_id)
      return send(response(id, json{{"kind", "unchanged"}, {"resultId", r->result_id}}));
    std::string head = R"({"jsonrpc":"2.0","id":)" + dump(id) + R"(,"result":{"kind":"full","resultId":)";
    append_json_string(head, r->result_id);
    head += R"(,"items":)";
    out_.write({head, diagnostics(*r), "}}"});
  }

  ActionContext action_context(const CheckResult& r) {
    ActionContext c;
    c.document_changes = document_changes_;
    c.create_files = create_files_;
    const std::optional<fs::path> path = path_from_uri(r.uri);
    if (!path) return c;
    std::string key = session_.config_key(*path);
    if (!key.empty()) {
      c.project_config = key;
    } else {
      // A new .helder.toml at the root of the workspace folder that holds the document.
      fs::path root = path->parent_path();
      std::size_t best = 0;
      for (const fs::path& f : folders_) {
        const std::string folder = f.lexically_normal().string();
        const std::string doc = path->lexically_normal().string();
        if (doc.starts_with(folder) && folder.size() > best) {
          best = folder.size();
          root = f;
        }
      }
      c.project_config = root / ".helder.toml";
    }
    const std::string config_uri = uri_from_path(c.project_config);
    {
      std::lock_guard lock(mutex_);
      if (auto it = documents_.find(config_uri); it != documents_.end()) {
        c.project_config_text = it->second->text;
        c.project_config_version = it->second->version;
      }
    }
    std::error_code ec;
    if (!c.project_config_text && fs::is_regular_file(c.project_config, ec)) c.project_config_text = read_file(c.project_config);
    if (r.engine) {
      std::shared_ptr<const Engine> engine = r.engine;
      c.lower = [engine](std::string_view w) { return engine->services().words->lower(w); };
      c.suggestions = [engine](std::string_view w) { return engine->services().words->suggestions(w); };
    }
    return c;
  }

  // --- The worker -----------------------------------------------------------------------------------

  void work() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      const auto now = Clock::now();
      std::shared_ptr<Document> next;
      auto earliest = Clock::time_point::max();
      for (auto& [uri, doc] : documents_) {
        if (!doc->dirty || !doc->format) continue;
        if (doc->due <= now && (!next || doc->due < next->due)) next = doc;
        earliest = std::min(earliest, doc->due);
      }
      if (!next && warm_up_) {
        warm_up_ = false;
        const fs::path root = folders_.empty() ? fs::current_path() : folders_.front();
        lock.unlock();
        try {
          session_.engine_for(root);
        } catch (const std::exception&) {
          // A broken configuration is reported with the first document that uses it.
        }
        lock.lock();
        continue;
      }
      // Nothing to check, nothing waiting: a moment to write the word answers (after the first check, then at
      // most twice a minute), so that the next start of the server need not ask Hunspell again.
      if (!next && earliest == Clock::time_point::max() && now - last_answers_save_ >= kAnswersSaveInterval &&
          session_.has_new_word_answers()) {
        last_answers_save_ = now;
        lock.unlock();
        session_.save_word_answers();
        lock.lock();
        continue;
      }
      if (!next) {
        if (earliest == Clock::time_point::max()) work_cv_.wait(lock);
        else work_cv_.wait_until(lock, earliest);
        continue;
      }
      next->dirty = false;
      std::string text = next->text;
      const std::int64_t version = next->version;
      const std::uint64_t generation = generation_;
      const ClientSettings settings = settings_;
      lock.unlock();
      check(next, std::move(text), version, generation, settings);
      lock.lock();
    }
  }

  static std::string too_large_document() {
    const std::string cap = limits::size_text(limits::max_editor_document_bytes);
    return fmt::format("Dit document is te groot om in de editor te controleren: meer dan {}. helder controleert in "
                       "de editor documenten tot {}. Splits de tekst in kleinere bestanden, of controleer dit bestand "
                       "met 'helder check' (tot {}).",
                       cap, cap, limits::size_text(limits::max_text_bytes));
  }

  // A document helder cannot check (too large, a line or paragraph too long, nested too deep: limits.hpp)
  // gets one diagnostic at its start saying why, and a window message once; the server goes on.
  void not_checked(Document& doc, CheckResult& result, const std::string& why) {
    result.analysis.reset();
    result.problem = why;
    Finding f;
    f.rule_id = "input";
    f.severity = Severity::Warning;
    f.end = static_cast<std::uint32_t>(std::min(result.text.find_first_of("\r\n"), result.text.size()));
    f.message = why;
    f.id = "input";
    result.findings = {std::move(f)};
    if (doc.shown_problem != why) show(kWarning, why);
    doc.shown_problem = why;
  }

  // The sentence-length rule's warning_above, for the reading level line.
  static std::uint32_t long_sentence_words(const Engine& engine) {
    for (const RuleDescription& d : engine.describe_rules()) {
      if (d.config.kind != "complexity.sentence-length" || !d.problem.empty() || !d.config.runs(true)) continue;
      try {
        const toml::table options = toml::parse(d.effective_options);
        if (auto v = options["warning_above"].value<std::int64_t>(); v && *v > 0) return static_cast<std::uint32_t>(*v);
      } catch (const toml::parse_error&) {
      }
    }
    return 25;
  }

  // The pause after an edit before a check: twice what a check of this document takes, at least
  // kCoalesce (the edits of one burst, a paste or a quick run of keys, are checked once), at most the configured
  // debounce. A check of 5 ms is not kept waiting 150 ms; a check of a second waits for a pause in typing.
  std::chrono::milliseconds debounce_for(const Document& doc) const {
    constexpr std::chrono::milliseconds kCoalesce{20};
    if (!doc.check_timed) return debounce_;
    const auto twice = std::chrono::duration_cast<std::chrono::milliseconds>(2 * doc.check_time);
    return std::min(debounce_, std::max(kCoalesce, twice));
  }

  void check(const std::shared_ptr<Document>& doc, std::string text, std::int64_t version, std::uint64_t generation,
             const ClientSettings& settings) {
    const auto started = Clock::now();
    auto result = std::make_shared<CheckResult>();
    result->uri = doc->uri;
    result->version = version;
    result->text = std::move(text);
    result->format = *doc->format;
    result->encoding = encoding_;
    try {
      if (result->text.size() > limits::max_editor_document_bytes) throw InputError(too_large_document());
      if (!doc->engine || doc->engine_generation != generation) {
        doc->engine.reset();
        fs::path checked = doc->path ? *doc->path : fs::current_path();
        if (!doc->path) {
          std::lock_guard lock(mutex_);
          if (!folders_.empty()) checked = folders_.front();
        }
        doc->engine = session_.engine_for(checked);
        doc->engine_generation = generation;
        std::lock_guard lock(mutex_);
        for (const fs::path& f : doc->engine->config().files) config_files_.insert(f.lexically_normal().string());
      }
      const Engine& engine = *doc->engine;
      result->engine = doc->engine;
      result->analysis = engine.analyze(result->text, result->format, &doc->cache, threads_);
      std::vector<Finding> findings = engine.check(*result->analysis, result->text, threads_);
      if (settings.minimum)
        std::erase_if(findings, [&](const Finding& f) { return f.severity < *settings.minimum; });
      result->findings = std::move(findings);
      if (doc->long_sentence_engine != engine.serial()) {
        doc->long_sentence = long_sentence_words(engine);
        doc->long_sentence_engine = engine.serial();
      }
      result->long_sentence = doc->long_sentence;
      // A plugin rule that failed is switched off; the writer hears why, the rest keeps working.
      for (const std::string& m : engine.take_messages()) show(kWarning, m);
    } catch (const ConfigError& e) {
      doc->engine.reset();
      result->engine.reset();
      result->analysis.reset();
      result->findings.clear();
      result->problem = e.what();
      config_failed(e);
    } catch (const InputError& e) {
      not_checked(*doc, *result, e.what());
    } catch (const std::exception& e) {
      result->analysis.reset();
      result->findings.clear();
      result->problem = e.what();
      log(kError, fmt::format("helder: {} niet gecontroleerd: {}", doc->uri, e.what()));
    }
    if (result->analysis) doc->shown_problem.clear();
    result->result_id = fmt::format("{}-{}", version, ++check_serial_);
    result->finish();
    if (push_) diagnostics(*result, diagnostics_buffer_, &doc->diagnostics);
    const std::string& items = diagnostics_buffer_;

    std::shared_ptr<const CheckResult> previous;  // freed after publishing: thousands of findings take a while
    std::lock_guard publish(publish_mutex_);
    bool current;
    {
      std::lock_guard lock(mutex_);
      current = doc->open && doc->version == version && generation_ == generation;
      // The first check of a document analyses every paragraph; the checks after an edit are what the debounce
      // should follow.
      if (doc->result) {
        const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
        doc->check_time = doc->check_timed ? (3 * doc->check_time + took) / 4 : took;
        doc->check_timed = true;
      }
      if (current) {
        previous = std::move(doc->result);
        doc->result = result;
      }
    }
    results_cv_.notify_all();
    if (current && push_) publish_diagnostics(doc->uri, version, items);
  }  // `previous` is freed here, after the publish lock

  // --- State ----------------------------------------------------------------------------------------

  FrameWriter& out_;
  const bool has_cli_config_;
  Session session_;

  // Main thread only.
  bool initialized_ = false;
  std::atomic<bool> shutdown_{false};
  bool settings_applied_ = false;
  bool client_pull_ = false, watch_dynamic_ = false, configuration_pull_ = false;
  bool document_changes_ = false, create_files_ = false, diagnostic_refresh_ = false, code_lens_refresh_ = false;
  std::uint64_t request_serial_ = 0;
  std::map<std::string, std::function<void(const Message&)>> answers_;  // by the id of our request
  fs::path settings_dir_;

  // Set during initialize, read by the worker afterwards.
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  bool push_ = true;
  std::chrono::milliseconds debounce_{150};
  std::vector<fs::path> folders_;  // written by the main thread under mutex_; the worker reads under mutex_

  std::mutex mutex_;  // guards what follows, and the guarded fields of every Document
  std::condition_variable work_cv_;     // the worker waits for dirty documents
  std::condition_variable results_cv_;  // requests wait for results
  bool stopping_ = false;
  bool warm_up_ = false;  // load the session's services before the first document comes
  std::map<std::string, std::shared_ptr<Document>> documents_;  // by URI
  std::set<std::string> cancelled_;  // request ids (as JSON text) the client cancelled
  std::uint64_t generation_ = 1;     // of the configuration; a reload makes a new one
  ClientSettings settings_;
  std::map<std::string, bool> config_errors_;  // URIs of configuration files with a diagnostic
  std::set<std::string> shown_config_errors_;
  std::set<std::string> config_files_;  // every configuration file an engine read

  std::mutex publish_mutex_;  // a document's diagnostics are published in the order of its checks
  std::uint64_t check_serial_ = 0;  // worker only
  std::string diagnostics_buffer_;  // worker only: the JSON of the last push, its memory kept for the next
  static constexpr std::chrono::seconds kAnswersSaveInterval{30};
  Clock::time_point last_answers_save_{};  // worker only
  // Threads for the first check of a long document (the paragraphs are new): up to 4, as the machine has.
  const std::size_t threads_ = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  std::thread loader_;
  std::thread worker_;
};

}  // namespace

namespace {

// `end_process`: when the client is done, end the process as soon as the server has stopped (its threads joined,
// its word cache written, everything sent), without freeing the dictionaries and caches one by one: that took
// most of a second, and an editor waits for its server to exit before it starts a new one.
int serve(SessionOptions options, int in_fd, int out_fd, bool end_process) {
  std::signal(SIGPIPE, SIG_IGN);  // a client that went away must not kill the server while it writes
  FrameWriter writer(out_fd);
  IncomingQueue queue;
  Server server(std::move(options), writer);
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    FrameReader in(in_fd);
    while (!stop) {
      std::optional<Frame> frame = in.read(std::chrono::milliseconds(100));
      if (!frame) continue;
      if (frame->kind == Frame::Kind::End) {
        queue.push(Incoming{});
        return;
      }
      if (!frame->error.empty()) {
        Incoming problem;
        problem.kind = Incoming::Kind::Problem;
        problem.problem = frame->error;
        if (frame->oversized)
          problem.notice = fmt::format(
              "De editor stuurde helder een bericht van meer dan {}. Dat is te groot: helder heeft het bericht "
              "overgeslagen. Meestal is zo'n bericht een heel groot document. helder controleert in de editor "
              "documenten tot {}. Controleer een groter bestand met 'helder check'.",
              limits::size_text(limits::max_lsp_message_bytes), limits::size_text(limits::max_editor_document_bytes));
        queue.push(std::move(problem));
      }
      if (frame->kind == Frame::Kind::Error) continue;
      Incoming item;
      item.kind = Incoming::Kind::Message;
      item.message = parse_message(frame->body, item.parse_error);
      // Cancellation cannot wait in the queue behind the request it cancels.
      if (item.message.kind == Message::Kind::Notification && item.message.method == "$/cancelRequest") {
        server.cancel(item.message.params);
        continue;
      }
      queue.push(std::move(item));
    }
  });
  while (true) {
    Incoming item = queue.pop();
    if (!server.handle(item)) break;
  }
  if (end_process) {
    server.stop(false);
    std::_Exit(server.exit_code());  // the reader and loader threads may still run: the process ends them
  }
  stop = true;
  reader.join();
  server.stop();
  return server.exit_code();
}

}  // namespace

int run(SessionOptions options, int in_fd, int out_fd) { return serve(std::move(options), in_fd, out_fd, false); }

int run(SessionOptions options) {
  // The protocol gets its own copy of standard output; whatever else writes there lands on standard error.
  std::fflush(nullptr);
  const int protocol_out = ::dup(STDOUT_FILENO);
  if (protocol_out < 0) return serve(std::move(options), STDIN_FILENO, STDOUT_FILENO, true);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  return serve(std::move(options), STDIN_FILENO, protocol_out, true);
}

}  // namespace helder::lsp
