// Opening an HDF5 file a user names: a file cut short is said in words, a whole one opens; folders, FIFOs
// and devices are told apart without being opened.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/output/h5_errors.hpp"
#include "sim/output/h5_handle.hpp"
#include "sim/output/h5_open.hpp"
#include "sim/output/special_file.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
namespace h5 = sim::output::h5;
using h5::Handle;
using h5::Kind;

class OutputH5Open : public ::testing::Test {
 protected:
  const testing_support::TempDir dir_;
  const h5::ErrorSilencer silencer_;
};

TEST_F(OutputH5Open, AFileCutShortIsSaidInWords) {
  const fs::path path = dir_ / "whole.h5";
  {
    Handle file = Handle::checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), Kind::file,
                                  path.string(), "create file");
    const hsize_t count[1] = {4096};
    Handle space = Handle::checked(H5Screate_simple(1, count, nullptr), Kind::dataspace, path.string(), "space");
    Handle dataset = Handle::checked(H5Dcreate2(file.get(), "values", H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                                H5P_DEFAULT, H5P_DEFAULT),
                                     Kind::dataset, path.string(), "create dataset");
    const std::vector<double> values(4096, 1.5);
    h5::check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              path.string(), "write");
  }
  const auto whole = fs::file_size(path);
  fs::resize_file(path, whole / 2);
  std::string cause;
  const Handle file = h5::open_file(path, H5F_ACC_RDONLY, cause);
  EXPECT_FALSE(file);
  EXPECT_EQ(cause, "the file is cut short: " + std::to_string(whole / 2) + " bytes where its header says " +
                       std::to_string(whole));
}

TEST_F(OutputH5Open, OpenFileOpensAWholeFile) {
  const fs::path path = dir_ / "whole.h5";
  h5::Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), Kind::file).reset();
  std::string cause = "stale";
  EXPECT_TRUE(h5::open_file(path, H5F_ACC_RDONLY, cause));
  EXPECT_EQ(cause, "");
}

TEST_F(OutputH5Open, SpecialFilesAreToldApartWithoutOpeningThem) {
  // Opening the FIFO would wait for a writer: the test would never end.
  ASSERT_EQ(::mkfifo((dir_ / "pipe").c_str(), 0644), 0);
  fs::create_directory(dir_ / "folder");
  std::ofstream(dir_ / "plain.h5") << "text";
  fs::create_symlink(dir_ / "plain.h5", dir_ / "link.h5");
  EXPECT_EQ(sim::output::special_file_kind(dir_ / "pipe"), "a FIFO (named pipe)");
  EXPECT_EQ(sim::output::special_file_kind(dir_ / "folder"), "a folder");
  EXPECT_EQ(sim::output::special_file_kind("/dev/null"), "a character device");
  EXPECT_EQ(sim::output::special_file_kind(dir_ / "plain.h5"), "");
  EXPECT_EQ(sim::output::special_file_kind(dir_ / "link.h5"), "");
  EXPECT_EQ(sim::output::special_file_kind(dir_ / "missing.h5"), "");
}

}  // namespace
