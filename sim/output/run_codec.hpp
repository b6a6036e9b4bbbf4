#pragma once
// Chunks encoded as HDF5's shuffle and deflate filters store them, so that threads other than the
// writer's can compress them and the writer only copies bytes into the file (H5Dwrite_chunk). The
// sweep writer gets a whole run's series this way from the thread that ran it; the run writer gets
// each full chunk of its time series from an encoding thread while the run goes on.
#include <cstddef>
#include <span>
#include <vector>

namespace sim::output {

namespace h5 {
struct File;
}
struct SweepSeries;

// The stored bytes of one chunk (shuffled and deflated at the dataset's level, raw at level 0).
struct EncodedSeries {
  std::vector<unsigned char> bytes;
  std::size_t values = 0;  // 8-byte elements encoded
};

// Encodes `bytes`, little-endian 8-byte elements (float64 or int64), as a chunk of a dataset with the
// filters of h5::create_dataset at `deflate_level`.
EncodedSeries encode_chunk(int deflate_level, std::span<const unsigned char> bytes);

// One run's series as the sweep file stores them, one chunk each.
std::vector<EncodedSeries> encode_run(int deflate_level, const std::vector<std::vector<double>>& series);

// Writes `encoded` as the chunk of run (scenario, replicate) of `series`, bytes as they are.
void write_run_chunk(const h5::File& file, const SweepSeries& series, std::size_t scenario, std::size_t replicate,
                     const EncodedSeries& encoded);

}  // namespace sim::output
