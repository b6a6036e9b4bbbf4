#pragma once
// Runs the clustersim program with a file size limit (a full disk without root: past the limit a write
// fails with EFBIG, SIGXFSZ being ignored) and a deadline (a command that waits forever, as one opening a
// FIFO would, is killed and reported as such instead of hanging the test suite). Its stderr is kept apart
// from its stdout, for tests that count the lines of a message.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace testing_support {

struct Ended {
  bool killed_at_deadline = false;
  int signal = 0;        // the signal that ended it (a crash: 11), 0 if it exited
  int exit_status = -1;  // when it exited
  std::string stderr_text;

  // The lines of stderr that are not empty.
  std::vector<std::string> lines() const {
    std::vector<std::string> found;
    std::istringstream stream(stderr_text);
    for (std::string line; std::getline(stream, line);) {
      if (!line.empty()) found.push_back(line);
    }
    return found;
  }
};

// Runs `arguments` (argv[0] a path) with stdout to /dev/null and stderr to `stderr_file`; at most
// `file_size_limit` bytes per file written (0: no limit); killed after `deadline`.
inline Ended run_limited(std::vector<std::string> arguments, const std::filesystem::path& stderr_file,
                         rlim_t file_size_limit = 0,
                         std::chrono::seconds deadline = std::chrono::seconds(300)) {
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  const pid_t child = ::fork();
  if (child == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    const int log = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    if (file_size_limit > 0) {
      ::signal(SIGXFSZ, SIG_IGN);  // kept across exec: writes past the limit fail with EFBIG instead
      const rlimit limit{file_size_limit, file_size_limit};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Ended ended;
  int status = 0;
  const auto stop = std::chrono::steady_clock::now() + deadline;
  while (::waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > stop) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      ended.killed_at_deadline = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFSIGNALED(status)) ended.signal = WTERMSIG(status);
  if (WIFEXITED(status)) ended.exit_status = WEXITSTATUS(status);
  std::ifstream in(stderr_file);
  std::ostringstream text;
  text << in.rdbuf();
  ended.stderr_text = text.str();
  return ended;
}

}  // namespace testing_support
