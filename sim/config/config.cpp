#include "sim/config/config.hpp"

#include <fmt/core.h>

#include <stdexcept>

#include "sim/config/text.hpp"

namespace sim::config {

Config::Config(const Schema& schema) : schema_(&schema) {}

const KeySpec& Config::spec(std::string_view path) const {
  const KeySpec* spec = schema_->find(path);
  if (spec == nullptr) throw std::logic_error(fmt::format("config: '{}' is not a key of the schema", path));
  return *spec;
}

namespace {

[[noreturn]] void wrong_kind(const KeySpec& spec, const char* wanted) {
  throw std::logic_error(
      fmt::format("config: '{}' is a {} key, not {}", spec.path, detail::kind_name(spec.kind), wanted));
}

template <typename T, typename Map>
const T& stored(const Map& values, const KeySpec& spec) {
  const auto it = values.find(spec.path);
  if (it == values.end()) throw std::logic_error(fmt::format("config: '{}' has no value", spec.path));
  const T* value = std::get_if<T>(&it->second);
  if (value == nullptr) throw std::logic_error(fmt::format("config: '{}' holds a value of another kind", spec.path));
  return *value;
}

}  // namespace

double Config::real(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::real) wrong_kind(key, "real");
  return stored<double>(values_, key);
}

std::int64_t Config::integer(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::integer) wrong_kind(key, "integer");
  return stored<std::int64_t>(values_, key);
}

bool Config::boolean(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::boolean) wrong_kind(key, "boolean");
  return stored<bool>(values_, key);
}

const std::string& Config::string(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::string && key.kind != Kind::choice && key.kind != Kind::path) {
    wrong_kind(key, "string, choice or path");
  }
  return stored<std::string>(values_, key);
}

Date Config::date(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::date) wrong_kind(key, "date");
  return stored<Date>(values_, key);
}

const StringList& Config::strings(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::string_list) wrong_kind(key, "string list");
  return stored<StringList>(values_, key);
}

const RealList& Config::reals(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::real_list) wrong_kind(key, "real list");
  return stored<RealList>(values_, key);
}

const Records& Config::records(std::string_view path) const {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::records) wrong_kind(key, "records");
  const auto it = records_.find(key.path);
  if (it == records_.end()) throw std::logic_error(fmt::format("config: '{}' has no value", key.path));
  return it->second;
}

const Source& Config::source(std::string_view path) const {
  const KeySpec& key = spec(path);
  const auto it = sources_.find(key.path);
  if (it == sources_.end()) throw std::logic_error(fmt::format("config: '{}' has no value", key.path));
  return it->second;
}

const Source& Config::item_source(std::string_view path, std::size_t index) const {
  const auto it = item_sources_.find(spec(path).path);
  if (it != item_sources_.end() && index < it->second.size()) return it->second[index];
  return source(path);
}

bool Config::has(std::string_view path) const {
  const KeySpec& key = spec(path);
  return values_.count(key.path) != 0 || records_.count(key.path) != 0;
}

void Config::set(const std::string& path, Value value, Source source) {
  const KeySpec& key = spec(path);
  if (key.kind == Kind::real) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) value = static_cast<double>(*i);
  }
  bool fits = false;
  switch (key.kind) {
    case Kind::real: fits = std::holds_alternative<double>(value); break;
    case Kind::integer: fits = std::holds_alternative<std::int64_t>(value); break;
    case Kind::boolean: fits = std::holds_alternative<bool>(value); break;
    case Kind::choice:
    case Kind::string:
    case Kind::path: fits = std::holds_alternative<std::string>(value); break;
    case Kind::date: fits = std::holds_alternative<Date>(value); break;
    case Kind::string_list: fits = std::holds_alternative<StringList>(value); break;
    case Kind::real_list: fits = std::holds_alternative<RealList>(value); break;
    case Kind::records: wrong_kind(key, "a single value (use set_records)");
  }
  if (!fits) {
    throw std::logic_error(fmt::format("config: {} is not a {} value for '{}'", detail::format_value(value),
                                       detail::kind_name(key.kind), path));
  }
  values_[key.path] = std::move(value);
  sources_[key.path] = std::move(source);
}

void Config::set_records(const std::string& path, Records records, Source source) {
  const KeySpec& key = spec(path);
  if (key.kind != Kind::records) wrong_kind(key, "records");
  records_[key.path] = std::move(records);
  sources_[key.path] = std::move(source);
}

void Config::set_item_sources(const std::string& path, std::vector<Source> sources) {
  item_sources_[spec(path).path] = std::move(sources);
}

}  // namespace sim::config
