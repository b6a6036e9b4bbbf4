// OUTPUT.lock: one process at a time per output path; a refusal names the holder; a lock whose process
// is gone (exited, a zombie, its pid reused) is taken over with a note; a lock is removed only by its
// holder; an output path that is a folder, a FIFO or a device is refused.
#include "sim/output/output_lock.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <tuple>

#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using sim::output::LockHolder;
using sim::output::LockPurpose;
using sim::output::OutputInUse;
using sim::output::OutputLock;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// A pid that no process has: a child that has exited and been waited for.
long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

// The message of the OutputInUse that acquiring `output` throws; empty if it throws none.
std::string refusal(const fs::path& output, LockPurpose purpose = LockPurpose::write) {
  try {
    OutputLock lock = OutputLock::acquire(output, purpose);
  } catch (const OutputInUse& in_use) {
    return in_use.what();
  }
  return {};
}

TEST(OutputLock, HoldsThePathUntilReleased) {
  const testing_support::TempDir dir;
  const fs::path output = dir / "out.h5";
  {
    OutputLock lock = OutputLock::acquire(output);
    EXPECT_EQ(lock.path(), dir / "out.h5.lock");
    EXPECT_TRUE(lock.takeover_note().empty());
    const std::optional<LockHolder> holder = sim::output::parse_lock(read(lock.path()));
    ASSERT_TRUE(holder);
    EXPECT_EQ(holder->pid, static_cast<long>(::getpid()));
    EXPECT_FALSE(holder->command.empty());
    EXPECT_FALSE(holder->started.empty());

    // A second claim, even by this same process, is refused with the holder named.
    const std::string message = refusal(output);
    EXPECT_NE(message.find("out.h5 is in use by process " + std::to_string(::getpid())), std::string::npos) << message;
    EXPECT_NE(message.find("choose another output"), std::string::npos) << message;
    EXPECT_NE(message.find(holder->command), std::string::npos) << message;
    const std::string resuming = refusal(output, LockPurpose::resume);
    EXPECT_NE(resuming.find("cannot resume"), std::string::npos) << resuming;
    EXPECT_NE(resuming.find("is still running as process " + std::to_string(::getpid())), std::string::npos)
        << resuming;
    EXPECT_EQ(resuming.find("not an HDF5 file"), std::string::npos) << resuming;
  }
  EXPECT_FALSE(fs::exists(dir / "out.h5.lock")) << "released when the lock ends";
  EXPECT_NO_THROW(OutputLock::acquire(output));
}

TEST(OutputLock, MovingKeepsOneHolder) {
  const testing_support::TempDir dir;
  OutputLock first = OutputLock::acquire(dir / "out.h5");
  OutputLock second = std::move(first);
  first.release();  // moved from: releases nothing
  EXPECT_TRUE(fs::exists(dir / "out.h5.lock"));
  second.release();
  EXPECT_FALSE(fs::exists(dir / "out.h5.lock"));
}

TEST(OutputLock, TakesOverTheLockOfAProcessThatIsGone) {
  const testing_support::TempDir dir;
  const fs::path output = dir / "out.h5";
  LockHolder gone = sim::output::this_process();
  gone.pid = dead_pid();
  gone.command = "clustersim run killed.toml";
  write(sim::output::lock_path(output), sim::output::format_lock(gone));
  OutputLock lock = OutputLock::acquire(output);
  EXPECT_NE(lock.takeover_note().find("left by process " + std::to_string(gone.pid)), std::string::npos)
      << lock.takeover_note();
  EXPECT_NE(lock.takeover_note().find("clustersim run killed.toml"), std::string::npos) << lock.takeover_note();
  EXPECT_EQ(sim::output::parse_lock(read(lock.path()))->pid, static_cast<long>(::getpid()));
}

TEST(OutputLock, AZombieOrAReusedPidDoesNotHoldALock) {
  const testing_support::TempDir dir;
  // A child that has exited but not been waited for still has its pid: kill(pid, 0) succeeds.
  const pid_t zombie = ::fork();
  if (zombie == 0) ::_exit(0);
  ::usleep(200000);
  LockHolder holder = sim::output::this_process();
  holder.pid = zombie;
  EXPECT_FALSE(sim::output::holder_is_running(holder));
  int status = 0;
  ::waitpid(zombie, &status, 0);

  // This process's pid, but another start time: the pid was reused after the holder ended.
  LockHolder reused = sim::output::this_process();
  reused.process_start = "1";
  EXPECT_FALSE(sim::output::holder_is_running(reused));
  EXPECT_TRUE(sim::output::holder_is_running(sim::output::this_process()));
}

