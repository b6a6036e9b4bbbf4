#include "sim/sweep/runner.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "sim/output/sweep_writer.hpp"
#include "sim/version.hpp"

namespace sim::sweep {

namespace {

// What one run hands to the writer.
struct RunOutcome {
  std::size_t scenario = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
  std::uint32_t replicate_key = 0;
  std::vector<output::EncodedSeries> series;  // per kept variable, compressed as the file stores it
  std::optional<std::string> error;
};

std::size_t size_of(const output::Variable& variable, const std::vector<output::Axis>& axes) {
  std::size_t size = 1;
  for (const std::string& name : variable.axes) {
    const auto axis = std::find_if(axes.begin(), axes.end(), [&](const output::Axis& a) { return a.name == name; });
    size *= axis->labels.size();
  }
  return size;
}

// The time-series variables to keep, in registry order.
std::vector<const output::Variable*> kept(const output::Registry& registry, const SweepSpec& spec) {
  std::vector<const output::Variable*> variables;
  for (const output::Variable& variable : registry.variables()) {
    if (!variable.time_series) continue;
    if (!spec.keep.empty() && std::find(spec.keep.begin(), spec.keep.end(), variable.name) == spec.keep.end()) continue;
    variables.push_back(&variable);
  }
  return variables;
}

config::Config scenario_config(const config::Schema& schema, const SweepSpec& spec, std::size_t scenario,
                               std::uint32_t replicate_key) {
  std::vector<std::string> overrides = scenario_overrides(spec, scenario);
  overrides.push_back(fmt::format("simulation.replicate={}", replicate_key));
  return config::load(schema, spec.scenario, overrides);
}

RunOutcome run_one(const Model& model, const config::Schema& schema, const SweepSpec& spec, std::size_t index,
                   const RunOptions& options, int deflate_level) {
  RunOutcome outcome;
  outcome.scenario = index / static_cast<std::size_t>(spec.replicates);
  outcome.replicate = index % static_cast<std::size_t>(spec.replicates);
  outcome.replicate_key = replicate_key(spec, outcome.scenario, static_cast<int>(outcome.replicate));
  try {
    const config::Config config = scenario_config(schema, spec, outcome.scenario, outcome.replicate_key);
    Simulation simulation = start_simulation(model, config);
    outcome.seed = simulation.settings.seed;
    output::Registry registry;
    simulation.run->declare_outputs(registry);
    const std::vector<output::Axis> axes = simulation.run->axes();
    const std::vector<const output::Variable*> variables = kept(registry, spec);
    std::vector<std::size_t> sizes;
    std::vector<std::vector<double>> series;
    for (const output::Variable* variable : variables) {
      sizes.push_back(size_of(*variable, axes));
      series.emplace_back(sizes.back() * static_cast<std::size_t>(simulation.settings.ticks));
    }
    simulate(simulation, options, [&](int tick) {
      for (std::size_t v = 0; v < variables.size(); ++v) {
        const std::span<double> slot(series[v].data() + static_cast<std::size_t>(tick) * sizes[v], sizes[v]);
        variables[v]->sample(slot);
      }
    });
    // Compressing here, in the run's own thread, keeps the single writer from becoming the bottleneck.
    outcome.series = output::encode_run(deflate_level, series);
  } catch (const std::exception& error) {
    outcome.series.clear();
    outcome.error = error.what();
  }
  return outcome;
}

}  // namespace

SweepResult run_sweep(const Model& model, const SweepSpec& spec, const std::filesystem::path& output, int jobs,
                      const std::function<void(const SweepProgress&)>& progress, const RunOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const config::Schema schema = scenario_schema(model);
  const std::size_t scenarios = spec.points.rows.size();
  const std::size_t total = scenarios * static_cast<std::size_t>(spec.replicates);

  // The layout comes from a prototype run of the first scenario, started but not stepped.
  const config::Config first = scenario_config(schema, spec, 0, replicate_key(spec, 0, 0));
  Simulation prototype = start_simulation(model, first);
  output::Registry registry;
  prototype.run->declare_outputs(registry);
  const std::vector<output::Axis> axes = prototype.run->axes();
  std::vector<std::string> unknown;
  for (const std::string& name : spec.keep) {
    const output::Variable* variable = registry.find(name);
    if (variable == nullptr || !variable->time_series) unknown.push_back(name);
  }
  if (!unknown.empty()) {
    std::vector<config::Error> errors;
    for (const std::string& name : unknown) {
      config::Error error;
      error.source = config::Source{spec.file.string(), 0, 0};
      error.key = "sweep.keep";
      error.expected = "names of time-series output variables (docs/output.md)";
      error.found = fmt::format("'{}'", name);
      errors.push_back(std::move(error));
    }
    throw config::InputError(std::move(errors));
  }

  output::SweepLayout layout;
  const RunSettings& settings = prototype.settings;
  layout.time_axis = {settings.calendar.cf_units(), "proleptic_gregorian"};
  for (int tick = 0; tick < settings.ticks; ++tick) layout.time_values.push_back(settings.calendar.days_since_start(tick));
  layout.axes = axes;
  for (const output::Variable* variable : kept(registry, spec)) layout.variables.push_back(*variable);
  for (const output::Variable& variable : registry.variables()) {
    if (!variable.time_series) layout.variables.push_back(variable);
  }
  layout.scenarios = scenarios;
  layout.replicates = static_cast<std::size_t>(spec.replicates);
  for (std::size_t p = 0; p < spec.points.keys.size(); ++p) {
    std::vector<double> values;
    for (const std::vector<double>& row : spec.points.rows) values.push_back(row[p]);
    layout.parameters.emplace_back(spec.points.keys[p], std::move(values));
  }
  layout.global_attributes = {{"title", fmt::format("clustersim sweep {}", spec.file.filename().string())},
                              {"institution", "clustersim"},
                              {"source", fmt::format("{} {}", model.name, program_version)},
                              {"Conventions", "CF-1.8"},
                              {"program_version", program_version},
                              {"git_revision", git_revision},
                              {"created", utc_now()},
                              {"design", std::string(to_string(spec.design.kind))},
                              {"common_random_numbers", spec.common_random_numbers ? "true" : "false"},
                              {"sweep", spec.text},
                              {"scenario", first.to_toml()}};
  layout.options = {settings.time_chunk, settings.deflate_level};
  if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
  output::SweepWriter writer(output, layout);
  for (const output::Variable& variable : registry.variables()) {
    if (variable.time_series) continue;
    std::vector<double> values(size_of(variable, axes));
    variable.sample(values);
    writer.write_static(variable.name, values);
  }
  prototype.run.reset();

  // Workers run; the calling thread writes. At most `jobs` finished runs wait for the writer, so
  // memory stays bounded by about 2 x jobs runs.
  const int threads = std::max(1, jobs);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable room;
  std::deque<RunOutcome> finished;
  bool stop = false;
  auto worker = [&] {
    for (;;) {
      const std::size_t index = next.fetch_add(1);
      if (index >= total) return;
      RunOutcome outcome = run_one(model, schema, spec, index, options, layout.options.deflate_level);
      std::unique_lock lock(mutex);
      room.wait(lock, [&] { return stop || finished.size() < static_cast<std::size_t>(threads); });
      if (stop) return;
      finished.push_back(std::move(outcome));
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  SweepResult result;
  try {
    for (std::size_t written = 0; written < total; ++written) {
      RunOutcome outcome;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !finished.empty(); });
        outcome = std::move(finished.front());
        finished.pop_front();
        room.notify_one();
      }
      if (outcome.error) {
        writer.write_failure(outcome.scenario, outcome.replicate, outcome.seed, outcome.replicate_key, *outcome.error);
        ++result.failed;
      } else {
        writer.write_encoded_run(outcome.scenario, outcome.replicate, outcome.seed, outcome.replicate_key,
                                 outcome.series);
      }
      if (progress) {
        progress({written + 1, result.failed, total,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()});
      }
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    next.store(total);
    for (std::thread& thread : pool) thread.join();
    throw;
  }
  for (std::thread& thread : pool) thread.join();
  result.output = writer.finish();
  result.runs = total;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sim::sweep
