// A rule's options as a TOML table (private to the host: toml++ stays out of public headers).
#pragma once

#include <helder/config.hpp>

#include <toml++/toml.h>

namespace helder {

struct OptionTable {
  toml::table table;
};

}  // namespace helder
