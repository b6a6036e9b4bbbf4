#pragma once
// Which scenario of a sweep a description names: its index ("3"), or the values of swept keys
// ("policy.rd_subsidy_rate=0.1,policy.openness=0.5"), as `compare --baseline` takes it.
//
// Values: each key at most once; a value matches a scenario's when equal or within a relative 1e-9 (so
// 0.1 matches the 0.1 a design computed as 0.30000000000000004 / 3). Keys not given may take any value,
// so a grid needs only the keys that tell its scenarios apart.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim::analysis {

struct SweptValues {
  std::string key;             // "policy.openness"
  std::vector<double> values;  // one per scenario
};

// The index of the one scenario `description` names among `scenarios`. std::invalid_argument with a
// message for the user: an index out of range, a text that is neither form, an unknown key (listing the
// swept keys), a key given twice, a value no scenario has (listing the values it has), values no scenario
// has together, or a description that several scenarios match (naming them, and the keys that tell them
// apart).
std::size_t select_scenario(const std::string& description, const std::vector<SweptValues>& keys,
                            std::size_t scenarios);

// Whether two values of a swept key are the same value: equal, or within a relative 1e-9.
bool same_value(double a, double b);

}  // namespace sim::analysis
