#include "sim/config/convert.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>

#include "sim/config/suggest.hpp"
#include "sim/config/valid_text.hpp"

namespace sim::config::detail {

void Diagnostics::file(const std::string& name) {
  if (std::find(files.begin(), files.end(), name) == files.end()) files.push_back(name);
}

void Diagnostics::add(Source source, std::string key, std::string expected, std::string found, std::string hint) {
  if (errors.size() >= max_errors) {
    ++not_kept;
    return;
  }
  errors.push_back(Error{std::move(source), std::move(key), std::move(expected), std::move(found), std::move(hint)});
}

std::vector<Error> Diagnostics::sorted() const {
  const auto file_rank = [&](const Error& error) {
    return static_cast<std::size_t>(std::find(files.begin(), files.end(), error.source.file) - files.begin());
  };
  const auto line_rank = [](const Error& error) { return error.source.line > 0 ? error.source.line : INT_MAX; };
  std::vector<Error> out = errors;
  std::stable_sort(out.begin(), out.end(), [&](const Error& a, const Error& b) {
    const auto ka = std::make_tuple(file_rank(a), line_rank(a), a.source.column);
    const auto kb = std::make_tuple(file_rank(b), line_rank(b), b.source.column);
    return ka < kb;
  });
  if (not_kept > 0) {
    out.push_back(Error{Source{files.empty() ? std::string() : files.front(), 0, 0}, "",
                        fmt::format("at most {} errors in one report", max_errors), fmt::format("{} more", not_kept),
                        "correct the errors above and check again"});
  }
  return out;
}

Source NodeContext::source_of(const toml::node& node) const {
  if (is_override()) return Source{file, 0, 0};
  const auto& begin = node.source().begin;
  return Source{file, static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

namespace {

// Byte offset of 1-based code point column `column` in `line`.
std::size_t byte_offset(std::string_view line, std::size_t column) {
  std::size_t offset = 0;
  for (std::size_t seen = 1; offset < line.size(); ++offset) {
    const auto byte = static_cast<unsigned char>(line[offset]);
    if ((byte & 0xC0) == 0x80) continue;
    if (seen == column) return offset;
    ++seen;
  }
  return line.size();
}

std::string_view line_of(std::string_view text, std::size_t number) {
  std::size_t start = 0;
  for (std::size_t line = 1; line < number; ++line) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  const std::size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::string format_node(const toml::node& node) {
  if (const auto* s = node.as_string()) return quote(s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return format_real(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* d = node.as_date()) {
    return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
  }
  if (node.is_time()) return "a time";
  if (node.is_date_time()) return "a date and time";
  if (node.is_table()) return "a table";
  if (node.is_array()) return "an array";
  return "a value";
}

std::optional<double> parse_real(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = parse_integer(text.substr(0, 4));
  const auto month = parse_integer(text.substr(5, 2));
  const auto day = parse_integer(text.substr(8, 2));
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31) return std::nullopt;
  const Date date{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{static_cast<unsigned>(*month)},
                  std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// A hint for a value of the wrong type that is close to what was meant.
std::string type_hint(const toml::node& node, const ValueSpec& spec) {
  if (const auto* s = node.as_string()) {
    const std::string text = trim(s->get());
    switch (spec.kind) {
      case Kind::real:
      case Kind::integer:
        if (parse_real(text)) return "write the number without quotes";
        break;
      case Kind::boolean:
        if (text == "true" || text == "false") return "write true or false without quotes";
        break;
      case Kind::date:
        if (parse_date(text)) return "write the date without quotes: " + text;
        break;
      case Kind::string_list: return fmt::format("write a list as [{}]", quote(text));
      default: break;
    }
  }
  if (spec.kind == Kind::date && node.is_date_time()) return "write only the date, without a time";
  return {};
}

// The text of a string, choice, path or string-list item must be UTF-8 without control characters; a name
// (a string, or an item of a string list: every one names a region, an industry, a key or a variable) must
// also not be blank. Adds an error and returns false when it breaks a rule.
bool acceptable_text(std::string_view text, bool is_name, const Source& source, const std::string& key,
                     Diagnostics& diagnostics) {
  const std::string problem = text_problem(text);
  if (!problem.empty()) {
    diagnostics.add(source, key, "text in UTF-8 without control characters", fmt::format("{} ({})", quote(text), problem));
    return false;
  }
  if (is_name && trim(text).empty()) {
    diagnostics.add(source, key, "a name (text that is not blank)", text.empty() ? "an empty string" : quote(text));
    return false;
  }
  return true;
}

}  // namespace

std::string NodeContext::written(const toml::node& node) const {
  if (is_override()) return std::string(raw);
  const auto& region = node.source();
  if (!text.empty() && region.begin.line > 0 && region.begin.line == region.end.line &&
      region.end.column > region.begin.column) {
    const std::string_view line = line_of(text, region.begin.line);
    const std::size_t from = byte_offset(line, region.begin.column);
    const std::size_t to = byte_offset(line, region.end.column);
    if (from < to) return trim(line.substr(from, to - from));
  }
  return format_node(node);
}

std::string NodeContext::found(const toml::node& node) const {
  if (node.is_string()) return "the string " + written(node);
  if (node.is_table()) return "a table";
  if (node.is_array()) {
    const std::string text = written(node);
    return text.size() <= 40 && text.front() == '[' ? "the array " + text : std::string("an array");
  }
  return written(node);
}

std::string resolve_path(const std::filesystem::path& directory, std::string_view path) {
  std::filesystem::path resolved(path);
  if (resolved.is_relative()) resolved = directory / resolved;
  std::error_code error;
  std::filesystem::path absolute = std::filesystem::absolute(resolved, error);
  if (!error) resolved = absolute;
  return resolved.lexically_normal().string();
}

std::optional<Value> convert_node(const toml::node& node, const ValueSpec& spec, const std::string& key,
                                  const NodeContext& context, Diagnostics& diagnostics,
                                  std::vector<Source>* item_sources) {
  const std::string expected = expected_text(spec);
  const auto wrong_type = [&]() -> std::optional<Value> {
    diagnostics.add(context.source_of(node), key, expected, context.found(node), type_hint(node, spec));
    return std::nullopt;
  };
  const auto check_range = [&](double number, Value value) -> std::optional<Value> {
    if (spec.range != nullptr && !in_range(*spec.range, number)) {
      diagnostics.add(context.source_of(node), key, expected, context.written(node));
      return std::nullopt;
    }
    return value;
  };

  switch (spec.kind) {
    case Kind::real: {
      double number = 0;
      if (const auto* i = node.as_integer()) {
        number = static_cast<double>(i->get());
      } else if (const auto* f = node.as_floating_point()) {
        number = f->get();
        if (!std::isfinite(number)) {
          diagnostics.add(context.source_of(node), key, expected, context.written(node), "NaN and infinity are not allowed");
          return std::nullopt;
        }
      } else {
        return wrong_type();
      }
      return check_range(number, number);
    }
    case Kind::integer: {
      if (const auto* f = node.as_floating_point()) {
        const double number = f->get();
        std::string hint = "an integer has no decimal point or exponent";
        if (std::isfinite(number) && number == std::trunc(number) && std::abs(number) < 1e15) {
          hint = fmt::format("write {} without the decimal point", static_cast<std::int64_t>(number));
        }
        diagnostics.add(context.source_of(node), key, expected, context.written(node), hint);
        return std::nullopt;
      }
      const auto* i = node.as_integer();
      if (i == nullptr) return wrong_type();
      if (spec.range != nullptr && !in_integer_range(*spec.range, i->get())) {
        diagnostics.add(context.source_of(node), key, expected, context.written(node));
        return std::nullopt;
      }
      return Value{i->get()};
    }
    case Kind::boolean: {
      const auto* b = node.as_boolean();
      if (b == nullptr) return wrong_type();
      return Value{b->get()};
    }
    case Kind::choice: {
      const auto* s = node.as_string();
      if (s == nullptr) return wrong_type();
      if (!acceptable_text(s->get(), false, context.source_of(node), key, diagnostics)) return std::nullopt;
      const std::vector<std::string>& choices = *spec.choices;
      if (std::find(choices.begin(), choices.end(), s->get()) == choices.end()) {
        diagnostics.add(context.source_of(node), key, expected, quote(s->get()), did_you_mean(nearest(s->get(), choices)));
        return std::nullopt;
      }
      return Value{std::string(s->get())};
    }
    case Kind::string: {
      const auto* s = node.as_string();
      if (s == nullptr) return wrong_type();
      if (!acceptable_text(s->get(), true, context.source_of(node), key, diagnostics)) return std::nullopt;
      return Value{std::string(s->get())};
    }
    case Kind::date: {
      const auto* d = node.as_date();
      if (d == nullptr) return wrong_type();
      const toml::date& date = d->get();
      return Value{Date{std::chrono::year{date.year}, std::chrono::month{date.month}, std::chrono::day{date.day}}};
    }
    case Kind::path: {
      const auto* s = node.as_string();
      if (s == nullptr) return wrong_type();
      if (!acceptable_text(s->get(), false, context.source_of(node), key, diagnostics)) return std::nullopt;
      if (trim(s->get()).empty()) {
        diagnostics.add(context.source_of(node), key, expected, "an empty string");
        return std::nullopt;
      }
      return Value{resolve_path(context.directory, s->get())};
    }
    case Kind::string_list: {
      const auto* array = node.as_array();
      if (array == nullptr) return wrong_type();
      StringList list;
      bool ok = true;
      for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& item = *array->get(i);
        if (item_sources != nullptr) item_sources->push_back(context.source_of(item));
        if (const auto* s = item.as_string()) {
          if (acceptable_text(s->get(), true, context.source_of(item), fmt::format("{}[{}]", key, i), diagnostics)) {
            list.emplace_back(s->get());
          } else {
            ok = false;
          }
        } else {
          // Inside a --set value the whole text is all we have.
          diagnostics.add(context.source_of(item), fmt::format("{}[{}]", key, i), "a string",
                          context.is_override() ? format_node(item) : context.found(item));
          ok = false;
        }
      }
      if (!ok) return std::nullopt;
      return Value{std::move(list)};
    }
    case Kind::real_list: {
      const auto* array = node.as_array();
      if (array == nullptr) return wrong_type();
      RealList list;
      bool ok = true;
      for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& item = *array->get(i);
        if (item_sources != nullptr) item_sources->push_back(context.source_of(item));
        double number = 0;
        if (const auto* n = item.as_integer()) {
          number = static_cast<double>(n->get());
        } else if (const auto* f = item.as_floating_point()) {
          number = f->get();
        } else {
          diagnostics.add(context.source_of(item), fmt::format("{}[{}]", key, i), expected,
                          context.is_override() ? format_node(item) : context.found(item));
          ok = false;
          continue;
        }
        if (!std::isfinite(number) || (spec.range != nullptr && !in_range(*spec.range, number))) {
          diagnostics.add(context.source_of(item), fmt::format("{}[{}]", key, i), expected, format_node(item));
          ok = false;
          continue;
        }
        list.push_back(number);
      }
      if (!ok) return std::nullopt;
      return Value{std::move(list)};
    }
    case Kind::records: break;
  }
  return wrong_type();
}

std::optional<Value> convert_cell(std::string_view cell, const ValueSpec& spec, const std::string& key,
                                  const Source& source, Diagnostics& diagnostics) {
  const std::string expected = expected_text(spec, true);
  const std::string text = spec.kind == Kind::string ? std::string(cell) : trim(cell);
  if (spec.kind == Kind::string_list) {
    StringList list;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t semicolon = std::min(text.find(';', start), text.size());
      std::string item = trim(std::string_view(text).substr(start, semicolon - start));
      start = semicolon + 1;
      if (item.empty()) continue;
      if (!acceptable_text(item, true, source, key, diagnostics)) return std::nullopt;
      list.push_back(std::move(item));
    }
    return Value{std::move(list)};
  }
  if (spec.kind == Kind::real_list) {
    RealList list;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t semicolon = std::min(text.find(';', start), text.size());
      const std::string item = trim(std::string_view(text).substr(start, semicolon - start));
      start = semicolon + 1;
      if (item.empty()) continue;
      const auto number = parse_real(item);
      if (!number || !std::isfinite(*number) || (spec.range != nullptr && !in_range(*spec.range, *number))) {
        diagnostics.add(source, key, expected, quote(item));
        return std::nullopt;
      }
      list.push_back(*number);
    }
    return Value{std::move(list)};
  }
  if (text.empty()) return Value{};

  const auto bad = [&](std::string found, std::string hint = {}) -> std::optional<Value> {
    diagnostics.add(source, key, expected, std::move(found), std::move(hint));
    return std::nullopt;
  };
  const auto number_hint = [&]() -> std::string {
    if (text.find(',') != std::string::npos) return "write numbers without thousands separators";
    return {};
  };
  switch (spec.kind) {
    case Kind::real: {
      const auto number = parse_real(text);
      if (!number) return bad(quote(text), number_hint());
      if (!std::isfinite(*number)) return bad(text, "NaN and infinity are not allowed");
      if (spec.range != nullptr && !in_range(*spec.range, *number)) return bad(text);
      return Value{*number};
    }
    case Kind::integer: {
      const auto number = parse_integer(text);
      if (!number) {
        if (parse_real(text)) return bad(text, "an integer has no decimal point or exponent");
        return bad(quote(text), number_hint());
      }
      if (spec.range != nullptr && !in_integer_range(*spec.range, *number)) return bad(text);
      return Value{*number};
    }
    case Kind::boolean: {
      const std::string lower = lowercase(text);
      if (lower == "true" || lower == "1") return Value{true};
      if (lower == "false" || lower == "0") return Value{false};
      return bad(quote(text));
    }
    case Kind::choice: {
      if (!acceptable_text(text, false, source, key, diagnostics)) return std::nullopt;
      const std::vector<std::string>& choices = *spec.choices;
      if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
        return bad(quote(text), did_you_mean(nearest(text, choices)));
      }
      return Value{text};
    }
    case Kind::string:
      if (!acceptable_text(text, true, source, key, diagnostics)) return std::nullopt;
      return Value{text};
    case Kind::date: {
      const auto date = parse_date(text);
      if (!date) return bad(quote(text));
      return Value{*date};
    }
    case Kind::path:
      if (!acceptable_text(text, false, source, key, diagnostics)) return std::nullopt;
      return Value{text};
    case Kind::string_list:
    case Kind::real_list:
    case Kind::records: break;
  }
  return bad(quote(text));
}

}  // namespace sim::config::detail
