#include "sim/config/toml_depth.hpp"

#include <vector>

namespace sim::config::detail {

namespace {

// The offset just past the string that starts at `begin` (a basic or literal string, one-line or
// multi-line), or the end of the text if it is not closed.
std::size_t end_of_string(std::string_view text, std::size_t begin) {
  const char quote = text[begin];
  const bool escapes = quote == '"';
  const std::string_view triple = quote == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
  if (text.substr(begin, 3) == triple) {
    for (std::size_t i = begin + 3; i < text.size(); ++i) {
      if (escapes && text[i] == '\\') {
        ++i;
      } else if (text.substr(i, 3) == triple) {
        return i + 3;
      }
    }
    return text.size();
  }
  for (std::size_t i = begin + 1; i < text.size(); ++i) {
    if (escapes && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote || text[i] == '\n') {
      return i + 1;
    }
  }
  return text.size();
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition position;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

}  // namespace

std::optional<TextPosition> first_too_deep_key(std::string_view text, std::size_t max_parts) {
  std::vector<char> open;    // containers of the value being read: '[' an array, '{' an inline table
  bool in_key = true;        // reading a key: from a line's start at top level, after '{' or ',' in a table
  bool line_start = true;    // nothing but blanks since the line began (a '[' there opens a table header)
  bool in_header = false;
  std::size_t parts = 1;
  std::size_t key_start = 0;
  const auto start_key = [&](std::size_t at) {
    in_key = true;
    parts = 1;
    key_start = at;
  };
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      line_start = false;
      i = end_of_string(text, i);
      continue;
    }
    if (c == '\n') {
      if (open.empty()) {
        start_key(i + 1);
        in_header = false;
      }
      line_start = true;
      ++i;
      continue;
    }
    const bool blank = c == ' ' || c == '\t' || c == '\r';
    if (in_key) {
      if (blank && i == key_start) {
        key_start = i + 1;  // the key begins at its first character
      } else if (c == '[' && line_start && open.empty()) {
        in_header = true;
        key_start = i;
      } else if (c == '.') {
        if (++parts > max_parts) return position_of(text, key_start);
      } else if (c == '=' && !in_header) {
        in_key = false;
      } else if (c == ']' && in_header) {
        in_header = false;
        in_key = false;
      } else if (c == '}' && !open.empty() && open.back() == '{') {
        open.pop_back();
        in_key = false;
      }
    } else if (c == '[' || c == '{') {
      open.push_back(c);
      if (c == '{') start_key(i + 1);
    } else if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
    } else if (c == ',' && !open.empty() && open.back() == '{') {
      start_key(i + 1);
    }
    if (!blank) line_start = false;
    ++i;
  }
  return std::nullopt;
}

}  // namespace sim::config::detail
