#include "sim/config/schema.hpp"

#include <fmt/core.h>

#include <cmath>
#include <stdexcept>

#include "sim/config/fields.hpp"
#include "sim/config/text.hpp"

namespace sim::config {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw std::logic_error(fmt::format("schema key '{}': {}", path, why));
}

void check_path(const std::string& path) {
  if (path.empty()) throw std::logic_error("schema key with an empty path");
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string_view part = std::string_view(path).substr(start, dot == std::string::npos ? dot : dot - start);
    if (part.empty()) fail(path, "empty path component");
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      if (!ok) fail(path, "path components may hold only letters, digits, '_' and '-'");
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (path == "base") fail(path, "'base' is reserved for the base file of a scenario");
}

void check_range(const std::string& path, const Range& range) {
  if (std::isnan(range.min) || std::isnan(range.max) || range.min > range.max) fail(path, "invalid range");
}

void check_field(const std::string& path, const FieldSpec& field) {
  const std::string where = path + "." + field.name;
  if (field.name.empty()) fail(path, "a records field with an empty name");
  // A dotted name is a field of a sub-table of the row: every part must be a name.
  if (field.name.front() == '.' || field.name.back() == '.' || field.name.find("..") != std::string::npos) {
    fail(where, "empty part in a dotted field name");
  }
  switch (field.kind) {
    case Kind::real:
    case Kind::integer:
    case Kind::boolean:
    case Kind::choice:
    case Kind::string:
    case Kind::date:
    case Kind::string_list:
    case Kind::real_list: break;
    default: fail(where, "records fields are real, integer, boolean, choice, string, date, string_list or real_list");
  }
  if (field.kind == Kind::choice && field.choices.empty()) fail(where, "a choice field needs choices");
  check_range(where, field.range);
}

// Brings the default to the stored form of its kind (an integer default of a real key becomes a double)
// and checks it; throws on a default of another kind or outside the key's range.
void check_default(KeySpec& spec) {
  Value& value = spec.default_value;
  if (std::holds_alternative<std::monostate>(value)) return;
  const auto wrong_kind = [&] {
    fail(spec.path, fmt::format("default {} is not a {} value", detail::format_value(value), detail::kind_name(spec.kind)));
  };
  switch (spec.kind) {
    case Kind::real:
      if (const auto* i = std::get_if<std::int64_t>(&value)) value = static_cast<double>(*i);
      if (!std::holds_alternative<double>(value)) wrong_kind();
      if (!std::isfinite(std::get<double>(value))) fail(spec.path, "default is not finite");
      if (!detail::in_range(spec.range, std::get<double>(value))) fail(spec.path, "default outside the key's range");
      break;
    case Kind::integer:
      if (!std::holds_alternative<std::int64_t>(value)) wrong_kind();
      if (!detail::in_integer_range(spec.range, std::get<std::int64_t>(value))) {
        fail(spec.path, "default outside the key's range");
      }
      break;
    case Kind::boolean:
      if (!std::holds_alternative<bool>(value)) wrong_kind();
      break;
    case Kind::choice: {
      if (!std::holds_alternative<std::string>(value)) wrong_kind();
      const std::string& text = std::get<std::string>(value);
      bool found = false;
      for (const std::string& choice : spec.choices) found = found || choice == text;
      if (!found) fail(spec.path, "default is not one of the choices");
      break;
    }
    case Kind::string:
    case Kind::path:
      if (!std::holds_alternative<std::string>(value)) wrong_kind();
      break;
    case Kind::date:
      if (!std::holds_alternative<Date>(value)) wrong_kind();
      if (!std::get<Date>(value).ok()) fail(spec.path, "default is not a valid date");
      break;
    case Kind::string_list:
      if (!std::holds_alternative<StringList>(value)) wrong_kind();
      break;
    case Kind::real_list:
      if (!std::holds_alternative<RealList>(value)) wrong_kind();
      for (double item : std::get<RealList>(value)) {
        if (!detail::in_range(spec.range, item)) fail(spec.path, "default outside the key's range");
      }
      break;
    case Kind::records: fail(spec.path, "records keys have no default");
  }
}

}  // namespace

void Schema::add(KeySpec spec) {
  check_path(spec.path);
  for (const KeySpec& key : keys_) {
    if (key.path == spec.path) fail(spec.path, "declared twice");
    // A key cannot also be a table holding other keys.
    const auto is_table_of = [](const std::string& table, const std::string& key) {
      return key.size() > table.size() && key.compare(0, table.size(), table) == 0 && key[table.size()] == '.';
    };
    if (is_table_of(key.path, spec.path) || is_table_of(spec.path, key.path)) {
      fail(spec.path, fmt::format("conflicts with '{}' (a key cannot also be a table)", key.path));
    }
  }
  check_range(spec.path, spec.range);
  if (spec.kind == Kind::choice && spec.choices.empty()) fail(spec.path, "a choice key needs choices");
  if (!spec.required && spec.kind != Kind::records) {
    fail(spec.path, "only records keys can be optional (give other keys a default)");
  }
  if (spec.kind == Kind::records) {
    if (spec.fields.empty()) fail(spec.path, "a records key needs fields");
    std::vector<std::string> names;
    for (const FieldSpec& field : spec.fields) {
      check_field(spec.path, field);
      names.push_back(field.name);
      names.insert(names.end(), field.aliases.begin(), field.aliases.end());
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      for (std::size_t j = i + 1; j < names.size(); ++j) {
        if (names[i] == names[j]) fail(spec.path, fmt::format("field name or alias '{}' used twice", names[i]));
      }
      if (detail::is_group(spec, names[i])) {
        fail(spec.path, fmt::format("'{}' is both a field (or alias) and a sub-table of fields", names[i]));
      }
    }
  } else if (!spec.fields.empty()) {
    fail(spec.path, "only records keys have fields");
  }
  check_default(spec);
  keys_.push_back(std::move(spec));
}

const KeySpec* Schema::find(std::string_view path) const {
  for (const KeySpec& key : keys_) {
    if (key.path == path) return &key;
  }
  return nullptr;
}

}  // namespace sim::config
