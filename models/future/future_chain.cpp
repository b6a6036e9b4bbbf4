#include "models/future/future_chain.hpp"

#include "models/core/stream_ids.hpp"
#include "models/future/future_industries.hpp"

namespace models {

namespace {

void before_firms(Economy& economy, const sim::config::Config&, const sim::RunSettings&) {
  initialise_future_industries(economy);
}

constexpr ProcessSpec processes[] = {
    {"future_industries", 4, stream_id::future_industries, future_industries_process,
     "Future industries learn, commercial demand follows their cost, key industries adopt "
     "(docs/model.md, Future industries)."},
};

}  // namespace

namespace {

// The pilots come from the scenario; learning, demand and what the pilots bought are the state.
void visit_future_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "future");
  FutureState& f = economy.future;
  visitor("cumulative_output", f.cumulative_output);
  visitor("initial_experience", f.initial_experience);
  visitor("local_cumulative_output", f.local_cumulative_output);
  visitor("local_initial_experience", f.local_initial_experience);
  visitor("regional_unit_cost", f.regional_unit_cost);
  visitor("unit_cost", f.unit_cost);
  visitor("commercial_share", f.commercial_share);
  visitor("pilot_budget", f.pilot_budget);
  visitor("pilot_purchases", f.pilot_purchases);
  visitor("adoption_subsidies", f.adoption_subsidies);
}

}  // namespace

namespace {

void read_future_parameters(const sim::config::Config& config, const sim::RunSettings& settings,
                            Parameters& parameters) {
  read_bound<&Parameters::future, future_keys>(config, settings, parameters);
  parameters.future.learning_held = settings.is_burn_in;
}

}  // namespace

const Chain future_chain{
    .name = "future",
    .declare_keys = declare_bound<future_keys>,
    .read_parameters = read_future_parameters,
    .before_firms = before_firms,
    .first_clearing = set_initial_experience,
    .processes = processes,
    .declare_outputs = declare_future_outputs,
    .visit_state = visit_future_state,
};

}  // namespace models
