#include "models/schema_helpers.hpp"
#include "models/talent_chain.hpp"
#include "models/staggered_planner.hpp"

#include <fmt/core.h>

#include <cmath>
#include <limits>

namespace models {

using sim::config::Kind;

void declare_talent_keys(sim::config::Schema& schema) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  add_real(schema, "talent.wage_to_gdp_per_capita", 1.5, "1", {0, inf, true},
       "Talent wage as a multiple of the region's GDP per head at the start.");
  add_real(schema, "talent.initial_slack", 0.05, "1", {0, inf},
       "Talent not employed by the modelled firms, as a share of those employed: the stock at the start is "
       "employment * (1 + slack), and wages are steady when the stock is employment * (1 + slack).");
  add_real(schema, "talent.wage_adjustment_rate", 0.5, "1/year", {0, inf},
       "Speed of wage adjustment (kappa): ln w changes by kappa * dt * ln(employment * (1 + slack) / stock) per tick.");
  add_real(schema, "talent.wage_floor_share", 0.5, "1", {0, 1, true},
       "Lowest talent wage as a share of the initial wage, for a region whose modelled firms shrink away.");
  add_real(schema, "talent.training_rate", 16.0, "1/(1e4*year)",
       {0, inf}, "Graduates joining the region's talent per 1e4 residents per year, at education budget 1.");
  add_real(schema, "talent.retirement_rate", 0.025, "1/year", {0, inf},
       "Rate at which talent retires (leaves the talent stock for good): 1/40 years of working life.");
  add_real(schema, "talent.reconsider_rate", 0.05, "1/year", {0, inf},
       "Rate at which a talent reconsiders where to live (m); those who do choose a region, staying included, by logit.");
  add_real(schema, "talent.logit_scale", 1.0, "1", {0, inf, true},
       "Scale of the idiosyncratic preference in the migration logit (lambda): P(r -> s) ~ exp((u_s - c_rs) / lambda).");
  add_real(schema, "talent.mobility_cost", 8.0, "1", {0, inf},
       "Mobility cost c0 in utility units: c_rs = c0 * (1 - o_rs) * (d_rs / 1000 km)^theta, o_rs the openness of the link (policy.openness).");
  add_real(schema, "talent.mobility_distance_exponent", 0.5, "1", {0, inf},
       "Exponent theta of distance in the mobility cost.");
  add_real(schema, "talent.destination_size_weight", 1.0, "1", {0, inf},
       "Weight of ln(population_s / mean population) in the utility of region s: a larger region offers more "
       "opportunities (the destination-size term of gravity models of migration); 0 treats every region as one "
       "alternative.");
  schema.add({.path = "output.talent_flows", .kind = Kind::boolean, .default_value = false, .unit = "",
              .description = "Write talent_flows, the talent moving from each region to each destination per tick "
                             "(region x region per tick)."});
}

TalentParameters read_talent_parameters(const sim::config::Config& c) {
  TalentParameters p;
  p.wage_to_gdp_per_capita = c.real("talent.wage_to_gdp_per_capita");
  p.initial_slack = c.real("talent.initial_slack");
  p.wage_adjustment_rate = c.real("talent.wage_adjustment_rate");
  p.wage_floor_share = c.real("talent.wage_floor_share");
  p.training_rate = c.real("talent.training_rate");
  p.retirement_rate = c.real("talent.retirement_rate");
  p.reconsider_rate = c.real("talent.reconsider_rate");
  p.logit_scale = c.real("talent.logit_scale");
  p.mobility_cost = c.real("talent.mobility_cost");
  p.mobility_distance_exponent = c.real("talent.mobility_distance_exponent");
  p.destination_size_weight = c.real("talent.destination_size_weight");
  p.output_flows = c.boolean("output.talent_flows");
  return p;
}

void initialise_talent_wages(Economy& economy) {
  const Regions& regions = economy.regions;
  // GDP (1e8 CNY) over population (1e4 persons) is GDP per head in 1e4 CNY; the model's money unit is
  // 1e8 CNY, hence the factor 1e-4.
  economy.talent.wage = economy.parameters.talent.wage_to_gdp_per_capita *
                        (regions.initial_gdp.array() / regions.population.array()).matrix() * 1e-4;
  economy.talent.initial_wage = economy.talent.wage;
}

void initialise_talent(Economy& economy) {
  TalentState& talent = economy.talent;
  const int regions = economy.region_count();
  talent.employed = economy.clusters.employment.rowwise().sum();
  // At the first clearing firms have no past sales and so no researchers yet; from the first tick on
  // they hire R&D / w of them (models/innovation.cpp). Counting those researchers here keeps the first
  // tick from opening with a shortage of about nu (1 + rho) sigma / (sigma - 1) = 5 % everywhere.
  const Parameters& p = economy.parameters;
  const Eigen::MatrixXd subsidy_rate = priority_subsidy_rate(economy);
  const Eigen::VectorXd rd_spending =
      p.innovation.rd_share_of_sales *
      (economy.clusters.sales.array() * (1.0 + subsidy_rate.array())).matrix().rowwise().sum();
  const Eigen::VectorXd researchers = rd_spending.cwiseQuotient(talent.wage);
  talent.stock = ((talent.employed + researchers) * (1.0 + p.talent.initial_slack)).array().round().matrix();
  talent.previous_stock = talent.stock;
  talent.trained = Eigen::VectorXd::Zero(regions);
  talent.retired = Eigen::VectorXd::Zero(regions);
  talent.immigrants = Eigen::VectorXd::Zero(regions);
  talent.emigrants = Eigen::VectorXd::Zero(regions);
  talent.flows = Eigen::MatrixXd::Zero(regions, regions);
}

