#include "sim/config/records.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/config/suggest.hpp"

namespace sim::config::detail {

namespace {

std::string records_expected(const KeySpec& spec) {
  return fmt::format("an array of tables [[{0}]] or a table {0} = {{ file = \"data.csv\" }}", spec.path);
}

std::optional<Records> convert_inline(const toml::array& array, const KeySpec& spec, const NodeContext& context,
                                      Diagnostics& diagnostics) {
  Records records;
  records.field_names = field_names(spec);
  records.origin = "inline";
  if (array.empty()) {
    if (!spec.required) return records;
    diagnostics.add(context.source_of(array), spec.path, "at least one row", "an empty array");
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const toml::node& item = *array.get(i);
    const std::string row_key = fmt::format("{}[{}]", spec.path, i);
    const auto* table = item.as_table();
    if (table == nullptr) {
      diagnostics.add(context.source_of(item), row_key, "a table of fields (name = value)", context.found(item));
      ok = false;
      continue;
    }
    auto record = convert_row(*table, spec, row_key, context, diagnostics);
    if (!record) {
      ok = false;
      continue;
    }
    records.rows.push_back(std::move(*record));
  }
  if (!ok) return std::nullopt;
  return records;
}

std::optional<Records> convert_file_table(const toml::table& table, const KeySpec& spec, const NodeContext& context,
                                          Diagnostics& diagnostics) {
  const std::string file_key = spec.path + ".file";
  const toml::node* file = table.get("file");
  if (file == nullptr) {
    // A single row written as [regions] instead of [[regions]]?
    for (auto&& [name, node] : table) {
      if (field_named(spec, name.str()) || is_group(spec, name.str())) {
        diagnostics.add(context.source_of(table), spec.path, records_expected(spec), "a single table of fields",
                        fmt::format("write each row as a [[{}]] table", spec.path));
        return std::nullopt;
      }
    }
  }
  bool ok = true;
  bool misspelt_file = false;
  for (auto&& [name, node] : table) {
    if (name.str() == "file") continue;
    const bool near_file = nearest(name.str(), {"file"}).has_value();
    misspelt_file = misspelt_file || near_file;
    diagnostics.add(context.source_of(node), spec.path + "." + std::string(name.str()),
                    fmt::format("only 'file' in the table {}", spec.path), "an unknown key",
                    near_file ? did_you_mean(file_key) : std::string());
    ok = false;
  }
  const std::string expected = "a CSV file path (a string)";
  if (file == nullptr) {
    if (misspelt_file) return std::nullopt;
    diagnostics.add(context.source_of(table), file_key, expected, "nothing (the key is required)");
    return std::nullopt;
  }
  const auto* name = file->as_string();
  if (name == nullptr || trim(name->get()).empty()) {
    diagnostics.add(context.source_of(*file), file_key, expected, name ? "an empty string" : context.found(*file));
    return std::nullopt;
  }
  std::filesystem::path path(name->get());
  if (path.is_relative()) path = context.directory / path;
  auto records = read_csv_records(path.lexically_normal().string(), spec, context.source_of(*file), diagnostics);
  if (!ok) return std::nullopt;
  return records;
}

}  // namespace

std::optional<Records> convert_records(const toml::node& node, const KeySpec& spec, const NodeContext& context,
                                       Diagnostics& diagnostics) {
  if (const auto* array = node.as_array()) return convert_inline(*array, spec, context, diagnostics);
  if (const auto* table = node.as_table()) return convert_file_table(*table, spec, context, diagnostics);
  diagnostics.add(context.source_of(node), spec.path, records_expected(spec), context.found(node));
  return std::nullopt;
}

}  // namespace sim::config::detail
