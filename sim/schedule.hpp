#pragma once
// The tick loop's ordered list of processes. A process is a plain function of the state, the tick
// and the tick's random streams; the engine knows nothing of what the state means. Each process names
// its family of random streams by a fixed number, not by its name, so that renaming or moving a
// process leaves its draws, and every result, unchanged.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/random_stream.hpp"

namespace sim {

struct TickContext {
  int tick = 0;
  TickStreams streams;  // keyed by this process
};

template <class State>
struct Process {
  std::string name;
  std::uint32_t stream = 0;  // StreamKey::process of its draws
  void (*step)(State&, const TickContext&) = nullptr;
  bool enabled = true;
};

template <class State>
class Schedule {
 public:
  void add(std::string name, std::uint32_t stream, void (*step)(State&, const TickContext&), bool enabled = true) {
    processes_.push_back({std::move(name), stream, step, enabled});
  }

  // Runs every enabled process once, in order, each with its own streams for this tick.
  void run_tick(State& state, int tick, std::uint64_t seed, std::uint32_t replicate) const {
    for (const auto& process : processes_) {
      if (!process.enabled) continue;
      const TickContext context{tick, TickStreams({seed, replicate, process.stream},
                                                  static_cast<std::uint64_t>(tick))};
      process.step(state, context);
    }
  }

  const std::vector<Process<State>>& processes() const { return processes_; }

 private:
  std::vector<Process<State>> processes_;
};

}  // namespace sim
