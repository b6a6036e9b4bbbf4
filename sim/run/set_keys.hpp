#pragma once
// What a user changed: the keys a scenario sets away from their defaults, for messages that must say
// which inputs drove a run into a failure.
#include <string>

#include "sim/config/config.hpp"

namespace sim {

// "policy.vc_pool = 1e+308 (--set), firms.initial_count = 20000 (configs/baseline.toml:23:1)": the model's
// keys set by --set (first) or by a file, at most `most` of them and then "and N more"; the
// simulation.* and output.* keys and tables of records are left out, as they set what is run and written,
// not the economy. "none (every key at its default)" when there is none.
std::string keys_set_by_scenario(const config::Config& config, std::size_t most = 6);

}  // namespace sim
