#include "sim/sweep/run_outcome.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "sim/byte_codec.hpp"
#include "sim/run/interruption.hpp"

namespace sim::sweep {

std::vector<const output::Variable*> kept_variables(const output::Registry& registry, const SweepSpec& spec) {
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
  std::vector<std::string> overrides = spec.base_overrides;
  const std::vector<std::string> design = scenario_overrides(spec, scenario);
  overrides.insert(overrides.end(), design.begin(), design.end());
  overrides.push_back(fmt::format("simulation.replicate={}", replicate_key));
  return config::load(schema, spec.scenario, overrides);
}

RunOutcome run_one(const Model& model, const config::Schema& schema, const SweepSpec& spec, std::size_t index,
                   const RunOptions& options, int deflate_level, BurnInCache& burn_ins) {
  RunOutcome outcome;
  outcome.scenario = index / static_cast<std::size_t>(spec.replicates);
  outcome.replicate = index % static_cast<std::size_t>(spec.replicates);
  outcome.replicate_key = replicate_key(spec, outcome.scenario, static_cast<int>(outcome.replicate));
  try {
    const config::Config config = scenario_config(schema, spec, outcome.scenario, outcome.replicate_key);
    StartOptions start;
    start.burn_in_cache = &burn_ins;
    start.check_identities = options.check_identities;
    Simulation simulation = start_simulation(model, config, start);
    outcome.seed = simulation.settings.seed;
    output::Registry registry;
    simulation.run->declare_outputs(registry);
    const std::vector<output::Axis> axes = simulation.run->axes();
    const std::vector<const output::Variable*> variables = kept_variables(registry, spec);
    std::vector<std::size_t> sizes;
    std::vector<std::vector<double>> series;
    for (const output::Variable* variable : variables) {
      sizes.push_back(output::sample_size(*variable, axes));
      series.emplace_back(sizes.back() * static_cast<std::size_t>(simulation.settings.ticks));
    }
    simulate(simulation, options, [&](int tick) {
      for (std::size_t v = 0; v < variables.size(); ++v) {
        const std::span<double> slot(series[v].data() + static_cast<std::size_t>(tick) * sizes[v], sizes[v]);
        variables[v]->sample(slot);
      }
    });
    for (std::size_t v = 0; v < variables.size(); ++v) {
      if (!variables[v]->final_scale) continue;
      std::vector<double> factors(sizes[v], std::numeric_limits<double>::quiet_NaN());
      variables[v]->final_scale(factors);
      for (std::size_t i = 0; i < series[v].size(); ++i) series[v][i] *= factors[i % sizes[v]];
    }
    // Compressing here, in the run's own thread, keeps the single writer from becoming the bottleneck.
    outcome.series = output::encode_run(deflate_level, series);
  } catch (const Interrupted&) {
    throw;  // not the run's failure: the run is left unrecorded, and a resumed sweep runs it
  } catch (const std::exception& error) {
    outcome.series.clear();
    outcome.error = error.what();
  }
  return outcome;
}

std::vector<unsigned char> to_bytes(const RunOutcome& outcome) {
  ByteWriter out;
  out.put<std::uint64_t>(outcome.scenario);
  out.put<std::uint64_t>(outcome.replicate);
  out.put<std::uint64_t>(outcome.seed);
  out.put<std::uint32_t>(outcome.replicate_key);
  out.put<std::uint8_t>(outcome.error ? 1 : 0);
  if (outcome.error) {
    out.put_text(*outcome.error);
  }
  out.put<std::uint64_t>(outcome.series.size());
  for (const output::EncodedSeries& series : outcome.series) {
    out.put<std::uint64_t>(series.values);
    out.put_bytes(series.bytes);
  }
  return std::move(out.bytes);
}

RunOutcome from_bytes(std::span<const unsigned char> bytes) {
  ByteReader in{bytes, "run outcome"};
  RunOutcome outcome;
  outcome.scenario = in.get<std::uint64_t>();
  outcome.replicate = in.get<std::uint64_t>();
  outcome.seed = in.get<std::uint64_t>();
  outcome.replicate_key = in.get<std::uint32_t>();
  const auto failed = in.get<std::uint8_t>();
  if (failed > 1) throw std::invalid_argument(fmt::format("run outcome with failure flag {}", failed));
  if (failed == 1) {
    outcome.error = in.get_text();
  }
  const auto count = in.get<std::uint64_t>();
  // Each series takes at least two lengths: a count beyond that is corrupt, not a reason to allocate.
  if (count > (bytes.size() - in.at) / (2 * sizeof(std::uint64_t))) {
    throw std::invalid_argument(fmt::format("run outcome claims {} series in {} bytes", count, bytes.size()));
  }
  outcome.series.resize(count);
  for (output::EncodedSeries& series : outcome.series) {
    series.values = in.get<std::uint64_t>();
    const std::span<const unsigned char> run = in.get_bytes();
    series.bytes.assign(run.begin(), run.end());
  }
  if (in.at != bytes.size()) {
    throw std::invalid_argument(fmt::format("run outcome of {} bytes has {} bytes left over", bytes.size(),
                                            bytes.size() - in.at));
  }
  return outcome;
}

}  // namespace sim::sweep
