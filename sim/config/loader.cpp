// load / load_string: the base-file chain, the walk over a document's keys, --set overrides and defaults.
#include <fmt/core.h>

#include <map>
#include <set>

#include "sim/config/config.hpp"
#include "sim/config/convert.hpp"
#include "sim/config/records.hpp"
#include "sim/config/suggest.hpp"
#include "sim/config/text_file.hpp"
#include "sim/config/toml_depth.hpp"

namespace sim::config {

namespace {

// The longest chain of base files a scenario may have (the project's longest is three).
constexpr std::size_t max_base_files = 64;

using detail::Diagnostics;
using detail::NodeContext;
using detail::ValueSpec;

struct Setting {
  Value value;
  Records records;
  Source source;
  std::vector<Source> item_sources{};  // of a list given in a file
};

class Loader {
 public:
  explicit Loader(const Schema& schema) : schema_(schema) {}

  // Reads and loads a scenario file; `referenced_from` is the `base = ...` value that named it, if any.
  void load_file(const std::filesystem::path& file, const Source* referenced_from) {
    const std::string name = file.string();
    std::string text;
    std::string problem;
    if (!read_text_file(file, text, problem)) {
      incomplete_ = true;
      if (referenced_from != nullptr) {
        diagnostics_.add(*referenced_from, "base", "a readable file", fmt::format("{} ({})", detail::quote(name), problem));
      } else {
        diagnostics_.file(name);
        diagnostics_.add(Source{name, 0, 0}, "", "a readable file", fmt::format("{} ({})", detail::quote(name), problem));
      }
      return;
    }
    load_text(text, name, file.parent_path(), identity(file));
  }

  void load_text(std::string_view text, const std::string& name, const std::filesystem::path& directory,
                 const std::string& identity) {
    diagnostics_.file(name);
    if (top_file_.empty()) top_file_ = name;
    if (const auto deep = detail::first_too_deep_key(text)) {
      incomplete_ = true;
      diagnostics_.add(Source{name, deep->line, deep->column}, "",
                       fmt::format("valid TOML with keys of at most {} parts", detail::max_key_parts),
                       fmt::format("a key or table header of more than {} dotted parts", detail::max_key_parts));
      return;
    }
    toml::table document;
    try {
      document = toml::parse(text, std::string_view(name));
    } catch (const toml::parse_error& error) {
      incomplete_ = true;
      const auto& begin = error.source().begin;
      diagnostics_.add(Source{name, static_cast<int>(begin.line), static_cast<int>(begin.column)}, "", "valid TOML",
                       std::string(error.description()));
      return;
    }
    chain_.push_back({identity, name});
    const NodeContext context{name, directory, text, {}};
    if (const toml::node* base = document.get("base")) load_base(*base, context);
    walk(document, "", context);
    chain_.pop_back();
  }

  void apply_overrides(std::span<const std::string> overrides) {
    if (overrides.empty()) return;
    diagnostics_.file("--set");
    for (const std::string& text : overrides) apply_override(text);
  }

  void fill_defaults() {
    for (const KeySpec& spec : schema_.keys()) {
      // A key that was given but invalid has its error already.
      if (settings_.count(spec.path) != 0 || given_.count(spec.path) != 0) continue;
      if (spec.kind != Kind::records && !std::holds_alternative<std::monostate>(spec.default_value)) {
        Value value = spec.default_value;
        if (spec.kind == Kind::path && !std::get<std::string>(value).empty()) {
          // Like paths from --set, a default path is relative to the working directory; an empty
          // default means "no file".
          std::error_code error;
          value = detail::resolve_path(std::filesystem::current_path(error), std::get<std::string>(value));
        }
        settings_[spec.path] = Setting{std::move(value), {}, Source{}};
        continue;
      }
      if (spec.kind == Kind::records && !spec.required) {
        Records none;
        none.field_names = detail::field_names(spec);
        none.origin = "none";
        settings_[spec.path] = Setting{{}, std::move(none), Source{}};
        continue;
      }
      if (incomplete_) continue;  // the key may be in the file that could not be read
      std::string hint;
      if (spec.kind == Kind::records) {
        hint = fmt::format("add [[{0}]] tables, or {0} = {{ file = \"{1}.csv\" }}", spec.path, spec.path);
      }
      diagnostics_.add(Source{top_file_, 0, 0}, spec.path,
                       spec.kind == Kind::records ? std::string("at least one row")
                                                  : detail::expected_text(ValueSpec::of(spec)),
                       "nothing (the key is required)", hint);
    }
  }

