#pragma once
// Internal: the value of a records key, inline ([[regions]] tables) or from a CSV file.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "sim/config/convert.hpp"
#include "sim/config/schema.hpp"

namespace sim::config::detail {

// Converts the TOML value of records key `spec`: an array of tables (one per row) or { file = "x.csv" }.
std::optional<Records> convert_records(const toml::node& node, const KeySpec& spec, const NodeContext& context,
                                       Diagnostics& diagnostics);

// Reads records from the CSV file `path` (named so in errors); `referenced_from` is where the file was
// named, blamed when it cannot be read.
std::optional<Records> read_csv_records(const std::string& path, const KeySpec& spec, const Source& referenced_from,
                                        Diagnostics& diagnostics);

// Records from CSV text: '#' comment lines and blank lines skipped, a header line of field names or
// aliases, then one row per line; cells separated by ',', optionally double-quoted ("" for a quote).
std::optional<Records> parse_csv_records(std::string_view text, const std::string& file, const KeySpec& spec,
                                         Diagnostics& diagnostics);

// The index of the field of `spec` called `name` or having it as an alias.
std::optional<std::size_t> field_named(const KeySpec& spec, std::string_view name);

// "name, lat, lon, gdp" (with "gdp_2022" etc. as aliases).
std::string field_list(const KeySpec& spec);

}  // namespace sim::config::detail
