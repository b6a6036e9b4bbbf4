#include "sim/run/run.hpp"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <chrono>

#include "sim/output/run_writer.hpp"
#include "sim/version.hpp"

namespace sim {

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::vector<std::pair<std::string, std::string>> provenance_attributes(const Model& model, std::string title) {
  return {{"title", std::move(title)},
          {"institution", "clustersim"},
          {"source", fmt::format("{} {}", model.name, program_version)},
          {"Conventions", "CF-1.8"},
          {"program_version", program_version},
          {"git_revision", git_revision},
          {"created", utc_now()}};
}

Simulation start_simulation(const Model& model, const config::Config& config) {
  Simulation simulation;
  simulation.settings = read_run_settings(config);
  simulation.run = model.start(config, simulation.settings);
  return simulation;
}

void simulate(Simulation& simulation, const RunOptions& options, const std::function<void(int tick)>& after_tick) {
  for (int tick = 0; tick < simulation.settings.ticks; ++tick) {
    simulation.run->step(tick);
    if (options.check_identities) {
      const std::vector<std::string> violations = simulation.run->check_identities(tick);
      if (!violations.empty()) {
        std::string text = fmt::format("{} accounting identit{} violated:", violations.size(),
                                       violations.size() == 1 ? "y" : "ies");
        for (const auto& violation : violations) text += fmt::format("\n  {}", violation);
        throw IdentityViolation(text);
      }
    }
    if (after_tick) after_tick(tick);
  }
}

RunResult run_scenario(const Model& model, const config::Config& config, const std::string& scenario_name,
                       const std::filesystem::path& output, const ProgressCallback& progress,
                       const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  Simulation simulation = start_simulation(model, config);
  const RunSettings& settings = simulation.settings;
  ModelRun* run = simulation.run.get();

  output::Registry registry;
  run->declare_outputs(registry);
  if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
  auto attributes = provenance_attributes(model, fmt::format("clustersim run of {}", scenario_name));
  attributes.insert(attributes.end(), {{"scenario_name", scenario_name},
                                       {"seed", std::to_string(settings.seed)},
                                       {"replicate", std::to_string(settings.replicate)},
                                       {"scenario", config.to_toml()}});
  output::RunWriter writer(output, {settings.calendar.cf_units(), "proleptic_gregorian"}, run->axes(), registry,
                           attributes,
                           {settings.time_chunk, settings.deflate_level});

  simulate(simulation, options, [&](int tick) {
    writer.append(settings.calendar.days_since_start(tick));
    if (settings.snapshot_every > 0 && (tick + 1) % settings.snapshot_every == 0) {
      writer.append_snapshot(settings.calendar.days_since_start(tick));
    }
    if (progress) progress(tick + 1, settings.ticks);
  });
  RunResult result;
  result.output = writer.finish();
  result.ticks = settings.ticks;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sim