  Config finish() {
    if (diagnostics_.count() > 0) throw InputError(diagnostics_.sorted());
    return valid_part();
  }

  LoadReport report() {
    std::vector<Error> errors = diagnostics_.count() > 0 ? diagnostics_.sorted() : std::vector<Error>{};
    return LoadReport{valid_part(), std::move(errors)};
  }

 private:
  // The keys with valid values (every key when there is no error).
  Config valid_part() {
    Config config(schema_);
    for (auto& [path, setting] : settings_) {
      if (schema_.find(path)->kind == Kind::records) {
        config.set_records(path, std::move(setting.records), setting.source);
      } else {
        config.set(path, std::move(setting.value), setting.source);
        if (!setting.item_sources.empty()) config.set_item_sources(path, std::move(setting.item_sources));
      }
    }
    return config;
  }

  static std::string identity(const std::filesystem::path& file) {
    std::error_code error;
    auto canonical = std::filesystem::weakly_canonical(file, error);
    if (error) canonical = std::filesystem::absolute(file, error).lexically_normal();
    return canonical.string();
  }

  void load_base(const toml::node& node, const NodeContext& context) {
    const auto* name = node.as_string();
    if (name == nullptr || detail::trim(name->get()).empty()) {
      diagnostics_.add(context.source_of(node), "base", "the path of a base scenario file (a string)",
                       name ? std::string("an empty string") : context.found(node));
      return;
    }
    std::filesystem::path file(name->get());
    if (file.is_relative()) file = context.directory / file;
    file = file.lexically_normal();
    const Source referenced_from = context.source_of(node);
    const std::string id = identity(file);
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i].first != id) continue;
      std::string cycle;
      for (std::size_t j = i; j < chain_.size(); ++j) cycle += chain_[j].second + " -> ";
      cycle += file.string();
      diagnostics_.add(referenced_from, "base", "a base file that does not lead back to this file",
                       "a cycle: " + cycle);
      return;
    }
    // Each base file is read inside the one naming it; thousands deep would exhaust the stack.
    if (chain_.size() >= max_base_files) {
      diagnostics_.add(referenced_from, "base", fmt::format("a chain of at most {} files", max_base_files),
                       fmt::format("a base beyond the {}th file: {}", max_base_files, detail::quote(file.string())));
      return;
    }
    load_file(file, &referenced_from);
  }

  void walk(const toml::table& table, const std::string& prefix, const NodeContext& context) {
    for (auto&& [name, node] : table) {
      const std::string path = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
      if (prefix.empty() && path == "base") continue;
      const Source key_source = name.source().begin.line > 0
                                    ? Source{context.file, static_cast<int>(name.source().begin.line),
                                             static_cast<int>(name.source().begin.column)}
                                    : context.source_of(node);
      if (const KeySpec* spec = schema_.find(path)) {
        set_from_node(*spec, node, context);
      } else if (detail::is_table(schema_, path)) {
        if (const auto* sub = node.as_table()) {
          walk(*sub, path, context);
        } else {
          diagnostics_.add(context.source_of(node), path, fmt::format("a table [{}]", path), context.found(node),
                           fmt::format("set its keys, e.g. {} = ...", first_key_under(path)));
        }
      } else if (node.is_table()) {
        diagnostics_.add(key_source, path, "a table of the scenario schema", "an unknown table",
                         detail::did_you_mean(detail::suggest_key(schema_, path)));
      } else {
        diagnostics_.add(key_source, path, "a key of the scenario schema", "an unknown key",
                         detail::did_you_mean(detail::suggest_key(schema_, path)));
      }
    }
  }

  std::string first_key_under(const std::string& table) const {
    for (const KeySpec& spec : schema_.keys()) {
      if (spec.path.compare(0, table.size() + 1, table + ".") == 0) return spec.path;
    }
    return table;
  }

  void set_from_node(const KeySpec& spec, const toml::node& node, const NodeContext& context) {
    given_.insert(spec.path);
    if (spec.kind == Kind::records) {
      if (auto records = detail::convert_records(node, spec, context, diagnostics_)) {
        settings_[spec.path] = Setting{{}, std::move(*records), context.source_of(node)};
      }
      return;
    }
    if (node.is_table()) {
      diagnostics_.add(context.source_of(node), spec.path, detail::expected_text(ValueSpec::of(spec)), "a table",
                       fmt::format("'{}' is a single value, not a table", spec.path));
      return;
    }
    std::vector<Source> item_sources;
    if (auto value = detail::convert_node(node, ValueSpec::of(spec), spec.path, context, diagnostics_, &item_sources)) {
      settings_[spec.path] = Setting{std::move(*value), {}, context.source_of(node), std::move(item_sources)};
    }
  }

  void apply_override(const std::string& text) {
    const Source source{"--set", 0, 0};
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos) {
      diagnostics_.add(source, "", "key.path=value", detail::quote(text), "an override needs '='");
      return;
    }
    const std::string path = detail::trim(std::string_view(text).substr(0, equals));
    const std::string raw = detail::trim(std::string_view(text).substr(equals + 1));
    const KeySpec* spec = schema_.find(path);
    if (spec == nullptr) {
      if (!path.empty() && detail::is_table(schema_, path)) {
        diagnostics_.add(source, path, "a key of the scenario schema", "a table",
                         fmt::format("set one of its keys, e.g. {}=...", first_key_under(path)));
      } else {
        diagnostics_.add(source, path.empty() ? detail::quote(path) : path, "a key of the scenario schema",
                         "an unknown key", detail::did_you_mean(detail::suggest_key(schema_, path)));
      }
      return;
    }
    if (spec->kind == Kind::records) {
      diagnostics_.add(source, path, "a key that is not a records key", "a records key",
                       "a records key cannot be set from the command line");
      return;
    }
    given_.insert(path);
    std::error_code error;
    const NodeContext context{"--set", std::filesystem::current_path(error), {}, raw};
    const bool text_kind = spec->kind == Kind::string || spec->kind == Kind::choice || spec->kind == Kind::path;
    const std::string document = "v = " + raw;
    toml::table parsed;
    bool ok = false;
    try {
      // A key nested too deep for toml++ (see toml_depth.hpp) is no value of any key.
      if (!detail::first_too_deep_key(document)) {
        parsed = toml::parse(document, std::string_view("--set"));
        ok = parsed.size() == 1 && parsed.contains("v");
      }
    } catch (const toml::parse_error&) {
      ok = false;
    }
    const toml::node* node = ok ? parsed.get("v") : nullptr;
    if (text_kind && (node == nullptr || !node->is_string())) {
      // Plain text is accepted without TOML quotes.
      const toml::value<std::string> as_text(raw);
      if (auto value = detail::convert_node(as_text, ValueSpec::of(*spec), path, context, diagnostics_)) {
        settings_[path] = Setting{std::move(*value), {}, source};
      }
      return;
    }
    if (node == nullptr) {
      std::string hint;
      if (spec->kind == Kind::string_list) hint = "write a list as [\"a\", \"b\"]";
      if (spec->kind == Kind::real_list) hint = "write a list as [0.1, 0.2]";
      diagnostics_.add(source, path, detail::expected_text(ValueSpec::of(*spec)),
                       raw.empty() ? std::string("nothing") : raw, hint);
      return;
    }
    if (auto value = detail::convert_node(*node, ValueSpec::of(*spec), path, context, diagnostics_)) {
      settings_[path] = Setting{std::move(*value), {}, source};
    }
  }

  const Schema& schema_;
  Diagnostics diagnostics_;
  std::map<std::string, Setting> settings_;
  std::set<std::string> given_;  // keys set anywhere, valid or not
  std::vector<std::pair<std::string, std::string>> chain_;  // identity and name of the files being loaded
  std::string top_file_;
  bool incomplete_ = false;
};

}  // namespace

Config load(const Schema& schema, const std::filesystem::path& file, std::span<const std::string> overrides) {
  Loader loader(schema);
  loader.load_file(file, nullptr);
  loader.apply_overrides(overrides);
  loader.fill_defaults();
  return loader.finish();
}

LoadReport load_report(const Schema& schema, const std::filesystem::path& file,
                       std::span<const std::string> overrides) {
  Loader loader(schema);
  loader.load_file(file, nullptr);
  loader.apply_overrides(overrides);
  loader.fill_defaults();
  return loader.report();
}

Config load_string(const Schema& schema, std::string_view toml_text, const std::string& name,
                   const std::filesystem::path& directory, std::span<const std::string> overrides) {
  Loader loader(schema);
  std::error_code error;
  std::filesystem::path identity = std::filesystem::weakly_canonical(directory / name, error);
  if (error) identity = directory / name;
  loader.load_text(toml_text, name, directory, identity.string());
  loader.apply_overrides(overrides);
  loader.fill_defaults();
  return loader.finish();
}

}  // namespace sim::config
