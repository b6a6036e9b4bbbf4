#pragma once
// The regional-cluster model as the engine sees it: an economy, its schedule and its output.
#include "sim/run/model.hpp"

namespace models {

sim::Model cluster_model();

}  // namespace models
