// `helder lsp`: the language server. Reads LSP messages from a file descriptor (standard input), checks
// Markdown and plain-text buffers with the engine, and answers with diagnostics, quick fixes, hovers and
// the reading level. The engine knows nothing of JSON; this layer translates.
#pragma once

#include <helder/session.hpp>

namespace helder::lsp {

// Serves one client until "exit" or the end of input. Returns the process exit code: 0 after shutdown
// and exit, 1 when the client left without "shutdown". `in_fd`/`out_fd` default to standard input and
// output; with those, anything else that writes to standard output (a plugin, say) goes to standard
// error instead, so it cannot break the protocol.
int run(SessionOptions options);
int run(SessionOptions options, int in_fd, int out_fd);

}  // namespace helder::lsp
