#pragma once
// The journal of a calibration's runs, OUTPUT.journal beside its output: one line per finished run (its
// parameters, replicate key and moments, or its error), flushed as it finishes. The search is
// deterministic, so a calibration resumed from the journal replays the same steps, takes every run the
// journal records from it instead of running it again, and ends with the same estimates as one never
// interrupted. Values are written as hexadecimal floating point: read back bit for bit.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sim::calibrate {

struct RunKey {
  std::vector<double> point;
  std::uint32_t replicate = 0;
  friend auto operator<=>(const RunKey&, const RunKey&) = default;
};

struct RunRecord {
  std::vector<double> moments;  // empty when the run failed
  std::string error;            // why it failed; empty for a run that ended
};

// Thrown by resume when there is no journal, or one written for another calibration, and by create and
// resume when the journal's path is taken by something other than a regular file (a FIFO, a folder, a
// device); the message says which and what to do.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class EvaluationJournal {
 public:
  // `identity` is everything the runs depend on (the resolved calibration and scenario files, the
  // program's version); a journal is resumed only by a calibration with the same identity.
  // create: starts an empty journal at `path`, replacing one an interrupted calibration left (`replaced`
  // says so). resume: reads the journal's runs (a last line cut short by a crash is dropped).
  static EvaluationJournal create(const std::filesystem::path& path, const std::string& identity);
  static EvaluationJournal resume(const std::filesystem::path& path, const std::string& identity);
  EvaluationJournal(EvaluationJournal&& other) noexcept;
  EvaluationJournal& operator=(EvaluationJournal&&) = delete;
  ~EvaluationJournal();

  const RunRecord* find(const RunKey& key) const;
  // Records the run and flushes the line to the file. Throws std::runtime_error when it cannot be written.
  void append(const RunKey& key, const RunRecord& record);
  std::size_t size() const { return runs_.size(); }
  std::size_t resumed() const { return resumed_; }  // runs read from an earlier session
  bool replaced() const { return replaced_; }
  const std::filesystem::path& path() const { return path_; }
  // Closes and deletes the file (once the results are published).
  void remove();

 private:
  EvaluationJournal(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::map<RunKey, RunRecord> runs_;
  std::size_t resumed_ = 0;
  bool replaced_ = false;
};

}  // namespace sim::calibrate
