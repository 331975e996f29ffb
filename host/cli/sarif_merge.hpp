// `helder merge` for SARIF: the SARIF reports of shards into one SARIF report (the same as one run over all
// files would write). SARIF holds positions, not the checked text, so it merges into SARIF only; JSON Lines
// merges into every format.
#pragma once

#include "cli.hpp"

#include <string>
#include <vector>

namespace helder::cli {

// True when `path` holds a SARIF log (a JSON object with "runs"), not JSON Lines.
bool is_sarif_file(const std::string& path);

// Merges the SARIF files `inputs` and writes the result to standard output (when `to_stdout`) and to each of
// `outputs` (which must all be "sarif"). Throws std::runtime_error with a Dutch message.
void merge_sarif(const std::vector<std::string>& inputs, bool to_stdout, const std::vector<OutputRequest>& outputs);

}  // namespace helder::cli
