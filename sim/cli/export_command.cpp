#include "sim/cli/export_command.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>

#include "sim/cli/exit_status.hpp"
#include "sim/export/csv_writer.hpp"
#include "sim/export/series_file.hpp"
#include "sim/export/stata_writer.hpp"
#include "sim/export/tidy_table.hpp"
#include "sim/export/variable_selection.hpp"
#include "sim/output/output_lock.hpp"
#include "sim/run/interruption.hpp"

namespace sim::cli {

namespace {

namespace fs = std::filesystem;
using exporting::ExportError;


constexpr const char* parquet_refusal =
    "--format parquet: this build cannot write Parquet. Debian 12 packages no Apache Arrow/Parquet C++ library "
    "(no libarrow-dev or libparquet-dev) and no python3-pyarrow. Export CSV instead (--format csv) and convert it "
    "where pyarrow is installed (pip install pyarrow): "
    "pandas.read_csv(\"out.csv\", parse_dates=[\"time\"]).to_parquet(\"out.parquet\")";

std::string format_of(const ExportOptions& options) {
  if (!options.format.empty()) return options.format;
  const std::string extension = fs::path(options.output).extension().string();
  if (extension == ".dta") return "stata";
  if (extension == ".parquet") return "parquet";
  return "csv";
}

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> names;
  std::istringstream stream(list);
  for (std::string name; std::getline(stream, name, ',');) {
    const auto first = name.find_first_not_of(' ');
    const auto last = name.find_last_not_of(' ');
    if (first != std::string::npos) names.push_back(name.substr(first, last - first + 1));
  }
  return names;
}

// Closes the FILE* and removes the .partial file unless the export was published.
struct PartialFile {
  fs::path path;
  std::FILE* stream = nullptr;
  bool published = false;
  ~PartialFile() {
    if (stream != nullptr) std::fclose(stream);
    std::error_code ignored;
    if (!published) fs::remove(path, ignored);
  }
};

}  // namespace

CLI::App* add_export_command(CLI::App& app, ExportOptions& options) {
  CLI::App* command = app.add_subcommand(
      "export", "Write the time series of a run or sweep file as a tidy long table (CSV or Stata .dta): one row per "
                "time, region, industry, ..., variable");
  command->add_option("file", options.file, "Run or sweep file (HDF5) written by clustersim")->required();
  command->add_option("--format", options.format,
                      "csv or stata (.dta, format 118); parquet is refused with what to do instead (default: from "
                      "the output's extension .csv or .dta, else csv)")
      ->type_name("csv|stata|parquet");
  command->add_option("--vars", options.vars,
                      "Time series to export, comma-separated (default: every variable whose first dimension is time)")
      ->type_name("NAME,NAME,...");
  command->add_option("-o,--output", options.output, "Output file (default: FILE with .csv or .dta)");
  command->add_flag("-q,--quiet", options.quiet, "No summary line");
  command->footer(R"(Examples:
  clustersim export results/baseline.h5 -o results/baseline.csv
  clustersim export results/baseline.h5 --vars welfare,real_gdp,firms -o results/baseline.dta
  clustersim export results/sweep.h5 --vars welfare_total --format csv -o results/sweep_welfare.csv

Columns: (scenario, replicate and each swept key, for a sweep file) time, one per axis of the exported
variables (region, industry, destination, ...; empty where a variable lacks it), variable, value, units.
Numbers are written exactly (the shortest text that reads back as the same double); a missing value
(NaN) is an empty field in CSV and `.` in Stata. The firm panel is not a time series: read it with
xr.open_dataset(FILE, group="firm_panel") or clustersim.open_firm_panel(FILE).)");
  return command;
}

int run_export(const ExportOptions& options) {
  const std::string format = format_of(options);
  if (format == "parquet") {
    fmt::print(stderr, "clustersim: {}\n", parquet_refusal);
    return exit_bad_input;
  }
  if (format != "csv" && format != "stata") {
    fmt::print(stderr, "clustersim: --format: expected csv or stata (parquet: not in this build), found '{}'\n",
               format);
    return exit_bad_input;
  }
  fs::path output = options.output;
  if (output.empty()) output = fs::path(options.file).replace_extension(format == "csv" ? ".csv" : ".dta");
  try {
    const exporting::SeriesFile file(options.file);
    const exporting::TidyTable table(file, exporting::select_variables(file, split_names(options.vars)));
    std::error_code error;
    if (fs::equivalent(output, options.file, error)) {
      throw ExportError(fmt::format("-o {}: that is the input file; choose another output", output.string()));
    }
    if (fs::is_directory(output, error)) {
      throw ExportError(fmt::format("-o {}: is a folder; give a file name", output.string()));
    }
    if (output.has_parent_path()) fs::create_directories(output.parent_path());
    const output::OutputLock lock = output::OutputLock::acquire(output);
    if (!lock.takeover_note().empty()) fmt::print(stderr, "clustersim: note: {}\n", lock.takeover_note());

    PartialFile partial{fs::path(output.string() + ".partial")};
    partial.stream = std::fopen(partial.path.c_str(), "wb");
    if (partial.stream == nullptr) {
      throw std::runtime_error(fmt::format("cannot create {}: {}", partial.path.string(), std::strerror(errno)));
    }
    std::unique_ptr<exporting::RowSink> sink;
    if (format == "csv") {
      sink = std::make_unique<exporting::CsvWriter>(partial.stream, partial.path.string());
    } else {
      sink = std::make_unique<exporting::StataWriter>(partial.stream, partial.path.string(),
                                                      fmt::format("clustersim export of {}", fs::path(options.file)
                                                                                                  .filename()
                                                                                                  .string()));
    }
    install_interrupt_handlers();
    try {
      table.write(*sink, [] { throw_if_interrupted(); });
    } catch (const Interrupted& stopped) {
      fmt::print(stderr, "clustersim: interrupted; nothing written under {}\n", output.string());
      return stopped.exit_status();  // the .partial file and the lock go with their owners
    } catch (const std::invalid_argument& problem) {  // a table the format cannot hold (a label too long for Stata)
      throw ExportError(problem.what());
    }
    const int closed = std::fclose(partial.stream);
    partial.stream = nullptr;
    if (closed != 0) {
      throw std::runtime_error(fmt::format("cannot write {}: {}", partial.path.string(), std::strerror(errno)));
    }
    fs::rename(partial.path, output);
    partial.published = true;
    if (!options.quiet) {
      fmt::print(stderr, "clustersim: wrote {} rows of {} variable{} to {}\n", table.rows(), table.variables(),
                 table.variables() == 1 ? "" : "s", output.string());
    }
    if (table.runs_left_out() > 0) {
      fmt::print(stderr, "clustersim: note: {} run{} of {} not done (failed or not run) left out\n",
                 table.runs_left_out(), table.runs_left_out() == 1 ? "" : "s", options.file);
    }
  } catch (const ExportError& problem) {
    fmt::print(stderr, "clustersim: {}\n", problem.what());
    return exit_bad_input;
  } catch (const output::OutputInUse& problem) {
    fmt::print(stderr, "clustersim: {}\n", problem.what());
    return exit_bad_input;
  }
  return 0;
}

}  // namespace sim::cli
