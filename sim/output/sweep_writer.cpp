#include "sim/output/sweep_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

#include "sim/output/h5_file.hpp"
#include "sim/output/h5_netcdf.hpp"
#include "sim/output/sweep_layout.hpp"
#include "sim/output/sweep_resume.hpp"

namespace sim::output {


struct SweepWriter::Impl {
  h5::File file;
  SweepLayout layout;  // to open the file again
  SweepDatasets datasets;
  std::vector<RunStatus> statuses;  // of every run, scenario-major, as the file records them
  std::size_t runs_since_open = 0;
  static constexpr std::size_t runs_per_open = 64;

  ~Impl() {
    if (file.finished) return;
    datasets = {};
    h5::close_after_failure(file);
    // A file that holds runs is kept for --resume; only a file of our own without any is removed.
    const bool holds_runs = std::any_of(statuses.begin(), statuses.end(),
                                        [](RunStatus status) { return status != RunStatus::not_run; });
    if (!holds_runs) h5::remove_unpublished(file);
  }

  // With evictions off HDF5 keeps every metadata entry the file has touched (the chunk indices: about 20
  // kilobytes of memory per run); closing the file and opening it again lets go of them, so the writer's
  // memory stays bounded whatever the size of the sweep.
  void reopen() {
    std::vector<bool> written;
    for (const SweepStatic& s : datasets.statics) written.push_back(s.written);
    close_sweep_datasets(file, datasets);
    h5::close_checked(file, "reopening");
    datasets = reopen_sweep_file(file, layout, statuses);
    for (std::size_t i = 0; i < datasets.statics.size(); ++i) datasets.statics[i].written = written[i];
    runs_since_open = 0;
  }

  void check_run(std::string_view function, std::size_t scenario, std::size_t replicate) const {
    if (scenario >= layout.scenarios || replicate >= layout.replicates) {
      throw std::out_of_range(fmt::format("SweepWriter::{}: run ({}, {}) outside {} scenarios x {} replicates in {}",
                                          function, scenario, replicate, layout.scenarios, layout.replicates,
                                          file.label));
    }
  }

  // Throws std::invalid_argument unless there is one series per time series of the layout, each of
  // its number of values.
  template <typename Series, typename CountValues>
  void check_series(std::string_view function, const std::vector<Series>& series, CountValues count_values) const {
    const std::vector<SweepSeries>& expected = datasets.series;
    if (series.size() != expected.size()) {
      throw std::invalid_argument(fmt::format("SweepWriter::{}: {} series given, the layout has {} time series",
                                              function, series.size(), expected.size()));
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (count_values(series[i]) != expected[i].values) {
        throw std::invalid_argument(fmt::format("SweepWriter::{}: series of '{}' has {} values, expected {}", function,
                                                expected[i].name, count_values(series[i]), expected[i].values));
      }
    }
  }

  void write_series(const SweepSeries& s, std::size_t scenario, std::size_t replicate, const double* values) {
    std::array<hsize_t, H5S_MAX_RANK> start{};
    start[0] = scenario;
    start[1] = replicate;
    h5::write_block(file, s.dataset.get(), std::span(start).first(s.count.size()), s.count, s.memory_space.get(),
                    H5T_NATIVE_DOUBLE, values, fmt::format("run ({}, {}) of {}", scenario, replicate, s.what));
  }

  void write_element(hid_t dataset, hid_t memory_type, const void* value, std::size_t scenario,
                     std::size_t replicate, const char* name) {
    const hsize_t start[2] = {scenario, replicate};
    const hsize_t count[2] = {1, 1};
    h5::write_block(file, dataset, start, count, datasets.run_memory_space.get(), memory_type, value,
                    fmt::format("run ({}, {}) of '{}'", scenario, replicate, name));
  }

