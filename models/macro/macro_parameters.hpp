#pragma once
// The macroeconomic closure's parameters (docs/model.md, Sectors and their accounts): households, the
// background sector, the bank and the government, with their scenario keys, each declared once next to
// the member it fills. Sources of the defaults are in docs/model.md, Calibration of the closure.
#include <limits>
#include <string>
#include <vector>

#include "sim/config/binding.hpp"

namespace models {

// How the government meets a policy's extra cost (policy.financing).
enum class Financing { debt, tax, budget_neutral };

inline const std::vector<std::string>& financing_names() {
  static const std::vector<std::string> names = {"debt", "tax", "budget_neutral"};
  return names;
}

struct MacroParameters {
  // Households.
  double initial_consumption_share{};     // households' spending (tax included) over GDP at the start
  double consumption_out_of_wealth{};     // a2, 1/year
  double initial_deposits_to_gdp{};       // households' deposits at the start over GDP
  double initial_saving_rate{};           // households' saving over disposable income at the start
  double dividend_payout{};               // share of a firm's positive after-tax profit paid out
  bool spend_all_income{};                // C = YD of last tick: no saving, no spending out of wealth
  // Background sector.
  double labour_share{};                  // omega: wages over the background sector's output
  double productivity_growth{};           // g_b, 1/year
  double depreciation_rate{};             // delta, 1/year
  double investment_share{};              // background investment over GDP along the reference path
  double initial_capital_to_gdp{};        // background capital at the start over GDP
  double participation_rate{};            // workers per resident
  double initial_unemployment_rate{};     // of the background sector's labour force at the start
  bool background_traded{};               // one national market for the background good
  // Bank.
  double deposit_rate{};                  // 1/year
  double bond_rate{};                     // 1/year
  double bank_capital_ratio{};            // net worth over loans and bonds at the start
  // Government.
  double purchases_share{};               // general purchases over the reference GDP path
  double education_share{};               // education spending over the reference GDP path at education budget 1
  double profit_tax_rate{};
  double consumption_tax_rate{};
  double unemployment_benefit_ratio{};    // benefit over the background wage
  double initial_debt_to_gdp{};
  double initial_deficit_to_gdp{};        // calibrates the wage tax rate at the start
  double debt_target{};                   // of the fiscal rule, share of GDP
  double fiscal_rule_speed{};             // wage-tax surcharge per unit of debt over GDP above target
  double talent_grant_years{};            // years of a talent programme's wage premium paid to an arrival
  double reference_spending_share{};      // budget-neutral: programme spending over the reference GDP path
  Financing financing = Financing::debt;
};

inline const std::vector<sim::config::Binding<MacroParameters>>& macro_keys() {
  using sim::config::bind_boolean;
  using sim::config::bind_real;
  static const std::vector<sim::config::Binding<MacroParameters>> keys = {
      bind_real("households.initial_consumption_share", &MacroParameters::initial_consumption_share, 0.385, "1",
                {0, 1, true, true},
                "Households' consumption spending (consumption tax included) over GDP at the start; calibrates "
                "their propensity to consume out of income (China 2022: 37.2 % of GDP, 38.5 % of absorption)."),
      bind_real("households.consumption_out_of_wealth", &MacroParameters::consumption_out_of_wealth, 0.03, "1/year",
                {0, 1},
                "Propensity to consume out of wealth (a2 of C = a1 YD + a2 V, Godley and Lavoie 2007): share of "
                "last tick's deposits spent per year."),
      bind_real("households.initial_deposits_to_gdp", &MacroParameters::initial_deposits_to_gdp, 1.0, "1",
                {0, 10}, "Households' bank deposits at the start over GDP (China end-2022: about 1.0)."),
      bind_real("households.initial_saving_rate", &MacroParameters::initial_saving_rate, 0.335, "1",
                {0, 1, false, true},
                "Households' saving over disposable income at the start (NBS 2022 household survey: 1 - 24,538 / "
                "36,883 = 0.335); calibrates the share of the background sector's net investment financed by new "
                "loans rather than out of its surplus."),
      bind_boolean("households.spend_all_income", &MacroParameters::spend_all_income, false,
                   "Households spend all of last tick's disposable income and nothing out of wealth: the consumption "
                   "function with a1 = 1 and a2 = 0 (the limit of Godley and Lavoie's SIM model without saving), for "
                   "the core-periphery limit (docs/validation.md). households.initial_saving_rate and "
                   "households.consumption_out_of_wealth are then not used; the background sector borrows all its "
                   "net investment."),
      bind_real("firms.dividend_payout", &MacroParameters::dividend_payout, 0.3, "1", {0, 1},
                "Share of a firm's positive after-tax profit paid to the households of its region; the rest adds "
                "to its net worth."),
      bind_boolean("background.traded", &MacroParameters::background_traded, false,
                   "The background good is traded among regions at no cost: each region produces the national "
                   "demand for it in proportion to its background labour force (the immobile, freely traded sector "
                   "of the core-periphery model) instead of the demand of its own buyers (false: a non-traded, "
                   "demand-led sector)."),
      bind_real("background.labour_share", &MacroParameters::labour_share, 0.52, "1", {0, 1, true, true},
                "Wages over the background sector's output (China's labour share of GDP, about 0.52)."),
      bind_real("background.productivity_growth", &MacroParameters::productivity_growth, 0.04, "1/year",
                {-0.5, 0.5},
                "Growth of the background sector's output per worker, which also sets the reference path of "
                "government spending and background investment."),
      bind_real("background.depreciation_rate", &MacroParameters::depreciation_rate, 0.045, "1/year", {0, 1},
                "Depreciation of the background sector's capital: with capital at 3 times GDP, 0.045 makes "
                "depreciation 13.5 % of GDP, the share of depreciation of fixed assets in China's income-approach "
                "GDP (about 13-14 %)."),
      bind_real("background.initial_capital_to_gdp", &MacroParameters::initial_capital_to_gdp, 3.0, "year",
                {0.1, 20},
                "The background sector's capital at the start over GDP (China's capital-output ratio, about 3 in "
                "the Penn World Table and in Bai, Hsieh and Qian 2006)."),
      bind_real("background.investment_share", &MacroParameters::investment_share, 0.448, "1", {0, 1},
                "Background investment over GDP along the reference path (China 2022: capital formation 43.1 % "
                "of GDP, 44.8 % of absorption); bought like other final spending."),
      bind_real("background.participation_rate", &MacroParameters::participation_rate, 0.52, "1",
                {0, 1, true, false},
                "Workers per resident (China 2022: 733 million employed of 1412 million residents)."),
      bind_real("background.initial_unemployment_rate", &MacroParameters::initial_unemployment_rate, 0.055, "1",
                {0, 1, false, true},
                "Unemployment in the background sector's labour force at the start; calibrates its productivity "
                "(China 2022: surveyed urban unemployment 5.5-5.6 %)."),
      bind_real("banks.deposit_rate", &MacroParameters::deposit_rate, 0.015, "1/year", {0, 1},
                "Interest on deposits of households and firms (PBoC one-year benchmark 1.5 %)."),
      bind_real("banks.bond_rate", &MacroParameters::bond_rate, 0.027, "1/year", {0, 1},
                "Interest on government bonds (ten-year government bond yield 2022-2023, about 2.7 %)."),
      bind_real("banks.capital_ratio", &MacroParameters::bank_capital_ratio, 0.08, "1", {0, 1, false, true},
                "The bank's net worth over its loans and bonds at the start."),
      bind_real("government.purchases_share", &MacroParameters::purchases_share, 0.125, "1", {0, 1},
                "General government purchases over the reference GDP path, education apart (China 2022: "
                "government consumption 16.0 % of GDP, of which education about 4 %)."),
      bind_real("government.education_share", &MacroParameters::education_share, 0.04, "1", {0, 1},
                "Public education spending over the reference GDP path at education budget 1 (China: the 4 % of "
                "GDP target, met since 2012); scaled by policy.education_budget."),
      bind_real("government.profit_tax_rate", &MacroParameters::profit_tax_rate, 0.25, "1", {0, 1},
                "Tax on positive profits of firms and of the background sector (statutory enterprise income "
                "tax rate 25 %)."),
      bind_real("government.consumption_tax_rate", &MacroParameters::consumption_tax_rate, 0.13, "1", {0, 2},
                "Tax on households' purchases, paid on top of the price (standard VAT rate 13 %)."),
      bind_real("government.unemployment_benefit_ratio", &MacroParameters::unemployment_benefit_ratio, 0.2, "1",
                {0, 1},
                "Benefit per unemployed person over the background wage (China's unemployment insurance pays "
                "below the local minimum wage, itself about 0.3 of the average wage, to part of the unemployed)."),
      bind_real("government.initial_debt_to_gdp", &MacroParameters::initial_debt_to_gdp, 0.5, "1", {0, 5},
                "Government bonds at the start over GDP (official central and local debt, end-2022: about 50 %)."),
      bind_real("government.initial_deficit_to_gdp", &MacroParameters::initial_deficit_to_gdp, 0.028, "1",
                {-1, 1},
                "Deficit over GDP at the start (China's 2022 budget: 2.8 %); calibrates the wage tax rate, which "
                "stands for every tax on income not modelled separately."),
      bind_real("government.debt_target", &MacroParameters::debt_target, 0.5, "1", {0, 5},
                "Debt over GDP that the fiscal rule steers to."),
      bind_real("government.fiscal_rule_speed", &MacroParameters::fiscal_rule_speed, 0.1, "1", {0, 10},
                "Fiscal rule: the wage tax rate rises by this times the excess of last tick's debt over GDP "
                "above the target (and falls below it); 0 switches the rule off."),
      bind_real("government.talent_grant_years", &MacroParameters::talent_grant_years, 1.0, "year", {0, 50},
                "A talent programme with utility bonus b pays each arriving talent (e^b - 1) times the region's "
                "talent wage for this many years, at arrival."),
      bind_real("policy.reference_spending_share", &MacroParameters::reference_spending_share, 0.17, "1", {0, 1},
                "Under budget-neutral financing: programme spending (general purchases, education and every "
                "lever's money) over the reference GDP path; general purchases take what the levers leave."),
  };
  return keys;
}

}  // namespace models
