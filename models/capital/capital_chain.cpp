#include "models/capital/capital_chain.hpp"

#include <fmt/core.h>

#include <cmath>
#include <limits>

#include "models/capital/credit.hpp"
#include "models/capital/firm_funding.hpp"
#include "models/capital/government_budget.hpp"
#include "models/core/stream_ids.hpp"
#include "models/core/identities.hpp"
#include "models/core/output_helpers.hpp"

namespace models {

void initialise_capital(Economy& economy) {
  CapitalState& c = economy.capital;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  for (Eigen::VectorXd* v : {&c.vc_pool, &c.vc_invested, &c.guidance_fund, &c.leading_support, &c.rd_subsidies,
                             &c.basic_research, &c.pilot_purchases, &c.adoption_subsidies, &c.budget_spent, &c.profit, &c.exited_net_worth, &c.scrapped_capital, &c.liquidations, &c.write_offs, &c.entered_net_worth}) {
    v->setZero(regions);
  }
  for (Eigen::MatrixXd* m : {&c.vc_received, &c.guidance_investment, &c.private_coinvestment, &c.leading_firms, &c.debt}) {
    m->setZero(regions, industries);
  }
  c.flows.setZero(regions, regions);
  c.opening_net_worth = regional_net_worth(economy);
  zero_firm_books(economy);
  record_debt(economy);
}

void declare_capital_outputs(const Economy& economy, sim::output::Registry& registry) {
  using sim::output::Storage;
  const CapitalState& c = economy.capital;
  add_cluster_output(registry, c.vc_received,
                     {.name = "vc_investment", .units_note = "1e8 CNY/year", .long_name = "Venture capital received",
                      .description = "private venture capital received by the cluster's young firms, from investors "
                                     "of every region"});
  add_cluster_output(registry, c.guidance_investment,
                     {.name = "guidance_investment", .units_note = "1e8 CNY/year",
                      .long_name = "Guidance-fund investment",
                      .description = "guidance-fund investment in the cluster's young firms"});
  add_cluster_output(registry, c.private_coinvestment,
                     {.name = "private_coinvestment", .units_note = "1e8 CNY/year",
                      .long_name = "Private co-investment",
                      .description = "private co-investment brought by the guidance fund into the cluster's young "
                                     "firms"});
  add_cluster_output(registry, c.leading_firms,
                     {.name = "leading_firms", .units = "1", .units_note = "firms", .long_name = "Leading enterprises",
                      .description = "leading enterprises of the cluster", .storage = Storage::int64});
  add_cluster_output(registry, c.debt,
                     {.name = "debt", .units_note = "1e8 CNY", .long_name = "Firms' debt",
                      .description = "debt of the cluster's firms (their negative net worth) at the end of the tick"});
  add_region_output(registry, c.budget_spent,
                    {.name = "budget_spent", .units_note = "1e8 CNY/year", .long_name = "Programme budget spent",
                     .description = "regional government spending: R&D subsidies, leading-enterprise support, "
                                    "guidance fund, basic-research funding, pilot purchases, adoption subsidies"});
  add_region_output(registry, c.leading_support,
                    {.name = "leading_support", .units_note = "1e8 CNY/year", .long_name = "Leading-enterprise support",
                     .description = "support paid by the regional government to its leading enterprises"});
  if (economy.parameters.capital.write_flows) {
    registry.add({.name = "capital_flows", .axes = {"region", "destination"}, .units_note = "1e8 CNY/year",
                  .long_name = "Venture capital flows",
                  .description = "venture capital from investors of the region to firms of the destination",
                  .sample = [&c](std::span<double> out) { copy_row_major(c.flows, out); }});
  }
}

void check_capital_identities(const Economy& economy, int tick, std::vector<std::string>& violations) {
  const CapitalState& c = economy.capital;
  const Firms& firms = economy.firms;
  const int regions = economy.region_count();
  const int industries = economy.industry_count();
  const double dt = economy.parameters.years_per_tick;
  const FirmAccounts& books = economy.macro.firms;
  auto sized = [](const Eigen::MatrixXd& m, int rows, int cols) { return m.rows() == rows && m.cols() == cols; };
  bool ok = sized(c.flows, regions, regions) && sized(c.vc_received, regions, industries) &&
            sized(c.guidance_investment, regions, industries) && sized(c.private_coinvestment, regions, industries) &&
            sized(c.debt, regions, industries) && sized(c.leading_firms, regions, industries);
  for (const Eigen::VectorXd* v : {&c.vc_invested, &c.leading_support, &c.rd_subsidies, &c.basic_research,
                                   &c.pilot_purchases, &c.adoption_subsidies, &c.budget_spent, &c.opening_net_worth, &c.profit, &c.exited_net_worth,
                                   &c.scrapped_capital, &c.liquidations, &c.write_offs, &c.entered_net_worth, &books.profit_tax,
                                   &books.dividends}) {
    ok = ok && v->size() == regions;
  }
  if (!ok) {
    violations.push_back(fmt::format("tick {}: capital state is not sized to {} regions and {} industries", tick,
                                     regions, industries));
    return;
  }

  // Per region and cluster, from the firms themselves: net worth and debt at the end of the tick.
  const Eigen::VectorXd closing = regional_net_worth(economy);
  Eigen::MatrixXd debt = Eigen::MatrixXd::Zero(regions, industries);
  for (std::size_t i = 0; i < firms.size(); ++i) debt(firms.region[i], firms.industry[i]) += std::max(0.0, -liquid_assets(firms, i));

  for (int r = 0; r < regions; ++r) {
    const std::string& name = economy.regions.names[static_cast<std::size_t>(r)];
    // (a) Net worth: opening + (profit - tax - dividends + support + equity) dt - exits + entrants and spin-offs.
    const double equity =
        c.vc_received.row(r).sum() + c.guidance_investment.row(r).sum() + c.private_coinvestment.row(r).sum();
    const double retained = c.profit(r) - books.profit_tax(r) - books.dividends(r);
    const double expected = c.opening_net_worth(r) + (retained + c.leading_support(r) + equity) * dt -
                            c.exited_net_worth(r) + c.entered_net_worth(r);
    if (identity_differs(closing(r), expected)) {
      violations.push_back(fmt::format(
          "tick {}, region {}: net worth identity: {} != {} + ({} - {} - {} + {} + {}) * {} - {} + {}", tick, name,
          closing(r), c.opening_net_worth(r), c.profit(r), books.profit_tax(r), books.dividends(r),
          c.leading_support(r), equity, dt, c.exited_net_worth(r), c.entered_net_worth(r)));
    }
    if (identity_differs(c.exited_net_worth(r), c.scrapped_capital(r) + c.liquidations(r) - c.write_offs(r))) {
      violations.push_back(fmt::format(
          "tick {}, region {}: exited net worth {} != scrapped machines {} + liquidations {} - write-offs {}", tick,
          name, c.exited_net_worth(r), c.scrapped_capital(r), c.liquidations(r), c.write_offs(r)));
    }
    // (b) Venture capital: what the region's investors put in is the row of the flow matrix; what its
    // firms received is the column.
    if (identity_differs(c.vc_invested(r), c.flows.row(r).sum())) {
      violations.push_back(fmt::format("tick {}, region {}: venture capital invested {} != flows out {}", tick, name,
                                       c.vc_invested(r), c.flows.row(r).sum()));
    }
    if (identity_differs(c.vc_received.row(r).sum(), c.flows.col(r).sum())) {
      violations.push_back(fmt::format("tick {}, region {}: venture capital received {} != flows in {}", tick, name,
                                       c.vc_received.row(r).sum(), c.flows.col(r).sum()));
    }
    if (c.flows.row(r).minCoeff() < 0.0 || c.vc_received.row(r).minCoeff() < 0.0) {
      violations.push_back(fmt::format("tick {}, region {}: negative venture capital", tick, name));
    }
    // (c) Co-investment is leverage times guidance, cluster by cluster.
    const double leverage = economy.levers.guidance_leverage(r);
    for (int k = 0; k < industries; ++k) {
      if (identity_differs(c.private_coinvestment(r, k), leverage * c.guidance_investment(r, k))) {
        violations.push_back(fmt::format("tick {}, region {}, industry {}: co-investment {} != {} * guidance {}", tick,
                                         name, economy.industries.names[static_cast<std::size_t>(k)],
                                         c.private_coinvestment(r, k), leverage, c.guidance_investment(r, k)));
      }
      // (e) Debt is the firms' negative net worth.
      if (identity_differs(c.debt(r, k), debt(r, k))) {
        violations.push_back(fmt::format("tick {}, region {}, industry {}: debt {} != sum of max(0, -net worth) {}",
                                         tick, name, economy.industries.names[static_cast<std::size_t>(k)], c.debt(r, k),
                                         debt(r, k)));
      }
    }
    // (d) The government budget is the sum of its parts.
    const double parts = c.rd_subsidies(r) + c.leading_support(r) + c.guidance_investment.row(r).sum() +
                         c.basic_research(r) + c.pilot_purchases(r) + c.adoption_subsidies(r);
    if (identity_differs(c.budget_spent(r), parts)) {
      violations.push_back(fmt::format("tick {}, region {}: budget spent {} != R&D subsidies {} + leading support {} + "
                                       "guidance {} + basic research {} + pilots {} + adoption {}",
                                       tick, name, c.budget_spent(r), c.rd_subsidies(r), c.leading_support(r),
                                       c.guidance_investment.row(r).sum(), c.basic_research(r), c.pilot_purchases(r),
                                       c.adoption_subsidies(r)));
    }
  }
  if (identity_differs(c.vc_invested.sum(), c.vc_received.sum())) {
    violations.push_back(fmt::format("tick {}: national venture capital invested {} != received {}", tick,
                                     c.vc_invested.sum(), c.vc_received.sum()));
  }
  for (std::size_t i = 0; i < firms.size(); ++i) {
    if (firms.debt[i] != std::max(0.0, -liquid_assets(firms, i))) {
      violations.push_back(fmt::format("tick {}, firm {}: debt {} != max(0, machines {} - net worth {})", tick,
                                       firms.id[i], firms.debt[i], firms.capital[i], firms.net_worth[i]));
      break;
    }
  }
}

namespace {

constexpr ProcessSpec processes[] = {
    {"capital", 12, stream_id::capital, capital_process,
     "Leading-enterprise support, venture capital and guidance funds (docs/model.md, Capital chain)."},
    {"government_budget", 19, stream_id::government_budget, government_budget_process},
};

}  // namespace

namespace {

void visit_capital_state(sim::state::StateVisitor& visitor, Economy& economy) {
  const sim::state::StateVisitor::Group group(visitor, "capital");
  CapitalState& c = economy.capital;
  visitor("vc_pool", c.vc_pool);
  visitor("vc_invested", c.vc_invested);
  visitor("vc_received", c.vc_received);
  visitor("flows", c.flows);
  visitor("guidance_fund", c.guidance_fund);
  visitor("guidance_investment", c.guidance_investment);
  visitor("private_coinvestment", c.private_coinvestment);
  visitor("leading_firms", c.leading_firms);
  visitor("leading_support", c.leading_support);
  visitor("debt", c.debt);
  visitor("rd_subsidies", c.rd_subsidies);
  visitor("basic_research", c.basic_research);
  visitor("pilot_purchases", c.pilot_purchases);
  visitor("adoption_subsidies", c.adoption_subsidies);
  visitor("budget_spent", c.budget_spent);
  visitor("opening_net_worth", c.opening_net_worth);
  visitor("profit", c.profit);
  visitor("exited_net_worth", c.exited_net_worth);
  visitor("scrapped_capital", c.scrapped_capital);
  visitor("liquidations", c.liquidations);
  visitor("write_offs", c.write_offs);
  visitor("entered_net_worth", c.entered_net_worth);
}

}  // namespace

const Chain capital_chain{
    .name = "capital",
    .declare_keys = declare_bound<capital_keys>,
    .read_parameters = read_bound<&Parameters::capital, capital_keys>,
    .after_first_clearing = initialise_capital,
    .processes = processes,
    .declare_outputs = declare_capital_outputs,
    .check_identities = check_capital_identities,
    .visit_state = visit_capital_state,
};

}  // namespace models
