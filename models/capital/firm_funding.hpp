#pragma once
// The capital process (model brief §4.7): the money firms get beyond their profit in a tick, from
// leading-enterprise support, venture capital and guidance funds with private co-investment, added
// to their net worth; debt follows.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace models {

void capital_process(Economy& economy, const sim::TickContext& context);

}  // namespace models
