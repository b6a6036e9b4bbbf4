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

const Chain future_chain{
    .name = "future",
    .declare_keys = declare_bound<future_keys>,
    .read_parameters = read_bound<&Parameters::future, future_keys>,
    .before_firms = before_firms,
    .first_clearing = set_initial_experience,
    .processes = processes,
    .declare_outputs = declare_future_outputs,
};

}  // namespace models
