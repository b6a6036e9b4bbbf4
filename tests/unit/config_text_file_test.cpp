// Text inputs that are not regular files of a sensible size are refused without being read: a FIFO (which
// would block the reader), a device, a directory, a file above the size limit. A FIFO left unopened
// cannot hang these tests: should it be opened, the test would block rather than pass.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config_test_support.hpp"
#include "sim/config/config.hpp"
#include "sim/config/text.hpp"
#include "sim/config/text_file.hpp"
#include "temp_dir.hpp"

namespace sim::config {
namespace {

namespace fs = std::filesystem;

using testing_support::field;
using testing_support::key;

Schema test_schema() {
  Schema schema;
  schema.add(key("policy.openness", Kind::real, 0.5, {.min = 0, .max = 1}));
  KeySpec regions = key("regions", Kind::records);
  regions.fields = {field("region", Kind::string)};
  schema.add(regions);
  return schema;
}

const Schema& schema() {
  static const Schema instance = test_schema();
  return instance;
}

class TextFile : public ::testing::Test {
 protected:
  fs::path fifo(const std::string& name) const {
    const fs::path path = dir_ / name;
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0);
    return path;
  }

  // A sparse file of `bytes` bytes: no disk space needed.
  fs::path sized(const std::string& name, std::uintmax_t bytes) const {
    const fs::path path = dir_ / name;
    std::ofstream(path) << "[policy]\n";
    fs::resize_file(path, bytes);
    return path;
  }

  std::vector<Error> errors_of_file(const fs::path& file) {
    try {
      (void)load(schema(), file);
    } catch (const InputError& error) {
      return error.errors();
    }
    ADD_FAILURE() << "loaded " << file;
    return {};
  }

  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return dir_ / name;
  }

  const ::testing_support::TempDir temp_;
  const fs::path& dir_ = temp_.path();
};

TEST_F(TextFile, EachKindOfFileIsNamed) {
  EXPECT_EQ(file_kind_problem(write("a.toml", "")), "");
  EXPECT_EQ(file_kind_problem(dir_ / "none.toml"), "no such file");
  EXPECT_EQ(file_kind_problem(dir_ / "none" / "a.toml"), "no such file");
  EXPECT_EQ(file_kind_problem(dir_), "a directory");
  EXPECT_EQ(file_kind_problem(fifo("pipe")), "a FIFO (named pipe), not a regular file");
  EXPECT_EQ(file_kind_problem("/dev/zero"), "a character device, not a regular file");
  // A symbolic link is judged by what it points to.
  fs::create_symlink(dir_ / "pipe", dir_ / "link");
  EXPECT_EQ(file_kind_problem(dir_ / "link"), "a FIFO (named pipe), not a regular file");
}

TEST_F(TextFile, SizeLimitIsInclusive) {
  EXPECT_EQ(text_file_problem(sized("at_limit.toml", max_text_file_bytes)), "");
  EXPECT_EQ(text_file_problem(sized("above.toml", max_text_file_bytes + 1)),
            "a file of 4194305 bytes, above the limit of 4 MiB for a text input");
}

TEST_F(TextFile, ReadsARegularFileWhole) {
  std::string text;
  std::string problem;
  const std::string content(200000, 'x');  // more than one read's buffer
  ASSERT_TRUE(read_text_file(write("big.toml", content), text, problem)) << problem;
  EXPECT_EQ(text, content);
  EXPECT_FALSE(read_text_file(dir_ / "none.toml", text, problem));
  EXPECT_EQ(problem, "no such file");
}

TEST_F(TextFile, UnreadableFileSaysWhy) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files without read permission";
  const fs::path file = write("secret.toml", "[policy]\n");
  fs::permissions(file, fs::perms::none);
  std::string text;
  std::string problem;
  EXPECT_FALSE(read_text_file(file, text, problem));
  EXPECT_EQ(problem, "cannot be read (Permission denied)");
}

TEST_F(TextFile, FifoAsScenarioIsRefusedUnread) {
  const fs::path pipe = fifo("scenario.toml");
  const auto errors = errors_of_file(pipe);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), pipe.string() + ": expected a readable file, found \"" + pipe.string() +
                                    "\" (a FIFO (named pipe), not a regular file)");
}

TEST_F(TextFile, DeviceAsBaseIsBlamedOnTheBaseKey) {
  const fs::path file = write("s.toml", "base = \"/dev/zero\"\n[[regions]]\nregion = \"A\"\n");
  const auto errors = errors_of_file(file);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), file.string() + ":1:8: base: expected a readable file, found \"/dev/zero\" (a "
                                                "character device, not a regular file)");
}

TEST_F(TextFile, FifoAndOversizedCsvFilesAreBlamedOnTheFileKey) {
  fifo("regions.csv");
  sized("huge.csv", max_text_file_bytes + 1);
  const fs::path file = write("s.toml", "regions = { file = \"regions.csv\" }\n");
  auto errors = errors_of_file(file);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].format(), file.string() + ":1:20: regions.file: expected a readable CSV file, found \"" +
                                    (dir_ / "regions.csv").string() + "\" (a FIFO (named pipe), not a regular file)");
  errors = errors_of_file(write("t.toml", "regions = { file = \"huge.csv\" }\n"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].found.find("above the limit of 4 MiB"), std::string::npos) << errors[0].found;
}

TEST_F(TextFile, DirectoryAsScenarioKeepsItsMessage) {
  const auto errors = errors_of_file(dir_);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].found, detail::quote(dir_.string()) + " (a directory)");
}

}  // namespace
}  // namespace sim::config
