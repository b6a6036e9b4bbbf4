#pragma once
// A scenario key bound to the member of a struct that it fills. The binding is the key's only
// declaration: its kind, default, unit, range and meaning sit next to the member, the schema is
// declared from it and the value is read through it, so a key's name is written in one place and a
// struct is never filled by position.
//
//   const std::vector<Binding<TalentParameters>> talent_keys = {
//       bind_real("talent.retirement_rate", &TalentParameters::retirement_rate, 0.025, "1/year", {0, inf},
//                 "Rate at which talent retires."),
//   };
//   declare(schema, talent_keys);          // in the model's declare hook
//   read(config, talent_keys, parameters); // when the run starts
#include <cstdint>
#include <limits>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "sim/config/config.hpp"

namespace sim::config {

template <class Owner>
struct Binding {
  KeySpec spec;
  std::variant<double Owner::*, std::int64_t Owner::*, int Owner::*, std::uint64_t Owner::*, std::uint32_t Owner::*,
               bool Owner::*>
      member;
};

template <class Owner>
Binding<Owner> bind_real(std::string path, double Owner::*member, double default_value, std::string unit, Range range,
                         std::string description) {
  return {{.path = std::move(path), .kind = Kind::real, .default_value = default_value, .unit = std::move(unit),
           .description = std::move(description), .range = range},
          member};
}

template <class Owner>
Binding<Owner> bind_integer(std::string path, std::int64_t Owner::*member, std::int64_t default_value, std::string unit,
                            Range range, std::string description) {
  return {{.path = std::move(path), .kind = Kind::integer, .default_value = default_value, .unit = std::move(unit),
           .description = std::move(description), .range = range},
          member};
}

// A narrower integer member: the key's range must lie within the member's type, so that every valid
// value fits.
template <class Owner, class Integer>
  requires(std::is_same_v<Integer, int> || std::is_same_v<Integer, std::uint64_t> ||
           std::is_same_v<Integer, std::uint32_t>)
Binding<Owner> bind_integer(std::string path, Integer Owner::*member, std::int64_t default_value, std::string unit,
                            Range range, std::string description) {
  if (range.min < static_cast<double>(std::numeric_limits<Integer>::min()) ||
      range.max > static_cast<double>(std::numeric_limits<Integer>::max())) {
    throw std::logic_error("key " + path + " fills a narrower integer member but its range exceeds it");
  }
  return {{.path = std::move(path), .kind = Kind::integer, .default_value = default_value, .unit = std::move(unit),
           .description = std::move(description), .range = range},
          member};
}

template <class Owner>
Binding<Owner> bind_boolean(std::string path, bool Owner::*member, bool default_value, std::string description) {
  return {{.path = std::move(path), .kind = Kind::boolean, .default_value = default_value, .unit = "",
           .description = std::move(description)},
          member};
}

template <class Owner>
void declare(Schema& schema, const std::vector<Binding<Owner>>& bindings) {
  for (const Binding<Owner>& binding : bindings) schema.add(binding.spec);
}

template <class Owner>
void read(const Config& config, const std::vector<Binding<Owner>>& bindings, Owner& owner) {
  for (const Binding<Owner>& binding : bindings) {
    const std::string& path = binding.spec.path;
    std::visit(
        [&](auto member) {
          using Member = std::remove_reference_t<decltype(owner.*member)>;
          if constexpr (std::is_same_v<Member, double>) {
            owner.*member = config.real(path);
          } else if constexpr (std::is_same_v<Member, bool>) {
            owner.*member = config.boolean(path);
          } else {
            // The binding's range keeps the value within the member's type.
            owner.*member = static_cast<Member>(config.integer(path));
          }
        },
        binding.member);
  }
}

}  // namespace sim::config
