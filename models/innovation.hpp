#pragma once
// R&D, innovation and imitation (model brief §4.3, after Dosi, Fagiolo and Roventini 2010).
#include <cstdint>
#include <span>

#include "models/economy.hpp"
#include "sim/random_stream.hpp"
#include "sim/schedule.hpp"

namespace models {

// Probability that a search effort succeeds within one tick: 1 - exp(-rate * researchers * years).
double search_success_probability(double rate_per_researcher_year, double researchers, double years);

enum class TechnologyChoice : std::uint8_t { kept, innovated, imitated };

// A firm keeps the best of its current, innovated and imitated productivity (candidates are 0 when
// the corresponding search failed). Ties keep the current technology.
TechnologyChoice choose_technology(double current, double innovated, double imitated);

// The firm j whose productivity firm i copies: a source region s drawn with weight W_rs * n_sk (most
// likely its own cluster), then a firm of (s, k) with weight 1 / (|ln a_j - ln a_i| + 0.01), the
// inverse technological distance. Returns -1 when no other firm of the industry is reachable.
std::int32_t draw_imitation_target(const Economy& economy, std::span<const double> productivity, std::size_t firm,
                                   sim::RandomStream& stream);

// Sets each firm's R&D from last tick's sales and draws its innovation and imitation.
void innovation_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
