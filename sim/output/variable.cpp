#include "sim/output/variable.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace sim::output {

void Registry::add(Variable variable) {
  if (variable.name.empty()) throw std::logic_error("output variable with an empty name");
  if (!variable.sample) {
    throw std::logic_error(fmt::format("output variable '{}' has no sampler", variable.name));
  }
  if (find(variable.name) != nullptr) {
    throw std::logic_error(fmt::format("output variable '{}' declared twice", variable.name));
  }
  variables_.push_back(std::move(variable));
}

const Variable* Registry::find(std::string_view name) const {
  const auto found =
      std::find_if(variables_.begin(), variables_.end(), [&](const Variable& v) { return v.name == name; });
  return found == variables_.end() ? nullptr : &*found;
}

}  // namespace sim::output
