#pragma once
// Internal: converting one TOML value or one CSV cell to a Value of a kind, with range checks.
#include <toml++/toml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/errors.hpp"
#include "sim/config/text.hpp"

namespace sim::config::detail {

// The errors found so far and the order in which their files were first read.
struct Diagnostics {
  // Errors kept for the report; beyond them only a count. A file of millions of bad lines would otherwise
  // fill memory with messages nobody reads.
  static constexpr std::size_t max_errors = max_reported_errors;

  std::vector<Error> errors;
  std::vector<std::string> files;
  std::size_t not_kept = 0;  // errors found beyond max_errors

  void file(const std::string& name);
  void add(Source source, std::string key, std::string expected, std::string found, std::string hint = {});
  std::size_t count() const { return errors.size() + not_kept; }  // every error found
  // Errors ordered by file (in the order files were read), then line and column; errors that name no
  // position (a missing key) come last within their file. A last line counts the errors not kept.
  std::vector<Error> sorted() const;
};

// Where the TOML values being converted come from.
struct NodeContext {
  std::string file;                // name used in errors, or "--set"
  std::filesystem::path directory;  // relative paths resolve against this
  std::string_view text;           // the document text (for values "as written"); empty for --set
  std::string_view raw;            // for --set: the value text as given

  bool is_override() const { return file == "--set"; }
  Source source_of(const toml::node& node) const;
  // The value as written in the input: "1.5", "\"abc\"", or the --set text.
  std::string written(const toml::node& node) const;
  // "the string \"abc\"", "a table", "2.5", ...: how an unexpected value is described.
  std::string found(const toml::node& node) const;
};

// A relative path made absolute against `directory` (itself relative to the working directory),
// lexically normal.
std::string resolve_path(const std::filesystem::path& directory, std::string_view path);

// Converts a TOML value to `spec`'s kind; adds an error (naming `key`) and returns nothing if it does
// not fit. Records are not handled here. For a list, `item_sources` (when given) receives where each item
// was written.
std::optional<Value> convert_node(const toml::node& node, const ValueSpec& spec, const std::string& key,
                                  const NodeContext& context, Diagnostics& diagnostics,
                                  std::vector<Source>* item_sources = nullptr);

// Converts the text of a CSV cell (already unquoted) to `spec`'s kind. An empty cell gives monostate
// (the caller decides whether the field may be absent); a string list cell gives an empty list.
std::optional<Value> convert_cell(std::string_view cell, const ValueSpec& spec, const std::string& key,
                                  const Source& source, Diagnostics& diagnostics);

}  // namespace sim::config::detail
