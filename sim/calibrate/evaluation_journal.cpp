#include "sim/calibrate/evaluation_journal.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

namespace sim::calibrate {

namespace {

constexpr const char* magic = "clustersim calibration journal 1";

std::string header(const std::string& identity) { return fmt::format("{} {}\n{}\n", magic, identity.size(), identity); }

std::string join_hex(const std::vector<double>& values) {
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) text += fmt::format("{}{:a}", i == 0 ? "" : ",", values[i]);
  return text;
}

bool parse_values(const std::string& text, std::vector<double>& values) {
  values.clear();
  if (text.empty()) return true;
  const char* at = text.c_str();
  while (true) {
    char* end = nullptr;
    errno = 0;
    const double value = std::strtod(at, &end);
    if (end == at || errno == ERANGE) return false;
    values.push_back(value);
    if (*end == '\0') return true;
    if (*end != ',') return false;
    at = end + 1;
  }
}

// A journal is a regular file or nothing yet: opening a FIFO would block until another process opens it too,
// and reading a device such as /dev/zero would never end.
void refuse_unless_regular(const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status) || std::filesystem::is_regular_file(status)) return;
  throw JournalError(fmt::format("{} is not a regular file, so it cannot be the calibration's journal: remove it, or "
                                 "give another -o",
                                 path.string()));
}

std::FILE* open_or_throw(const std::filesystem::path& path, const char* mode) {
  std::FILE* file = std::fopen(path.c_str(), mode);
  if (file == nullptr) {
    throw std::runtime_error(fmt::format("{}: cannot open the calibration journal ({})", path.string(), std::strerror(errno)));
  }
  return file;
}

}  // namespace

EvaluationJournal EvaluationJournal::create(const std::filesystem::path& path, const std::string& identity) {
  refuse_unless_regular(path);
  std::error_code error;
  const bool existed = std::filesystem::exists(path, error);
  EvaluationJournal journal(path, open_or_throw(path, "wb"));
  journal.replaced_ = existed;
  const std::string head = header(identity);
  if (std::fwrite(head.data(), 1, head.size(), journal.file_) != head.size() || std::fflush(journal.file_) != 0) {
    throw std::runtime_error(fmt::format("{}: cannot write the calibration journal", path.string()));
  }
  return journal;
}

EvaluationJournal EvaluationJournal::resume(const std::filesystem::path& path, const std::string& identity) {
  refuse_unless_regular(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw JournalError(fmt::format("--resume: no journal {} of an interrupted calibration to continue (run without "
                                   "--resume to start one)",
                                   path.string()));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::string head = header(identity);
  if (text.compare(0, head.size(), head) != 0) {
    throw JournalError(fmt::format("--resume: {} was written by another calibration (another calibration file, "
                                   "scenario, --set, working directory or program version); run without --resume to "
                                   "start again",
                                   path.string()));
  }
  std::map<RunKey, RunRecord> runs;
  std::size_t complete = head.size();  // bytes up to the last whole line
  std::size_t at = head.size();
  while (at < text.size()) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos) break;  // cut short by a crash: dropped, and run again
    std::istringstream line(text.substr(at, end - at));
    std::string word, replicate, point, outcome;
    line >> word >> replicate >> point >> outcome;
    RunKey key;
    RunRecord record;
    bool good = word == "run" && parse_values(point, key.point) && !key.point.empty();
    if (good) key.replicate = static_cast<std::uint32_t>(std::strtoul(replicate.c_str(), nullptr, 10));
    if (good && outcome == "ok") {
      std::string values;
      line >> values;
      good = parse_values(values, record.moments) && !record.moments.empty();
    } else if (good && outcome == "failed") {
      std::getline(line >> std::ws, record.error);
      if (record.error.empty()) record.error = "failed";
    } else {
      good = false;
    }
    if (!good) {
      throw JournalError(fmt::format("--resume: {} is damaged at byte {}: not a run's record; run without --resume to "
                                     "start again",
                                     path.string(), at));
    }
    runs[std::move(key)] = std::move(record);
    at = end + 1;
    complete = at;
  }
  if (complete < text.size()) std::filesystem::resize_file(path, complete);
  EvaluationJournal journal(path, open_or_throw(path, "ab"));
  journal.runs_ = std::move(runs);
  journal.resumed_ = journal.runs_.size();
  return journal;
}

EvaluationJournal::EvaluationJournal(EvaluationJournal&& other) noexcept
    : path_(std::move(other.path_)),
      file_(std::exchange(other.file_, nullptr)),
      runs_(std::move(other.runs_)),
      resumed_(other.resumed_),
      replaced_(other.replaced_) {}

EvaluationJournal::~EvaluationJournal() {
  if (file_ != nullptr) std::fclose(file_);
}

const RunRecord* EvaluationJournal::find(const RunKey& key) const {
  const auto it = runs_.find(key);
  return it == runs_.end() ? nullptr : &it->second;
}

void EvaluationJournal::append(const RunKey& key, const RunRecord& record) {
  std::string error = record.error;
  for (char& c : error) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  const std::string line =
      record.moments.empty()
          ? fmt::format("run {} {} failed {}\n", key.replicate, join_hex(key.point), error.empty() ? "failed" : error)
          : fmt::format("run {} {} ok {}\n", key.replicate, join_hex(key.point), join_hex(record.moments));
  if (file_ == nullptr || std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    throw std::runtime_error(fmt::format("{}: cannot write the calibration journal", path_.string()));
  }
  runs_[key] = record;
}

void EvaluationJournal::remove() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace sim::calibrate
