#pragma once
// Internal: the field names of a records key, flat (the CSV columns, "set.rate") and nested (the TOML
// sub-tables of a row: the group "set" holding the field "rate").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/schema.hpp"

namespace sim::config::detail {

// Every field's full name, in declaration order.
std::vector<std::string> field_names(const KeySpec& spec);

// The index of the field of `spec` called `name` (its full name) or having it as an alias.
std::optional<std::size_t> field_named(const KeySpec& spec, std::string_view name);

// "name, lat, lon, gdp": every field by its full name (the CSV columns).
std::string field_list(const KeySpec& spec);

// Whether `name` is a sub-table of the rows: "set" when there is a field "set.rate".
bool is_group(const KeySpec& spec, std::string_view name);

// The names one level inside `group` ("" for the row itself): fields and sub-tables, in declaration
// order, each once. For the fields "from", "set.a", "set.b": "" gives {"from", "set"}, "set" {"a", "b"}.
std::vector<std::string> names_in(const KeySpec& spec, std::string_view group);

// "a, b, c".
std::string join(const std::vector<std::string>& names);

}  // namespace sim::config::detail
