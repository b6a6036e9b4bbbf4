#include "sim/state/state_image.hpp"

#include <functional>
#include <numeric>

namespace sim::state {

std::size_t element_size(Element element) {
  switch (element) {
    case Element::f64:
    case Element::i64:
    case Element::u64: return 8;
    case Element::i32: return 4;
    case Element::u8: return 1;
  }
  return 0;
}

const char* element_name(Element element) {
  switch (element) {
    case Element::f64: return "float64";
    case Element::i64: return "int64";
    case Element::u64: return "uint64";
    case Element::i32: return "int32";
    case Element::u8: return "uint8";
  }
  return "unknown";
}

std::size_t StateArray::count() const {
  return std::accumulate(shape.begin(), shape.end(), std::size_t{1},
                         [](std::size_t a, std::uint64_t b) { return a * static_cast<std::size_t>(b); });
}

const std::string& required_attribute(const StateImage& image, std::string_view name, std::string_view label) {
  const auto found = image.attributes.find(name);
  if (found == image.attributes.end()) {
    throw StateError(std::string(label) + ": not a clustersim state (it has no attribute '" + std::string(name) + "')");
  }
  return found->second;
}

}  // namespace sim::state
