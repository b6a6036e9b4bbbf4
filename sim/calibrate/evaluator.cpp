#include "sim/calibrate/evaluator.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "sim/calibrate/moment_recorder.hpp"
#include "sim/run/interruption.hpp"
#include "sim/run/starting_state.hpp"

namespace sim::calibrate {

std::vector<double> simulate_moments(const Model& model, const CalibrationSpec& spec, const std::vector<double>& point,
                                     std::uint32_t replicate, const RunOptions& options, BurnInCache* burn_ins) {
  static thread_local std::optional<config::Schema> schema;
  if (!schema) schema = scenario_schema(model);
  std::vector<std::string> overrides = spec.base_overrides;
  for (std::string& text : parameter_overrides(spec, point)) overrides.push_back(std::move(text));
  overrides.push_back(fmt::format("simulation.replicate={}", replicate));
  const config::Config config = config::load(*schema, spec.scenario, overrides);
  if (model.check != nullptr) model.check(config, read_run_settings(config));
  StartOptions start;
  start.burn_in_cache = burn_ins;
  start.check_identities = options.check_identities;
  Simulation simulation = start_simulation(model, config, start);
  output::Registry registry;
  simulation.run->declare_outputs(registry);
  MomentRecorder recorder(spec.moments, registry, simulation.run->axes(), simulation.settings.ticks,
                          simulation.settings.calendar.years_per_tick());
  simulate(simulation, options, [&](int tick) { recorder.after_tick(tick); });
  return recorder.moments();
}

RunRecord run_record(const Model& model, const CalibrationSpec& spec, const RunKey& key, const RunOptions& options,
                     BurnInCache* burn_ins) {
  RunRecord record;
  try {
    record.moments = simulate_moments(model, spec, key.point, key.replicate, options, burn_ins);
  } catch (const Interrupted&) {
    throw;
  } catch (const std::exception& error) {
    record.error = error.what();
  }
  return record;
}

Evaluator::Evaluator(const Model& model, const CalibrationSpec& spec, EvaluationJournal& journal, int jobs,
                     RunOptions options, const RemoteRuns* remote)
    : model_(model),
      spec_(spec),
      journal_(journal),
      jobs_(std::max(1, jobs)),
      options_(std::move(options)),
      remote_(remote) {}

std::vector<Evaluation> Evaluator::evaluate(const std::vector<std::vector<double>>& points,
                                            const std::vector<std::vector<std::uint32_t>>& replicates,
                                            const std::function<void(const EvaluatorProgress&)>& progress) {
  struct Task {
    std::size_t point = 0;
    std::size_t run = 0;
  };
  std::vector<Evaluation> out(points.size());
  std::vector<Task> pending;
  std::size_t total = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    out[i].point = points[i];
    out[i].replicates = replicates.at(i);
    out[i].replicate_moments.resize(out[i].replicates.size());
    for (std::size_t j = 0; j < out[i].replicates.size(); ++j) {
      ++total;
      if (journal_.find(RunKey{points[i], out[i].replicates[j]}) == nullptr) pending.push_back({i, j});
    }
  }
  runs_replayed_ += total - pending.size();

  // Each (point, replicate) runs once even when a batch names a point twice (a Jacobian step that the
  // bounds fold onto the estimate).
  std::vector<Task> unique;
  {
    std::set<RunKey> seen;
    for (const Task& task : pending) {
      if (seen.insert(RunKey{points[task.point], out[task.point].replicates[task.run]}).second) unique.push_back(task);
    }
  }

  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t done = total - pending.size();
  std::size_t running = 0;
  bool interrupted = false;
  std::exception_ptr failure;
  BurnInCache burn_ins(std::max<std::size_t>(4, 2 * static_cast<std::size_t>(jobs_)));
  const auto take = [&]() -> std::optional<RunKey> {
    if (interrupt_signal() != 0) return std::nullopt;
    const std::size_t at = next.fetch_add(1);
    if (at >= unique.size()) return std::nullopt;
    const Task task = unique[at];
    return RunKey{points[task.point], out[task.point].replicates[task.run]};
  };
  // Called with the mutex held.
  const auto record = [&](const RunKey& key, const RunRecord& run) {
    try {
      journal_.append(key, run);
    } catch (...) {
      if (!failure) failure = std::current_exception();
      next.store(unique.size());
    }
    ++done;
    ++runs_run_;
    finished.notify_one();
  };
  const auto worker = [&] {
    while (const std::optional<RunKey> key = take()) {
      RunRecord run;
      try {
        run = run_record(model_, spec_, *key, options_, &burn_ins);
      } catch (const Interrupted&) {
        std::lock_guard lock(mutex);
        interrupted = true;
        break;
      }
      std::lock_guard lock(mutex);
      record(*key, run);
    }
    std::lock_guard lock(mutex);
    --running;
    finished.notify_one();
  };
  std::vector<std::thread> pool;
  running = std::min<std::size_t>(static_cast<std::size_t>(jobs_), std::max<std::size_t>(unique.size(), 1));
  for (std::size_t t = 0; t < running; ++t) pool.emplace_back(worker);
  {
    const std::size_t goal = (total - pending.size()) + unique.size();
    std::unique_lock lock(mutex);
    std::size_t reported = std::numeric_limits<std::size_t>::max();
    // Until every run is recorded; after an interruption or a failure, until the threads have stopped (runs
    // still out with other processes are then abandoned, and a resumed calibration runs them).
    const auto over = [&] {
      const bool stopping = interrupted || failure || interrupt_signal() != 0;
      return running == 0 && (stopping || done >= goal);
    };
    while (!over()) {
      if (remote_) {
        lock.unlock();
        std::vector<std::pair<RunKey, RunRecord>> arrived = remote_->serve(take);
        lock.lock();
        for (const auto& [key, run] : arrived) record(key, run);
        finished.wait_for(lock, std::chrono::milliseconds(1));
      } else {
        finished.wait_for(lock, std::chrono::milliseconds(200));
      }
      if (progress && done != reported) {
        reported = done;
        const EvaluatorProgress now{done, total};
        lock.unlock();
        progress(now);
        lock.lock();
      }
    }
  }
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  if (interrupted || interrupt_signal() != 0) {
    throw Interrupted(interrupt_signal(), -1, "calibration interrupted");
  }

  for (Evaluation& evaluation : out) {
    const std::size_t moments = spec_.moments.size();
    evaluation.moments.assign(moments, 0.0);
    for (std::size_t j = 0; j < evaluation.replicates.size(); ++j) {
      const RunRecord* record = journal_.find(RunKey{evaluation.point, evaluation.replicates[j]});
      if (record == nullptr || record->moments.size() != moments) {
        ++evaluation.failed;
        if (evaluation.first_error.empty()) {
          evaluation.first_error = record == nullptr ? "not run" : record->error;
        }
        continue;
      }
      evaluation.replicate_moments[j] = record->moments;
      for (std::size_t m = 0; m < moments; ++m) evaluation.moments[m] += record->moments[m];
    }
    for (double& value : evaluation.moments) {
      value = evaluation.failed > 0 ? std::numeric_limits<double>::quiet_NaN()
                                    : value / static_cast<double>(evaluation.replicates.size());
    }
  }
  return out;
}

}  // namespace sim::calibrate
