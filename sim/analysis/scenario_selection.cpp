#include "sim/analysis/scenario_selection.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace sim::analysis {

namespace {

constexpr std::size_t most_values_listed = 20;

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool all_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string listed(const std::vector<double>& values) {
  std::set<double> distinct(values.begin(), values.end());
  std::vector<double> shown(distinct.begin(), distinct.end());
  if (shown.size() <= most_values_listed) return fmt::format("{}", fmt::join(shown, ", "));
  shown.resize(most_values_listed);
  return fmt::format("{}, ... ({} values in all)", fmt::join(shown, ", "), distinct.size());
}

struct Wanted {
  const SweptValues* key;
  double value;
};

}  // namespace

bool same_value(double a, double b) { return a == b || std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)); }

std::size_t select_scenario(const std::string& description, const std::vector<SweptValues>& keys,
                            std::size_t scenarios) {
  const std::string text = trimmed(description);
  if (all_digits(text)) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (error != std::errc() || index >= scenarios) {
      throw std::invalid_argument(fmt::format("{} is not a scenario: scenarios are 0 to {}", text, scenarios - 1));
    }
    return index;
  }
  std::vector<std::string> key_names;
  for (const SweptValues& key : keys) key_names.push_back(key.key);

  std::vector<Wanted> wanted;
  std::istringstream pairs(text);
  for (std::string pair; std::getline(pairs, pair, ',');) {
    pair = trimmed(pair);
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos) {
      throw std::invalid_argument(fmt::format(
          "expected a scenario index or KEY=VALUE[,KEY=VALUE...] (e.g. {}=0.1), found '{}'",
          key_names.empty() ? std::string("policy.rd_subsidy_rate") : key_names.front(), pair));
    }
    const std::string name = trimmed(pair.substr(0, equals));
    const std::string value_text = trimmed(pair.substr(equals + 1));
    const auto key = std::find_if(keys.begin(), keys.end(), [&](const SweptValues& k) { return k.key == name; });
    if (key == keys.end()) {
      throw std::invalid_argument(fmt::format("'{}' is not a swept key of this sweep; its swept keys are {}", name,
                                              fmt::join(key_names, ", ")));
    }
    if (std::any_of(wanted.begin(), wanted.end(), [&](const Wanted& w) { return w.key->key == name; })) {
      throw std::invalid_argument(fmt::format("{} is given twice; give each swept key once", name));
    }
    double value = 0;
    const auto [end, error] = std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (error != std::errc() || end != value_text.data() + value_text.size()) {
      throw std::invalid_argument(fmt::format("{}: expected a number, found '{}'", name, value_text));
    }
    if (std::none_of(key->values.begin(), key->values.end(), [&](double v) { return same_value(v, value); })) {
      throw std::invalid_argument(fmt::format("no scenario has {} = {}; its values are {}", name, value_text,
                                              listed(key->values)));
    }
    wanted.push_back({&*key, value});
  }
  if (wanted.empty()) {
    throw std::invalid_argument("expected a scenario index or KEY=VALUE[,KEY=VALUE...], found nothing");
  }

  std::vector<std::size_t> matches;
  for (std::size_t s = 0; s < scenarios; ++s) {
    if (std::all_of(wanted.begin(), wanted.end(), [&](const Wanted& w) { return same_value(w.key->values[s], w.value); })) {
      matches.push_back(s);
    }
  }
  const std::string given = fmt::format("{}", fmt::join(
      [&] {
        std::vector<std::string> parts;
        for (const Wanted& w : wanted) parts.push_back(fmt::format("{} = {}", w.key->key, w.value));
        return parts;
      }(),
      " and "));
  if (matches.empty()) throw std::invalid_argument(fmt::format("no scenario has {} together", given));
  if (matches.size() > 1) {
    // The keys not given whose values differ among the matches tell them apart.
    std::vector<std::string> distinguishing;
    for (const SweptValues& key : keys) {
      if (std::any_of(wanted.begin(), wanted.end(), [&](const Wanted& w) { return w.key == &key; })) continue;
      if (std::any_of(matches.begin(), matches.end(),
                      [&](std::size_t s) { return !same_value(key.values[s], key.values[matches.front()]); })) {
        distinguishing.push_back(key.key);
      }
    }
    throw std::invalid_argument(fmt::format(
        "{} matches scenarios {}; {}", given, fmt::join(matches, ", "),
        distinguishing.empty() ? std::string("they have the same values of every swept key; give an index")
                               : fmt::format("add {} to tell them apart", fmt::join(distinguishing, " and "))));
  }
  return matches.front();
}

}  // namespace sim::analysis
