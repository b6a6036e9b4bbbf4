// The calibration's journal (sim/calibrate/evaluation_journal.hpp): runs read back bit for bit, a line cut
// short by a crash dropped, a journal of another calibration refused, and a journal's path that is no
// regular file refused.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "sim/calibrate/evaluation_journal.hpp"
#include "temp_dir.hpp"

namespace sim::calibrate {
namespace {

using testing_support::TempDir;

TEST(EvaluationJournal, ResumeReadsEveryRunBitForBit) {
  const TempDir dir;
  const auto path = dir.path() / "cal.h5.journal";
  const RunKey first{{0.1, 1.0 / 3.0}, 0};
  const RunKey second{{0.1, 1.0 / 3.0}, 1};
  const RunKey failed{{std::nextafter(0.1, 1.0), 2e-300}, 0};
  {
    EvaluationJournal journal = EvaluationJournal::create(path, "identity\nwith lines");
    EXPECT_FALSE(journal.replaced());
    journal.append(first, {{1.0 / 7.0, -5e-310, 123456789.123456789}, ""});
    journal.append(second, {{2.0, 3.0, 4.0}, ""});
    journal.append(failed, {{}, "model failure\nat tick 3"});
  }
  const EvaluationJournal journal = EvaluationJournal::resume(path, "identity\nwith lines");
  EXPECT_EQ(journal.resumed(), 3u);
  ASSERT_NE(journal.find(first), nullptr);
  EXPECT_EQ(journal.find(first)->moments, (std::vector<double>{1.0 / 7.0, -5e-310, 123456789.123456789}));
  ASSERT_NE(journal.find(failed), nullptr);
  EXPECT_TRUE(journal.find(failed)->moments.empty());
  EXPECT_EQ(journal.find(failed)->error, "model failure at tick 3");
  EXPECT_EQ(journal.find(RunKey{{0.1, 1.0 / 3.0}, 2}), nullptr);
}

TEST(EvaluationJournal, ALineCutShortIsDroppedAndTheFileGoesOn) {
  const TempDir dir;
  const auto path = dir.path() / "cal.h5.journal";
  {
    EvaluationJournal journal = EvaluationJournal::create(path, "id");
    journal.append({{0.5}, 0}, {{1.0}, ""});
  }
  {
    std::ofstream out(path, std::ios::app);
    out << "run 1 0x1p-1 ok 0x1.8p+";  // a crash in the middle of a line
  }
  {
    EvaluationJournal journal = EvaluationJournal::resume(path, "id");
    EXPECT_EQ(journal.resumed(), 1u);
    EXPECT_EQ(journal.find({{0.5}, 1}), nullptr);
    journal.append({{0.5}, 1}, {{2.0}, ""});
  }
  const EvaluationJournal journal = EvaluationJournal::resume(path, "id");
  EXPECT_EQ(journal.resumed(), 2u);
  ASSERT_NE(journal.find({{0.5}, 1}), nullptr);
  EXPECT_EQ(journal.find({{0.5}, 1})->moments, std::vector<double>{2.0});
}

TEST(EvaluationJournal, AnotherCalibrationsJournalIsRefused) {
  const TempDir dir;
  const auto path = dir.path() / "cal.h5.journal";
  EXPECT_THROW(EvaluationJournal::resume(path, "id"), JournalError);
  { EvaluationJournal journal = EvaluationJournal::create(path, "id"); }
  EXPECT_THROW(EvaluationJournal::resume(path, "another id"), JournalError);
  {
    std::ofstream out(path, std::ios::app);
    out << "garbage line\n";
  }
  EXPECT_THROW(EvaluationJournal::resume(path, "id"), JournalError);
  const EvaluationJournal replaced = EvaluationJournal::create(path, "id");
  EXPECT_TRUE(replaced.replaced());
}

TEST(EvaluationJournal, APathThatIsNoRegularFileIsRefused) {
  // Without the check, opening the FIFO blocks for ever and reading /dev/zero takes memory without end.
  const TempDir dir;
  const auto fifo = dir.path() / "fifo.h5.journal";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto folder = dir.path() / "folder.h5.journal";
  std::filesystem::create_directory(folder);
  const auto device = dir.path() / "zero.h5.journal";
  std::filesystem::create_symlink("/dev/zero", device);
  for (const auto& path : {fifo, folder, device}) {
    EXPECT_THROW(EvaluationJournal::resume(path, "id"), JournalError) << path;
    EXPECT_THROW(EvaluationJournal::create(path, "id"), JournalError) << path;
  }
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_TRUE(std::filesystem::is_symlink(device));
}

}  // namespace
}  // namespace sim::calibrate
