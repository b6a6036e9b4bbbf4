#include "sim/mpi/mpi_sweep.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "sim/run/starting_state.hpp"
#include "sim/sweep/run_outcome.hpp"

namespace sim::mpi {

namespace {

// A task of a sweep: {run index, deflate level} as two native int64.
Bytes task_bytes(std::size_t index, int deflate_level) {
  const std::int64_t message[2] = {static_cast<std::int64_t>(index), deflate_level};
  const auto* raw = reinterpret_cast<const unsigned char*>(message);
  return Bytes(raw, raw + sizeof message);
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
      std::int64_t message[2] = {-1, 0};
      if (task.size() != sizeof message) throw std::runtime_error("a sweep task of the wrong size");
      std::memcpy(message, task.data(), sizeof message);
      return sweep::to_bytes(sweep::run_one(model, schema, spec, static_cast<std::size_t>(message[0]), settings.run,
                                            static_cast<int>(message[1]), burn_ins));
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
