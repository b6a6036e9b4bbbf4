#pragma once
// Input errors: every problem of a scenario is collected and reported together.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/value.hpp"

namespace sim::config {

struct Error {
  Source source{};
  std::string key{};       // key path, e.g. "policy.rd_subsidy_rate" or "regions[3].lat"
  std::string expected{};  // "a real number in [0, 1]"
  std::string found{};     // "1.5", "a string", "nothing (the key is required)"
  std::string hint{};      // optional: "did you mean 'policy.openness'?"

  // "configs/x.toml:12:3: policy.rd_subsidy_rate: expected a real number in [0, 1], found 1.5 (hint)"
  std::string format() const;
};

// At most this many errors are shown in one report; a last line counts the rest. A model check of a file
// with a million duplicate names would otherwise print a million lines.
inline constexpr std::size_t max_reported_errors = 200;

// The errors one per line, each after `indent`. A list longer than max_reported_errors + 1 shows its first
// max_reported_errors and then "... and N more errors, not shown"; the one line of slack keeps whole the
// loader's own report, which is max_reported_errors errors and a line that counts the rest.
std::string report(const std::vector<Error>& errors, std::string_view indent = "");

// Thrown when input is invalid; holds every error found. The command line prints them and exits 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Error> errors);
  const std::vector<Error>& errors() const { return errors_; }

 private:
  std::vector<Error> errors_;
};

// Runs `check` and keeps the errors it throws in `errors` instead of stopping, so that one report
// holds the problems of every table of a scenario.
template <class Check>
void collect_errors(std::vector<Error>& errors, Check&& check) {
  try {
    check();
  } catch (const InputError& e) {
    errors.insert(errors.end(), e.errors().begin(), e.errors().end());
  }
}

}  // namespace sim::config