  // The run variables, status last and on its own: the run's chunks and variables reach the disk in one
  // flush, its status in the next, so a process killed at any moment leaves a status that says done
  // only over a run that is whole on disk.
  void write_run_record(std::size_t scenario, std::size_t replicate, std::uint64_t seed, std::uint32_t replicate_key,
                        const std::string& message, RunStatus run_status) {
    write_element(datasets.seed.get(), H5T_NATIVE_UINT64, &seed, scenario, replicate, seed_name);
    const auto key = static_cast<std::int64_t>(replicate_key);
    write_element(datasets.key.get(), H5T_NATIVE_INT64, &key, scenario, replicate, key_name);
    const char* text = message.c_str();
    write_element(datasets.error.get(), datasets.string_type.get(), &text, scenario, replicate, error_name);
    file.flush();
    const auto status = static_cast<std::int32_t>(run_status);
    write_element(datasets.status.get(), H5T_NATIVE_INT32, &status, scenario, replicate, status_name);
    file.flush();
    statuses[scenario * layout.replicates + replicate] = run_status;
    if (++runs_since_open == runs_per_open) reopen();
  }
};

SweepWriter::SweepWriter(std::filesystem::path final_path, SweepLayout layout, OpenMode mode)
    : impl_(std::make_unique<Impl>()) {
  check_layout(layout);
  Impl& im = *impl_;
  im.file = h5::file_for(std::move(final_path));
  im.layout = std::move(layout);
  const h5::ErrorSilencer silencer;
  try {
    if (mode == OpenMode::resume) {
      im.datasets = resume_sweep_file(im.file, im.layout, im.statuses);
    } else {
      im.statuses.assign(im.layout.scenarios * im.layout.replicates, RunStatus::not_run);
      im.file.broken = true;  // until every dataset is created
      im.datasets = create_sweep_file(im.file, im.layout);
      im.file.broken = false;
    }
  } catch (...) {
    impl_.reset();  // closes (removing a .partial file it created) while HDF5 printing is still off
    throw;
  }
}

SweepWriter::~SweepWriter() {
  const h5::ErrorSilencer silencer;
  impl_.reset();
}

void SweepWriter::write_static(const std::string& name, std::span<const double> values) {
  Impl& im = *impl_;
  h5::check_usable(im.file, "SweepWriter::write_static");
  std::vector<SweepStatic>& statics = im.datasets.statics;
  const auto it = std::find_if(statics.begin(), statics.end(), [&](const SweepStatic& s) { return s.name == name; });
  if (it == statics.end()) {
    throw std::invalid_argument(
        fmt::format("SweepWriter::write_static: '{}' is not a static variable of {}", name, im.file.label));
  }
  if (values.size() != it->values) {
    throw std::invalid_argument(fmt::format("SweepWriter::write_static: '{}' has {} values, expected {}", name,
                                            values.size(), it->values));
  }
  std::vector<std::int64_t> integers;
  const void* buffer = values.data();
  if (it->storage == Storage::int64) {
    h5::convert_to_int64(values, integers, fmt::format("variable '{}'", name), "element", im.file.label);
    buffer = integers.data();
  }
  const h5::ErrorSilencer silencer;
  im.file.broken = true;
  im.file.check(H5Dwrite(it->dataset.get(), h5::memory_type_of(it->storage), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer),
                fmt::format("write {}", it->what));
  im.file.broken = false;
  it->written = true;
}

void SweepWriter::write_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                            std::uint32_t replicate_key, const std::vector<std::vector<double>>& series) {
  Impl& im = *impl_;
  h5::check_usable(im.file, "SweepWriter::write_run");
  im.check_run("write_run", scenario, replicate);
  im.check_series("write_run", series, [](const std::vector<double>& s) { return s.size(); });
  const h5::ErrorSilencer silencer;
  im.file.broken = true;  // until every dataset has the run
  for (std::size_t i = 0; i < series.size(); ++i) {
    im.write_series(im.datasets.series[i], scenario, replicate, series[i].data());
  }
  im.write_run_record(scenario, replicate, seed, replicate_key, std::string(), RunStatus::done);
  im.file.broken = false;
}

void SweepWriter::write_encoded_run(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                                    std::uint32_t replicate_key, const std::vector<EncodedSeries>& series) {
  Impl& im = *impl_;
  h5::check_usable(im.file, "SweepWriter::write_encoded_run");
  im.check_run("write_encoded_run", scenario, replicate);
  im.check_series("write_encoded_run", series, [](const EncodedSeries& s) { return s.values; });
  const h5::ErrorSilencer silencer;
  im.file.broken = true;  // until every dataset has the run
  for (std::size_t i = 0; i < series.size(); ++i) {
    write_run_chunk(im.file, im.datasets.series[i], scenario, replicate, series[i]);
  }
  im.write_run_record(scenario, replicate, seed, replicate_key, std::string(), RunStatus::done);
  im.file.broken = false;
}

void SweepWriter::write_failure(std::size_t scenario, std::size_t replicate, std::uint64_t seed,
                                std::uint32_t replicate_key, std::string_view message) {
  Impl& im = *impl_;
  h5::check_usable(im.file, "SweepWriter::write_failure");
  im.check_run("write_failure", scenario, replicate);
  const std::string text(message);
  const h5::ErrorSilencer silencer;
  im.file.broken = true;
  if (im.statuses[scenario * im.layout.replicates + replicate] == RunStatus::done) {
    // The run's earlier values are replaced by NaN, as if never written.
    std::size_t largest = 0;
    for (const SweepSeries& s : im.datasets.series) largest = std::max(largest, s.values);
    const std::vector<double> undefined(largest, std::numeric_limits<double>::quiet_NaN());
    for (const SweepSeries& s : im.datasets.series) im.write_series(s, scenario, replicate, undefined.data());
  }
  im.write_run_record(scenario, replicate, seed, replicate_key, text, RunStatus::failed);
  im.file.broken = false;
}

std::filesystem::path SweepWriter::finish() {
  Impl& im = *impl_;
  h5::check_usable(im.file, "SweepWriter::finish");
  for (const SweepStatic& s : im.datasets.statics) {
    if (!s.written) {
      throw std::logic_error(
          fmt::format("SweepWriter::finish: static variable '{}' was never written ({})", s.name, im.file.label));
    }
  }
  const h5::ErrorSilencer silencer;
  im.file.broken = true;  // until the file is closed and renamed
  // Everything reaches the disk while the file is open: a full disk then fails here and the .partial is
  // given up as its last flush left it (resumable), not closed half-way.
  im.file.flush();
  close_sweep_datasets(im.file, im.datasets);
  h5::publish(im.file);
  return im.file.final_path;
}

const std::filesystem::path& SweepWriter::partial_path() const { return impl_->file.partial; }

const std::vector<RunStatus>& SweepWriter::run_statuses() const { return impl_->statuses; }

}  // namespace sim::output
