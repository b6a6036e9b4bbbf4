#pragma once
// Runs the clustersim binary from tests and captures what it printed and its exit status.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace testing_support {

struct Completed {
  int status = -1;
  std::string output;  // stdout and stderr together
};

inline Completed run_command(const std::string& command) {
  Completed result;
  std::FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) result.output += buffer.data();
  const int raw = ::pclose(pipe);
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return result;
}

inline std::string clustersim() { return CLUSTERSIM_BINARY; }
inline std::string source_path(const std::string& relative) { return std::string(CLUSTERSIM_SOURCE_DIR) + "/" + relative; }

}  // namespace testing_support
