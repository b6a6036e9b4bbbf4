#include "sim/output/run_codec.hpp"

#include <zlib.h>

#include <fmt/format.h>

#include <array>

#include "sim/output/h5_file.hpp"
#include "sim/output/sweep_layout.hpp"

namespace sim::output {

std::vector<EncodedSeries> encode_run(int deflate_level, const std::vector<std::vector<double>>& series) {
  std::vector<EncodedSeries> encoded(series.size());
  std::vector<unsigned char> shuffled;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::vector<double>& values = series[i];
    const std::size_t n = values.size();
    const auto* raw = reinterpret_cast<const unsigned char*>(values.data());
    encoded[i].values = n;
    if (deflate_level == 0) {
      encoded[i].bytes.assign(raw, raw + n * sizeof(double));
      continue;
    }
    // HDF5's shuffle filter: byte b of every element together, then byte b + 1, ...
    shuffled.resize(n * sizeof(double));
    for (std::size_t e = 0; e < n; ++e) {
      for (std::size_t b = 0; b < sizeof(double); ++b) shuffled[b * n + e] = raw[e * sizeof(double) + b];
    }
    // HDF5's deflate filter: a zlib stream of the shuffled bytes.
    uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
    encoded[i].bytes.resize(size);
    if (compress2(encoded[i].bytes.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), deflate_level) !=
        Z_OK) {
      throw OutputError(fmt::format("compressing series {} of a run failed", i));
    }
    encoded[i].bytes.resize(size);
  }
  return encoded;
}

void write_run_chunk(const h5::File& file, const SweepSeries& series, std::size_t scenario, std::size_t replicate,
                     const EncodedSeries& encoded) {
  std::array<hsize_t, H5S_MAX_RANK> offset{};  // the run's chunk starts at (scenario, replicate, 0, ...)
  offset[0] = scenario;
  offset[1] = replicate;
  if (H5Dwrite_chunk(series.dataset.get(), H5P_DEFAULT, 0, offset.data(), encoded.bytes.size(), encoded.bytes.data()) <
      0) {
    file.fail(fmt::format("write run ({}, {}) of {}", scenario, replicate, series.what));
  }
}

}  // namespace sim::output
