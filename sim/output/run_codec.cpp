#include "sim/output/run_codec.hpp"

#include <libdeflate.h>

#include <fmt/format.h>

#include <array>
#include <bit>
#include <memory>
#include <stdexcept>

#include "sim/output/h5_file.hpp"
#include "sim/output/sweep_layout.hpp"

namespace sim::output {

// The chunk is copied into the file as it is, so its bytes must already be the file's (little-endian).
static_assert(std::endian::native == std::endian::little, "chunks are encoded in the machine's byte order");

EncodedSeries encode_chunk(int deflate_level, std::span<const unsigned char> bytes) {
  constexpr std::size_t element = 8;
  if (bytes.size() % element != 0) {
    throw std::logic_error(
        fmt::format("encode_chunk: {} bytes are not a whole number of 8-byte elements", bytes.size()));
  }
  EncodedSeries encoded;
  const std::size_t n = bytes.size() / element;
  encoded.values = n;
  if (deflate_level == 0) {
    encoded.bytes.assign(bytes.begin(), bytes.end());
    return encoded;
  }
  // HDF5's shuffle filter: byte b of every element together, then byte b + 1, ...
  std::vector<unsigned char> shuffled(bytes.size());
  for (std::size_t e = 0; e < n; ++e) {
    for (std::size_t b = 0; b < element; ++b) shuffled[b * n + e] = bytes[e * element + b];
  }
  // HDF5's deflate filter: a zlib stream of the shuffled bytes. libdeflate writes the same format as
  // zlib twice as fast (and a little smaller) on these chunks; any zlib reader inflates it.
  const std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> compressor(
      libdeflate_alloc_compressor(deflate_level), libdeflate_free_compressor);
  if (!compressor) throw OutputError(fmt::format("cannot make a compressor at deflate level {}", deflate_level));
  encoded.bytes.resize(libdeflate_zlib_compress_bound(compressor.get(), shuffled.size()));
  const std::size_t size = libdeflate_zlib_compress(compressor.get(), shuffled.data(), shuffled.size(),
                                                    encoded.bytes.data(), encoded.bytes.size());
  if (size == 0) throw OutputError(fmt::format("compressing a chunk of {} values failed", n));
  encoded.bytes.resize(size);
  return encoded;
}

std::vector<EncodedSeries> encode_run(int deflate_level, const std::vector<std::vector<double>>& series) {
  std::vector<EncodedSeries> encoded;
  encoded.reserve(series.size());
  for (const std::vector<double>& values : series) {
    const auto* raw = reinterpret_cast<const unsigned char*>(values.data());
    encoded.push_back(encode_chunk(deflate_level, std::span(raw, values.size() * sizeof(double))));
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
