#include "sim/run/set_keys.hpp"

#include <fmt/format.h>

#include <vector>

#include "sim/config/text.hpp"

namespace sim {

std::string keys_set_by_scenario(const config::Config& config, std::size_t most) {
  std::vector<std::string> from_command_line;
  std::vector<std::string> from_files;
  for (const config::KeySpec& spec : config.schema().keys()) {
    if (spec.kind == config::Kind::records || spec.path.starts_with("simulation.") ||
        spec.path.starts_with("output.")) {
      continue;
    }
    const config::Source& source = config.source(spec.path);
    if (source.file.empty()) continue;
    std::string text;
    switch (spec.kind) {
      case config::Kind::real: text = config::detail::format_real(config.real(spec.path)); break;
      case config::Kind::integer: text = std::to_string(config.integer(spec.path)); break;
      case config::Kind::boolean: text = config.boolean(spec.path) ? "true" : "false"; break;
      case config::Kind::choice:
      case config::Kind::string:
      case config::Kind::path: text = config::detail::quote(config.string(spec.path)); break;
      default: text = "(set)"; break;
    }
    std::string entry = fmt::format("{} = {} ({})", spec.path, text, source.describe());
    (source.file == "--set" ? from_command_line : from_files).push_back(std::move(entry));
  }
  from_command_line.insert(from_command_line.end(), from_files.begin(), from_files.end());
  if (from_command_line.empty()) return "none (every key at its default)";
  std::string text;
  for (std::size_t i = 0; i < from_command_line.size() && i < most; ++i) {
    text += (i == 0 ? "" : ", ") + from_command_line[i];
  }
  if (from_command_line.size() > most) text += fmt::format(" and {} more", from_command_line.size() - most);
  return text;
}

}  // namespace sim
