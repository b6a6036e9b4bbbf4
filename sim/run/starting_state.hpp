#pragma once
// Where a run starts: the model's own initialisation, a saved state (a common start, or the saved run
// going on), or a burn-in: the scenario run first with its policy at the defaults, under its own seed.
// A sweep shares one burn-in among every run whose burn-in scenario is the same (BurnInCache).
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "sim/config/config.hpp"
#include "sim/run/model.hpp"
#include "sim/state/state_image.hpp"

namespace sim {

// Burn-in states by the text of their burn-in scenario; safe to share among threads: a burn-in being
// computed is waited for, not computed twice. It keeps the `capacity` burn-ins used last (a sweep over
// the policy shares one; a sweep over other keys has one per point, its replicates next to each other).
class BurnInCache {
 public:
  explicit BurnInCache(std::size_t capacity = 8) : capacity_(capacity) {}
  std::shared_ptr<const state::StateImage> get(const std::string& key,
                                               const std::function<state::StateImage()>& compute);
  std::size_t computed() const;  // burn-ins computed so far

 private:
  struct Entry {
    std::shared_future<std::shared_ptr<const state::StateImage>> state;
    std::uint64_t last_used = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  std::size_t capacity_;
  std::uint64_t uses_ = 0;
  std::size_t computed_ = 0;
};

// The scenario of `scenario`'s burn-in: every key under model.policy_prefix at its default, the burn-in's
// ticks, seed and replicate 0, default output keys, no burn-in of its own. Its TOML text keys the cache.
config::Config burn_in_config(const Model& model, const config::Config& scenario);

// What made a state, as the image's attributes: program version, model, the scenario and its name, its
// seed and replicate, and the ticks of the scenario run before it.
void describe_state(state::StateImage& image, const Model& model, const config::Config& config,
                    const std::string& scenario_name, int ticks_done);

// Throws state::StateError unless `image` was made by this model and program version; returns the ticks
// of its scenario that ran before it.
int check_state_origin(const state::StateImage& image, const Model& model, const std::string& label);

}  // namespace sim
