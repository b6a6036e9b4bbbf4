#pragma once
// The state of the macroeconomic closure (docs/model.md, Sectors and their accounts): households, the
// background sector, the bank and the government. Money in 1e8 CNY; flows are annual rates of this tick,
// stocks are at the end of the tick unless named opening_*. Vectors are per region; the bank and the
// government's bonds are national.
#include <Eigen/Dense>

namespace models {

struct HouseholdAccounts {
  Eigen::VectorXd deposits, opening_deposits;
  Eigen::VectorXd opening_equity;       // book value of the region's firms and background sector at the start of the tick
  Eigen::VectorXd consumption;          // goods bought, consumption tax apart
  Eigen::VectorXd consumption_tax;
  Eigen::VectorXd modelled_wages;       // paid by the region's modelled firms (production and research)
  Eigen::VectorXd background_wages;
  Eigen::VectorXd dividends;            // distributed profits of the region's modelled firms
  Eigen::VectorXd mixed_income;         // distributed surplus of the region's background sector
  Eigen::VectorXd bank_dividends;
  Eigen::VectorXd deposit_interest;
  Eigen::VectorXd unemployment_benefits;
  Eigen::VectorXd talent_grants;
  Eigen::VectorXd wage_tax;
  Eigen::VectorXd disposable_income;    // wages + distributed profits + interest + transfers - wage tax
  Eigen::VectorXd expected_income;      // last tick's disposable income, on which this tick's consumption rests
  Eigen::VectorXd saving;               // disposable income - consumption spending (tax included)
  Eigen::VectorXd equity_purchases;     // venture capital, co-investment and founders' capital put into firms
  Eigen::VectorXd liquidations;         // net worth of exiting firms paid back, annual rate
  double propensity_to_consume = 0.0;   // a1, calibrated at the start
};

// The modelled firms of each region, aggregated: the flows of the transactions matrix that the firms'
// own accounts (models/industrial/accounts.cpp) and the capital chain produce.
struct FirmAccounts {
  Eigen::VectorXd opening_deposits, opening_loans;  // sum of max(0, N) and max(0, -N) at the start of the tick
  Eigen::VectorXd deposit_interest, loan_interest;
  Eigen::VectorXd profit_tax;
  Eigen::VectorXd dividends;
  Eigen::VectorXd fixed_costs;          // services paid by the firms in this tick's accounts
  Eigen::VectorXd fixed_talent_wages;   // wages of the talent firms employ whatever they produce (firms.fixed_talent)
  Eigen::VectorXd services;             // bought from the background sector: fixed costs and inputs no modelled firm supplies
  Eigen::VectorXd write_offs;           // debt of exiting firms the bank loses, annual rate
  Eigen::VectorXd investment;           // machines bought: final spending on goods (modelled and background)
  Eigen::VectorXd depreciation;         // machines worn out or scrapped for better ones, charged to profit
};

struct BackgroundSector {
  Eigen::VectorXd initial_productivity; // A_b at the start, calibrated to the initial unemployment rate
  Eigen::VectorXd productivity;         // A_b: output per worker-year, 1e8 CNY
  Eigen::VectorXd wage;                 // per worker-year: labour_share * productivity
  Eigen::VectorXd non_talent_labour;    // persons, immobile
  Eigen::VectorXd labour_force;         // persons: non-talent labour and talent the modelled firms do not employ
  Eigen::VectorXd employment;           // persons
  Eigen::VectorXd unemployment;         // persons
  Eigen::VectorXd output;               // = sales of the background good (demand-led)
  Eigen::VectorXd wages;
  Eigen::VectorXd investment;           // final spending on capital (on modelled goods and the background good)
  Eigen::VectorXd capital, opening_capital;
  Eigen::VectorXd loans, opening_loans;
  Eigen::VectorXd depreciation;
  Eigen::VectorXd loan_interest;
  Eigen::VectorXd profit_tax;
  Eigen::VectorXd retained;             // profit after tax kept to finance investment: (1 - loan financing share) net investment
  double loan_financing_share = 0.0;    // share of net investment financed by new loans, calibrated at the start
};

// What each final buyer spent this tick, split between the modelled industries and the background good.
struct FinalSpending {
  Eigen::VectorXd consumption_modelled, consumption_background;
  Eigen::VectorXd government_modelled, government_background;  // general purchases, education apart
  Eigen::VectorXd investment_modelled, investment_background;            // by the background sector
  Eigen::VectorXd firm_investment_modelled, firm_investment_background;  // by the modelled firms
};

struct Government {
  Eigen::VectorXd reference_gdp;        // GDP at the start grown at the background productivity growth
  Eigen::VectorXd purchases;            // general purchases (education apart)
  Eigen::VectorXd education;
  Eigen::VectorXd programme_spending;   // levers' money (R&D subsidies, leading support, guidance funds, basic research, pilots, adoption, talent grants)
  Eigen::VectorXd profit_tax;           // of firms and the background sector; the households' taxes are in HouseholdAccounts
  Eigen::VectorXd revenue;
  Eigen::VectorXd spending;             // purchases, education, programmes, benefits and interest (allocated by GDP)
  Eigen::VectorXd budget_neutral_excess;  // programme spending above the reference path (0 unless budget-neutral)
  double base_wage_tax_rate = 0.0;      // calibrated at the start
  double wage_tax_rate = 0.0;           // in force this tick
  double bond_interest = 0.0;
  double deficit = 0.0;
  double bonds = 0.0, opening_bonds = 0.0;
};

struct Bank {
  double deposits = 0.0, loans = 0.0, bonds = 0.0, net_worth = 0.0;
  double opening_deposits = 0.0, opening_loans = 0.0, opening_net_worth = 0.0;
  double interest_received = 0.0, interest_paid = 0.0, write_offs = 0.0, dividends = 0.0;
};

struct MacroState {
  HouseholdAccounts households;
  FirmAccounts firms;
  BackgroundSector background;
  FinalSpending spending;
  Government government;
  Bank bank;
};

}  // namespace models
