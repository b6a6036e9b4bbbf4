#pragma once
// Capital-chain parameters for hand-worked tests: every lever off unless a test turns it on.
#include "models/core/economy.hpp"
#include "sim/schedule.hpp"

namespace testing_support {

inline void set_capital_parameters(models::Economy& e) {
  auto& p = e.parameters.capital;
  e.levers.credit_multiple.setConstant(0.0);
  p.interest_rate = 0.0;
  p.leading_share = 0.05;
  e.levers.leading_support.setConstant(0.0);
  e.levers.vc_pool.setConstant(0.0);
  p.vc_max_age = 5.0;
  p.home_bias = 1.0;
  p.fiscal_share = 0.2;
  e.levers.guidance_fund_share.setConstant(0.0);
  e.levers.guidance_leverage.setConstant(1.0);
  p.write_flows = false;
}

inline sim::TickContext capital_context(const char* process, int tick) {
  return {tick, sim::TickStreams({1, 0, sim::process_id(process)}, static_cast<std::uint64_t>(tick))};
}

}  // namespace testing_support
