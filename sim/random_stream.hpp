#pragma once
// Counter-based random streams (model brief §4.1). A stream is identified by
// (seed, replicate, process, entity, tick): it never depends on how many draws other entities made,
// on the thread that makes the draws, or on the order in which runs execute. Philox4x64 (Random123)
// is the bit generator; Boost.Random distributions on top of it give the same numbers on every
// standard library.
#include <Random123/philox.h>

#include <cstdint>
#include <limits>
#include <string_view>

namespace sim {

// Identifies a process's family of streams within one run.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint32_t replicate = 0;
  std::uint32_t process = 0;  // the process's fixed stream id
};

// A 32-bit number from a name (FNV-1a), for tests and for choosing a new process's stream id once;
// a model then writes that number down as the process's fixed id, so that renaming the process or
// moving its code never changes its streams.
constexpr std::uint32_t process_id(std::string_view name) {
  std::uint32_t hash = 2166136261u;
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

// A uniform random bit generator over the stream of one entity at one tick. Cheap to construct:
// make one where the draws happen.
class RandomStream {
 public:
  using result_type = std::uint64_t;

  RandomStream(const StreamKey& key, std::uint64_t entity, std::uint64_t tick)
      : key_{{key.seed, (static_cast<std::uint64_t>(key.replicate) << 32) | key.process}},
        counter_{{entity, tick, 0, 0}} {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  result_type operator()() {
    if (used_ == 4) {
      block_ = generator_(counter_, key_);
      ++counter_.v[2];
      used_ = 0;
    }
    return block_.v[used_++];
  }

  // A double uniform in the open interval (0, 1), from the top 53 bits.
  double uniform01() { return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53; }

 private:
  using Philox = r123::Philox4x64;
  Philox generator_{};
  Philox::key_type key_;
  Philox::ctr_type counter_;
  Philox::ctr_type block_{};
  int used_ = 4;
};

// The streams of one process at one tick: one stream per entity.
class TickStreams {
 public:
  TickStreams(StreamKey key, std::uint64_t tick) : key_(key), tick_(tick) {}
  RandomStream stream(std::uint64_t entity) const { return RandomStream(key_, entity, tick_); }

 private:
  StreamKey key_;
  std::uint64_t tick_;
};

}  // namespace sim
