#pragma once
// `clustersim info FILE`: what a run, sweep or state file is and where it came from (version, git
// revision, seed, how the run started, the resolved scenario) and the variables it holds.
#include <string>

namespace CLI {
class App;
}

namespace sim::cli {

struct InfoOptions {
  std::string file;
  bool scenario_only = false;  // print the resolved scenario TOML alone (to rerun or diff it)
};

CLI::App* add_info_command(CLI::App& app, InfoOptions& options);

// Prints the description on stdout; returns 0, or 2 with a message on stderr for a file that is not
// one clustersim wrote.
int run_info(const InfoOptions& options);

}  // namespace sim::cli
