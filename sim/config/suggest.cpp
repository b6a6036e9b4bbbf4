#include "sim/config/suggest.hpp"

#include <algorithm>

#include "sim/config/text.hpp"

namespace sim::config::detail {

std::size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

namespace {

std::size_t threshold(std::string_view word) { return std::max<std::size_t>(2, word.size() / 3); }

std::string_view parent_of(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
}

std::string_view last_of(std::string_view path) {
  const std::size_t dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

}  // namespace

std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string lower = lowercase(word);
  std::optional<std::string> best;
  std::size_t best_distance = threshold(word) + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = levenshtein(lower, lowercase(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::vector<std::string> table_paths(const Schema& schema) {
  std::vector<std::string> tables;
  for (const KeySpec& key : schema.keys()) {
    std::string_view table = parent_of(key.path);
    while (!table.empty()) {
      if (std::find(tables.begin(), tables.end(), table) == tables.end()) tables.emplace_back(table);
      table = parent_of(table);
    }
  }
  return tables;
}

bool is_table(const Schema& schema, std::string_view path) {
  for (const KeySpec& key : schema.keys()) {
    if (key.path.size() > path.size() && key.path.compare(0, path.size(), path) == 0 && key.path[path.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::optional<std::string> suggest_key(const Schema& schema, std::string_view path) {
  std::vector<std::string> names;
  for (const KeySpec& key : schema.keys()) names.push_back(key.path);
  for (const std::string& table : table_paths(schema)) {
    // The tables holding `path` are no suggestion for it.
    const bool holds = path.size() > table.size() && path.compare(0, table.size(), table) == 0 && path[table.size()] == '.';
    if (!holds) names.push_back(table);
  }

  // A near name in the same table.
  const std::string_view parent = parent_of(path);
  std::vector<std::string> siblings;
  std::vector<std::string> sibling_paths;
  for (const std::string& name : names) {
    if (parent_of(name) == parent) {
      siblings.emplace_back(last_of(name));
      sibling_paths.push_back(name);
    }
  }
  if (auto hit = nearest(last_of(path), siblings)) {
    const auto at = std::find(siblings.begin(), siblings.end(), *hit) - siblings.begin();
    return sibling_paths[static_cast<std::size_t>(at)];
  }
  // A near full path.
  if (auto hit = nearest(path, names)) return hit;
  // The same name in another table (a key written under the wrong [table]).
  std::vector<std::string> lasts;
  for (const std::string& name : names) lasts.emplace_back(last_of(name));
  const std::string last = lowercase(last_of(path));
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (lowercase(lasts[i]) == last) return names[i];
  }
  if (auto hit = nearest(last_of(path), lasts)) {
    const auto at = std::find(lasts.begin(), lasts.end(), *hit) - lasts.begin();
    return names[static_cast<std::size_t>(at)];
  }
  return std::nullopt;
}

std::string did_you_mean(const std::optional<std::string>& suggestion) {
  return suggestion ? "did you mean '" + *suggestion + "'?" : std::string{};
}

}  // namespace sim::config::detail
