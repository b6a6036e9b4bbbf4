#include "sim/config/records.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/config/suggest.hpp"

namespace sim::config::detail {

std::string field_list(const KeySpec& spec) {
  std::string out;
  for (const FieldSpec& field : spec.fields) {
    if (!out.empty()) out += ", ";
    out += field.name;
  }
  return out;
}

namespace {

std::string records_expected(const KeySpec& spec) {
  return fmt::format("an array of tables [[{0}]] or a table {0} = {{ file = \"data.csv\" }}", spec.path);
}

std::vector<std::string> field_names(const KeySpec& spec) {
  std::vector<std::string> names;
  for (const FieldSpec& field : spec.fields) names.push_back(field.name);
  return names;
}

std::optional<Record> convert_row(const toml::table& table, const KeySpec& spec, const std::string& row_key,
                                  const NodeContext& context, Diagnostics& diagnostics) {
  Record record;
  record.fields.resize(spec.fields.size());
  record.sources.resize(spec.fields.size());
  record.source = context.source_of(table);
  std::vector<bool> seen(spec.fields.size(), false);
  std::vector<std::string> suggested;
  bool ok = true;
  for (auto&& [name, node] : table) {
    const std::string key = row_key + "." + std::string(name.str());
    const auto index = field_named(spec, name.str());
    if (!index) {
      const Source where = name.source().begin.line > 0
                                ? Source{context.file, static_cast<int>(name.source().begin.line),
                                         static_cast<int>(name.source().begin.column)}
                                : context.source_of(node);
      const auto suggestion = nearest(name.str(), field_names(spec));
      diagnostics.add(where, key, fmt::format("a field of {} ({})", spec.path, field_list(spec)), "an unknown field",
                      did_you_mean(suggestion));
      // A misspelt field is not reported missing as well.
      if (suggestion) suggested.push_back(*suggestion);
      ok = false;
      continue;
    }
    const FieldSpec& field = spec.fields[*index];
    if (seen[*index]) {
      diagnostics.add(context.source_of(node), key, fmt::format("the field '{}' once", field.name),
                      "it a second time (under another name)");
      ok = false;
      continue;
    }
    seen[*index] = true;
    auto value = convert_node(node, ValueSpec::of(field), row_key + "." + field.name, context, diagnostics);
    if (!value) {
      ok = false;
      continue;
    }
    record.fields[*index] = std::move(*value);
    record.sources[*index] = context.source_of(node);
  }
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    const bool misspelt = std::find(suggested.begin(), suggested.end(), spec.fields[i].name) != suggested.end();
    if (!seen[i] && spec.fields[i].required && !misspelt) {
      diagnostics.add(record.source, row_key + "." + spec.fields[i].name, expected_text(ValueSpec::of(spec.fields[i])),
                      "nothing (the field is required)");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return record;
}

std::optional<Records> convert_inline(const toml::array& array, const KeySpec& spec, const NodeContext& context,
                                      Diagnostics& diagnostics) {
  Records records;
  records.field_names = field_names(spec);
  records.origin = "inline";
  if (array.empty()) {
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
      if (field_named(spec, name.str())) {
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

std::optional<std::size_t> field_named(const KeySpec& spec, std::string_view name) {
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    if (spec.fields[i].name == name) return i;
    for (const std::string& alias : spec.fields[i].aliases) {
      if (alias == name) return i;
    }
  }
  return std::nullopt;
}

}  // namespace sim::config::detail
