// The host side of a plugin worker process (see plugin_process.hpp and plugin_wire.hpp).
#include "plugin_process.hpp"

#include "plugin_wire.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace helder {

namespace fs = std::filesystem;
using wire::Call;
using wire::Type;

namespace {

std::string_view view(helder_str s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
helder_str c_str(std::string_view s) { return helder_str{s.data(), s.size()}; }

// Resident memory of a process in MB (0 when it cannot be read).
std::size_t resident_mb(std::intptr_t pid) {
  std::ifstream statm(fmt::format("/proc/{}/statm", pid));
  std::size_t pages = 0, resident = 0;
  if (!(statm >> pages >> resident)) return 0;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE)) >> 20;
}

struct MemoryExceeded {};

}  // namespace

std::shared_ptr<PluginProcess> PluginProcess::start(const fs::path& worker, const fs::path& plugin,
                                                    const IsolationLimits& limits, std::vector<std::string>& messages) {
  const std::string shown = plugin.filename().string();
  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
    messages.push_back(fmt::format("Plugin {} is niet geladen: helder kon geen apart proces voor de plugin starten ({}).",
                                   shown, std::strerror(errno)));
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // What a plugin prints must never reach the host's standard output: in the editor that is the LSP channel.
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  posix_spawn_file_actions_adddup2(&actions, sockets[1], wire::kWorkerFd);
  const std::string worker_path = worker.string(), plugin_path = plugin.string();
  std::vector<char*> argv{const_cast<char*>(worker_path.c_str()), const_cast<char*>(plugin_path.c_str()), nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawn(&pid, worker_path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(sockets[1]);
  if (spawned != 0) {
    ::close(sockets[0]);
    messages.push_back(fmt::format("Plugin {} is niet geladen: het hulpprogramma {} kon niet starten ({}).", shown,
                                   worker_path, std::strerror(spawned)));
    return nullptr;
  }
  auto process = std::shared_ptr<PluginProcess>(new PluginProcess());
  process->fd_ = sockets[0];
  process->pid_ = pid;
  process->limits_ = limits;
  process->plugin_ = plugin;

  // The hello: what the plugin is, or why the worker refused it.
  try {
    Type type{};
    std::string body;
    const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
    if (!wire::receive(process->fd_, type, body, deadline, std::chrono::milliseconds(0), [] {}))
      throw wire::ProtocolError("timeout");
    if (type != Type::Hello) throw wire::ProtocolError("no hello");
    wire::Reader in(body);
    if (in.pod<std::uint8_t>() == 0) {
      const auto count = in.pod<std::uint32_t>();
      for (std::uint32_t i = 0; i < count; ++i) messages.emplace_back(in.str());
      process->stop("");
      return nullptr;
    }
    Descriptor& d = process->descriptor_;
    d.abi_major = in.pod<std::uint32_t>();
    d.abi_minor = in.pod<std::uint32_t>();
    d.name = in.str();
    d.version = in.str();
    const auto kinds = in.pod<std::uint32_t>();
    for (std::uint32_t i = 0; i < kinds && i < 10'000; ++i) {
      Kind k;
      k.name = in.str();
      k.summary = in.str();
      k.scope = in.pod<std::uint32_t>();
      k.context_sentences = in.pod<std::uint32_t>();
      d.kinds.push_back(std::move(k));
    }
  } catch (const wire::ProtocolError&) {
    const std::string why = process->exit_reason();
    process->stop("");
    messages.push_back(fmt::format("Plugin {} is niet geladen: {} ({})", shown, why, plugin.string()));
    return nullptr;
  }
  return process;
}

PluginProcess::~PluginProcess() { stop(""); }

bool PluginProcess::alive() const {
  std::lock_guard lock(mutex_);
  return failure_.empty() && fd_ >= 0;
}

void PluginProcess::stop(const std::string& why) {
  if (failure_.empty()) failure_ = why.empty() ? "de plugin is gestopt" : why;
  if (fd_ >= 0) {
    ::close(fd_);  // a healthy worker ends when its connection closes
    fd_ = -1;
  }
  if (pid_ > 0) {
    int status = 0;
    for (int i = 0; i < 20; ++i) {
      if (::waitpid(static_cast<pid_t>(pid_), &status, WNOHANG) != 0) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(static_cast<pid_t>(pid_), SIGKILL);
    ::waitpid(static_cast<pid_t>(pid_), &status, 0);
    pid_ = -1;
  }
}

std::string PluginProcess::exit_reason() {
  if (pid_ <= 0) return "de plugin werkt niet meer";
  int status = 0;
  // The connection broke: the worker is ending or has ended. Give it a moment to be reaped.
  pid_t done = 0;
  for (int i = 0; i < 100 && done == 0; ++i) {
    done = ::waitpid(static_cast<pid_t>(pid_), &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (done == 0) {
    ::kill(static_cast<pid_t>(pid_), SIGKILL);
    ::waitpid(static_cast<pid_t>(pid_), &status, 0);
    pid_ = -1;
    return "de plugin stuurde onleesbare gegevens en is gestopt";
  }
  pid_ = -1;
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigabbrev_np(sig);
    return fmt::format("de plugin is onverwacht gestopt (signaal {}{})", sig, name ? fmt::format(", SIG{}", name) : "");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return fmt::format("de plugin is onverwacht gestopt (afsluitcode {})", WEXITSTATUS(status));
  return "de plugin is onverwacht gestopt";
}

// Answers one call of the worker into helder_host or helder_options.
static void answer(wire::Reader& in, wire::Writer& out, const helder_host* host, const helder_options* options) {
  const auto call = static_cast<Call>(in.pod<std::uint8_t>());
  auto collect = [&](void (*fn)(void*, helder_str, void (*)(void*, helder_str), void*), helder_str word) {
    std::vector<std::string> items;
    fn(host->context, word, [](void* u, helder_str s) { static_cast<std::vector<std::string>*>(u)->emplace_back(view(s)); },
       &items);
    out.pod(static_cast<std::uint32_t>(items.size()));
    for (const std::string& s : items) out.str(s);
  };
  const bool option_call = static_cast<std::uint8_t>(call) >= static_cast<std::uint8_t>(Call::OptionInt);
  if (option_call ? !options : !host) throw wire::ProtocolError("call outside a request that allows it");
  switch (call) {
    case Call::Syllables: out.pod(host->syllables(host->context, c_str(in.str()))); break;
    case Call::SpelledCorrectly: out.pod(static_cast<std::int32_t>(host->spelled_correctly(host->context, c_str(in.str())))); break;
    case Call::FrequencyBand: out.pod(host->frequency_band(host->context, c_str(in.str()))); break;
    case Call::Suggestions: collect(host->suggestions, c_str(in.str())); break;
    case Call::CompoundParts: collect(host->compound_parts, c_str(in.str())); break;
    case Call::Vocabulary: out.pod(static_cast<std::int32_t>(host->vocabulary(host->context, c_str(in.str())))); break;
    case Call::Lookup: out.pod(host->lookup(host->context, c_str(in.str()))); break;
    case Call::LemmaText: out.str(view(host->lemma_text(host->context, in.pod<std::uint32_t>()))); break;
    case Call::LemmaId: out.pod(host->lemma_id(host->context, c_str(in.str()))); break;
    case Call::WordId: out.pod(host->word_id(host->context, c_str(in.str()))); break;
    case Call::WordText: out.str(view(host->word_text(host->context, in.pod<std::uint32_t>()))); break;
    case Call::SpelledWord: out.pod(static_cast<std::int32_t>(host->spelled_word(host->context, in.pod<std::uint32_t>()))); break;
    case Call::SeparableVerb: {
      const std::string_view particle = in.str();
      out.pod(host->separable_verb(host->context, c_str(particle), in.pod<std::uint32_t>()));
      break;
    }
    case Call::VerbForm: {
      const auto lemma = in.pod<std::uint32_t>();
      out.str(view(host->verb_form(host->context, lemma, in.pod<std::uint32_t>())));
      break;
    }
    case Call::InflectAdjective: out.str(view(host->inflect_adjective(host->context, c_str(in.str())))); break;
    case Call::OptionInt: {
      const std::string_view path = in.str();
      out.pod(options->get_int(options->context, c_str(path), in.pod<std::int64_t>()));
      break;
    }
    case Call::OptionDouble: {
      const std::string_view path = in.str();
      out.pod(options->get_double(options->context, c_str(path), in.pod<double>()));
      break;
    }
    case Call::OptionBool: {
      const std::string_view path = in.str();
      out.pod(static_cast<std::int32_t>(options->get_bool(options->context, c_str(path), in.pod<std::int32_t>())));
      break;
    }
    case Call::OptionString: {
      const std::string_view path = in.str();
      out.str(view(options->get_string(options->context, c_str(path), c_str(in.str()))));
      break;
    }
    case Call::OptionArraySize:
      out.pod(static_cast<std::uint64_t>(options->array_size(options->context, c_str(in.str()))));
      break;
    default: throw wire::ProtocolError("unknown call");
  }
}

bool PluginProcess::request(std::uint8_t type, const std::string& body, std::uint8_t reply, const helder_host* host,
                            const helder_options* options, const helder_sink* sink, std::string& reply_body) {
  if (!failure_.empty() || fd_ < 0) return false;
  const auto deadline = std::chrono::steady_clock::now() + limits_.timeout;
  auto check_memory = [this] {
    if (limits_.memory_mb && resident_mb(pid_) > limits_.memory_mb) throw MemoryExceeded{};
  };
  try {
    wire::send(fd_, static_cast<Type>(type), body);
    Type got{};
    std::string message;
    wire::Writer out;
    std::vector<helder_fix> fixes;
    std::vector<std::string> fix_texts;
    for (;;) {
      if (!wire::receive(fd_, got, message, deadline, std::chrono::milliseconds(100), check_memory)) {
        const auto ms = limits_.timeout.count();
        // Dutch writes a decimal comma: "na 0,5 seconden".
        const std::string seconds = ms % 1000 == 0 ? std::to_string(ms / 1000) : fmt::format("{},{}", ms / 1000, ms % 1000 / 100);
        stop(fmt::format("de plugin gaf na {} {} nog geen antwoord en is gestopt", seconds,
                         ms == 1000 ? "seconde" : "seconden"));
        return false;
      }
      if (got == Type::Call) {
        wire::Reader in(message);
        out.clear();
        answer(in, out, host, options);
        wire::send(fd_, Type::Return, out.body());
        continue;
      }
      if (got == Type::Finding && sink) {
        wire::Reader in(message);
        helder_finding f{};
        f.struct_size = sizeof(helder_finding);
        f.paragraph = in.pod<std::uint32_t>();
        f.start = in.pod<std::uint32_t>();
        f.end = in.pod<std::uint32_t>();
        f.severity = in.pod<std::uint32_t>();
        f.message = c_str(in.str());
        const auto count = in.pod<std::uint64_t>();
        if (count > message.size()) throw wire::ProtocolError("too many fixes");
        fixes.clear();
        for (std::uint64_t i = 0; i < count; ++i) {
          helder_fix fix{};
          fix.struct_size = sizeof(helder_fix);
          fix.start = in.pod<std::uint32_t>();
          fix.end = in.pod<std::uint32_t>();
          fix.replacement = c_str(in.str());
          fix.flags = in.pod<std::uint32_t>();
          fixes.push_back(fix);
        }
        f.fixes = fixes.data();
        f.fix_count = fixes.size();
        f.fix_stride = sizeof(helder_fix);
        sink->emit(sink->context, &f);
        check_memory();
        continue;
      }
      if (static_cast<std::uint8_t>(got) != reply) throw wire::ProtocolError("unexpected message");
      check_memory();
      reply_body = std::move(message);
      return true;
    }
  } catch (const MemoryExceeded&) {
    stop(fmt::format("de plugin gebruikte meer dan {} MB geheugen en is gestopt", limits_.memory_mb));
  } catch (const wire::ProtocolError&) {
    stop(exit_reason());
  }
  return false;
}

helder_status PluginProcess::create(std::size_t kind, const helder_host* host, const helder_options* options,
                                    const helder_errors* errors, void** rule) {
  std::lock_guard lock(mutex_);
  wire::Writer out;
  out.pod(static_cast<std::uint32_t>(kind));
  out.pod(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(host)));  // one cache per host in the worker
  out.pod(host->quick);
  std::string reply;
  if (!request(static_cast<std::uint8_t>(Type::Create), out.body(), static_cast<std::uint8_t>(Type::Created), host,
               options, nullptr, reply)) {
    errors->report(errors->context, c_str(failure_));
    return HELDER_ERROR;
  }
  try {
    wire::Reader in(reply);
    const auto status = in.pod<std::uint8_t>();
    const auto id = in.pod<std::uint64_t>();
    const std::string_view error = in.str();
    if (!error.empty()) errors->report(errors->context, c_str(error));
    if (status != HELDER_OK || id == 0) return HELDER_ERROR;
    *rule = reinterpret_cast<void*>(static_cast<std::uintptr_t>(id));
    hosts_[id] = host;
    return HELDER_OK;
  } catch (const wire::ProtocolError&) {
    stop("de plugin stuurde onleesbare gegevens en is gestopt");
    errors->report(errors->context, c_str(failure_));
    return HELDER_ERROR;
  }
}

helder_status PluginProcess::check(const void* rule, const helder_unit* unit, const helder_sink* sink,
                                   const helder_errors* errors) {
  std::lock_guard lock(mutex_);
  wire::Writer out;
  out.pod(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(rule)));
  wire::write_unit(out, *unit);
  std::string reply;
  // The plugin's calls during a check go to the host its rule was made with.
  const auto host = hosts_.find(reinterpret_cast<std::uintptr_t>(rule));
  if (!request(static_cast<std::uint8_t>(Type::Check), out.body(), static_cast<std::uint8_t>(Type::Checked),
               host == hosts_.end() ? nullptr : host->second, nullptr, sink, reply)) {
    errors->report(errors->context, c_str(failure_));
    return HELDER_ERROR;
  }
  try {
    wire::Reader in(reply);
    const auto status = in.pod<std::uint8_t>();
    const std::string_view error = in.str();
    if (!error.empty()) errors->report(errors->context, c_str(error));
    return status == HELDER_OK ? HELDER_OK : HELDER_ERROR;
  } catch (const wire::ProtocolError&) {
    stop("de plugin stuurde onleesbare gegevens en is gestopt");
    errors->report(errors->context, c_str(failure_));
    return HELDER_ERROR;
  }
}

void PluginProcess::destroy(void* rule) {
  std::lock_guard lock(mutex_);
  hosts_.erase(reinterpret_cast<std::uintptr_t>(rule));
  if (!failure_.empty() || fd_ < 0) return;
  wire::Writer out;
  out.pod(static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(rule)));
  try {
    wire::send(fd_, Type::Destroy, out.body());
  } catch (const wire::ProtocolError&) {
    stop(exit_reason());
  }
}

}  // namespace helder
