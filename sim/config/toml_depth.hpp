#pragma once
// toml++ builds and frees nested tables recursively, so a key of a hundred thousand dotted parts (or a
// table header nested as deep) overflows the stack inside the library before it can report anything.
// Such a key is found first, from the text alone, and refused like any other error of the file.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sim::config::detail {

// The deepest key a scenario or sweep file may hold; the schema's deepest is four parts.
inline constexpr std::size_t max_key_parts = 64;

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

// Where the first key (of a table header, a key/value pair or an inline table) with more than `max_parts`
// dotted parts starts; nullopt if there is none. Strings and comments are skipped; text that is not valid
// TOML is left to the parser to report.
std::optional<TextPosition> first_too_deep_key(std::string_view text, std::size_t max_parts = max_key_parts);

}  // namespace sim::config::detail
