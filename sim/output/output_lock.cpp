#include "sim/output/output_lock.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "sim/output/special_file.hpp"

namespace sim::output {

namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown-host";
  return name;
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Fields of /proc/PID/stat after the command name (which may hold spaces and parentheses): the state is
// the first, the start time (clock ticks since boot) the 20th.
std::optional<std::vector<std::string>> stat_fields(const std::string& pid) {
  const std::optional<std::string> stat = read_text(std::filesystem::path("/proc") / pid / "stat");
  if (!stat) return std::nullopt;
  const std::size_t name_end = stat->rfind(')');
  if (name_end == std::string::npos) return std::nullopt;
  std::istringstream rest(stat->substr(name_end + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  if (fields.size() < 20) return std::nullopt;
  return fields;
}

std::string command_line() {
  std::string command = read_text("/proc/self/cmdline").value_or("");
  while (!command.empty() && command.back() == '\0') command.pop_back();
  for (char& c : command) {
    if (c == '\0' || c == '\n' || c == '\r') c = ' ';  // one line in the lock file
  }
  return command.empty() ? std::string("(unknown command)") : command;
}

std::string utc_now() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::string describe(const LockHolder& holder) {
  return fmt::format("process {} on {} ({}, since {})", holder.pid, holder.host, holder.command, holder.started);
}

std::string refusal(const std::filesystem::path& output, const std::filesystem::path& lock, const LockHolder& holder,
                    LockPurpose purpose) {
  const bool here = holder.host == host_name();
  const std::string unsure =
      here ? std::string()
           : fmt::format(" (this host cannot see whether it still runs there; if it does not, delete {})", lock.string());
  if (purpose == LockPurpose::resume) {
    return fmt::format("cannot resume {}: the sweep writing it is still running as {}{}; wait for it to end, or stop "
                       "it (Ctrl-C, or kill {}) and then resume",
                       output.string(), describe(holder), unsure, holder.pid);
  }
  return fmt::format("{} is in use by {}{}; wait for it to end or choose another output (-o)", output.string(),
                     describe(holder), unsure);
}

bool write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

// A lock file is created empty and then written: a reader may see it in between. The text of a lock
// that stays unreadable for this long is not a lock being written.
std::optional<std::string> read_settled_lock(const std::filesystem::path& path, bool& vanished) {
  std::optional<std::string> text;
  for (int attempt = 0; attempt < 20; ++attempt) {
    text = read_text(path);
    if (!text) {
      vanished = true;
      return std::nullopt;
    }
    if (parse_lock(*text)) return text;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return text;
}

}  // namespace

std::filesystem::path lock_path(const std::filesystem::path& output) {
  std::filesystem::path path = output;
  path += ".lock";
  return path;
}

std::string format_lock(const LockHolder& holder) {
  return fmt::format("pid {}\nhost {}\nprocess_start {}\nstarted {}\ncommand {}\n", holder.pid, holder.host,
                     holder.process_start, holder.started, holder.command);
}

std::optional<LockHolder> parse_lock(const std::string& text) {
  LockHolder holder;
  bool has_pid = false;
  bool has_host = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t space = line.find(' ');
    const std::string name = line.substr(0, space);
    const std::string value = space == std::string::npos ? std::string() : line.substr(space + 1);
    if (name == "pid") {
      char* end = nullptr;
      holder.pid = std::strtol(value.c_str(), &end, 10);
      has_pid = !value.empty() && *end == '\0' && holder.pid > 0;
    } else if (name == "host") {
      holder.host = value;
      has_host = !value.empty();
    } else if (name == "process_start") {
      holder.process_start = value;
    } else if (name == "started") {
      holder.started = value;
    } else if (name == "command") {
      holder.command = value;
    }
  }
  if (!has_pid || !has_host) return std::nullopt;
  return holder;
}

LockHolder this_process() {
  LockHolder holder;
  holder.pid = static_cast<long>(::getpid());
  holder.host = host_name();
  if (const auto fields = stat_fields("self")) holder.process_start = (*fields)[19];
  holder.started = utc_now();
  holder.command = command_line();
  return holder;
}

bool holder_is_running(const LockHolder& holder) {
  if (holder.host != host_name()) return true;
  if (::kill(static_cast<pid_t>(holder.pid), 0) != 0 && errno == ESRCH) return false;
  // The pid exists (or belongs to another user); it may be a zombie or another process that reuses it.
  const auto fields = stat_fields(std::to_string(holder.pid));
  if (!fields) return true;  // no /proc to tell: trust kill()
  if ((*fields)[0] == "Z" || (*fields)[0] == "X") return false;
  return holder.process_start.empty() || (*fields)[19] == holder.process_start;
}

OutputLock OutputLock::acquire(const std::filesystem::path& output, LockPurpose purpose) {
  std::filesystem::path partial = output;
  partial += ".partial";
  for (const std::filesystem::path& taken : {output, partial}) {
    if (const std::string kind = special_file_kind(taken); !kind.empty()) {
      throw OutputInUse(fmt::format("{} is {}, not a file the output can be written to; give the name of a file",
                                    taken.string(), kind),
                        LockHolder{});
    }
  }
  const std::filesystem::path path = lock_path(output);
  const std::string text = format_lock(this_process());
  std::string note;
  // Each pass either creates the lock, refuses, or removes a stale lock and tries again; several passes
  // only when other processes race for the same stale lock.
  for (int attempt = 0; attempt < 8; ++attempt) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      const bool written = write_all(fd, text);
      const bool closed = ::close(fd) == 0;
      if (!written || !closed) {
        const int error = errno;
        ::unlink(path.c_str());
        throw std::runtime_error(fmt::format("cannot write the lock file {}: {}", path.string(), std::strerror(error)));
      }
      return OutputLock(path, text, std::move(note));
    }
    if (errno != EEXIST) {
      throw std::runtime_error(fmt::format("cannot create the lock file {} beside the output: {}", path.string(),
                                           std::strerror(errno)));
    }
    bool vanished = false;
    const std::optional<std::string> found = read_settled_lock(path, vanished);
    if (vanished) continue;  // its holder let go of it just now
    const std::optional<LockHolder> holder = parse_lock(*found);
    if (!holder) {
      throw OutputInUse(fmt::format("{} exists but does not say which process holds it; if no clustersim process "
                                    "writes {}, delete it",
                                    path.string(), output.string()),
                        LockHolder{});
    }
    if (holder_is_running(*holder)) throw OutputInUse(refusal(output, path, *holder, purpose), *holder);

    // Stale. Another process may be taking it over at the same moment: move it aside under a name of our
    // own, and remove it only if what was moved is the stale lock we judged; a fresh lock moved by
    // mistake goes back.
    std::filesystem::path aside = path;
    aside += fmt::format(".stale.{}", ::getpid());
    if (::rename(path.c_str(), aside.c_str()) != 0) {
      if (errno == ENOENT) continue;
      throw std::runtime_error(
          fmt::format("cannot take over the stale lock file {}: {}", path.string(), std::strerror(errno)));
    }
    if (read_text(aside) == found) {
      note = fmt::format("took over {}, left by {}, which no longer runs", path.string(), describe(*holder));
    } else {
      // A fresh lock moved by mistake goes back; this fails only if a third process has created one since.
      (void)::link(aside.c_str(), path.c_str());
    }
    ::unlink(aside.c_str());
  }
  throw std::runtime_error(fmt::format("cannot take the lock file {}: other processes keep taking it", path.string()));
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : path_(std::move(other.path_)), text_(std::move(other.text_)), takeover_note_(std::move(other.takeover_note_)) {
  other.path_.clear();
}

OutputLock& OutputLock::operator=(OutputLock&& other) noexcept {
  if (this != &other) {
    release();
    path_ = std::move(other.path_);
    text_ = std::move(other.text_);
    takeover_note_ = std::move(other.takeover_note_);
    other.path_.clear();
  }
  return *this;
}

OutputLock::~OutputLock() { release(); }

void OutputLock::release() noexcept {
  if (path_.empty()) return;
  try {
    if (read_text(path_) == text_) ::unlink(path_.c_str());
  } catch (...) {
    // Reading failed: leave the file; the next process finds it stale.
  }
  path_.clear();
}

}  // namespace sim::output
