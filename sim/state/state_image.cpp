#include "sim/state/state_image.hpp"

#include <cstdio>
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

std::string content_hash(const StateImage& image) {
  std::uint64_t hash = 14695981039346656037ull;
  const auto add = [&hash](const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
      hash ^= bytes[i];
      hash *= 1099511628211ull;
    }
  };
  for (const auto& [name, array] : image.arrays) {
    add(name.data(), name.size() + 1);
    add(&array.element, sizeof array.element);
    for (std::uint64_t extent : array.shape) add(&extent, sizeof extent);
    add(array.bytes.data(), array.bytes.size());
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

const std::string& required_attribute(const StateImage& image, std::string_view name, std::string_view label) {
  const auto found = image.attributes.find(name);
  if (found == image.attributes.end()) {
    throw StateError(std::string(label) + ": not a clustersim state (it has no attribute '" + std::string(name) + "')");
  }
  return found->second;
}

}  // namespace sim::state
