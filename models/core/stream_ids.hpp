#pragma once
// The random-stream family of every process and of the initialisation (StreamKey::process). A
// process's draws depend on this number only, never on its name, file or place in the schedule, so
// that moving or renaming code leaves every run bit-identical. The numbers are the FNV-1a hashes
// (sim::process_id) of the names the processes had when their streams were first drawn; a new
// process takes a new number not in this list. Changing a number changes every result of the model.
#include <cstdint>

namespace models::stream_id {

inline constexpr std::uint32_t initialisation = 0x20fca75c;
inline constexpr std::uint32_t open_tick = 0x00d8a3e7;
inline constexpr std::uint32_t policy = 0xcec0fa7f;
inline constexpr std::uint32_t future_industries = 0xe119dbc5;
inline constexpr std::uint32_t basic_research = 0x59eb8343;
inline constexpr std::uint32_t spillovers = 0xcb4c6f3c;
inline constexpr std::uint32_t innovation = 0xfde2324a;
inline constexpr std::uint32_t investment = 0x75cdce8c;  // draws nothing
inline constexpr std::uint32_t market = 0xb5f82e71;
inline constexpr std::uint32_t accounts = 0x37968efd;
inline constexpr std::uint32_t capital = 0xe12037ab;
inline constexpr std::uint32_t talent_market = 0xb1d07c8c;
inline constexpr std::uint32_t migration = 0x2b0b962b;
inline constexpr std::uint32_t exit = 0xcded1a85;
inline constexpr std::uint32_t entry = 0xcac3d793;
inline constexpr std::uint32_t spinoffs = 0x74300d77;
inline constexpr std::uint32_t staggered_development = 0x52dfb063;  // first drawn as "planner"
inline constexpr std::uint32_t government_budget = 0x63189756;
inline constexpr std::uint32_t census = 0xb8f1e89e;
inline constexpr std::uint32_t structure = 0x6f5525c6;
// The macroeconomic closure (draws nothing yet; the numbers are the FNV-1a hashes of the names).
inline constexpr std::uint32_t spending = 0x5f759ce5;
inline constexpr std::uint32_t production = 0x0094fd1a;
inline constexpr std::uint32_t banks = 0xafd8d0ec;
inline constexpr std::uint32_t government = 0x94dfa856;
inline constexpr std::uint32_t households = 0x71c0bd8b;
// Measurement (draws nothing).
inline constexpr std::uint32_t price_measurement = 0xba17a005;
inline constexpr std::uint32_t national_accounts = 0x670d8e5c;

}  // namespace models::stream_id
