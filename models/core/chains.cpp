#include "models/core/chain.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "models/capital/capital_chain.hpp"
#include "models/core/core_chain.hpp"
#include "models/future/future_chain.hpp"
#include "models/industrial/industrial_chain.hpp"
#include "models/knowledge/knowledge_chain.hpp"
#include "models/macro/macro_chain.hpp"
#include "models/measurement/measurement_chain.hpp"
#include "models/policy/policy_chain.hpp"
#include "models/talent/talent_chain.hpp"

namespace models {

std::span<const Chain* const> chains() {
  // The order is that of the output variables, and it matters where initialisation stages depend on
  // each other (docs/model.md §5): the pilots the policy reads come before the future industries' start;
  // the first clearing (industrial) comes before the first plan (policy) and the learning curves'
  // experience (future); after it, the talent stock comes before basic knowledge, which reads it. The
  // macroeconomic closure comes last: its start is calibrated on the state every other chain has set.
  // Measurement comes after it: it observes the macroeconomic accounts too.
  static const Chain* const list[] = {&core_chain,    &talent_chain, &knowledge_chain, &industrial_chain,
                                      &capital_chain, &policy_chain, &future_chain,  &macro_chain,
                                      &measurement_chain};
  return list;
}

std::vector<const ProcessSpec*> processes_in_step_order() {
  std::vector<const ProcessSpec*> processes;
  for (const Chain* chain : chains()) {
    for (const ProcessSpec& process : chain->processes) processes.push_back(&process);
  }
  std::stable_sort(processes.begin(), processes.end(),
                   [](const ProcessSpec* a, const ProcessSpec* b) { return a->step < b->step; });
  std::set<int> steps;
  std::set<std::uint32_t> streams;
  for (const ProcessSpec* process : processes) {
    if (!steps.insert(process->step).second || !streams.insert(process->stream).second) {
      throw std::logic_error(std::string("process ") + process->name + " shares its step or stream with another");
    }
  }
  return processes;
}

}  // namespace models
