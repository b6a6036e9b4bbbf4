#pragma once
// Building schemas in the config tests: a key spec in one call.
#include <string>

#include "sim/config/schema.hpp"

namespace sim::config::testing_support {

inline KeySpec key(std::string path, Kind kind, Value default_value = {}, Range range = {}, std::string unit = "",
                   std::string description = "") {
  KeySpec spec;
  spec.path = std::move(path);
  spec.kind = kind;
  spec.default_value = std::move(default_value);
  spec.range = range;
  spec.unit = std::move(unit);
  spec.description = std::move(description);
  return spec;
}

// A records field in one call.
inline FieldSpec field(std::string name, Kind kind, Range range = {}, bool required = true) {
  FieldSpec spec;
  spec.name = std::move(name);
  spec.kind = kind;
  spec.range = range;
  spec.required = required;
  return spec;
}

}  // namespace sim::config::testing_support
