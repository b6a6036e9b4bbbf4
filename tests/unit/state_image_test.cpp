// Saved states at the engine level: one list of members saves and loads every kind of member bit for bit;
// loading names what is missing or of another type and reports what nobody read; a state file holds the
// image exactly and is refused when it is not a state; a shared burn-in is computed once however many
// threads ask for it.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <array>
#include <atomic>
#include <fstream>
#include <limits>
#include <thread>
#include <vector>

#include "sim/run/starting_state.hpp"
#include "sim/state/state_file.hpp"
#include "sim/state/state_visitor.hpp"
#include "temp_dir.hpp"

namespace {

using sim::state::StateError;
using sim::state::StateImage;
using sim::state::StateVisitor;

struct Members {
  double rate = 0.0;
  int count = 0;
  std::uint64_t id = 0;
  bool flag = false;
  std::vector<double> values;
  std::vector<std::int32_t> ticks;
  std::vector<bool> marks;
  std::vector<std::array<double, 3>> rings;
  Eigen::VectorXd vector;
  Eigen::MatrixXd matrix;
  Eigen::MatrixXi integers;
  std::string names;
};

void visit(StateVisitor& visitor, Members& m) {
  visitor("rate", m.rate);
  visitor("count", m.count);
  const StateVisitor::Group group(visitor, "inner");
  visitor("id", m.id);
  visitor("flag", m.flag);
  visitor("values", m.values);
  visitor("ticks", m.ticks);
  visitor("marks", m.marks);
  visitor("rings", m.rings);
  visitor("vector", m.vector);
  visitor("matrix", m.matrix);
  visitor("integers", m.integers);
  visitor.text("names", m.names);
}

Members example() {
  Members m;
  m.rate = -0.1;  // not exactly representable: a bit-for-bit round trip shows no decimal conversion
  m.count = -7;
  m.id = std::numeric_limits<std::uint64_t>::max() - 3;
  m.flag = true;
  m.values = {1.0 / 3.0, std::numeric_limits<double>::quiet_NaN(), -0.0, 1e308};
  m.ticks = {-1, 0, 41};
  m.marks = {true, false, true};
  m.rings = {{1.5, 2.5, 3.5}, {4.0, 5.0, 6.0}};
  m.vector = Eigen::VectorXd::LinSpaced(5, 0.1, 0.9);
  m.matrix.resize(2, 3);
  m.matrix << 1, 2, 3, 4, 5, 6;  // rows and columns differ: a transposed save would not round-trip
  m.integers = Eigen::MatrixXi::Constant(3, 2, 9);
  m.integers(2, 0) = -4;
  m.names = "Beijing, Tianjin";
  return m;
}

StateImage save(Members m) {
  StateImage image;
  StateVisitor visitor(image);
  visit(visitor, m);
  return image;
}

Members load(const StateImage& image) {
  Members m;
  StateVisitor visitor(image, "test");
  visit(visitor, m);
  EXPECT_TRUE(visitor.unread().empty());
  return m;
}

void expect_same(const Members& a, const Members& b) {
  EXPECT_EQ(std::bit_cast<std::uint64_t>(a.rate), std::bit_cast<std::uint64_t>(b.rate));
  EXPECT_EQ(a.count, b.count);
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.flag, b.flag);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a.values[i]), std::bit_cast<std::uint64_t>(b.values[i])) << i;
  }
  EXPECT_EQ(a.ticks, b.ticks);
  EXPECT_EQ(a.marks, b.marks);
  EXPECT_EQ(a.rings, b.rings);
  EXPECT_EQ(a.vector, b.vector);
  EXPECT_EQ(a.matrix, b.matrix);
  EXPECT_EQ(a.integers, b.integers);
  EXPECT_EQ(a.names, b.names);
}

TEST(StateVisitor, SavesAndLoadsEveryKindOfMemberBitForBit) {
  const StateImage image = save(example());
  EXPECT_EQ(image.arrays.at("inner/matrix").shape, (std::vector<std::uint64_t>{2, 3}));
  // Row-major, regions in rows as in the output files.
  EXPECT_EQ(image.arrays.at("inner/matrix").bytes.size(), 6 * sizeof(double));
  double second = 0.0;
  std::memcpy(&second, image.arrays.at("inner/matrix").bytes.data() + sizeof(double), sizeof second);
  EXPECT_EQ(second, 2.0);
  EXPECT_EQ(image.arrays.at("inner/rings").shape, (std::vector<std::uint64_t>{2, 3}));
  expect_same(load(image), example());
}

