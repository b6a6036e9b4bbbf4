#include "sim/run/starting_state.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "sim/run/run.hpp"
#include "sim/version.hpp"

namespace sim {

std::shared_ptr<const state::StateImage> BurnInCache::get(const std::string& key,
                                                          const std::function<state::StateImage()>& compute) {
  std::promise<std::shared_ptr<const state::StateImage>> promise;
  std::shared_future<std::shared_ptr<const state::StateImage>> future;
  bool first = false;
  {
    const std::lock_guard lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end()) {
      found->second.last_used = ++uses_;
      future = found->second.state;
    } else {
      if (entries_.size() >= capacity_ && !entries_.empty()) {
        const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
          return a.second.last_used < b.second.last_used;
        });
        entries_.erase(oldest);  // a run still waiting for it keeps its own copy of the future
      }
      future = promise.get_future().share();
      entries_.emplace(key, Entry{future, ++uses_});
      first = true;
      ++computed_;
    }
  }
  if (first) {
    try {
      promise.set_value(std::make_shared<const state::StateImage>(compute()));
    } catch (...) {
      // Every run waiting for this burn-in fails with its error; none computes it again.
      promise.set_exception(std::current_exception());
    }
  }
  return future.get();
}

std::size_t BurnInCache::computed() const {
  const std::lock_guard lock(mutex_);
  return computed_;
}

config::Config burn_in_config(const Model& model, const config::Config& scenario) {
  config::Config burn_in = scenario;
  const config::Source source{"(burn-in)", 0, 0};
  const RunSettings settings = read_run_settings(scenario);
  for (const config::KeySpec& spec : scenario.schema().keys()) {
    const bool policy = !model.policy_prefix.empty() && spec.path.starts_with(model.policy_prefix);
    const bool output = spec.path.starts_with("output.");
    if (!policy && !output) continue;
    if (spec.kind == config::Kind::records) {
      config::Records none;
      for (const config::FieldSpec& field : spec.fields) none.field_names.push_back(field.name);
      none.origin = "none";
      burn_in.set_records(spec.path, std::move(none), source);
    } else {
      burn_in.set(spec.path, spec.default_value, source);
    }
  }
  burn_in.set("simulation.ticks", std::int64_t{settings.burn_in_ticks}, source);
  burn_in.set("simulation.seed", static_cast<std::int64_t>(settings.burn_in_seed), source);
  burn_in.set("simulation.replicate", std::int64_t{0}, source);
  burn_in.set("simulation.burn_in_years", std::int64_t{0}, source);
  return burn_in;
}

void describe_state(state::StateImage& image, const Model& model, const config::Config& config,
                    const std::string& scenario_name, int ticks_done) {
  const RunSettings settings = read_run_settings(config);
  image.attributes[state::attribute_version] = program_version;
  image.attributes["git_revision"] = git_revision;
  image.attributes[state::attribute_model] = model.name;
  image.attributes[state::attribute_scenario_name] = scenario_name;
  image.attributes[state::attribute_scenario] = config.to_toml();
  image.attributes[state::attribute_seed] = std::to_string(settings.seed);
  image.attributes[state::attribute_replicate] = std::to_string(settings.replicate);
  image.attributes[state::attribute_ticks_done] = std::to_string(ticks_done);
  image.attributes[state::attribute_content_hash] = state::content_hash(image);
  image.attributes["created"] = utc_now();
}

int check_state_origin(const state::StateImage& image, const Model& model, const std::string& label) {
  const std::string& made_by = state::required_attribute(image, state::attribute_model, label);
  if (made_by != model.name) {
    throw state::StateError(fmt::format("{}: a state of '{}', not of '{}'", label, made_by, model.name));
  }
  const std::string& version = state::required_attribute(image, state::attribute_version, label);
  if (version != program_version) {
    throw state::StateError(fmt::format("{}: saved by clustersim {}; this is clustersim {}, whose model may differ "
                                        "(run the scenario again with this version to make a state)",
                                        label, version, program_version));
  }
  // One version number spans many revisions of the model while it is developed: a state is only as good
  // as the code that made it.
  const auto revision = image.attributes.find("git_revision");
  if (revision != image.attributes.end() && revision->second != git_revision) {
    throw state::StateError(fmt::format("{}: saved by clustersim {} at git revision {}; this build is revision {}, "
                                        "whose model may differ (run the scenario again with this build to make a "
                                        "state)",
                                        label, version, revision->second, git_revision));
  }
  const std::string& ticks = state::required_attribute(image, state::attribute_ticks_done, label);
  int ticks_done = -1;
  const auto [end, error] = std::from_chars(ticks.data(), ticks.data() + ticks.size(), ticks_done);
  if (error != std::errc{} || end != ticks.data() + ticks.size() || ticks_done < 0) {
    throw state::StateError(fmt::format("{}: its attribute {} is '{}', not a tick count", label,
                                        state::attribute_ticks_done, ticks));
  }
  return ticks_done;
}

}  // namespace sim
