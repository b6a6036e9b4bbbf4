#pragma once
// The command line: `clustersim run|validate|config-reference ...`. Returns the process exit status:
// 0 success, 1 runtime failure, 2 bad input.
#include "sim/run/model.hpp"

namespace sim::cli {
int main(int argc, char** argv, const Model& model);
}
