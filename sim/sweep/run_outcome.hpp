#pragma once
// One run of a sweep, from its index to the compressed series the writer stores, and the same outcome as
// bytes for sending between processes (MPI ranks). Shared by the thread pool and the distributed runner.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/config/schema.hpp"
#include "sim/output/sweep_writer.hpp"
#include "sim/run/model.hpp"
#include "sim/run/run.hpp"
#include "sim/run/starting_state.hpp"
#include "sim/sweep/sweep_file.hpp"

namespace sim::sweep {

struct RunOutcome {
  std::size_t scenario = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
  std::uint32_t replicate_key = 0;
  std::vector<output::EncodedSeries> series;  // per kept variable, compressed as the file stores it
  std::optional<std::string> error;            // set: the run failed with this message, series is empty
};

// The time-series variables a sweep keeps, in registry order.
std::vector<const output::Variable*> kept_variables(const output::Registry& registry, const SweepSpec& spec);

// The scenario of run (scenario, replicate key): the base scenario with the design's overrides.
config::Config scenario_config(const config::Schema& schema, const SweepSpec& spec, std::size_t scenario,
                               std::uint32_t replicate_key);

// Runs run `index` (scenario index / replicates, replicate index % replicates) and compresses its series
// at `deflate_level`; a burn-in comes from `burn_ins`, shared with the sweep's other runs. Any exception
// of the run becomes the outcome's error, except Interrupted (a signal), which propagates.
RunOutcome run_one(const Model& model, const config::Schema& schema, const SweepSpec& spec, std::size_t index,
                   const RunOptions& options, int deflate_level, BurnInCache& burn_ins);

// The outcome as bytes (native byte order: for processes of one build on one kind of machine) and back.
// from_bytes throws std::invalid_argument for bytes that are not a whole outcome.
std::vector<unsigned char> to_bytes(const RunOutcome& outcome);
RunOutcome from_bytes(std::span<const unsigned char> bytes);

}  // namespace sim::sweep
