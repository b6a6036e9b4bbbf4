#pragma once
// Continuing the PATH.partial of an interrupted sweep writer: opening it, refusing it (ResumeError)
// unless it was created for the same layout, and repairing it: a run recorded as done whose chunks did
// not all reach the disk is to run again.
#include <vector>

#include "sim/output/h5_file.hpp"
#include "sim/output/sweep_layout.hpp"
#include "sim/output/sweep_writer.hpp"

namespace sim::output {

// Opens the file of an interrupted writer and its datasets; `statuses` receives every run's status,
// repaired.
SweepDatasets resume_sweep_file(h5::File& file, const SweepLayout& layout, std::vector<RunStatus>& statuses);

// Opens again a file this writer closed (to let HDF5 release its metadata cache): the same checks,
// without the repair.
SweepDatasets reopen_sweep_file(h5::File& file, const SweepLayout& layout, std::vector<RunStatus>& statuses);

}  // namespace sim::output
