#pragma once
// Declaring scenario keys in one line each: the key, its default, unit, valid range and meaning.
#include <cstdint>
#include <string>

#include "sim/config/schema.hpp"

namespace models {

inline void add_real(sim::config::Schema& schema, std::string path, double value, std::string unit,
                     sim::config::Range range, std::string description) {
  schema.add({.path = std::move(path), .kind = sim::config::Kind::real, .default_value = value, .unit = std::move(unit),
              .description = std::move(description), .range = range});
}

inline void add_integer(sim::config::Schema& schema, std::string path, std::int64_t value, std::string unit,
                        sim::config::Range range, std::string description) {
  schema.add({.path = std::move(path), .kind = sim::config::Kind::integer, .default_value = value,
              .unit = std::move(unit), .description = std::move(description), .range = range});
}

inline void add_boolean(sim::config::Schema& schema, std::string path, bool value, std::string description) {
  schema.add({.path = std::move(path), .kind = sim::config::Kind::boolean, .default_value = value, .unit = "",
              .description = std::move(description)});
}

}  // namespace models
