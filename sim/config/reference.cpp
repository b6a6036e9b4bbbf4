// reference_markdown: the config reference (docs/config.md) generated from the schema.
#include <fmt/core.h>

#include <algorithm>

#include "sim/config/config.hpp"
#include "sim/config/text.hpp"

namespace sim::config {

namespace {

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string valid_range(Kind kind, const Range& range, const std::vector<std::string>& choices) {
  if (kind == Kind::choice) return detail::quote_list(choices);
  if (kind == Kind::real || kind == Kind::integer) return detail::range_text(range, kind == Kind::integer);
  return "";
}

std::string table_of(const std::string& path) {
  const std::size_t dot = path.find('.');
  return dot == std::string::npos ? std::string() : path.substr(0, dot);
}

void write_fields(std::string& out, const KeySpec& key) {
  out += fmt::format(
      "\nFields of `{0}`: one `[[{0}]]` table per row, or `{0} = {{ file = \"{0}.csv\" }}` with one CSV column per "
      "field.\n\n",
      key.path);
  const auto nested = std::find_if(key.fields.begin(), key.fields.end(),
                                   [](const FieldSpec& field) { return field.name.find('.') != std::string::npos; });
  if (nested != key.fields.end()) {
    // Explained with the first nested field: `set.rate` is `set = { rate = ... }` in a row.
    const std::size_t dot = nested->name.rfind('.');
    const std::string table = nested->name.substr(0, dot);
    const std::string name = nested->name.substr(dot + 1);
    out += fmt::format(
        "A dotted field such as `{0}.{1}` is the field `{1}` of the row's sub-table `{0}` (`{0} = {{ {1} = ... }}`); "
        "in CSV it is the column `{0}.{1}`.\n\n",
        table, name);
  }
  out += "| field | kind | unit | valid range | required | description |\n";
  out += "|---|---|---|---|---|---|\n";
  for (const FieldSpec& field : key.fields) {
    std::string name = fmt::format("`{}`", field.name);
    if (!field.aliases.empty()) {
      std::string aliases;
      for (const std::string& alias : field.aliases) aliases += (aliases.empty() ? "`" : ", `") + alias + "`";
      name += " (CSV alias: " + aliases + ")";
    }
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", cell(name), detail::kind_name(field.kind), cell(field.unit),
                       cell(valid_range(field.kind, field.range, field.choices)), field.required ? "yes" : "no",
                       cell(field.description));
  }
}

}  // namespace

std::string reference_markdown(const Schema& schema) {
  std::vector<std::string> tables;
  for (const KeySpec& key : schema.keys()) {
    const std::string table = table_of(key.path);
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.push_back(table);
  }
  std::string out;
  for (const std::string& table : tables) {
    if (!out.empty()) out += '\n';
    out += table.empty() ? std::string("## Top-level keys\n\n") : fmt::format("## [{}]\n\n", table);
    out += "| key | kind | default | unit | valid range | description |\n";
    out += "|---|---|---|---|---|---|\n";
    std::vector<const KeySpec*> records;
    for (const KeySpec& key : schema.keys()) {
      if (table_of(key.path) != table) continue;
      const std::string name = table.empty() ? key.path : key.path.substr(table.size() + 1);
      // An optional records key has no rows unless given.
      const std::string default_value =
          key.kind == Kind::records && !key.required ? std::string("no rows") : detail::format_value(key.default_value);
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", name, detail::kind_name(key.kind), cell(default_value),
                         cell(key.unit), cell(valid_range(key.kind, key.range, key.choices)), cell(key.description));
      if (key.kind == Kind::records) records.push_back(&key);
    }
    for (const KeySpec* key : records) write_fields(out, *key);
  }
  return out;
}

}  // namespace sim::config
