#pragma once
// OUTPUT.lock: the claim of one process on an output path (OUTPUT, OUTPUT.partial) while it writes it.
// Two processes given the same `-o` would otherwise replace or delete each other's .partial file. The lock
// is a small text file created atomically (O_CREAT | O_EXCL) beside the output, saying who holds it (pid,
// host, when the process started, its command line); it is removed when the holder lets go of it, on
// success, error or interruption. A lock whose process no longer runs on this host (killed with SIGKILL,
// a crash, a reboot) is stale: the next process takes it over and says so.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace sim::output {

// What a lock file says about its holder.
struct LockHolder {
  long pid = 0;
  std::string host;
  std::string process_start;  // the kernel's start time of the process (/proc/PID/stat), tells a reused pid apart
  std::string started;        // when it took the lock, ISO 8601 UTC
  std::string command;        // its command line
};

// Why the output is wanted: the advice given on refusal differs.
enum class LockPurpose {
  write,   // a new run or sweep
  resume,  // a sweep continuing OUTPUT.partial
};

// The output is in use by another process (exit status 2: choose another output, or wait), or its path
// is taken by something no output may replace (a folder, a FIFO, a device). The message names the path,
// the process and what to do.
class OutputInUse : public std::runtime_error {
 public:
  OutputInUse(const std::string& message, LockHolder holder) : std::runtime_error(message), holder_(std::move(holder)) {}
  const LockHolder& holder() const { return holder_; }

 private:
  LockHolder holder_;
};

// OUTPUT + ".lock".
std::filesystem::path lock_path(const std::filesystem::path& output);

// The holder a lock file's text names; std::nullopt if the text is not a lock file's (cut short, edited).
std::optional<LockHolder> parse_lock(const std::string& text);
std::string format_lock(const LockHolder& holder);

// This process as a lock names it.
LockHolder this_process();

// Whether the holder's process still runs, as far as this host can tell: a process on another host is
// assumed to run (nothing here can see it).
bool holder_is_running(const LockHolder& holder);

class OutputLock {
 public:
  // Takes OUTPUT.lock, taking over a stale one. Throws OutputInUse when another running process holds
  // it or when OUTPUT or OUTPUT.partial is no regular file, and std::runtime_error when the lock file
  // cannot be created (no such folder, no permission).
  static OutputLock acquire(const std::filesystem::path& output, LockPurpose purpose = LockPurpose::write);

  OutputLock(OutputLock&& other) noexcept;
  OutputLock& operator=(OutputLock&& other) noexcept;
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;
  ~OutputLock();  // release()

  // Removes the lock file if it is still this lock's (never a lock another process has since taken).
  void release() noexcept;

  const std::filesystem::path& path() const { return path_; }
  // Non-empty when a stale lock was taken over: a sentence naming the process that had left it.
  const std::string& takeover_note() const { return takeover_note_; }

 private:
  OutputLock(std::filesystem::path path, std::string text, std::string note)
      : path_(std::move(path)), text_(std::move(text)), takeover_note_(std::move(note)) {}
  std::filesystem::path path_;  // empty once released or moved from
  std::string text_;            // what this lock wrote, to recognise it before removing it
  std::string takeover_note_;
};

}  // namespace sim::output
