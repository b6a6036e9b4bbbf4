#include "sim/cli/app.hpp"

#include <fmt/core.h>

#include "sim/version.hpp"

namespace sim::cli {
int main(int, char**) {
  fmt::print("clustersim {} ({})\n", program_version, git_revision);
  return 0;
}
}  // namespace sim::cli
