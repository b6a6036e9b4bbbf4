#include "sim/sweep/sweep_results.hpp"

#include <hdf5_hl.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "sim/calendar.hpp"
#include "sim/config/suggest.hpp"
#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"

namespace sim::sweep {

namespace {

using output::h5::Handle;
using output::h5::Kind;

std::optional<Date> parse_date_prefix(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* begin = text.data();
  if (std::from_chars(begin, begin + 4, year).ptr != begin + 4) return std::nullopt;
  if (std::from_chars(begin + 5, begin + 7, month).ptr != begin + 7) return std::nullopt;
  if (std::from_chars(begin + 8, begin + 10, day).ptr != begin + 10) return std::nullopt;
  const Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::vector<hsize_t> shape(hid_t dataset, const std::string& label, const std::string& what) {
  Handle space = Handle::checked(H5Dget_space(dataset), Kind::dataspace, label, fmt::format("get space of {}", what));
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) output::h5::fail(label, fmt::format("get rank of {}", what));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) {
    output::h5::fail(label, fmt::format("get dimensions of {}", what));
  }
  return dims;
}

template <typename T>
std::vector<T> read_all(hid_t dataset, hid_t memory_type, std::size_t count, const std::string& label,
                        const std::string& what) {
  std::vector<T> values(count);
  if (count > 0) {
    output::h5::check(H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), label,
                      fmt::format("read {}", what));
  }
  return values;
}

bool has_link(hid_t file, const char* name) { return H5Lexists(file, name, H5P_DEFAULT) > 0; }

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  for (std::string word; stream >> word;) words.push_back(word);
  return words;
}

std::string range_text(const std::vector<Date>& dates) {
  return fmt::format("the file's {} tick{} run from {} to {}", dates.size(), dates.size() == 1 ? "" : "s",
                     iso_date(dates.front()), iso_date(dates.back()));
}

}  // namespace

