// libFuzzer target for the scenario loader: what `clustersim validate` does with a scenario's TOML text or
// with a CSV records file, without the process around it. Built and run by scripts/fuzz_loader.sh.
//
// The first byte of an input says what the rest is: 0 the text of a scenario file (its relative paths, a
// `base = ...` included, resolve in configs/, so the seed corpus's scenarios load whole); 1 to 5 a CSV file
// of regions, industries, initial clusters, policy schedule or pilots in the tiny scenario of tests/fuzz/.
// An input error (config::InputError, exit status 2 in the program) is a correct ending; any other
// exception would be a runtime failure (exit 1) where bad input should be refused, and is reported as a
// finding like a crash.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "models/core/model.hpp"
#include "sim/config/config.hpp"
#include "sim/run/run_settings.hpp"

#ifndef CLUSTERSIM_SOURCE_DIR
#error "CLUSTERSIM_SOURCE_DIR must name the source tree (configs/ and tests/fuzz/tiny/ are read from it)"
#endif

namespace {

const sim::Model& model() {
  static const sim::Model instance = models::cluster_model();
  return instance;
}

const sim::config::Schema& schema() {
  static const sim::config::Schema instance = sim::scenario_schema(model());
  return instance;
}

const std::filesystem::path source_dir{CLUSTERSIM_SOURCE_DIR};

// A folder of this process for the CSV files under test (two fuzzing jobs must not share one).
const std::filesystem::path& scratch() {
  static const std::filesystem::path folder = [] {
    auto path = std::filesystem::temp_directory_path() / ("clustersim-loader-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path;
  }();
  return folder;
}

void load_and_check(std::string_view scenario, const std::filesystem::path& directory) {
  try {
    const sim::config::Config config = sim::config::load_string(schema(), scenario, "fuzz.toml", directory);
    const sim::RunSettings settings = sim::read_run_settings(config);
    model().check(config, settings);
    if (model().summary != nullptr) (void)model().summary(config);
  } catch (const sim::config::InputError&) {
    // Refused with file:line messages: what bad input should get.
  } catch (const std::exception& error) {
    std::fprintf(stderr, "an exception other than an input error escaped the loader: %s\n", error.what());
    std::abort();
  }
}

constexpr const char* records_keys[] = {"regions", "industries", "firms.initial_clusters", "policy.schedule",
                                        "policy.pilots"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);
  const unsigned mode = data[0] % 6;
  if (mode == 0) {
    load_and_check(payload, source_dir / "configs");
    return 0;
  }
  const std::filesystem::path csv = scratch() / "records.csv";
  {
    std::ofstream out(csv, std::ios::binary | std::ios::trunc);
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  }
  const std::string key = records_keys[mode - 1];
  const std::string scenario = "base = \"" + (source_dir / "tests/fuzz/tiny/tiny.toml").string() + "\"\n" + key +
                               " = { file = \"" + csv.string() + "\" }\n";
  load_and_check(scenario, scratch());
  return 0;
}
