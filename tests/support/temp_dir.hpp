#pragma once
// A folder of its own for each test: <temp>/clustersim-<Suite>.<Test>-<pid>-<n>, created empty and removed
// with everything in it when the test ends, so tests that ctest runs in parallel never share a file and
// leave nothing behind. Set CLUSTERSIM_KEEP_TEST_FILES=1 to keep the folders for a look afterwards.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace testing_support {

class TempDir {
 public:
  TempDir() : path_(unique_path()) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    if (std::getenv("CLUSTERSIM_KEEP_TEST_FILES")) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  static std::filesystem::path unique_path() {
    static std::atomic<int> count{0};
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = test ? std::string(test->test_suite_name()) + "." + test->name() : "no-test";
    for (char& c : name) {
      if (c == '/') c = '_';  // parameterised tests are named Prefix/Suite.Test/Index
    }
    return std::filesystem::temp_directory_path() /
           ("clustersim-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
  }

  std::filesystem::path path_;
};

}  // namespace testing_support
