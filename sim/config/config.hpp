#pragma once
// A resolved scenario: every key of the schema with its value (from the file, its base files,
// --set overrides or the default) and where that value came from.
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "sim/config/errors.hpp"
#include "sim/config/schema.hpp"
#include "sim/config/value.hpp"

namespace sim::config {

class Config {
 public:
  // Typed access; throws std::logic_error when the path is not in the schema or has another kind
  // (a programming error, not an input error).
  double real(std::string_view path) const;
  std::int64_t integer(std::string_view path) const;
  bool boolean(std::string_view path) const;
  const std::string& string(std::string_view path) const;  // string, choice and path kinds
  Date date(std::string_view path) const;
  const StringList& strings(std::string_view path) const;
  const RealList& reals(std::string_view path) const;
  const Records& records(std::string_view path) const;
  const Source& source(std::string_view path) const;
  // Where item `index` of a list key was written; the key's source when the items' are not known (a
  // default, a Config built by hand).
  const Source& item_source(std::string_view path, std::size_t index) const;
  // Whether the key has a value: false only in a Config of load_report for a key given with an invalid
  // value, or a required key not given.
  bool has(std::string_view path) const;
  const Schema& schema() const { return *schema_; }

  // The resolved scenario as a TOML document: every key with its effective value, defaults included,
  // records written out inline, file paths relative to the working directory (files embed this text:
  // an absolute path would name the machine that wrote them and hold nowhere else). Loading this text
  // again from a file in the working directory gives the same Config.
  std::string to_toml() const;

  // Used by the loader and by tests that build a Config by hand.
  Config(const Schema& schema);
  void set(const std::string& path, Value value, Source source);
  void set_records(const std::string& path, Records records, Source source);
  void set_item_sources(const std::string& path, std::vector<Source> sources);

 private:
  const KeySpec& spec(std::string_view path) const;
  const Schema* schema_;
  std::map<std::string, Value, std::less<>> values_;
  std::map<std::string, Records, std::less<>> records_;
  std::map<std::string, Source, std::less<>> sources_;
  std::map<std::string, std::vector<Source>, std::less<>> item_sources_;
};

// Reads a scenario file (following `base = "other.toml"` chains, relative to the including file),
// applies overrides of the form "key.path=value" in order, fills defaults, and validates everything
// against the schema. Throws InputError holding all errors found (file:line:column, key, expected,
// found, did-you-mean for unknown keys). An unreadable file is an InputError too.
Config load(const Schema& schema, const std::filesystem::path& file,
            std::span<const std::string> overrides = {});

// What load finds, for a caller that goes on checking after errors (a sweep file, whose every problem is
// reported at once): every error, and a Config with the keys whose values are valid (given, or their
// defaults when not given). A key given an invalid value, and a required key not given, have no value
// (Config::has is false), so that the checks that depend on them can be skipped rather than misled.
struct LoadReport {
  Config config;
  std::vector<Error> errors;
};
LoadReport load_report(const Schema& schema, const std::filesystem::path& file,
                       std::span<const std::string> overrides = {});

// Same, from TOML text (for tests); `name` is used as the file name in errors, relative paths resolve
// against `directory`.
Config load_string(const Schema& schema, std::string_view toml_text, const std::string& name,
                   const std::filesystem::path& directory, std::span<const std::string> overrides = {});

// The config reference as Markdown: one section per top-level table, one row per key with kind,
// default, unit, valid range and description; records keys list their fields.
std::string reference_markdown(const Schema& schema);

}  // namespace sim::config
