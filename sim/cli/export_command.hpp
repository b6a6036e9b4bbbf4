#pragma once
// `clustersim export FILE`: the time series of a run or sweep file as a tidy long table in CSV or Stata
// (.dta) for pandas, R, Stata or a spreadsheet (docs/output.md, "Exporting to CSV and Stata").
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sim::cli {

struct ExportOptions {
  std::string file;
  std::string format;  // csv, stata, parquet (refused); empty: from the output's extension, else csv
  std::string vars;    // comma-separated names; empty: every time series
  std::string output;  // empty: FILE with the format's extension
  bool quiet = false;
};

CLI::App* add_export_command(CLI::App& app, ExportOptions& options);

// Writes OUTPUT.partial and renames it to OUTPUT when complete. Returns 0, or 2 with a message on stderr
// for bad input (the file, a name, the format, an output in use); other failures throw.
int run_export(const ExportOptions& options);

}  // namespace sim::cli