SweepResults::SweepResults(const std::filesystem::path& file) : path_(file), label_(file.string()) {
  const output::h5::ErrorSilencer silencer;
  if (const std::string special = output::special_file_kind(file); !special.empty()) {
    throw ResultsError(fmt::format("{}: {}, not a sweep file; nothing was read from it", label_, special));
  }
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) throw ResultsError(fmt::format("{}: no such file", label_));
  if (H5Fis_hdf5(file.c_str()) == 0) {
    throw ResultsError(fmt::format("{} is not a sweep file (not an HDF5 file); write one with `clustersim sweep`", label_));
  }
  std::string cause;
  file_ = output::h5::open_file(file, H5F_ACC_RDONLY, cause);
  if (!file_) throw ResultsError(fmt::format("{}: cannot open the HDF5 file: {}", label_, cause));
  for (const char* name : {"scenario", "replicate", "time", "run_status"}) {
    if (!has_link(file_.get(), name)) {
      throw ResultsError(fmt::format("{} is not a sweep file (no dataset '{}'); write one with `clustersim sweep`",
                                     label_, name));
    }
  }
  Handle scenario = Handle::checked(H5Dopen2(file_.get(), "scenario", H5P_DEFAULT), Kind::dataset, label_, "open 'scenario'");
  Handle replicate =
      Handle::checked(H5Dopen2(file_.get(), "replicate", H5P_DEFAULT), Kind::dataset, label_, "open 'replicate'");
  Handle time = Handle::checked(H5Dopen2(file_.get(), "time", H5P_DEFAULT), Kind::dataset, label_, "open 'time'");
  const std::vector<hsize_t> scenario_dims = shape(scenario.get(), label_, "'scenario'");
  const std::vector<hsize_t> replicate_dims = shape(replicate.get(), label_, "'replicate'");
  const std::vector<hsize_t> time_dims = shape(time.get(), label_, "'time'");
  if (scenario_dims.size() != 1 || replicate_dims.size() != 1 || time_dims.size() != 1 || time_dims[0] == 0) {
    throw ResultsError(fmt::format("{} is not a sweep file (scenario, replicate and time are not 1-D axes)", label_));
  }
  scenarios_ = scenario_dims[0];
  replicates_ = replicate_dims[0];
  time_ = read_all<double>(time.get(), H5T_NATIVE_DOUBLE, time_dims[0], label_, "'time'");

  // The start date from the CF units "days since 2023-01-01 00:00:00".
  std::string units;
  try {
    units = output::h5::read_string_attribute(time.get(), "units", label_);
  } catch (const output::OutputError&) {
  }
  constexpr std::string_view prefix = "days since ";
  const std::optional<Date> start =
      units.starts_with(prefix) ? parse_date_prefix(std::string_view(units).substr(prefix.size())) : std::nullopt;
  if (!start) {
    throw ResultsError(
        fmt::format("{}: the time axis has units '{}', expected 'days since YYYY-MM-DD'", label_, units));
  }
  for (double days : time_) {
    if (!std::isfinite(days)) throw ResultsError(fmt::format("{}: the time axis holds {}", label_, days));
    dates_.emplace_back(std::chrono::sys_days(*start) + std::chrono::days(std::llround(days)));
  }

  Handle status =
      Handle::checked(H5Dopen2(file_.get(), "run_status", H5P_DEFAULT), Kind::dataset, label_, "open 'run_status'");
  if (shape(status.get(), label_, "'run_status'") != std::vector<hsize_t>{scenarios_, replicates_}) {
    throw ResultsError(fmt::format("{}: run_status is not (scenario, replicate)", label_));
  }
  status_ = read_all<std::int32_t>(status.get(), H5T_NATIVE_INT32, scenarios_ * replicates_, label_, "'run_status'");

  // Global attributes (strings only).
  std::vector<std::string> names;
  hsize_t index = 0;
  H5Aiterate2(
      file_.get(), H5_INDEX_NAME, H5_ITER_INC, &index,
      [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &names);
  for (const std::string& name : names) {
    try {
      attributes_[name] = output::h5::read_string_attribute(file_.get(), name, label_);
    } catch (const output::OutputError&) {
    }
  }

  // Time series: datasets whose first three dimensions are the scales scenario, replicate, time.
  std::vector<std::string> datasets;
  H5Literate(
      file_.get(), H5_INDEX_NAME, H5_ITER_INC, nullptr,
      [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
        static_cast<std::vector<std::string>*>(data)->emplace_back(name);
        return 0;
      },
      &datasets);
  std::string coordinates;
  for (const std::string& name : datasets) {
    Handle dataset(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT), Kind::dataset);
    if (!dataset) continue;
    const std::vector<hsize_t> dims = shape(dataset.get(), label_, fmt::format("'{}'", name));
    if (dims.size() < 3 || dims[0] != scenarios_ || dims[1] != replicates_ || dims[2] != time_.size()) continue;
    if (H5DSis_attached(dataset.get(), scenario.get(), 0) <= 0 || H5DSis_attached(dataset.get(), replicate.get(), 1) <= 0 ||
        H5DSis_attached(dataset.get(), time.get(), 2) <= 0) {
      continue;
    }
    time_series_.push_back(name);
    if (coordinates.empty() && H5Aexists(dataset.get(), "coordinates") > 0) {
      coordinates = output::h5::read_string_attribute(dataset.get(), "coordinates", label_);
    }
  }
  std::sort(time_series_.begin(), time_series_.end());

  for (const std::string& key : split_words(coordinates)) {
    if (!has_link(file_.get(), key.c_str())) {
      throw ResultsError(fmt::format("{}: swept parameter '{}' has no dataset", label_, key));
    }
    Handle dataset = Handle::checked(H5Dopen2(file_.get(), key.c_str(), H5P_DEFAULT), Kind::dataset, label_,
                                     fmt::format("open '{}'", key));
    // The coordinates along scenario are the swept parameters; the others describe regions or
    // industries (latitude, industry_kind).
    if (shape(dataset.get(), label_, fmt::format("'{}'", key)) != std::vector<hsize_t>{scenarios_} ||
        H5DSis_attached(dataset.get(), scenario.get(), 0) <= 0) {
      continue;
    }
    parameters_.push_back(
        {key, read_all<double>(dataset.get(), H5T_NATIVE_DOUBLE, scenarios_, label_, fmt::format("'{}'", key))});
  }
}

