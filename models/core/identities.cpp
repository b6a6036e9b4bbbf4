#include "models/core/identities.hpp"

#include "models/core/chain.hpp"

namespace models {

std::vector<std::string> check_identities(const Economy& economy, int tick) {
  std::vector<std::string> violations;
  for (const Chain* chain : chains()) {
    if (chain->check_identities != nullptr) chain->check_identities(economy, tick, violations);
  }
  return violations;
}

}  // namespace models
