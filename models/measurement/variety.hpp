#pragma once
// The variety part of each CES price index (Feenstra 1994; docs/model.md, Measurement). Between two
// clearings, ln(P_t / P_{t-1}) = ln(P^c_t / P^c_{t-1}) + ln(lambda_t / lambda_{t-1}) / (sigma - 1), where P^c is
// the index over the firms in both clearings, lambda_t the share of the buyers' spending at t that goes to
// them and lambda_{t-1} the share at t-1 that went to them. The variety gain is the last term with its sign
// turned: positive when entrants outweigh exits and the index falls for that reason alone.
#include <Eigen/Dense>

#include "models/core/economy.hpp"

namespace models {

// Records the buyers' index powers of a clearing (every firm's price power): the whole that the shares of
// common firms are taken of. Called after the first clearing; link_variety calls it after the others.
void record_clearing(Economy& economy);

// lambda_{t-1}, recorded after exit and entry: the share of each buyer's spending at the last clearing that
// went to firms still alive. Firms that entered since have no price power yet and count for nothing.
void record_surviving_share(Economy& economy);

// This clearing's variety gain per buyer region and industry, (1/(sigma-1)) ln(lambda_{t-1} / lambda_t), where
// firms born after the last clearing (birth tick >= 0 and >= tick - 1) are the new ones; 0 where either
// clearing had no supplier or no firm is common to both. Records the clearing.
Eigen::MatrixXd link_variety(Economy& economy);

}  // namespace models
