#include "sim/run/run.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "sim/output/output_lock.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/run/finite_watch.hpp"
#include "sim/run/interruption.hpp"
#include "sim/run/model_failure.hpp"
#include "sim/run/set_keys.hpp"
#include "sim/run/starting_state.hpp"
#include "sim/state/state_file.hpp"
#include "sim/version.hpp"

namespace sim {

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::vector<std::pair<std::string, std::string>> provenance_attributes(const Model& model, std::string title) {
  const std::string created = utc_now();
  std::string history = fmt::format("{}: {} ({} {})", created, title, program_version, git_revision);
  return {{"title", std::move(title)},
          {"institution", "clustersim"},
          {"source", fmt::format("{} {}", model.name, program_version)},
          {"Conventions", "CF-1.8"},
          {"program_version", program_version},
          {"git_revision", git_revision},
          {"created", created},
          {"history", std::move(history)}};
}

std::filesystem::path checkpoint_path(const std::filesystem::path& output) {
  std::filesystem::path path = output;
  path.replace_extension();
  path += ".checkpoint.h5";
  return path;
}

namespace {

state::StateImage burn_in(const Model& model, const config::Config& burn_in_scenario, bool check_identities) {
  StartOptions start;
  start.is_burn_in = true;
  Simulation simulation = start_simulation(model, burn_in_scenario, start);
  RunOptions options;
  options.check_identities = check_identities;
  simulate(simulation, options, {});
  state::StateImage image;
  simulation.run->save_state(image);
  describe_state(image, model, burn_in_scenario, "burn-in", simulation.settings.ticks);
  return image;
}

}  // namespace

Simulation start_simulation(const Model& model, const config::Config& config, const StartOptions& start) {
  Simulation simulation;
  simulation.settings = read_run_settings(config);
  simulation.settings.is_burn_in = start.is_burn_in;
  simulation.run = model.start(config, simulation.settings);
  simulation.keys_set = keys_set_by_scenario(config);
  const RunSettings& settings = simulation.settings;
  if (!start.from_state.empty()) {
    const std::string label = start.from_state.string();
    const state::StateImage image = state::read_state_file(start.from_state);
    const int ticks_done = check_state_origin(image, model, label);
    if (ticks_done >= settings.ticks) {
      throw state::StateError(fmt::format("{}: saved after tick {} of its run; this scenario has {} ticks, so none "
                                          "is left to run (raise simulation.ticks)",
                                          label, ticks_done - 1, settings.ticks));
    }
    simulation.run->load_state(image, LoadMode::resume, label);
    simulation.first_tick = ticks_done;
    simulation.start = fmt::format("continues the run saved in {} after {} ticks", label, ticks_done);
  } else if (!settings.initial_state.empty()) {
    const std::string label = settings.initial_state;
    const state::StateImage image = state::read_state_file(settings.initial_state);
    check_state_origin(image, model, label);
    simulation.run->load_state(image, LoadMode::start, label);
    simulation.start = fmt::format("starts from the state in {}", label);
  } else if (settings.burn_in_ticks > 0) {
    const config::Config burn_in_scenario = burn_in_config(model, config);
    const auto compute = [&] { return burn_in(model, burn_in_scenario, start.check_identities); };
    if (start.burn_in_cache != nullptr) {
      const auto image = start.burn_in_cache->get(burn_in_scenario.to_toml(), compute);
      simulation.run->load_state(*image, LoadMode::start, "the burn-in");
    } else {
      simulation.run->load_state(compute(), LoadMode::start, "the burn-in");
    }
    simulation.start = fmt::format("starts after a burn-in of {} years (seed {}) with the policy at its defaults",
                                   settings.burn_in_years, settings.burn_in_seed);
  } else {
    simulation.start = "starts from the model's initialisation";
  }
  return simulation;
}

std::string save_state(const Model& model, const Simulation& simulation, const config::Config& config,
                       const std::string& scenario_name, int ticks_done, const std::filesystem::path& path) {
  state::StateImage image;
  simulation.run->save_state(image);
  describe_state(image, model, config, scenario_name, ticks_done);
  state::write_state_file(path, image);
  return image.attributes.at(state::attribute_content_hash);
}

namespace {

// The scenario tick the run stops before: its last, or --stop-at.
int last_tick(const Simulation& simulation, const RunOptions& options) {
  const int ticks = simulation.settings.ticks;
  return options.stop_at >= 0 ? std::min(options.stop_at, ticks) : ticks;
}

}  // namespace

namespace {

// "tick 12 of the scenario (ending 2026-03-31)": where a failure happened, in the run's own calendar.
std::string tick_label(const Simulation& simulation, int tick) {
  const RunSettings& settings = simulation.settings;
  return fmt::format("tick {} of the {} (ending {})", tick, settings.is_burn_in ? "burn-in" : "scenario",
                     iso_date(settings.calendar.observation_date(tick)));
}

[[noreturn]] void fail_at(const Simulation& simulation, int tick, std::string_view what) {
  throw ModelFailure(fmt::format("{}: {}; keys the scenario sets: {}", tick_label(simulation, tick), what,
                                 simulation.keys_set));
}

}  // namespace

void simulate(Simulation& simulation, const RunOptions& options, const std::function<void(int tick)>& after_tick) {
  const int end = last_tick(simulation, options);
  FiniteWatch watch(*simulation.run);
  for (int tick = simulation.first_tick; tick < end; ++tick) {
    throw_if_interrupted(tick);
    try {
      simulation.run->step(tick);
    } catch (const ModelFailure& failure) {
      fail_at(simulation, tick, failure.what());
    } catch (const std::bad_alloc&) {
      fail_at(simulation, tick, "out of memory while the model stepped (a population or a table grew past what "
                                "this machine holds)");
    }
    if (const std::string offender = watch.first_non_finite(); !offender.empty()) {
      fail_at(simulation, tick, offender + " (expected a finite number)");
    }
    if (options.check_identities) {
      const std::vector<std::string> violations = simulation.run->check_identities(tick);
      if (!violations.empty()) {
        std::string text = fmt::format("{} accounting identit{} violated at {}:", violations.size(),
                                       violations.size() == 1 ? "y" : "ies", tick_label(simulation, tick));
        for (std::size_t i = 0; i < violations.size(); ++i) text += (i == 0 ? " " : "; ") + violations[i];
        throw IdentityViolation(text);
      }
    }
    if (after_tick) after_tick(tick);
  }
}

RunResult run_scenario(const Model& model, const config::Config& config, const std::string& scenario_name,
                       const std::filesystem::path& output, const ProgressCallback& progress,
                       const RunOptions& options, const StartOptions& start) {
  const auto started = std::chrono::steady_clock::now();
  // The output is claimed before anything else (a burn-in can take minutes): another process writing it
  // is refused at once. --stop-at 0 --save-state writes no output, so claims none.
  if (!options.save_state.empty()) state::check_state_target(options.save_state);
  std::optional<output::OutputLock> lock;
  if (!(options.stop_at == 0 && !options.save_state.empty())) {
    if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
    lock.emplace(output::OutputLock::acquire(output));
    if (options.notice && !lock->takeover_note().empty()) options.notice(lock->takeover_note());
  }
  StartOptions start_options = start;
  start_options.check_identities = options.check_identities;
  Simulation simulation = start_simulation(model, config, start_options);
  const RunSettings& settings = simulation.settings;
  const int end = last_tick(simulation, options);
  RunResult result;
  if (end == 0 && simulation.first_tick == 0 && !options.save_state.empty()) {
    result.state_hash = save_state(model, simulation, config, scenario_name, 0, options.save_state);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
  }
  if (end <= simulation.first_tick) {
    throw state::StateError(
        end == 0 ? std::string("--stop-at 0 runs no tick: it only saves the starting state, so it needs --save-state")
                 : fmt::format("--stop-at {}: the saved run has already run {} ticks of the scenario", end,
                               simulation.first_tick));
  }
  ModelRun* run = simulation.run.get();

  output::Registry registry;
  run->declare_outputs(registry);
  auto attributes = provenance_attributes(model, fmt::format("clustersim run of {}", scenario_name));
  attributes.insert(attributes.end(), {{"scenario_name", scenario_name},
                                       {"seed", std::to_string(settings.seed)},
                                       {"replicate", std::to_string(settings.replicate)},
                                       {"scenario", config.to_toml()},
                                       {"start", simulation.start}});
  // Each tick runs from the end of the one before; the scenario's first from its start date.
  const double origin =
      simulation.first_tick == 0 ? 0.0 : settings.calendar.days_since_start(simulation.first_tick - 1);
  output::RunWriter writer(output, {settings.calendar.cf_units(), "proleptic_gregorian", origin}, run->axes(), registry,
                           attributes,
                           // A chunk longer than the run holds nothing more but is still allocated whole.
                           {std::min(settings.time_chunk, end - simulation.first_tick), settings.deflate_level});

  simulate(simulation, options, [&](int tick) {
    writer.append(settings.calendar.days_since_start(tick));
    if (settings.snapshot_every > 0 && (tick + 1) % settings.snapshot_every == 0) {
      writer.append_snapshot(settings.calendar.days_since_start(tick));
    }
    if (options.checkpoint_every > 0 && (tick + 1) % options.checkpoint_every == 0) {
      save_state(model, simulation, config, scenario_name, tick + 1, checkpoint_path(output));
    }
    if (progress) progress(tick + 1 - simulation.first_tick, end - simulation.first_tick);
  });
  result.output = writer.finish();
  if (!options.save_state.empty()) {
    result.state_hash = save_state(model, simulation, config, scenario_name, end, options.save_state);
  }
  result.ticks = end - simulation.first_tick;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sim
