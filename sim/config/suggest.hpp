#pragma once
// Internal: "did you mean ...?" for misspelt keys, table names, fields, columns and choices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/schema.hpp"

namespace sim::config::detail {

std::size_t levenshtein(std::string_view a, std::string_view b);

// The candidate nearest to `word` (case-insensitively) if its distance is at most max(2, |word| / 3);
// the first in candidate order on a tie.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

// Every table that holds schema keys: "market", "market.trade" for a key "market.trade.cost".
std::vector<std::string> table_paths(const Schema& schema);
bool is_table(const Schema& schema, std::string_view path);

// The schema key or table the user most likely meant by the unknown `path`: first a near name in the
// same table, then a near full path, then the same last name in another table.
std::optional<std::string> suggest_key(const Schema& schema, std::string_view path);

// "did you mean 'x'?" or "" without a suggestion.
std::string did_you_mean(const std::optional<std::string>& suggestion);

}  // namespace sim::config::detail