TEST(OutputLock, ALockOfAnotherHostIsRespected) {
  const testing_support::TempDir dir;
  const fs::path output = dir / "out.h5";
  LockHolder elsewhere = sim::output::this_process();
  elsewhere.pid = dead_pid();  // not running here, but this host cannot see the other one
  elsewhere.host = "node-17.invalid";
  write(sim::output::lock_path(output), sim::output::format_lock(elsewhere));
  const std::string message = refusal(output);
  EXPECT_NE(message.find("on node-17.invalid"), std::string::npos) << message;
  EXPECT_NE(message.find("if it does not, delete " + sim::output::lock_path(output).string()), std::string::npos)
      << message;
}

TEST(OutputLock, ALockFileThatNamesNoProcessIsNotTakenOver) {
  const testing_support::TempDir dir;
  const fs::path output = dir / "out.h5";
  write(sim::output::lock_path(output), "garbage\n");
  const std::string message = refusal(output);
  EXPECT_NE(message.find("does not say which process holds it"), std::string::npos) << message;
  EXPECT_EQ(read(sim::output::lock_path(output)), "garbage\n");
}

TEST(OutputLock, ReleaseLeavesALockThatIsNoLongerItsOwn) {
  const testing_support::TempDir dir;
  OutputLock lock = OutputLock::acquire(dir / "out.h5");
  LockHolder other = sim::output::this_process();
  other.pid = 1;
  write(lock.path(), sim::output::format_lock(other));  // someone else's now
  lock.release();
  EXPECT_TRUE(fs::exists(dir / "out.h5.lock"));
}

TEST(OutputLock, AFolderThatDoesNotExistIsAnError) {
  const testing_support::TempDir dir;
  try {
    OutputLock::acquire(dir / "missing" / "out.h5");
    FAIL() << "no error";
  } catch (const OutputInUse&) {
    FAIL() << "not an output in use";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("cannot create the lock file"), std::string::npos) << error.what();
  }
}

TEST(OutputLock, AnOutputThatIsNoFileIsRefusedAndLeftAlone) {
  // Renaming the finished output onto a FIFO or a device would replace it (as root, /dev/null itself).
  const testing_support::TempDir dir;
  ASSERT_EQ(::mkfifo((dir / "pipe.h5").c_str(), 0644), 0);
  fs::create_directory(dir / "folder.h5");
  ASSERT_EQ(::mkfifo((dir / "partial.h5.partial").c_str(), 0644), 0);
  for (const auto& [name, taken, kind] : {std::tuple{"pipe.h5", "pipe.h5", "a FIFO (named pipe)"},
                                          std::tuple{"folder.h5", "folder.h5", "a folder"},
                                          std::tuple{"partial.h5", "partial.h5.partial", "a FIFO (named pipe)"}}) {
    try {
      OutputLock::acquire(dir / name);
      ADD_FAILURE() << name << " was taken";
    } catch (const OutputInUse& error) {
      EXPECT_EQ(std::string(error.what()), (dir / taken).string() + " is " + kind +
                                               ", not a file the output can be written to; give the name of a file");
    }
    EXPECT_FALSE(fs::exists(sim::output::lock_path(dir / name))) << name;
  }
  EXPECT_TRUE(fs::is_fifo(dir / "pipe.h5"));
  EXPECT_TRUE(fs::is_directory(dir / "folder.h5"));
}

TEST(OutputLock, TextRoundTrips) {
  LockHolder holder{42, "host-a", "12345", "2026-01-02T03:04:05Z", "clustersim sweep s.toml -o x.h5"};
  const std::optional<LockHolder> back = sim::output::parse_lock(sim::output::format_lock(holder));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pid, 42);
  EXPECT_EQ(back->host, "host-a");
  EXPECT_EQ(back->process_start, "12345");
  EXPECT_EQ(back->started, "2026-01-02T03:04:05Z");
  EXPECT_EQ(back->command, "clustersim sweep s.toml -o x.h5");
  EXPECT_FALSE(sim::output::parse_lock("pid 0\nhost h\n"));
  EXPECT_FALSE(sim::output::parse_lock("pid 12\n"));
}

}  // namespace
