#include "models/measurement/national_accounts.hpp"

#include <vector>

#include "models/measurement/welfare.hpp"

namespace models {

PricedFlows priced_flows(const Economy& economy) {
  const Clusters& clusters = economy.clusters;
  const Eigen::VectorXd& sigma = economy.industries.elasticity;
  PricedFlows flows;
  flows.physical_output = clusters.physical_output;
  flows.unit_value = Eigen::MatrixXd::Zero(clusters.sales.rows(), clusters.sales.cols());
  flows.variable_cost = clusters.sales;
  for (Eigen::Index k = 0; k < clusters.sales.cols(); ++k) {
    flows.variable_cost.col(k) *= (sigma(k) - 1.0) / sigma(k);
    for (Eigen::Index r = 0; r < clusters.sales.rows(); ++r) {
      if (clusters.physical_output(r, k) > 0.0) flows.unit_value(r, k) = clusters.sales(r, k) / clusters.physical_output(r, k);
    }
  }
  flows.price_index = clusters.price_index;
  flows.final_share = final_spending_shares(economy);
  flows.fixed_costs = economy.macro.firms.fixed_costs;
  flows.background_output = economy.macro.background.output;
  flows.consumption = economy.macro.households.consumption;
  return flows;
}

double price_relative(double current, double previous) {
  return current > 0.0 && previous > 0.0 ? current / previous : 1.0;
}

FisherTerms cluster_value_added_terms(const PricedFlows& previous, const PricedFlows& current,
                                      const Eigen::MatrixXd& input_coefficients, int region, int industry) {
  const int r = region, k = industry;
  const double q0 = previous.physical_output(r, k), q1 = current.physical_output(r, k);
  // A cluster without output on one side is priced at its unit value of the other.
  const double p0 = q0 > 0.0 ? previous.unit_value(r, k) : current.unit_value(r, k);
  const double p1 = q1 > 0.0 ? current.unit_value(r, k) : previous.unit_value(r, k);
  double inputs0 = 0.0, inputs1 = 0.0, inputs1_at_previous = 0.0, inputs0_at_current = 0.0;
  if (input_coefficients.rows() == current.price_index.cols()) {
    for (Eigen::Index j = 0; j < input_coefficients.rows(); ++j) {
      const double a = input_coefficients(j, k);
      if (a <= 0.0) continue;
      const double relative = price_relative(current.price_index(r, j), previous.price_index(r, j));
      inputs0 += a * previous.variable_cost(r, k);
      inputs1 += a * current.variable_cost(r, k);
      inputs1_at_previous += a * current.variable_cost(r, k) / relative;
      inputs0_at_current += a * previous.variable_cost(r, k) * relative;
    }
  }
  return {.previous = p0 * q0 - inputs0,
          .current = p1 * q1 - inputs1,
          .at_previous_prices = p0 * q1 - inputs1_at_previous,
          .at_current_prices = p1 * q0 - inputs0_at_current};
}

FisherTerms consumption_terms(const PricedFlows& previous, const PricedFlows& current, int region, int industry) {
  const int s = region, k = industry;
  const double relative = price_relative(current.price_index(s, k), previous.price_index(s, k));
  const double spent0 = previous.consumption(s) * previous.final_share(s, k);
  const double spent1 = current.consumption(s) * current.final_share(s, k);
  return {.previous = spent0, .current = spent1, .at_previous_prices = spent1 / relative, .at_current_prices = spent0 * relative};
}

FisherTerms consumption_terms(const PricedFlows& previous, const PricedFlows& current, int region) {
  const int s = region;
  // The numeraire good at price 1: its value is its quantity in both periods.
  const double numeraire0 = previous.consumption(s) * (1.0 - previous.final_share.row(s).sum());
  const double numeraire1 = current.consumption(s) * (1.0 - current.final_share.row(s).sum());
  FisherTerms terms{.previous = numeraire0, .current = numeraire1, .at_previous_prices = numeraire1,
                    .at_current_prices = numeraire0};
  for (int k = 0; k < static_cast<int>(current.final_share.cols()); ++k) terms += consumption_terms(previous, current, s, k);
  return terms;
}

namespace {

// sums += values, starting from zero on the first call.
void add_to(ChainedVolumes& sums, const ChainedVolumes& values) {
  if (sums.gdp.size() == 0) {
    sums = values;
    return;
  }
  sums.value_added += values.value_added;
  sums.industry_value_added += values.industry_value_added;
  sums.gdp += values.gdp;
  sums.gdp_total += values.gdp_total;
  sums.consumption += values.consumption;
  sums.industry_consumption += values.industry_consumption;
  sums.consumption_total += values.consumption_total;
}

// The numeraire items of a region's GDP: background output less the services the modelled firms buy.
FisherTerms numeraire_terms(const PricedFlows& previous, const PricedFlows& current, int region) {
  const double value0 = previous.background_output(region) - previous.fixed_costs(region);
  const double value1 = current.background_output(region) - current.fixed_costs(region);
  return {.previous = value0, .current = value1, .at_previous_prices = value1, .at_current_prices = value0};
}

// This tick's nominal values of every aggregate that has a volume.
ChainedVolumes nominal_values(const Economy& economy, const PricedFlows& flows) {
  ChainedVolumes nominal;
  nominal.value_added = economy.chain.value_added;
  nominal.industry_value_added = nominal.value_added.colwise().sum().transpose();
  nominal.gdp = economy.regions.gdp;
  nominal.gdp_total = nominal.gdp.sum();
  nominal.consumption = flows.consumption;
  nominal.consumption_total = nominal.consumption.sum();
  nominal.industry_consumption = (flows.final_share.array().colwise() * flows.consumption.array()).colwise().sum().transpose();
  return nominal;
}

}  // namespace

void chain_national_accounts(Economy& economy) {
  MeasurementState& m = economy.measurement;
  PricedFlows current = priced_flows(economy);
  if (!m.has_previous) {
    m.volumes = nominal_values(economy, current);  // the first tick at its own prices
  } else {
    const PricedFlows& previous = m.previous;
    const int regions = economy.region_count(), industries = economy.industry_count();
    const Eigen::MatrixXd& a = economy.chain.input_coefficients;
    std::vector<FisherTerms> cluster(static_cast<std::size_t>(regions * industries));
    std::vector<FisherTerms> industry(static_cast<std::size_t>(industries)), region(static_cast<std::size_t>(regions));
    std::vector<FisherTerms> consumption(static_cast<std::size_t>(regions));
    std::vector<FisherTerms> industry_consumption(static_cast<std::size_t>(industries));
    FisherTerms national, national_consumption;
    for (int r = 0; r < regions; ++r) {
      for (int k = 0; k < industries; ++k) {
        const FisherTerms terms = cluster_value_added_terms(previous, current, a, r, k);
        cluster[static_cast<std::size_t>(r * industries + k)] = terms;
        industry[static_cast<std::size_t>(k)] += terms;
        region[static_cast<std::size_t>(r)] += terms;
      }
      region[static_cast<std::size_t>(r)] += numeraire_terms(previous, current, r);
      national += region[static_cast<std::size_t>(r)];
      consumption[static_cast<std::size_t>(r)] = consumption_terms(previous, current, r);
      for (int k = 0; k < industries; ++k) industry_consumption[static_cast<std::size_t>(k)] += consumption_terms(previous, current, r, k);
      national_consumption += consumption[static_cast<std::size_t>(r)];
    }
    ChainedVolumes& v = m.volumes;
    // Parents first: an aggregate whose link is undefined restarts at its parent's deflator.
    v.gdp_total = chain_volume(v.gdp_total, national, implicit_deflator(national.previous, v.gdp_total));
    const double national_deflator = implicit_deflator(national.current, v.gdp_total);
    for (int k = 0; k < industries; ++k) {
      const FisherTerms& terms = industry[static_cast<std::size_t>(k)];
      v.industry_value_added(k) = chain_volume(v.industry_value_added(k), terms, national_deflator);
      const double industry_deflator = implicit_deflator(terms.current, v.industry_value_added(k));
      for (int r = 0; r < regions; ++r)
        v.value_added(r, k) = chain_volume(v.value_added(r, k), cluster[static_cast<std::size_t>(r * industries + k)], industry_deflator);
    }
    v.consumption_total = chain_volume(v.consumption_total, national_consumption,
                                       implicit_deflator(national_consumption.previous, v.consumption_total));
    const double consumption_deflator = implicit_deflator(national_consumption.current, v.consumption_total);
    for (int r = 0; r < regions; ++r) {
      v.gdp(r) = chain_volume(v.gdp(r), region[static_cast<std::size_t>(r)], national_deflator);
      v.consumption(r) = chain_volume(v.consumption(r), consumption[static_cast<std::size_t>(r)], consumption_deflator);
    }
    for (int k = 0; k < industries; ++k) {
      v.industry_consumption(k) =
          chain_volume(v.industry_consumption(k), industry_consumption[static_cast<std::size_t>(k)], consumption_deflator);
    }
  }
  const MeasurementParameters& p = economy.parameters.measurement;
  const int tick = economy.scenario_tick();  // the reference year is a year of the scenario's calendar
  if (tick >= p.reference_first_tick && tick < p.reference_last_tick) {
    add_to(m.reference_nominal, nominal_values(economy, current));
    add_to(m.reference_volume, m.volumes);
  }
  m.previous = std::move(current);
  m.has_previous = true;
}

ChainedVolumes reference_year_factors(const MeasurementState& m) {
  const ChainedVolumes& nominal = m.reference_nominal;
  const ChainedVolumes& volume = m.reference_volume;
  const auto ratio = [](double n, double v, double parent) { return v > 0.0 && n > 0.0 ? n / v : parent; };
  ChainedVolumes factor;
  factor.gdp_total = ratio(nominal.gdp_total, volume.gdp_total, 1.0);
  factor.consumption_total = ratio(nominal.consumption_total, volume.consumption_total, 1.0);
  factor.gdp = nominal.gdp.binaryExpr(volume.gdp, [&](double n, double v) { return ratio(n, v, factor.gdp_total); });
  factor.consumption = nominal.consumption.binaryExpr(
      volume.consumption, [&](double n, double v) { return ratio(n, v, factor.consumption_total); });
  factor.industry_consumption = nominal.industry_consumption.binaryExpr(
      volume.industry_consumption, [&](double n, double v) { return ratio(n, v, factor.consumption_total); });
  factor.industry_value_added = nominal.industry_value_added.binaryExpr(
      volume.industry_value_added, [&](double n, double v) { return ratio(n, v, factor.gdp_total); });
  factor.value_added = nominal.value_added;
  for (Eigen::Index k = 0; k < factor.value_added.cols(); ++k) {
    for (Eigen::Index r = 0; r < factor.value_added.rows(); ++r)
      factor.value_added(r, k) = ratio(nominal.value_added(r, k), volume.value_added(r, k), factor.industry_value_added(k));
  }
  return factor;
}

}  // namespace models
