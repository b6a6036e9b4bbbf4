#include "sim/mpi/mpi_sweep.hpp"

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "sim/byte_codec.hpp"
#include "sim/run/starting_state.hpp"
#include "sim/sweep/run_outcome.hpp"

namespace sim::mpi {

namespace {

// A task of a sweep: the run's index and the deflate level to compress it at.
Bytes task_bytes(std::size_t index, int deflate_level) {
  ByteWriter out;
  out.put<std::uint64_t>(index);
  out.put<std::int32_t>(deflate_level);
  return std::move(out.bytes);
}

}  // namespace

std::optional<sweep::SweepResult> run_distributed_sweep(const Session& session, const Model& model,
                                                        const std::function<sweep::SweepSpec()>& load,
                                                        const std::filesystem::path& output,
                                                        const sweep::SweepSettings& settings,
                                                        const std::function<void(const sweep::SweepProgress&)>& progress) {
  if (session.rank() != 0) {
    sweep::SweepSpec spec;
    try {
      spec = load();
    } catch (...) {
      leave();
      throw;
    }
    BurnInCache burn_ins;  // each rank computes the burn-ins of its own runs once
    const config::Schema schema = scenario_schema(model);
    work([&](std::span<const unsigned char> task) {
      ByteReader in{task, "sweep task"};
      const auto index = in.get<std::uint64_t>();
      const auto deflate_level = in.get<std::int32_t>();
      return sweep::to_bytes(sweep::run_one(model, schema, spec, index, settings.run, deflate_level, burn_ins));
    });
    return std::nullopt;
  }
  Coordinator coordinator(session.size());
  const sweep::RemoteWorkers remote{
      .serve =
          [&](const std::function<std::optional<std::size_t>()>& take, int deflate_level) {
            std::vector<sweep::RunOutcome> outcomes;
            for (const Bytes& bytes : coordinator.serve([&]() -> std::optional<Bytes> {
                   const std::optional<std::size_t> index = take();
                   if (!index) return std::nullopt;
                   return task_bytes(*index, deflate_level);
                 })) {
              outcomes.push_back(sweep::from_bytes(bytes));
            }
            return outcomes;
          },
      .stop = [&] { coordinator.stop_all(); }};
  try {
    const sweep::SweepSpec spec = load();
    sweep::SweepSettings distributed = settings;
    distributed.remote = &remote;
    return sweep::run_sweep(model, spec, output, distributed, progress);
  } catch (...) {
    coordinator.stop_all();
    throw;
  }
}

}  // namespace sim::mpi
