// HDF5's failures as one line each: the system's reason where a system call failed, the innermost
// description otherwise, never HDF5's stack printed to stderr.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/output/h5_errors.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
namespace h5 = sim::output::h5;

class OutputH5Errors : public ::testing::Test {
 protected:
  const testing_support::TempDir dir_;
  const h5::ErrorSilencer silencer_;
};

TEST_F(OutputH5Errors, AFailedSystemCallGivesTheSystemsMessageOnce) {
  const fs::path path = dir_ / "no_such_folder" / "out.h5";
  ASSERT_LT(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), 0);
  EXPECT_EQ(h5::failure_cause(), "No such file or directory");
  EXPECT_EQ(h5::failure_cause(), "") << "the stack is cleared once read";
}

TEST_F(OutputH5Errors, OtherwiseTheInnermostDescription) {
  const fs::path path = dir_ / "notes.h5";
  std::ofstream(path) << "not an HDF5 file\n";
  ASSERT_LT(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), 0);
  EXPECT_EQ(h5::failure_cause(), "file signature not found");
}

TEST_F(OutputH5Errors, FailThrowsOneLineNamingFileOperationAndCause) {
  const fs::path path = dir_ / "notes.h5";
  std::ofstream(path) << "not an HDF5 file\n";
  ASSERT_LT(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), 0);
  try {
    h5::fail(path.string(), "open file");
    ADD_FAILURE() << "no error";
  } catch (const sim::output::OutputError& error) {
    EXPECT_EQ(std::string(error.what()), path.string() + ": cannot open file: file signature not found");
  }
}

TEST_F(OutputH5Errors, NothingIsPrintedOnceTheLibraryIsPrepared) {
  // As a process that had not silenced HDF5 would have it: printing on.
  H5Eset_auto2(H5E_DEFAULT, reinterpret_cast<H5E_auto2_t>(H5Eprint2), stderr);
  h5::prepare_library();
  ::testing::internal::CaptureStderr();
  const hid_t failed = H5Fopen((dir_ / "missing.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_LT(failed, 0);
  EXPECT_EQ(printed, "");
  H5Eclear2(H5E_DEFAULT);
}

}  // namespace
