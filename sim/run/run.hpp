#pragma once
// One run of a scenario, from a resolved scenario to a finished output file.
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "sim/config/config.hpp"
#include "sim/run/model.hpp"
#include "sim/run/run_settings.hpp"

namespace sim {

// Called after every tick with (ticks done, ticks in all).
using ProgressCallback = std::function<void(int done, int total)>;

struct RunResult {
  std::filesystem::path output;
  int ticks = 0;
  double seconds = 0.0;
};

struct RunOptions {
  bool check_identities = false;  // check the model's accounting identities after every tick
};

// Thrown when --check finds a violated identity: a runtime failure; the output is not kept.
class IdentityViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The current time as ISO 8601 UTC ("2026-11-27T21:17:41Z"), for output metadata.
std::string utc_now();

// The global attributes that say what made an output file: its title, the institution, the model and
// program version (source), the conventions, the git revision and the time of creation. A file's own
// attributes follow these.
std::vector<std::pair<std::string, std::string>> provenance_attributes(const Model& model, std::string title);

// A run of a scenario, started: its settings (ticks, calendar, seeds) and the model's run.
struct Simulation {
  RunSettings settings;
  std::unique_ptr<ModelRun> run;
};
Simulation start_simulation(const Model& model, const config::Config& config);

// Steps every tick; after each (and its identity check, if asked) calls after_tick(tick). Throws
// IdentityViolation when a checked identity fails.
void simulate(Simulation& simulation, const RunOptions& options, const std::function<void(int tick)>& after_tick);

// Runs the scenario and writes its output to `output` (through `output`.partial, renamed when the
// run is complete). `scenario_name` is recorded in the file's metadata.
RunResult run_scenario(const Model& model, const config::Config& config, const std::string& scenario_name,
                       const std::filesystem::path& output, const ProgressCallback& progress = {},
                       const RunOptions& options = {});

}  // namespace sim
