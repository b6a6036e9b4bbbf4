#pragma once
// Internal: what text a value may hold, and how text that breaks the rules is shown in a message.
#include <string>
#include <string_view>

namespace sim::config::detail {

// Why `text` cannot be the text of a value, "" when it can: it must be UTF-8 (names end up in HDF5 labels
// and in Python and R, which refuse anything else) without control characters (a NUL cuts a name short in
// C strings; a line break or an escape sequence garbles a table or a terminal). Positions count characters
// from 1: "byte 0xff at position 4 is not UTF-8", "control character U+0000 at position 8".
std::string text_problem(std::string_view text);

// `text` with each control character written as \u001b and each byte that is not UTF-8 as \xff, so that a
// message showing it is one line of readable text.
std::string escaped(std::string_view text);

}  // namespace sim::config::detail
