#pragma once
// The scenario's regions and industries ([[regions]], [[industries]], inline or from CSV files): their
// record keys and their reading into the model's Regions and Industries.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/core/economy.hpp"
#include "sim/config/config.hpp"

namespace models {

inline constexpr std::string_view regions_key = "regions";
inline constexpr std::string_view industries_key = "industries";

void declare_regions_and_industries(sim::config::Schema& schema);

// Throw sim::config::InputError for problems the schema cannot see (duplicate names, an input industry
// that does not exist, no positive expenditure weight).
Regions read_regions(const sim::config::Config& config);
// Industries without their own elasticity take the market's; expenditure weights are scaled to the
// market's strategic expenditure share.
Industries read_industries(const sim::config::Config& config, const MarketParameters& market);
// The same with the market's parameters read from the scenario.
Industries read_industries(const sim::config::Config& config);

// A record field's reference to a region or industry: the index of `name` among `known` (the scenario's
// names), or nothing and an error at the field (`key`), saying what was `expected`, with the nearest known
// name as a hint.
std::optional<int> index_of_name(const sim::config::Records& records, std::size_t row, std::string_view field,
                                 const std::string& name, const std::string& key,
                                 const std::vector<std::string>& known, const std::string& expected,
                                 std::vector<sim::config::Error>& errors);

}  // namespace models
