#include "sim/config/text_file.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sim::config {

namespace {

std::string kind_problem(const struct stat& status) {
  if (S_ISREG(status.st_mode)) return {};
  if (S_ISDIR(status.st_mode)) return "a directory";
  if (S_ISFIFO(status.st_mode)) return "a FIFO (named pipe), not a regular file";
  if (S_ISCHR(status.st_mode)) return "a character device, not a regular file";
  if (S_ISBLK(status.st_mode)) return "a block device, not a regular file";
  if (S_ISSOCK(status.st_mode)) return "a socket, not a regular file";
  return "not a regular file";
}

std::string size_problem(const struct stat& status) {
  if (static_cast<std::uintmax_t>(status.st_size) <= max_text_file_bytes) return {};
  return fmt::format("a file of {} bytes, above the limit of {} MiB for a text input", status.st_size,
                     max_text_file_bytes >> 20);
}

// stat() of `path`; false with `problem` set when the file cannot be examined.
bool examine(const std::filesystem::path& path, struct stat& status, std::string& problem) {
  if (::stat(path.c_str(), &status) == 0) return true;
  const int error = errno;
  problem = error == ENOENT || error == ENOTDIR ? std::string("no such file")
                                                : fmt::format("cannot be read ({})", std::strerror(error));
  return false;
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string file_kind_problem(const std::filesystem::path& path) {
  struct stat status {};
  std::string problem;
  if (!examine(path, status, problem)) return problem;
  return kind_problem(status);
}

std::string text_file_problem(const std::filesystem::path& path) {
  struct stat status {};
  std::string problem;
  if (!examine(path, status, problem)) return problem;
  problem = kind_problem(status);
  return problem.empty() ? size_problem(status) : problem;
}

bool read_text_file(const std::filesystem::path& path, std::string& text, std::string& problem) {
  problem = text_file_problem(path);
  if (!problem.empty()) return false;
  // O_NONBLOCK: should the file have been replaced by a FIFO since the check, opening it does not wait.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) {
    problem = fmt::format("cannot be read ({})", std::strerror(errno));
    return false;
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    problem = fmt::format("cannot be read ({})", std::strerror(errno));
    return false;
  }
  problem = kind_problem(status);
  if (problem.empty()) problem = size_problem(status);
  if (!problem.empty()) return false;
  // A file growing while it is read stops at the limit too.
  text.clear();
  text.reserve(static_cast<std::size_t>(status.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ::read(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      problem = fmt::format("cannot be read ({})", std::strerror(errno));
      return false;
    }
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > max_text_file_bytes) {
      problem = fmt::format("a file of more than {} MiB, the limit for a text input", max_text_file_bytes >> 20);
      return false;
    }
  }
  return true;
}

}  // namespace sim::config
