#include "sim/config/value.hpp"

#include <fmt/core.h>

#include <stdexcept>

namespace sim::config {

std::string Source::describe() const {
  if (file.empty()) return "(default)";
  if (file == "--set") return "--set";
  if (line <= 0) return file;
  return fmt::format("{}:{}:{}", file, line, column);
}

std::size_t Records::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < field_names.size(); ++i) {
    if (field_names[i] == name) return i;
  }
  throw std::logic_error(fmt::format("records: no field '{}'", name));
}

namespace {

template <typename T>
const T& field_as(const Records& records, std::size_t row, std::string_view field, const char* what) {
  const std::size_t index = records.field_index(field);
  if (row >= records.rows.size()) {
    throw std::logic_error(fmt::format("records: row {} out of range ({} rows)", row, records.rows.size()));
  }
  const Value& value = records.rows[row].fields.at(index);
  if (const T* typed = std::get_if<T>(&value)) return *typed;
  throw std::logic_error(fmt::format("records: field '{}' of row {} is not {}", field, row, what));
}

}  // namespace

double Records::real(std::size_t row, std::string_view field) const {
  return field_as<double>(*this, row, field, "a real number");
}

std::int64_t Records::integer(std::size_t row, std::string_view field) const {
  return field_as<std::int64_t>(*this, row, field, "an integer");
}

bool Records::boolean(std::size_t row, std::string_view field) const {
  return field_as<bool>(*this, row, field, "a boolean");
}

const std::string& Records::string(std::size_t row, std::string_view field) const {
  return field_as<std::string>(*this, row, field, "a string");
}

Date Records::date(std::size_t row, std::string_view field) const {
  return field_as<Date>(*this, row, field, "a date");
}

const StringList& Records::strings(std::size_t row, std::string_view field) const {
  return field_as<StringList>(*this, row, field, "a string list");
}

const RealList& Records::reals(std::size_t row, std::string_view field) const {
  return field_as<RealList>(*this, row, field, "a list of real numbers");
}

bool Records::has(std::size_t row, std::string_view field) const {
  const std::size_t index = field_index(field);
  if (row >= rows.size()) {
    throw std::logic_error(fmt::format("records: row {} out of range ({} rows)", row, rows.size()));
  }
  return !std::holds_alternative<std::monostate>(rows[row].fields.at(index));
}

const Source& Records::source(std::size_t row, std::string_view field) const {
  const std::size_t index = field_index(field);
  if (row >= rows.size()) {
    throw std::logic_error(fmt::format("records: row {} out of range ({} rows)", row, rows.size()));
  }
  return rows[row].sources.at(index);
}

}  // namespace sim::config
