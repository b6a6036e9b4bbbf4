#pragma once
// The world state of the model: regions, industries, their clusters and the firms in them.
// Region and cluster aggregates are Eigen matrices (regions in rows, industries in columns) and are
// recomputed from the firms, never updated separately.
#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/cluster_index.hpp"
#include "models/core/sparse_rows.hpp"
#include "models/core/firms.hpp"
#include "models/future/future_state.hpp"
#include "models/policy/levers.hpp"
#include "models/core/parameters.hpp"
#include "models/capital/capital_state.hpp"
#include "models/industrial/supply_chain_state.hpp"
#include "models/industrial/trade_freeness.hpp"
#include "models/knowledge/knowledge_state.hpp"
#include "models/macro/macro_state.hpp"
#include "models/measurement/measurement_state.hpp"
#include "models/talent/talent_state.hpp"
#include "models/policy/staggered_state.hpp"

namespace models {

enum class IndustryKind { emerging, future, key };

struct Regions {
  std::vector<std::string> names;
  Eigen::VectorXd latitude;        // degrees
  Eigen::VectorXd longitude;       // degrees
  Eigen::VectorXd population;      // 1e4 persons
  Eigen::VectorXd initial_gdp;     // 1e8 CNY/year
  Eigen::VectorXd amenity;         // index, 1 = average
  Eigen::VectorXd area_km2;        // land area, km²; empty when the regions' input gives none
  Eigen::MatrixXd distance_km;     // great-circle distance between capitals
  Eigen::VectorXd income;          // 1e8 CNY/year: final spending on goods this tick (households, government, investment)
  Eigen::VectorXd gdp;             // 1e8 CNY/year: value added of the modelled industries and the background sector

  int count() const { return static_cast<int>(names.size()); }
};

struct Industries {
  std::vector<std::string> names;
  std::vector<IndustryKind> kinds;
  std::vector<bool> digital;
  std::vector<std::vector<int>> inputs;  // supplying industries (the industrial chain)
  Eigen::VectorXd elasticity;            // sigma_k
  Eigen::VectorXd expenditure_share;     // mu_k: share of a region's final spending on industry k

  int count() const { return static_cast<int>(names.size()); }
};

// Per-cluster (region x industry) results of the current tick.
struct Clusters {
  Eigen::MatrixXd firms;          // count
  Eigen::MatrixXd entries;        // count this tick
  Eigen::MatrixXd exits;          // count this tick
  Eigen::MatrixXd innovations;    // adopted innovations this tick
  Eigen::MatrixXd imitations;     // adopted imitations this tick
  Eigen::MatrixXd sales;          // 1e8 CNY/year
  Eigen::MatrixXd physical_output;  // output units/year (sum of the firms' sales / price)
  Eigen::MatrixXd employment;     // persons
  Eigen::MatrixXd rd_spending;    // 1e8 CNY/year
  Eigen::MatrixXd rd_subsidy;     // 1e8 CNY/year
  Eigen::MatrixXd profit;         // 1e8 CNY/year
  Eigen::MatrixXd mean_productivity;      // sales-weighted
  Eigen::MatrixXd frontier_productivity;  // highest in the cluster
  Eigen::MatrixXd price_index;    // consumers' CES price index of industry k in region s (rows s)
  Eigen::MatrixXd market_access;  // sum_s phi_rs P_ks^(sigma-1) E_ks: demand shifter of firms in (r,k)
  Eigen::MatrixXd unserved;       // 1e8 CNY/year: demand for the cluster that its machines could not serve
  Eigen::MatrixXd capacity;       // output units/year the cluster's machines can make
  Eigen::MatrixXd capital;        // 1e8 CNY: book value of the cluster's machines
  Eigen::MatrixXd investment;     // 1e8 CNY/year: machines the cluster's firms bought

  void resize(int regions, int industries);
};

// Firms' machines (models/industrial/machines.cpp): installed after the first clearing, which they do
// not bound.
struct MachineMarket {
  bool installed = false;
  double initial_price = 0.0;  // 1e8 CNY per machine at tick 0; a machine of technology A makes A units/year
  // Per region, 1e8 CNY/year: the wear of the initial machines, the modelled firms' part of investment at
  // the start (the background sector's is the rest of background.investment_share).
  Eigen::VectorXd initial_replacement;
};

struct Economy {
  Parameters parameters;
  Levers levers;                       // the policy in force this tick
  PolicySchedule policy_schedule;      // changes of levers to come
  Regions regions;
  Industries industries;
  Firms firms;
  Clusters clusters;
  TalentState talent;
  KnowledgeState knowledge;
  IndustrialChainState chain;
  CapitalState capital;
  StaggeredState staggered;
  FutureState future;
  MacroState macro;
  MeasurementState measurement;
  MachineMarket machines;
  ClusterIndex cluster_index;          // firms grouped by cluster; rebuilt when firms change
  Eigen::MatrixXd spatial_weight;      // W_rs: 1 on the diagonal, openness * distance decay off it
  SparseRows spatial_links;            // the nonzero W_rs by row r; set with W (set_spatial_weight)
  TradeFreeness trade_freeness;        // phi_rs, one matrix per distinct elasticity
  Eigen::VectorXd initial_price_index; // national price index per industry at tick 0 (deflator base)
  Eigen::VectorXd national_price_index;  // expenditure-weighted over regions, per industry
  std::uint64_t next_firm_id = 0;
  int tick = 0;        // the model's clock: ticks since its initialisation, a burn-in's included
  int start_tick = 0;  // the model tick that is the scenario's first (after a burn-in or a loaded start)

  int region_count() const { return regions.count(); }
  int industry_count() const { return industries.count(); }
  // The tick of the scenario (its calendar, its policy schedule): 0 at its first tick.
  int scenario_tick() const { return tick - start_tick; }
};

}  // namespace models
