#pragma once
// R&D, innovation and imitation (model brief §4.3, after Dosi, Fagiolo and Roventini 2010).
#include <cstdint>
#include <span>

#include "models/core/economy.hpp"
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
// inverse technological distance. `log_productivity` holds ln a of every firm. Returns -1 when no other
// firm of the industry is reachable.
std::int32_t draw_imitation_target(const Economy& economy, std::span<const double> log_productivity, std::size_t firm,
                                   sim::RandomStream& stream);

// Absorptive capacity (Cohen and Levinthal 1990): gamma = 1 - exp(-kappa (1 + chi c) R / S), R the
// firm's R&D and S the sales it was budgeted from (0 for a firm without sales).
double absorptive_capacity(const KnowledgeParameters& parameters, double cooperation, double rd_spending, double sales);

// Upper bound of a firm's innovation step: x_hi (1 + g gamma sigma(S)), sigma(S) = S / (S + h) the
// saturation of its cluster's knowledge pool. Bounded by x_hi (1 + g).
double step_upper_bound(double step_max, const KnowledgeParameters& parameters, double absorptive_capacity,
                        double pool);

// Sets each firm's R&D from last tick's sales and draws its innovation and imitation.
void innovation_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
