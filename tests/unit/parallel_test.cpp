// sim/parallel.hpp: tasks fixed by the data, run on the calling thread's threads, with the same
// results and the same error whatever their number.
#include "sim/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

TEST(Parallel, ThreadScopeSetsAndRestoresTheCallingThreadsCount) {
  EXPECT_EQ(sim::parallel::threads(), 1);
  {
    const sim::parallel::ThreadScope outer(3);
    EXPECT_EQ(sim::parallel::threads(), 3);
    {
      const sim::parallel::ThreadScope inner(1);
      EXPECT_EQ(sim::parallel::threads(), 1);
    }
    EXPECT_EQ(sim::parallel::threads(), 3);
  }
  EXPECT_EQ(sim::parallel::threads(), 1);
  EXPECT_THROW(sim::parallel::ThreadScope(0), std::invalid_argument);
}

TEST(Parallel, EveryTaskRunsOnceWhateverTheThreads) {
  for (const int threads : {1, 2, 4}) {
    const sim::parallel::ThreadScope scope(threads);
    for (int round = 0; round < 20; ++round) {  // the pool is reused from loop to loop
      std::vector<std::atomic<int>> runs(1000);
      sim::parallel::for_each_task(1000, [&](std::int64_t t) { runs[static_cast<std::size_t>(t)]++; });
      for (std::size_t t = 0; t < runs.size(); ++t) ASSERT_EQ(runs[t].load(), 1) << "task " << t << ", threads " << threads;
    }
  }
}

TEST(Parallel, BlocksAreFixedByTheRowsAlone) {
  const std::size_t rows = 3 * sim::parallel::block_rows + 5;
  EXPECT_EQ(sim::parallel::block_count(rows), 4u);
  EXPECT_EQ(sim::parallel::block_count(0), 0u);
  for (const int threads : {1, 2}) {
    const sim::parallel::ThreadScope scope(threads);
    std::vector<std::size_t> first_of_block(4, 0), covered(rows, 0);
    sim::parallel::for_each_block(rows, [&](std::size_t begin, std::size_t end) {
      first_of_block[begin / sim::parallel::block_rows] = begin;
      for (std::size_t i = begin; i < end; ++i) covered[i] += 1;
    });
    for (std::size_t b = 0; b < 4; ++b) EXPECT_EQ(first_of_block[b], b * sim::parallel::block_rows);
    for (std::size_t i = 0; i < rows; ++i) ASSERT_EQ(covered[i], 1u) << "row " << i;
  }
}

TEST(Parallel, TheLowestFailingTaskIsReportedWhateverTheThreads) {
  for (const int threads : {1, 2, 4}) {
    const sim::parallel::ThreadScope scope(threads);
    try {
      sim::parallel::for_each_task(200, [](std::int64_t t) {
        if (t == 37 || t == 150 || t == 199) throw std::runtime_error("task " + std::to_string(t));
      });
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const std::runtime_error& error) {
      EXPECT_EQ(std::string(error.what()), "task 37") << threads << " threads";
    }
    // The pool is usable after a failure.
    std::atomic<int> done = 0;
    sim::parallel::for_each_task(10, [&](std::int64_t) { ++done; });
    EXPECT_EQ(done.load(), 10);
  }
}

}  // namespace
