#include "sim/sweep/runner.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "sim/output/output_lock.hpp"
#include "sim/output/sweep_writer.hpp"

namespace sim::sweep {

SweepResult run_sweep(const Model& model, const SweepSpec& spec, const std::filesystem::path& output,
                      const SweepSettings& settings, const std::function<void(const SweepProgress&)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  const config::Schema schema = scenario_schema(model);
  const std::size_t scenarios = spec.points.rows.size();
  const std::size_t total = scenarios * static_cast<std::size_t>(spec.replicates);
  // The output is claimed before the prototype's burn-in, which can take minutes: a second sweep (or
  // a --resume) on a sweep still running is refused at once, naming it.
  if (output.has_parent_path()) std::filesystem::create_directories(output.parent_path());
  const output::OutputLock lock =
      output::OutputLock::acquire(output, settings.resume ? output::LockPurpose::resume : output::LockPurpose::write);
  if (settings.run.notice && !lock.takeover_note().empty()) settings.run.notice(lock.takeover_note());

  // The layout comes from a prototype run of the first scenario, started but not stepped.
  const config::Config first = scenario_config(schema, spec, 0, replicate_key(spec, 0, 0));
  // Runs that start from the same burn-in share it: each is computed once, the prototype's included.
  BurnInCache burn_ins(std::max<std::size_t>(8, 2 * static_cast<std::size_t>(std::max(1, settings.jobs))));
  StartOptions prototype_start;
  prototype_start.burn_in_cache = &burn_ins;
  Simulation prototype = start_simulation(model, first, prototype_start);
  output::Registry registry;
  prototype.run->declare_outputs(registry);
  const std::vector<output::Axis> axes = prototype.run->axes();
  std::vector<std::string> unknown;
  for (const std::string& name : spec.keep) {
    const output::Variable* variable = registry.find(name);
    if (variable == nullptr || !variable->time_series) unknown.push_back(name);
  }
  if (!unknown.empty()) {
    std::vector<config::Error> errors;
    for (const std::string& name : unknown) {
      config::Error error;
      error.source = config::Source{spec.file.string(), 0, 0};
      error.key = "sweep.keep";
      error.expected = "names of time-series output variables (docs/output.md)";
      error.found = fmt::format("'{}'", name);
      errors.push_back(std::move(error));
    }
    throw config::InputError(std::move(errors));
  }

  output::SweepLayout layout;
  const RunSettings& run_settings = prototype.settings;
  layout.time_axis = {run_settings.calendar.cf_units(), "proleptic_gregorian"};
  for (int tick = 0; tick < run_settings.ticks; ++tick) {
    layout.time_values.push_back(run_settings.calendar.days_since_start(tick));
  }
  layout.axes = axes;
  for (const output::Variable* variable : kept_variables(registry, spec)) layout.variables.push_back(*variable);
  for (const output::Variable& variable : registry.variables()) {
    if (!variable.time_series) layout.variables.push_back(variable);
  }
  layout.scenarios = scenarios;
  layout.replicates = static_cast<std::size_t>(spec.replicates);
  for (std::size_t p = 0; p < spec.points.keys.size(); ++p) {
    std::vector<double> values;
    for (const std::vector<double>& row : spec.points.rows) values.push_back(row[p]);
    layout.parameters.emplace_back(spec.points.keys[p], std::move(values));
  }
  layout.global_attributes = provenance_attributes(model, fmt::format("clustersim sweep {}", spec.file.filename().string()));
  layout.global_attributes.insert(layout.global_attributes.end(),
                                  {{"design", std::string(to_string(spec.design.kind))},
                                   {"common_random_numbers", spec.common_random_numbers ? "true" : "false"},
                                   {"sweep", spec.text},
                                   {"scenario", first.to_toml()}});
  // A chunk longer than a run holds nothing more but is still allocated whole.
  layout.options = {std::min(run_settings.time_chunk, run_settings.ticks), run_settings.deflate_level};
  output::SweepWriter writer(output, layout, settings.resume ? output::OpenMode::resume : output::OpenMode::create);
  for (const output::Variable& variable : registry.variables()) {
    if (variable.time_series) continue;
    std::vector<double> values(output::sample_size(variable, axes));
    variable.sample(values);
    writer.write_static(variable.name, values);
  }
  prototype.run.reset();

  // The runs the file does not record yet, in index order; the threads and any remote workers take them
  // from one counter.
  SweepResult result;
  std::vector<std::size_t> pending;
  for (std::size_t index = 0; index < total; ++index) {
    const output::RunStatus status = writer.run_statuses()[index];
    if (status == output::RunStatus::not_run) {
      pending.push_back(index);
    } else {
      ++result.resumed;
      if (status == output::RunStatus::failed) ++result.failed;
    }
  }
  std::atomic<std::size_t> next{0};
  const auto take = [&]() -> std::optional<std::size_t> {
    const std::size_t at = next.fetch_add(1);
    if (at >= pending.size()) return std::nullopt;
    return pending[at];
  };

  // Workers run; the calling thread writes. At most `jobs` finished runs wait for the writer, so
  // memory stays bounded by about 2 x jobs runs.
  const int threads = std::max(1, settings.jobs);
  const int deflate_level = layout.options.deflate_level;
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable room;
  std::deque<RunOutcome> finished;
  bool stop = false;
  int running_threads = threads;  // threads that have not yet ended
  auto worker = [&] {
    try {
      while (const std::optional<std::size_t> index = take()) {
        RunOutcome outcome = run_one(model, schema, spec, *index, settings.run, deflate_level, burn_ins);
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || finished.size() < static_cast<std::size_t>(threads); });
        if (stop) break;
        finished.push_back(std::move(outcome));
        ready.notify_one();
      }
    } catch (const Interrupted&) {
      // The run in flight is abandoned; the writer saves the runs already finished.
    }
    std::lock_guard lock(mutex);
    --running_threads;
    ready.notify_one();
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  const auto record = [&](const RunOutcome& outcome) {
    if (outcome.error) {
      writer.write_failure(outcome.scenario, outcome.replicate, outcome.seed, outcome.replicate_key, *outcome.error);
      ++result.failed;
    } else {
      writer.write_encoded_run(outcome.scenario, outcome.replicate, outcome.seed, outcome.replicate_key,
                               outcome.series);
    }
  };
  std::size_t written = 0;
  const auto report = [&] {
    if (progress) {
      progress({result.resumed + written, result.failed, total, result.resumed,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()});
    }
  };
  // Waits between checks of the interruption flag and calls of `progress` while no run ends.
  const auto poll = settings.remote ? std::chrono::milliseconds(1) : std::chrono::milliseconds(100);
  auto last_report = std::chrono::steady_clock::now();
  bool interrupted = false;
  try {
    while (written < pending.size()) {
      if (!interrupted && interrupt_signal() != 0) {
        // No run starts from now on; the runs in flight stop at their next tick, and those already
        // finished are written below before the sweep ends.
        interrupted = true;
        next.store(pending.size());
      }
      std::vector<RunOutcome> arrived;
      if (settings.remote) arrived = settings.remote->serve(take, deflate_level);
      bool threads_done = false;
      {
        std::unique_lock lock(mutex);
        ready.wait_for(lock, poll, [&] { return !finished.empty() || (interrupted && running_threads == 0); });
        while (!finished.empty()) {
          arrived.push_back(std::move(finished.front()));
          finished.pop_front();
        }
        threads_done = running_threads == 0;
        room.notify_all();
      }
      for (const RunOutcome& outcome : arrived) {
        record(outcome);
        ++written;
        report();
        last_report = std::chrono::steady_clock::now();
      }
      if (interrupted && threads_done) break;
      if (std::chrono::steady_clock::now() - last_report >= std::chrono::milliseconds(100)) {
        report();
        last_report = std::chrono::steady_clock::now();
      }
    }
  } catch (...) {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    next.store(pending.size());
    for (std::thread& thread : pool) thread.join();
    if (settings.remote) settings.remote->stop();
    throw;
  }
  for (std::thread& thread : pool) thread.join();
  if (settings.remote) settings.remote->stop();
  if (interrupted && written < pending.size()) {
    const auto& statuses = writer.run_statuses();
    const auto saved = static_cast<std::size_t>(
        std::count_if(statuses.begin(), statuses.end(), [](output::RunStatus s) { return s != output::RunStatus::not_run; }));
    throw SweepInterrupted(interrupt_signal(), saved, total);
  }
  result.output = writer.finish();
  result.runs = total;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sim::sweep
