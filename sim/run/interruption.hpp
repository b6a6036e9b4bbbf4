#pragma once
// Stopping cleanly on SIGINT (Ctrl-C) or SIGTERM (kill, a batch system's time limit). The signal handler
// only sets a flag (nothing else is safe inside a handler); the tick loop checks it between ticks and a
// sweep between runs, and they end by throwing Interrupted, so that every destructor on the way out runs:
// an unfinished run's .partial file is removed, a sweep's recorded runs stay for --resume, the output's
// lock is released.
#include <stdexcept>
#include <string>

namespace sim {

// Thrown when the flag is found set. `tick` is the tick that was about to run (-1 outside a tick loop).
class Interrupted : public std::runtime_error {
 public:
  Interrupted(int signal, int tick, const std::string& what) : std::runtime_error(what), signal_(signal), tick_(tick) {}
  int signal() const { return signal_; }
  int tick() const { return tick_; }
  // The exit status of a process ended by this signal, as the shell reports one: 128 + signal (130 for SIGINT).
  int exit_status() const { return 128 + signal_; }

 private:
  int signal_;
  int tick_;
};

// Installs the handler of SIGINT and SIGTERM. The first signal sets the flag and says on stderr that the
// program is stopping; the handler is then reset, so a second signal ends the process at once.
void install_interrupt_handlers();

// The signal received, or 0.
int interrupt_signal() noexcept;

// Sets the flag as a signal would (for a rank of a distributed sweep that learns of an interruption
// elsewhere, and for tests); clear_interrupt() resets it.
void request_interrupt(int signal) noexcept;
void clear_interrupt() noexcept;

// Throws Interrupted if the flag is set; `tick` as in Interrupted.
void throw_if_interrupted(int tick = -1);

}  // namespace sim
