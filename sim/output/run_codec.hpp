#pragma once
// A run's series encoded as the sweep file stores its chunks, so that the threads that ran them
// compress in parallel and the writer only copies bytes into the file (H5Dwrite_chunk).
#include <cstddef>
#include <vector>

namespace sim::output {

namespace h5 {
struct File;
}
struct SweepSeries;

// One run's series as the sweep file stores them (shuffled and deflated at the layout's level, raw
// doubles at level 0).
struct EncodedSeries {
  std::vector<unsigned char> bytes;
  std::size_t values = 0;  // doubles encoded
};
std::vector<EncodedSeries> encode_run(int deflate_level, const std::vector<std::vector<double>>& series);

// Writes `encoded` as the chunk of run (scenario, replicate) of `series`, bytes as they are.
void write_run_chunk(const h5::File& file, const SweepSeries& series, std::size_t scenario, std::size_t replicate,
                     const EncodedSeries& encoded);

}  // namespace sim::output
