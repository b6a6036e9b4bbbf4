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
  std::filesystem::path output;  // empty when no tick ran (a state saved at the start)
  std::string state_hash;        // of the state saved at the end (--save-state), else empty
  int ticks = 0;
  double seconds = 0.0;
};

struct RunOptions {
  bool check_identities = false;  // check the model's accounting identities after every tick
  std::filesystem::path save_state;  // non-empty: the state at the end of the run is written here
  int checkpoint_every = 0;          // > 0: the state every this many ticks, at checkpoint_path(output)
  // >= 0: stop once this many ticks of the scenario have run; 0 with save_state writes the state the
  // scenario starts from (after its burn-in) and no output.
  int stop_at = -1;
  // Told what the user should know that is no error: a stale lock of the output taken over (its holder
  // no longer runs). None: nothing is said.
  std::function<void(const std::string&)> notice;
};

// Where `--checkpoint-every` keeps the latest state of a run writing `output`: beside it, NAME.checkpoint.h5.
std::filesystem::path checkpoint_path(const std::filesystem::path& output);

class BurnInCache;

// Where a run starts besides its scenario's own simulation.initial_state and burn-in keys.
struct StartOptions {
  std::filesystem::path from_state;   // non-empty: the saved run goes on from this state file
  BurnInCache* burn_in_cache = nullptr;  // burn-ins shared with other runs (a sweep); none: this run's own
  bool check_identities = false;      // also during the burn-in
  bool is_burn_in = false;            // this run is a burn-in (RunSettings::is_burn_in)
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
  int first_tick = 0;        // the scenario's first tick still to run (> 0 when a saved run goes on)
  std::string start;         // how the run started, for the output's metadata
  std::string keys_set;      // the keys the scenario sets (keys_set_by_scenario), named when the run fails
};
// Throws state::StateError when a state to start from cannot be used.
Simulation start_simulation(const Model& model, const config::Config& config, const StartOptions& start = {});

// The run's state after `ticks_done` ticks, with what made it, written to `path` (via PATH.partial).
// Returns the state's content hash (state::content_hash).
std::string save_state(const Model& model, const Simulation& simulation, const config::Config& config,
                       const std::string& scenario_name, int ticks_done, const std::filesystem::path& path);

// Steps every tick from first_tick on; after each (and its identity check, if asked) calls after_tick(tick). Throws
// IdentityViolation when a checked identity fails, and ModelFailure, naming the tick and the keys the
// scenario sets, when the model fails or a time series it reports is no longer a finite number.
void simulate(Simulation& simulation, const RunOptions& options, const std::function<void(int tick)>& after_tick);

// Runs the scenario and writes its output to `output` (through `output`.partial, renamed when the
// run is complete). `scenario_name` is recorded in the file's metadata. The output is locked while the
// run writes it (output::OutputLock): output::OutputInUse when another process holds it. Interrupted
// (interruption.hpp) when a signal stops the run between ticks; the .partial file is then removed.
RunResult run_scenario(const Model& model, const config::Config& config, const std::string& scenario_name,
                       const std::filesystem::path& output, const ProgressCallback& progress = {},
                       const RunOptions& options = {}, const StartOptions& start = {});

}  // namespace sim
