#pragma once
// The clustersim program started in the background, its stdout and stderr going to a file, for tests
// that act on a process while it runs: a second process on the same output, a signal.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace testing_support {

class SpawnedProcess {
 public:
  SpawnedProcess(std::vector<std::string> arguments, std::filesystem::path log) : log_(std::move(log)) {
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int error = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) throw std::runtime_error("cannot start " + arguments[0]);
  }
  ~SpawnedProcess() {
    if (!waited_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  SpawnedProcess(const SpawnedProcess&) = delete;
  SpawnedProcess& operator=(const SpawnedProcess&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int number) const { ::kill(pid_, number); }

  // Waits for the process to end; returns its raw wait status.
  int wait() {
    if (!waited_) {
      ::waitpid(pid_, &status_, 0);
      waited_ = true;
    }
    return status_;
  }
  bool running() {
    if (waited_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) waited_ = true;
    return !waited_;
  }

  // What the process has printed so far (stdout and stderr together).
  std::string output() const {
    std::ifstream in(log_);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // Polls `condition` every 10 ms until it holds (true) or `timeout` passes or the process ends (false).
  bool wait_until(const std::function<bool()>& condition,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(60000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      if (!running()) return condition();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

 private:
  std::filesystem::path log_;
  pid_t pid_ = 0;
  int status_ = 0;
  bool waited_ = false;
};

}  // namespace testing_support
