// convert_row: one TOML row of a records key, its fields and the sub-tables of nested fields.
#include <fmt/core.h>

#include <algorithm>

#include "sim/config/records.hpp"
#include "sim/config/suggest.hpp"

namespace sim::config::detail {

namespace {

std::string joined(std::string_view group, std::string_view name) {
  return group.empty() ? std::string(name) : fmt::format("{}.{}", group, name);
}

class RowReader {
 public:
  RowReader(const KeySpec& spec, const std::string& row_key, const NodeContext& context, Diagnostics& diagnostics)
      : spec_(spec), row_key_(row_key), context_(context), diagnostics_(diagnostics), seen_(spec.fields.size(), false) {
    record_.fields.resize(spec.fields.size());
    record_.sources.resize(spec.fields.size());
  }

  std::optional<Record> read(const toml::table& row) {
    record_.source = context_.source_of(row);
    read_table(row, "");
    report_missing();
    if (!ok_) return std::nullopt;
    return std::move(record_);
  }

 private:
  // The entries of `table`, the row itself (group "") or its sub-table `group` ("set").
  void read_table(const toml::table& table, const std::string& group) {
    for (auto&& [name, node] : table) {
      const std::string full = joined(group, name.str());
      if (const auto index = field_named(spec_, full)) {
        read_field(*index, node, full);
      } else if (is_group(spec_, full)) {
        if (const auto* sub = node.as_table()) {
          read_table(*sub, full);
        } else {
          const std::vector<std::string> inner = names_in(spec_, full);
          diagnostics_.add(context_.source_of(node), row_key_ + "." + full,
                           fmt::format("a table of the fields of {}.{} ({})", spec_.path, full, join(inner)),
                           context_.found(node), fmt::format("write {} = {{ {} = ... }}", name.str(), inner.front()));
          ok_ = false;
        }
      } else {
        unknown(name, node, group, full);
      }
    }
  }

  void read_field(std::size_t index, const toml::node& node, const std::string& name) {
    const std::string key = row_key_ + "." + name;
    const FieldSpec& field = spec_.fields[index];
    if (seen_[index]) {
      diagnostics_.add(context_.source_of(node), key, fmt::format("the field '{}' once", field.name),
                       "it a second time (under another name)");
      ok_ = false;
      return;
    }
    seen_[index] = true;
    auto value = convert_node(node, ValueSpec::of(field), row_key_ + "." + field.name, context_, diagnostics_);
    if (!value) {
      ok_ = false;
      return;
    }
    record_.fields[index] = std::move(*value);
    record_.sources[index] = context_.source_of(node);
  }

  void unknown(const toml::key& name, const toml::node& node, const std::string& group, const std::string& full) {
    const Source where = name.source().begin.line > 0
                             ? Source{context_.file, static_cast<int>(name.source().begin.line),
                                      static_cast<int>(name.source().begin.column)}
                             : context_.source_of(node);
    const std::vector<std::string> names = names_in(spec_, group);
    std::optional<std::string> suggestion = nearest(name.str(), names);
    std::optional<std::string> meant = suggestion ? std::optional(joined(group, *suggestion)) : std::nullopt;
    if (!suggestion && group.empty()) meant = suggestion = in_a_sub_table(name.str());
    // A misspelt field (or sub-table) is not reported missing as well.
    if (meant) suggested_.push_back(*meant);
    diagnostics_.add(where, row_key_ + "." + full,
                     fmt::format("a field of {} ({})", group.empty() ? spec_.path : joined(spec_.path, group), join(names)), "an unknown field",
                     did_you_mean(suggestion));
    ok_ = false;
  }

  // A field of the row written outside its sub-table: "rate" for "set.rate".
  std::optional<std::string> in_a_sub_table(std::string_view name) const {
    for (const FieldSpec& field : spec_.fields) {
      const std::size_t dot = field.name.rfind('.');
      if (dot != std::string::npos && std::string_view(field.name).substr(dot + 1) == name) return field.name;
    }
    return std::nullopt;
  }

  bool misspelt(const std::string& field) const {
    return std::any_of(suggested_.begin(), suggested_.end(), [&](const std::string& name) {
      return field == name || field.compare(0, name.size() + 1, name + ".") == 0;
    });
  }

  void report_missing() {
    for (std::size_t i = 0; i < spec_.fields.size(); ++i) {
      const FieldSpec& field = spec_.fields[i];
      if (seen_[i] || !field.required || misspelt(field.name)) continue;
      diagnostics_.add(record_.source, row_key_ + "." + field.name, expected_text(ValueSpec::of(field)),
                       "nothing (the field is required)");
      ok_ = false;
    }
  }

  const KeySpec& spec_;
  const std::string& row_key_;
  const NodeContext& context_;
  Diagnostics& diagnostics_;
  Record record_;
  std::vector<bool> seen_;
  std::vector<std::string> suggested_;  // full names of the fields and sub-tables suggested for unknown names
  bool ok_ = true;
};

}  // namespace

std::optional<Record> convert_row(const toml::table& row, const KeySpec& spec, const std::string& row_key,
                                  const NodeContext& context, Diagnostics& diagnostics) {
  return RowReader(spec, row_key, context, diagnostics).read(row);
}

}  // namespace sim::config::detail
