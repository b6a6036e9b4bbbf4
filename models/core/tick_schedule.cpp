#include "models/core/tick_schedule.hpp"

#include <string>

#include "models/core/chain.hpp"

namespace models {

sim::Schedule<Economy> build_schedule(const sim::config::Config& config) {
  sim::Schedule<Economy> schedule;
  for (const ProcessSpec* process : processes_in_step_order()) {
    const bool enabled =
        process->switch_description == nullptr || config.boolean(std::string("processes.") + process->name);
    schedule.add(process->name, process->stream, process->run, enabled);
  }
  return schedule;
}

}  // namespace models
