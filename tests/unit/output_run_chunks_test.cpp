// The run writer stores its time series a whole chunk at a time, encoded beside the run (on an encoding
// thread when the run has two or more threads): every value must come back as sampled, whatever the
// threads, the deflate level and the number of ticks past the last whole chunk.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "hdf5_read_support.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/parallel.hpp"

namespace so = sim::output;
namespace fs = std::filesystem;
using so::h5::Handle;
using so::h5::Kind;
using testing_support::make_axes;
using testing_support::make_time_axis;
using testing_support::open_dataset;
using testing_support::read_all;
using testing_support::read_doubles;
using testing_support::shape_of;

namespace {

struct Written {
  std::vector<double> values;                // x: (ticks, region, industry)
  std::vector<std::int64_t> counts;          // n: (ticks, region), int64 storage
  std::vector<double> maybe;                 // u: (ticks), undefined (NaN) at every third tick
  std::vector<hsize_t> shape;                // of x
};

double x_value(int tick, std::size_t k) { return std::sin(tick * 0.37 + static_cast<double>(k)) * 1e3; }

Written write_and_read(const fs::path& path, int threads, int ticks, int time_chunk, int deflate_level) {
  int tick = 0;
  so::Registry registry;
  registry.add({.name = "x", .axes = {"region", "industry"}, .units = "1", .long_name = "x", .description = "x",
                .time_series = true, .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                  for (std::size_t k = 0; k < out.size(); ++k) out[k] = x_value(tick, k);
                }});
  registry.add({.name = "n", .axes = {"region"}, .units = "1", .long_name = "n", .description = "n",
                .time_series = true, .storage = so::Storage::int64, .sample = [&tick](std::span<double> out) {
                  for (std::size_t k = 0; k < out.size(); ++k) out[k] = 1000.0 * tick + static_cast<double>(k);
                }});
  registry.add({.name = "u", .axes = {}, .units = "1", .long_name = "u", .description = "u", .time_series = true,
                .storage = so::Storage::float64, .sample = [&tick](std::span<double> out) {
                  out[0] = tick % 3 == 0 ? std::numeric_limits<double>::quiet_NaN() : tick;
                }, .may_be_undefined = true});
  {
    const sim::parallel::ThreadScope scope(threads);
    so::WriterOptions options;
    options.time_chunk = time_chunk;
    options.deflate_level = deflate_level;
    so::RunWriter writer(path, make_time_axis(), make_axes(), registry, {}, options);
    for (tick = 0; tick < ticks; ++tick) writer.append(tick);
    writer.finish();
  }
  Handle file = Handle::checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), Kind::file, "test", "open");
  Written written;
  Handle x = open_dataset(file.get(), "x");
  written.shape = shape_of(x.get());
  written.values = read_doubles(x.get());
  Handle n = open_dataset(file.get(), "n");
  written.counts = read_all<std::int64_t>(n.get(), H5T_NATIVE_INT64);
  Handle u = open_dataset(file.get(), "u");
  written.maybe = read_doubles(u.get());
  return written;
}

class OutputRunChunks : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("clustersim_run_chunks_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path dir_;
};

}  // namespace

TEST_F(OutputRunChunks, EveryValueComesBackOnOneOrTwoThreadsAtAnyLevel) {
  // 37 ticks in chunks of 8: four whole chunks and five ticks of a last one; 16 is a whole number of chunks.
  for (const int ticks : {37, 16, 3}) {
    for (const int level : {0, 1, 6}) {
      for (const int threads : {1, 2}) {
        const std::string label = "ticks " + std::to_string(ticks) + ", level " + std::to_string(level) +
                                  ", threads " + std::to_string(threads);
        const Written w = write_and_read(dir_ / "run.nc", threads, ticks, 8, level);
        ASSERT_EQ(w.shape, (std::vector<hsize_t>{static_cast<hsize_t>(ticks), 2, 3})) << label;
        for (int t = 0; t < ticks; ++t) {
          for (std::size_t k = 0; k < 6; ++k) {
            ASSERT_EQ(w.values[static_cast<std::size_t>(t) * 6 + k], x_value(t, k)) << label << ", tick " << t;
          }
          for (std::size_t r = 0; r < 2; ++r) {
            ASSERT_EQ(w.counts[static_cast<std::size_t>(t) * 2 + r], 1000 * t + static_cast<std::int64_t>(r)) << label;
          }
          const double u = w.maybe[static_cast<std::size_t>(t)];
          if (t % 3 == 0) {
            ASSERT_TRUE(std::isnan(u)) << label << ", tick " << t;
          } else {
            ASSERT_EQ(u, t) << label << ", tick " << t;
          }
        }
      }
    }
  }
}

TEST_F(OutputRunChunks, ChunkLongerThanTheRunHoldsItsTicks) {
  const Written w = write_and_read(dir_ / "run.nc", 2, 5, 16, 1);
  ASSERT_EQ(w.shape, (std::vector<hsize_t>{5, 2, 3}));
  for (int t = 0; t < 5; ++t) EXPECT_EQ(w.values[static_cast<std::size_t>(t) * 6 + 5], x_value(t, 5));
}
