// Config::to_toml: the resolved scenario written back as TOML.
#include <charconv>
#include <filesystem>
#include <sstream>

#include <toml++/toml.h>

#include "sim/config/config.hpp"
#include "sim/config/text.hpp"

namespace sim::config {

namespace {

toml::table& table_at(toml::table& root, std::string_view path, std::string& leaf) {
  toml::table* table = &root;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) {
      leaf = std::string(path.substr(start));
      return *table;
    }
    const std::string part(path.substr(start, dot - start));
    auto [it, inserted] = table->insert(part, toml::table{});
    table = it->second.as_table();
    start = dot + 1;
  }
}

void insert_value(toml::table& table, const std::string& name, const Value& value) {
  struct Visitor {
    toml::table& table;
    const std::string& name;
    void operator()(std::monostate) const {}
    void operator()(double v) const { table.insert_or_assign(name, v); }
    void operator()(std::int64_t v) const { table.insert_or_assign(name, v); }
    void operator()(bool v) const { table.insert_or_assign(name, v); }
    void operator()(const std::string& v) const { table.insert_or_assign(name, v); }
    void operator()(const Date& v) const {
      table.insert_or_assign(name, toml::date{static_cast<int>(v.year()), static_cast<unsigned>(v.month()),
                                              static_cast<unsigned>(v.day())});
    }
    void operator()(const StringList& v) const {
      toml::array array;
      for (const std::string& item : v) array.push_back(item);
      table.insert_or_assign(name, std::move(array));
    }
    void operator()(const RealList& v) const {
      toml::array array;
      for (double item : v) array.push_back(item);
      table.insert_or_assign(name, std::move(array));
    }
  };
  std::visit(Visitor{table, name}, value);
}

// toml++ writes floats with 17 significant digits (0.1 as 0.10000000000000001); rewrite each
// `key = <float>` line with the shortest text that reads back as the same double. Strings are written
// on one line (basic strings with escapes; toml++ would put a raw line break in a literal string),
// so such a line is never inside a string.
std::string shorten_floats(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line(text.data() + start, end - start);
    std::size_t at = line.find_first_not_of(" \t");
    const std::size_t equals = line.find(" = ");
    bool rewritten = false;
    if (at != std::string_view::npos && equals != std::string_view::npos && equals > at &&
        line.substr(at, equals - at).find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") ==
            std::string_view::npos) {
      const std::string_view number = line.substr(equals + 3);
      double value = 0;
      const auto [ptr, error] = std::from_chars(number.data(), number.data() + number.size(), value);
      if (error == std::errc{} && ptr == number.data() + number.size() &&
          number.find_first_of(".eE") != std::string_view::npos && number.find_first_of("in") == std::string_view::npos) {
        std::string shortest = detail::format_real(value);
        if (shortest.find_first_of(".e") == std::string::npos) shortest += ".0";
        out.append(line.substr(0, equals + 3));
        out += shortest;
        rewritten = true;
      }
    }
    if (!rewritten) out.append(line);
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

// A resolved (absolute) path relative to the working directory; the path itself if it has no relative
// form (another drive) or the working directory is unknown.
std::string relative_to_working_directory(const std::string& path) {
  const std::filesystem::path absolute(path);
  if (!absolute.is_absolute()) return path;
  std::error_code error;
  const std::filesystem::path working = std::filesystem::current_path(error);
  if (error) return path;
  const std::filesystem::path relative = absolute.lexically_relative(working);
  return relative.empty() ? path : relative.generic_string();
}

}  // namespace

std::string Config::to_toml() const {
  toml::table root;
  for (const KeySpec& key : schema_->keys()) {
    std::string leaf;
    toml::table& table = table_at(root, key.path, leaf);
    if (key.kind == Kind::records) {
      const auto it = records_.find(key.path);
      if (it == records_.end()) continue;
      toml::array rows;  // written as [] when an optional key has no rows
      for (const Record& record : it->second.rows) {
        toml::table row;
        for (std::size_t i = 0; i < record.fields.size() && i < it->second.field_names.size(); ++i) {
          if (std::holds_alternative<std::monostate>(record.fields[i])) continue;
          // A field "set.rate" goes into the row's sub-table [key.set].
          std::string field;
          insert_value(table_at(row, it->second.field_names[i], field), field, record.fields[i]);
        }
        rows.push_back(std::move(row));
      }
      table.insert_or_assign(leaf, std::move(rows));
      continue;
    }
    const auto it = values_.find(key.path);
    if (it == values_.end()) continue;
    // An optional file key left unset holds "", which a scenario may not say: leave it out, so that the
    // TOML loads again as the scenario it describes.
    if (key.kind == Kind::path && std::holds_alternative<std::string>(it->second) &&
        std::get<std::string>(it->second).empty()) {
      continue;
    }
    if (key.kind == Kind::path && std::holds_alternative<std::string>(it->second)) {
      insert_value(table, leaf, Value{relative_to_working_directory(std::get<std::string>(it->second))});
      continue;
    }
    insert_value(table, leaf, it->second);
  }
  constexpr auto flags = toml::format_flags::allow_unicode_strings |
                         toml::format_flags::indentation;
  std::ostringstream out;
  out << toml::toml_formatter{root, flags} << '\n';
  return shorten_floats(out.str());
}

}  // namespace sim::config
