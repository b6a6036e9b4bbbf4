#include "sim/cli/mpi_launcher.hpp"

#include <cstdlib>
#include <initializer_list>

namespace sim::cli {

bool under_mpi_launcher() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    if (std::getenv(variable) != nullptr) return true;
  }
  return false;
}

}  // namespace sim::cli
