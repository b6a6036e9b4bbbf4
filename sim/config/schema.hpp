#pragma once
// The declaration of every scenario key: its kind, default, unit, valid range and meaning.
// Sub-models declare their keys here; the loader validates files against it and the config
// reference (docs/config.md) is generated from it.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/value.hpp"

namespace sim::config {

enum class Kind {
  real,         // double; integers in the file are accepted
  integer,      // int64; a float in the file is an error
  boolean,      // true/false (in CSV also 1/0)
  choice,       // a string from `choices`
  string,       // free text
  date,         // TOML local date 2023-01-01 (or the same text in --set)
  path,         // file path, resolved relative to the file that sets it (to the working dir for --set)
  string_list,  // TOML array of strings; in CSV a ';'-separated list
  real_list,    // TOML array of numbers, each within the key's range; in CSV a ';'-separated list
  records,      // an array of tables (inline), or a table { file = "x.csv" }; fields per `fields`
};

struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool min_exclusive = false;
  bool max_exclusive = false;
};

// A column of a records key. A dotted name "set.rate" is the field `rate` of the sub-table `set` of a
// row: in TOML `set = { rate = 0.1 }` (or `set.rate = 0.1`, or a [key.set] table), in CSV the column
// "set.rate". Accessors (Records::real etc.) take the full dotted name.
struct FieldSpec {
  std::string name{};
  Kind kind = Kind::real;               // real, integer, boolean, choice, string, date, string_list or real_list
  std::string unit{};                     // "" for dimensionless text fields
  std::string description{};
  Range range{};
  std::vector<std::string> choices{};   // for Kind::choice
  bool required = true;
  std::vector<std::string> aliases{};   // other accepted CSV header names (e.g. "gdp_2022" for "gdp")
};

struct KeySpec {
  std::string path{};                     // "market.trade_cost_per_1000km"
  Kind kind = Kind::real;
  Value default_value{};                // monostate: required key (records keys have no default; see `required`)
  std::string unit{};                     // "1", "1/year", "km", "1e8 CNY", ...
  std::string description{};              // one or two sentences: what it means and what it acts on
  Range range{};
  std::vector<std::string> choices{};   // for Kind::choice
  std::vector<FieldSpec> fields{};      // for Kind::records
  // For Kind::records only (false on another kind is a programming error): an optional records key may
  // be absent or an empty array `key = []`, both giving zero rows; a required one needs at least one row.
  bool required = true;
};

class Schema {
 public:
  // Throws std::logic_error on a duplicate path or a default outside its own range (a programming error).
  void add(KeySpec spec);
  const KeySpec* find(std::string_view path) const;  // nullptr when unknown
  const std::vector<KeySpec>& keys() const { return keys_; }  // in declaration order

 private:
  std::vector<KeySpec> keys_;
};

}  // namespace sim::config