std::optional<std::string> SweepResults::attribute(const std::string& name) const {
  const auto it = attributes_.find(name);
  if (it == attributes_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::size_t> SweepResults::select_ticks(const TickSelection& selection) const {
  std::vector<std::size_t> ticks;
  if (selection.window) {
    const auto [from, to] = *selection.window;
    for (std::size_t t = 0; t < dates_.size(); ++t) {
      if (std::chrono::sys_days(dates_[t]) >= std::chrono::sys_days(from) &&
          std::chrono::sys_days(dates_[t]) <= std::chrono::sys_days(to)) {
        ticks.push_back(t);
      }
    }
    if (ticks.empty()) {
      throw ResultsError(fmt::format("no tick within {}:{}: {}", iso_date(from), iso_date(to), range_text(dates_)));
    }
    return ticks;
  }
  if (!selection.at) return {dates_.size() - 1};
  for (std::size_t t = dates_.size(); t-- > 0;) {
    if (std::chrono::sys_days(dates_[t]) <= std::chrono::sys_days(*selection.at)) return {t};
  }
  throw ResultsError(
      fmt::format("no tick on or before {}: {}", iso_date(*selection.at), range_text(dates_)));
}

RunValues SweepResults::metric(const std::string& name, const TickSelection& selection) const {
  if (std::find(time_series_.begin(), time_series_.end(), name) == time_series_.end()) {
    const std::string hint = config::detail::did_you_mean(config::detail::nearest(name, time_series_));
    throw ResultsError(fmt::format("{}: no time-series variable '{}'{}; the file has: {}", label_, name,
                                   hint.empty() ? std::string() : fmt::format(" ({})", hint),
                                   fmt::join(time_series_, ", ")));
  }
  RunValues result;
  result.ticks = select_ticks(selection);
  const output::h5::ErrorSilencer silencer;
  Handle dataset = Handle::checked(H5Dopen2(file_.get(), name.c_str(), H5P_DEFAULT), Kind::dataset, label_,
                                   fmt::format("open '{}'", name));
  const std::vector<hsize_t> dims = shape(dataset.get(), label_, fmt::format("'{}'", name));
  std::vector<hsize_t> count = dims;
  count[0] = 1;
  count[1] = 1;
  std::size_t inner = 1;
  for (std::size_t d = 3; d < dims.size(); ++d) inner *= dims[d];
  const std::size_t ticks = time_.size();
  const hsize_t per_run = static_cast<hsize_t>(ticks * inner);
  Handle memory = Handle::checked(H5Screate_simple(1, &per_run, nullptr), Kind::dataspace, label_,
                                  "create memory dataspace");
  Handle space = Handle::checked(H5Dget_space(dataset.get()), Kind::dataspace, label_, "get dataspace");
  std::vector<double> buffer(ticks * inner);
  result.values.assign(scenarios_ * replicates_, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t s = 0; s < scenarios_; ++s) {
    for (std::size_t r = 0; r < replicates_; ++r) {
      if (status(s, r) != 1) continue;
      std::vector<hsize_t> start(dims.size(), 0);
      start[0] = s;
      start[1] = r;
      output::h5::check(
          H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), label_,
          fmt::format("select run ({}, {}) of '{}'", s, r, name));
      output::h5::check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT,
                                buffer.data()),
                        label_, fmt::format("read run ({}, {}) of '{}'", s, r, name));
      double total = 0;
      for (std::size_t t : result.ticks) {
        double sum = 0;
        for (std::size_t i = 0; i < inner; ++i) sum += buffer[t * inner + i];
        total += sum;
      }
      result.values[s * replicates_ + r] = total / static_cast<double>(result.ticks.size());
    }
  }
  const std::string reduced = dims.size() > 3 ? fmt::format("{} (summed over its non-time axes)", name) : name;
  if (selection.window) {
    result.description =
        fmt::format("mean of {} over the {} tick{} from {} to {}", reduced, result.ticks.size(),
                    result.ticks.size() == 1 ? "" : "s", iso_date(dates_[result.ticks.front()]),
                    iso_date(dates_[result.ticks.back()]));
  } else {
    result.description = fmt::format("{} at {} (tick {} of {})", reduced, iso_date(dates_[result.ticks.front()]),
                                     result.ticks.front(), ticks);
  }
  return result;
}

}  // namespace sim::sweep
