#include "sim/run/interruption.hpp"

#include <signal.h>
#include <unistd.h>

#include <fmt/core.h>

#include <atomic>

namespace sim {

namespace {

// A lock-free atomic is safe to store from a signal handler; checked once per tick, it costs nothing.
std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_interrupt(int signal) {
  received.store(signal, std::memory_order_relaxed);
  // write() is async-signal-safe; fmt and stdio are not.
  constexpr char message[] = "\nclustersim: interrupted, stopping cleanly (a second signal stops at once)\n";
  [[maybe_unused]] const ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // the second signal takes the default action: the process ends at once
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() noexcept { return received.load(std::memory_order_relaxed); }

void request_interrupt(int signal) noexcept { received.store(signal, std::memory_order_relaxed); }

void clear_interrupt() noexcept { received.store(0, std::memory_order_relaxed); }

void throw_if_interrupted(int tick) {
  const int signal = interrupt_signal();
  if (signal == 0) return;
  const std::string name = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : fmt::format("signal {}", signal);
  throw Interrupted(signal, tick,
                    tick >= 0 ? fmt::format("interrupted ({}) at tick {}", name, tick) : fmt::format("interrupted ({})", name));
}

}  // namespace sim