void declare_talent_outputs(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Storage;
  const TalentState& talent = economy.talent;
  auto per_region = [&registry](const Eigen::VectorXd& vector, std::string name, std::string long_name, Storage storage) {
    registry.add({std::move(name), {"region"}, "persons", std::move(long_name), true, storage,
                  [&vector](std::span<double> out) { std::copy(vector.data(), vector.data() + vector.size(), out.begin()); }});
  };
  per_region(talent.stock, "talent_stock", "talent living in the region at the end of the tick", Storage::int32);
  per_region(talent.employed, "talent_employed",
             "talent demanded by the modelled firms (production workers and researchers)", Storage::float64);
  registry.add({"talent_wage", {"region"}, "1e4 CNY/(person*year)", "annual wage of talent", true,
                sim::output::Storage::float64, [&talent](std::span<double> out) {
                  for (Eigen::Index r = 0; r < talent.wage.size(); ++r) out[r] = talent.wage(r) * 1e4;
                }});
  per_region(talent.trained, "trained", "graduates joining the region's talent during the tick", Storage::int32);
  per_region(talent.retired, "retired", "talent retiring during the tick", Storage::int32);
  per_region(talent.immigrants, "immigrants", "talent arriving from other regions during the tick", Storage::int32);
  per_region(talent.emigrants, "emigrants", "talent leaving for other regions during the tick", Storage::int32);
  if (economy.parameters.talent.output_flows) {
    registry.add({"talent_flows", {"region", "destination"}, "persons",
                  "talent moving from the region to the destination during the tick", true, Storage::int32,
                  [&talent](std::span<double> out) {
                    const Eigen::Index n = talent.flows.rows();
                    for (Eigen::Index r = 0; r < n; ++r)
                      for (Eigen::Index s = 0; s < n; ++s) out[static_cast<std::size_t>(r * n + s)] = talent.flows(r, s);
                  }});
  }
}

void check_talent_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const TalentState& t = economy.talent;
  const int regions = economy.region_count();
  if (t.stock.size() != regions || t.previous_stock.size() != regions || t.flows.rows() != regions ||
      t.flows.cols() != regions) {
    violations.push_back(fmt::format("tick {}: talent state has {} regions, the economy {}", tick, t.stock.size(), regions));
    return;
  }
  // Persons are whole numbers held exactly in doubles, so the identities hold exactly.
  for (int r = 0; r < regions; ++r) {
    const std::string& name = economy.regions.names[static_cast<std::size_t>(r)];
    const double expected = t.previous_stock(r) + t.trained(r) - t.retired(r) + t.immigrants(r) - t.emigrants(r);
    if (t.stock(r) != expected) {
      violations.push_back(fmt::format("tick {}, region {}: talent stock identity: {} != {} + {} - {} + {} - {}", tick, name,
                                       t.stock(r), t.previous_stock(r), t.trained(r), t.retired(r), t.immigrants(r),
                                       t.emigrants(r)));
    }
    if (t.stock(r) < 0.0) violations.push_back(fmt::format("tick {}, region {}: negative talent stock {}", tick, name, t.stock(r)));
    if (t.flows(r, r) != 0.0) {
      violations.push_back(fmt::format("tick {}, region {}: talent flow to itself {} != 0", tick, name, t.flows(r, r)));
    }
    if (t.flows.row(r).minCoeff() < 0.0 || t.flows.col(r).minCoeff() < 0.0) {
      violations.push_back(fmt::format("tick {}, region {}: negative talent flow", tick, name));
    }
    const double out = t.flows.row(r).sum();
    if (out != t.emigrants(r)) {
      violations.push_back(fmt::format("tick {}, region {}: talent flows out {} != emigrants {}", tick, name, out, t.emigrants(r)));
    }
    const double in = t.flows.col(r).sum();
    if (in != t.immigrants(r)) {
      violations.push_back(fmt::format("tick {}, region {}: talent flows in {} != immigrants {}", tick, name, in, t.immigrants(r)));
    }
    if (!(t.wage(r) > 0.0) || !std::isfinite(t.wage(r))) {
      violations.push_back(fmt::format("tick {}, region {}: talent wage {} is not positive and finite", tick, name, t.wage(r)));
    }
  }
  if (t.immigrants.sum() != t.emigrants.sum()) {
    violations.push_back(fmt::format("tick {}: national talent immigrants {} != emigrants {}", tick, t.immigrants.sum(),
                                     t.emigrants.sum()));
  }
}

}  // namespace models
