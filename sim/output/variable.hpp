#pragma once
// The output registry: processes declare each variable once (name, dimensions, unit, meaning, and how
// to sample it); the writer derives the whole file from these declarations.
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace sim::output {

// A labelled axis of the output (region, industry, ...), written as a string coordinate variable that
// is also the HDF5 dimension scale of that axis.
struct Axis {
  std::string name;                 // "region"
  std::string long_name;            // "region (provincial-level division)"
  std::vector<std::string> labels;  // one per index
};

enum class Storage { float64, int32 };

struct Variable {
  std::string name;                  // "gdp"
  std::vector<std::string> axes;     // axis names after time (or all axes for a static variable), e.g. {"region", "industry"}
  std::string units;                 // UDUNITS-style text, e.g. "1e8 CNY/year", "1"
  std::string long_name;             // one line: what it is
  bool time_series = true;           // false: written once when the file is created (e.g. coordinates)
  Storage storage = Storage::float64;
  // Fills `out` (row-major over `axes`, size = product of axis lengths) with the current value.
  std::function<void(std::span<double> out)> sample;
};

class Registry {
 public:
  // Throws std::logic_error on a duplicate name or an empty sampler.
  void add(Variable variable);
  const std::vector<Variable>& variables() const { return variables_; }
  const Variable* find(std::string_view name) const;

 private:
  std::vector<Variable> variables_;
};

}  // namespace sim::output
