#pragma once
// Whether an MPI launcher (mpirun, mpiexec, srun) started this process.

namespace sim::cli {

// Checked even in a build without MPI, which must not let P copies of itself write one file.
bool under_mpi_launcher();

}  // namespace sim::cli
