#pragma once
// A model's whole state as named arrays, in memory: what a state file holds (state_file.hpp) and what a
// sweep keeps of a shared burn-in. The engine moves images between memory and files without knowing what
// the arrays mean; a model fills and reads one with a StateVisitor (state_visitor.hpp).
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sim::state {

enum class Element : std::uint8_t { f64, i64, u64, i32, u8 };

std::size_t element_size(Element element);
const char* element_name(Element element);  // "float64", "int64", ... for messages

struct StateArray {
  Element element = Element::f64;
  std::vector<std::uint64_t> shape;  // empty: a scalar; row-major
  std::vector<std::byte> bytes;      // shape's product times element_size, native byte order

  std::size_t count() const;
};

struct StateImage {
  std::map<std::string, StateArray, std::less<>> arrays;        // "firms/productivity" -> its values
  std::map<std::string, std::string, std::less<>> attributes;   // what made it: version, scenario, ticks done
};

// A state that cannot be used as asked: unreadable, made by another version, for other regions, cut
// short. Bad input (exit status 2), with a message that names the file and what does not match.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Attributes every image carries (written by the engine, sim/run/run.cpp).
inline constexpr const char* attribute_version = "program_version";
inline constexpr const char* attribute_model = "model";
inline constexpr const char* attribute_scenario = "scenario";            // the resolved scenario (TOML)
inline constexpr const char* attribute_scenario_name = "scenario_name";
inline constexpr const char* attribute_ticks_done = "ticks_done";        // ticks of the scenario run before it
inline constexpr const char* attribute_seed = "seed";
inline constexpr const char* attribute_replicate = "replicate";

// A hash of the image's arrays (names, types, shapes and bytes; FNV-1a, 64 bits, as 16 hex digits):
// two states with the same hash hold the same economy, whatever made them (seed, scenario name, time).
std::string content_hash(const StateImage& image);
inline constexpr const char* attribute_content_hash = "state_hash";

// The attribute `name`, or StateError naming `label` (the file) when it is absent.
const std::string& required_attribute(const StateImage& image, std::string_view name, std::string_view label);

}  // namespace sim::state
