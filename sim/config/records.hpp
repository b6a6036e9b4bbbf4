#pragma once
// Internal: the value of a records key, inline ([[regions]] tables) or from a CSV file.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "sim/config/convert.hpp"
#include "sim/config/fields.hpp"
#include "sim/config/schema.hpp"

namespace sim::config::detail {

// Converts the TOML value of records key `spec`: an array of tables (one per row) or { file = "x.csv" }.
// An optional key (spec.required false) also accepts an empty array: zero rows.
std::optional<Records> convert_records(const toml::node& node, const KeySpec& spec, const NodeContext& context,
                                       Diagnostics& diagnostics);

// Converts one row of records key `spec`, named `row_key` ("regions[2]") in errors. A field "set.rate"
// is read from the sub-table `set` of the row.
std::optional<Record> convert_row(const toml::table& row, const KeySpec& spec, const std::string& row_key,
                                  const NodeContext& context, Diagnostics& diagnostics);

// Reads records from the CSV file `path` (named so in errors); `referenced_from` is where the file was
// named, blamed when it cannot be read.
std::optional<Records> read_csv_records(const std::string& path, const KeySpec& spec, const Source& referenced_from,
                                        Diagnostics& diagnostics);

// Records from CSV text: '#' comment lines and blank lines skipped, a header line of field names or
// aliases, then one row per line (none for an optional key); cells separated by ',', optionally
// double-quoted ("" for a quote).
std::optional<Records> parse_csv_records(std::string_view text, const std::string& file, const KeySpec& spec,
                                         Diagnostics& diagnostics);

}  // namespace sim::config::detail
