#pragma once
// The program's exit statuses besides 0 (success) and 128 + a signal (interrupted): what scripts and
// batch systems tell apart.

namespace sim::cli {

inline constexpr int exit_runtime_failure = 1;  // a run failed or the work stopped on an error
inline constexpr int exit_bad_input = 2;        // input refused: which file, line and key is said on stderr

}  // namespace sim::cli
