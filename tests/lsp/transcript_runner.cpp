// Runs one recorded LSP transcript (tests/lsp/transcripts/*.jsonl) against the real `helder lsp` over pipes.
//
// Usage: helder_lsp_transcript HELDER_BINARY BUILD_DIR BROKEN_PLUGIN_DIR TRANSCRIPT
//
// A transcript is one JSON object per step, on one line or continued over the next lines until the value
// is complete (blank lines and lines starting with "//" between steps are skipped):
//   {"server": {"args": [...], "env": ["NAME=value"]}}   options for starting the server (before the first send)
//   {"file": "sub/.helder.toml", "text": "..."}          writes a file into the test's workspace folder
//   {"remove": "sub/.helder.toml"}                        removes it
//   {"send": {...}}                                       a message, framed
//   {"send_raw": "Content-Length: 3\r\n\r\n{}"}          bytes as they are
//   {"expect": PATTERN, "timeout_ms": 10000}              waits for a message that matches (others stay pending)
//   {"expect_not": PATTERN, "for_ms": 500}                no pending or arriving message matches for a while
//   {"close": true}                                       closes the server's input
//   {"exit_code": 0}                                      the server ends with this code
//   {"sleep_ms": 100}
// Strings may use ${ROOT} (the workspace folder as a file URI), ${ROOT_PATH}, ${RULES} (the built-in rule
// packs as a URI) and ${BROKEN_PLUGINS} (a folder with plugins that misbehave).
//
// Patterns: an object matches an object that has every key of the pattern with a matching value; an array
// matches an array of the same length element by element; other values must be equal. Special objects:
// {"$any": true} anything present; {"$absent": true} (as a value) the key is missing; {"$regex": "..."}
// a string with a match; {"$contains": [...]} an array with an element matching each pattern;
// {"$excludes": [...]} an array without an element matching any of them;
// {"$length": n} an array of n elements.
#include "lsp_client.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <fstream>
#include <map>
#include <memory>
#include <iostream>
#include <random>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using json = nlohmann::json;
using helder::test::LspProcess;

namespace {

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Why `value` does not match `pattern` (a path and a reason), or nullopt when it matches.
std::optional<std::string> why_not(const json& pattern, const json& value, const std::string& path);

bool matches(const json& pattern, const json& value) { return !why_not(pattern, value, ""); }

bool special(const json& pattern, const char* key) { return pattern.is_object() && pattern.size() == 1 && pattern.contains(key); }

bool is_operator(const json& pattern) {
  return pattern.is_object() && !pattern.empty() && pattern.begin().key().starts_with("$");
}

std::string shown(const json& j) { return j.dump().substr(0, 300); }

// One "$..." operator of a pattern object.
std::optional<std::string> violated(const std::string& op, const json& arg, const json& value, const std::string& path) {
  if (op == "$any") return std::nullopt;
  if (op == "$regex") {
    if (value.is_string() && std::regex_search(value.get<std::string>(), std::regex(arg.get<std::string>()))) return std::nullopt;
    return path + ": " + shown(value) + " does not match /" + arg.get<std::string>() + "/";
  }
  if (op == "$length") {
    if (value.is_array() && value.size() == arg.get<std::size_t>()) return std::nullopt;
    return path + ": expected " + arg.dump() + " elements in " + shown(value);
  }
  if (op == "$contains" || op == "$excludes") {
    if (!value.is_array()) return path + ": not an array";
    for (const json& p : arg) {
      bool found = false;
      for (const json& v : value) found = found || matches(p, v);
      if (op == "$contains" && !found) return path + ": no element matches " + shown(p);
      if (op == "$excludes" && found) return path + ": an element matches " + shown(p);
    }
    return std::nullopt;
  }
  throw Failure("unknown pattern operator " + op);
}

std::optional<std::string> why_not(const json& pattern, const json& value, const std::string& path) {
  if (is_operator(pattern)) {
    for (const auto& [op, arg] : pattern.items())
      if (auto why = violated(op, arg, value, path)) return why;
    return std::nullopt;
  }
  if (pattern.is_object()) {
    if (!value.is_object()) return path + ": not an object: " + shown(value);
    for (const auto& [key, p] : pattern.items()) {
      const bool present = value.contains(key);
      if (special(p, "$absent")) {
        if (present) return path + "." + key + ": should be absent";
        continue;
      }
      if (!present) return path + "." + key + ": missing";
      if (auto why = why_not(p, value[key], path + "." + key)) return why;
    }
    return std::nullopt;
  }
  if (pattern.is_array()) {
    if (!value.is_array() || value.size() != pattern.size())
      return path + ": expected an array of " + std::to_string(pattern.size()) + ": " + shown(value);
    for (std::size_t i = 0; i < pattern.size(); ++i)
      if (auto why = why_not(pattern[i], value[i], path + "[" + std::to_string(i) + "]")) return why;
    return std::nullopt;
  }
  if (pattern.is_number() && value.is_number() && pattern.get<double>() == value.get<double>()) return std::nullopt;
  if (pattern == value) return std::nullopt;
  return path + ": " + shown(value) + " is not " + shown(pattern);
}

std::string substitute(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string key = "${" + name + "}";
    for (std::size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size()))
      s.replace(at, key.size(), value);
  }
  return s;
}

