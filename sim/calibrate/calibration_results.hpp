#pragma once
// A calibration's results: one netCDF-4/HDF5 file (docs/calibration.md, Results) and the table printed
// at the end of `clustersim calibrate`.
#include <filesystem>
#include <string>

#include "sim/calibrate/calibrate.hpp"
#include "sim/run/model.hpp"

namespace sim::calibrate {

// Writes the results to `output` through OUTPUT.partial, renamed when complete. Throws
// output::OutputError when the file cannot be written (the partial file is removed).
void write_calibration_results(const std::filesystem::path& output, const Model& model, const CalibrationSpec& spec,
                               const CalibrationResult& result);

// Estimates with standard errors and 95 % intervals, the J test, each moment's target, fit and t-ratio,
// and the warnings, as aligned text.
std::string results_table(const CalibrationSpec& spec, const CalibrationResult& result);

}  // namespace sim::calibrate
