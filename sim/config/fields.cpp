#include "sim/config/fields.hpp"

#include <algorithm>

namespace sim::config::detail {

namespace {

// `name` is inside `group` ("" is the row): the part of `name` after "group.".
std::optional<std::string_view> inside(std::string_view name, std::string_view group) {
  if (group.empty()) return name;
  if (name.size() <= group.size() + 1 || name.compare(0, group.size(), group) != 0 || name[group.size()] != '.') {
    return std::nullopt;
  }
  return name.substr(group.size() + 1);
}

}  // namespace

std::vector<std::string> field_names(const KeySpec& spec) {
  std::vector<std::string> names;
  for (const FieldSpec& field : spec.fields) names.push_back(field.name);
  return names;
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

std::string field_list(const KeySpec& spec) { return join(field_names(spec)); }

bool is_group(const KeySpec& spec, std::string_view name) {
  if (name.empty()) return false;
  for (const FieldSpec& field : spec.fields) {
    if (inside(field.name, name)) return true;
  }
  return false;
}

std::vector<std::string> names_in(const KeySpec& spec, std::string_view group) {
  std::vector<std::string> names;
  for (const FieldSpec& field : spec.fields) {
    const auto rest = inside(field.name, group);
    if (!rest) continue;
    std::string name(rest->substr(0, rest->find('.')));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
  }
  return names;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace sim::config::detail