TEST(StateVisitor, NamesAMissingMemberAndOneOfAnotherType) {
  StateImage image = save(example());
  image.arrays.erase("inner/vector");
  EXPECT_THROW(
      {
        try {
          load(image);
        } catch (const StateError& error) {
          EXPECT_NE(std::string(error.what()).find("inner/vector"), std::string::npos) << error.what();
          throw;
        }
      },
      StateError);
  StateImage retyped = save(example());
  retyped.arrays.at("count").element = sim::state::Element::f64;
  retyped.arrays.at("count").bytes.resize(8);
  EXPECT_THROW(load(retyped), StateError);
}

TEST(StateVisitor, ReportsArraysNoMemberRead) {
  StateImage image = save(example());
  image.arrays["inner/extra"] = image.arrays.at("inner/vector");
  Members m;
  StateVisitor visitor(static_cast<const StateImage&>(image), "test");
  visit(visitor, m);
  EXPECT_EQ(visitor.unread(), std::vector<std::string>{"inner/extra"});
}

TEST(StateImage, ContentHashSeesEveryByteAndNoAttribute) {
  StateImage image = save(example());
  const std::string hash = sim::state::content_hash(image);
  EXPECT_EQ(hash.size(), 16u);
  image.attributes["seed"] = "2";
  EXPECT_EQ(sim::state::content_hash(image), hash);
  image.arrays.at("inner/values").bytes[3] ^= std::byte{1};
  EXPECT_NE(sim::state::content_hash(image), hash);
}

TEST(StateFile, HoldsTheImageExactlyAndLeavesNoPartialFile) {
  const testing_support::TempDir dir;
  StateImage image = save(example());
  image.attributes["program_version"] = "9.9";
  const auto path = dir.path() / "state.h5";
  sim::state::write_state_file(path, image);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "state.h5.partial"));
  const StateImage read = sim::state::read_state_file(path);
  EXPECT_EQ(read.attributes, image.attributes);
  ASSERT_EQ(read.arrays.size(), image.arrays.size());
  for (const auto& [name, array] : image.arrays) {
    const auto& other = read.arrays.at(name);
    EXPECT_EQ(other.element, array.element) << name;
    EXPECT_EQ(other.shape, array.shape) << name;
    EXPECT_EQ(other.bytes, array.bytes) << name;
  }
  expect_same(load(read), example());
}

TEST(StateFile, RefusesWhatIsNotAState) {
  const testing_support::TempDir dir;
  EXPECT_THROW(sim::state::read_state_file(dir.path() / "missing.h5"), StateError);
  std::ofstream(dir.path() / "text.h5") << "not hdf5\n";
  EXPECT_THROW(sim::state::read_state_file(dir.path() / "text.h5"), StateError);
  const StateImage empty;
  EXPECT_THROW(sim::state::required_attribute(empty, "program_version", "x.h5"), StateError);
}

TEST(BurnInCache, ComputesEachBurnInOnceWhateverTheThreads) {
  sim::BurnInCache cache(2);
  std::atomic<int> computed{0};
  const auto compute = [&] {
    ++computed;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the others ask while it runs
    return save(example());
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back([&] { EXPECT_EQ(cache.get("a", compute)->arrays.size(), 11u); });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(computed.load(), 1);
  cache.get("b", compute);
  cache.get("a", compute);
  EXPECT_EQ(computed.load(), 2);
  cache.get("c", compute);  // capacity 2: "b", used least recently, goes
  cache.get("a", compute);
  EXPECT_EQ(computed.load(), 3);
  cache.get("b", compute);
  EXPECT_EQ(computed.load(), 4);
  EXPECT_EQ(cache.computed(), 4u);
}

TEST(BurnInCache, AFailedBurnInFailsEveryRunWaitingForIt) {
  sim::BurnInCache cache;
  const auto fail = []() -> StateImage { throw std::runtime_error("burn-in failed"); };
  EXPECT_THROW(cache.get("a", fail), std::runtime_error);
  EXPECT_THROW(cache.get("a", fail), std::runtime_error);
  EXPECT_EQ(cache.computed(), 1u);
}

}  // namespace
