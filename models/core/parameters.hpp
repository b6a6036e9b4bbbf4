#pragma once
// The model's parameters, typed and in model units: one member per part of each chain, each filled
// from the scenario through the keys declared next to its members (the chains' *_parameters.hpp).
// The sub-models read only this.
#include "models/capital/capital_parameters.hpp"
#include "models/future/future_parameters.hpp"
#include "models/industrial/industrial_parameters.hpp"
#include "models/industrial/investment_parameters.hpp"
#include "models/knowledge/knowledge_parameters.hpp"
#include "models/macro/macro_parameters.hpp"
#include "models/measurement/measurement_parameters.hpp"
#include "models/policy/staggered_parameters.hpp"
#include "models/talent/talent_parameters.hpp"

namespace models {

struct Parameters {
  FirmParameters firms;
  MarketParameters market;
  TalentParameters talent;
  InnovationParameters innovation;
  KnowledgeParameters knowledge;
  IndustrialChainParameters chain;
  EntryParameters entry;
  InvestmentParameters investment;
  CapitalParameters capital;
  StaggeredParameters staggered;
  FutureParameters future;
  MacroParameters macro;
  MeasurementParameters measurement;
  double years_per_tick{};  // from the run's tick length
};

}  // namespace models
