#include "sim/config/valid_text.hpp"

#include <fmt/core.h>

#include <cstdint>

namespace sim::config::detail {

namespace {

// One step through UTF-8 text: the code point at `at` and its length in bytes, or length 0 when the bytes
// there are not UTF-8 (a stray continuation byte, a truncated or overlong sequence, a surrogate, a value
// above U+10FFFF).
struct Step {
  std::uint32_t code_point = 0;
  std::size_t length = 0;
};

Step decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  std::uint32_t code_point = 0;
  std::uint32_t smallest = 0;  // below this the sequence is overlong
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code_point = lead & 0x1Fu, smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code_point = lead & 0x0Fu, smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code_point = lead & 0x07u, smallest = 0x10000;
  } else {
    return {};
  }
  if (at + length > text.size()) return {};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {};
    code_point = (code_point << 6) | (byte(at + i) & 0x3Fu);
  }
  if (code_point < smallest || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return {};
  return {code_point, length};
}

// C0 controls, DEL and C1 controls.
bool is_control(std::uint32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

}  // namespace

std::string text_problem(std::string_view text) {
  std::size_t position = 1;
  for (std::size_t at = 0; at < text.size(); ++position) {
    const Step step = decode(text, at);
    if (step.length == 0) {
      return fmt::format("byte 0x{:02x} at position {} is not UTF-8", static_cast<unsigned char>(text[at]), position);
    }
    if (is_control(step.code_point)) {
      return fmt::format("control character U+{:04X} at position {}", step.code_point, position);
    }
    at += step.length;
  }
  return {};
}

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const Step step = decode(text, at);
    if (step.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
      ++at;
      continue;
    }
    if (is_control(step.code_point)) {
      out += fmt::format("\\u{:04x}", step.code_point);
    } else {
      out.append(text.substr(at, step.length));
    }
    at += step.length;
  }
  return out;
}

}  // namespace sim::config::detail