json substitute(const json& j, const std::map<std::string, std::string>& vars) {
  if (j.is_string()) return substitute(j.get<std::string>(), vars);
  if (j.is_array()) {
    json out = json::array();
    for (const json& item : j) out.push_back(substitute(item, vars));
    return out;
  }
  if (j.is_object()) {  // keys too: WorkspaceEdit.changes is keyed by URI
    json out = json::object();
    for (const auto& [key, value] : j.items()) out[substitute(key, vars)] = substitute(value, vars);
    return out;
  }
  return j;
}

std::string describe_pending(LspProcess& server, const json& pattern) {
  std::string out;
  for (const json& m : server.pending())
    out += "\n  " + m.dump().substr(0, 300) + "\n    because " + why_not(pattern, m, "").value_or("?");
  return out.empty() ? " (none)" : out;
}

int run(const std::string& binary, const fs::path& build_dir, const fs::path& broken_plugins, const fs::path& transcript) {
  std::random_device rd;
  const fs::path root = fs::temp_directory_path() / ("helder-lsp-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(root);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{root};
  const std::map<std::string, std::string> vars{
      {"ROOT", helder::test::uri_of(root)},
      {"ROOT_PATH", root.string()},
      {"RULES", helder::test::uri_of(build_dir / "share" / "helder" / "rules")},
      {"BROKEN_PLUGINS", broken_plugins.string()}};

  std::ifstream in(transcript);
  if (!in) throw Failure("cannot read " + transcript.string());
  LspProcess::Options options{binary, {}, {}, root};
  std::unique_ptr<LspProcess> server;
  auto started = [&]() -> LspProcess& {
    if (!server) server = std::make_unique<LspProcess>(options);
    return *server;
  };

  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string where = transcript.filename().string() + ":" + std::to_string(number);
    if (line.find_first_not_of(" \t\r") == std::string::npos || line.rfind("//", 0) == 0) continue;
    // A long step may go on over the next lines, until they form one JSON value.
    std::string next;
    while (!json::accept(line) && std::getline(in, next)) {
      ++number;
      line += "\n" + next;
    }
    json step;
    try {
      step = substitute(json::parse(line), vars);
    } catch (const json::parse_error& e) {
      throw Failure(where + ": not JSON: " + e.what());
    }
    const auto timeout = std::chrono::milliseconds(step.value("timeout_ms", 20000));
    if (step.contains("server")) {
      if (server) throw Failure(where + ": the server already runs");
      for (const json& a : step["server"].value("args", json::array())) options.args.push_back(a.get<std::string>());
      for (const json& e : step["server"].value("env", json::array())) options.env.push_back(e.get<std::string>());
    } else if (step.contains("file")) {
      const fs::path p = root / step["file"].get<std::string>();
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << step.value("text", "");
    } else if (step.contains("remove")) {
      fs::remove(root / step["remove"].get<std::string>());
    } else if (step.contains("send")) {
      started().send(step["send"]);
    } else if (step.contains("send_raw")) {
      started().send_raw(step["send_raw"].get<std::string>());
    } else if (step.contains("expect")) {
      const json& pattern = step["expect"];
      if (!started().receive_if([&](const json& m) { return matches(pattern, m); }, timeout))
        throw Failure(where + ": no message matches " + pattern.dump() + "\nreceived and not taken:" + describe_pending(*server, pattern));
    } else if (step.contains("expect_not")) {
      const json& pattern = step["expect_not"];
      const auto window = std::chrono::milliseconds(step.value("for_ms", 500));
      if (auto m = started().receive_if([&](const json& m) { return matches(pattern, m); }, window))
        throw Failure(where + ": unexpected message " + m->dump().substr(0, 2000));
    } else if (step.contains("close")) {
      started().close_input();
    } else if (step.contains("exit_code")) {
      const int code = started().wait(timeout);
      if (code != step["exit_code"].get<int>())
        throw Failure(where + ": exit code " + std::to_string(code) + ", expected " + step["exit_code"].dump() +
                      "\n" + started().error_output());
    } else if (step.contains("sleep_ms")) {
      std::this_thread::sleep_for(std::chrono::milliseconds(step["sleep_ms"].get<int>()));
    } else {
      throw Failure(where + ": unknown step " + line);
    }
  }
  // Whatever happened, the server must not have crashed.
  if (server) {
    const int code = server->wait(std::chrono::milliseconds(0));
    if (code >= 128) throw Failure("the server died with signal " + std::to_string(code - 128) + "\n" + server->error_output());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: helder_lsp_transcript HELDER_BINARY BUILD_DIR BROKEN_PLUGIN_DIR TRANSCRIPT\n";
    return 2;
  }
  try {
    return run(fs::absolute(argv[1]).string(), fs::absolute(argv[2]), fs::absolute(argv[3]), argv[4]);
  } catch (const std::exception& e) {
    std::cerr << "FAILED " << e.what() << '\n';
    return 1;
  }
}
