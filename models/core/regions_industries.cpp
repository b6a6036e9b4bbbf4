#include "models/core/regions_industries.hpp"

#include <fmt/core.h>

#include "sim/config/suggest.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace models {

using sim::config::Error;
using sim::config::InputError;
using sim::config::Kind;

namespace {

template <class Names>
void check_unique(const sim::config::Records& records, const std::string& key, const std::string& field,
                  const Names& names, std::vector<Error>& errors) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t row = 0; row < names.size(); ++row) {
    auto [it, fresh] = seen.emplace(names[row], row);
    if (!fresh) {
      errors.push_back({records.source(row, field), key + "[" + std::to_string(row) + "]." + field,
                        "a name not used by another row", "'" + names[row] + "', already in row " + std::to_string(it->second), ""});
    }
  }
}

}  // namespace

void declare_regions_and_industries(sim::config::Schema& schema) {
  schema.add({.path = std::string(regions_key), .kind = Kind::records, .unit = "", .description =
      "The regions: inline as [[regions]] tables or { file = \"data/regions.csv\" }. Coordinates are those "
      "of the region's capital; distances between regions are great-circle distances between them.",
      .fields = {
          {.name = "region", .kind = Kind::string, .unit = "", .description = "Unique region name."},
          {.name = "capital", .kind = Kind::string, .unit = "", .description = "Capital city (informative).",
           .required = false},
          {.name = "lat", .kind = Kind::real, .unit = "degree_north", .description = "Latitude of the capital.",
           .range = {-90, 90}},
          {.name = "lon", .kind = Kind::real, .unit = "degree_east", .description = "Longitude of the capital.",
           .range = {-180, 180}},
          {.name = "gdp", .kind = Kind::real, .unit = "1e8 CNY/year", .description = "Gross regional product at the start.",
           .range = {0.01, 1.0e7}, .aliases = {"gdp_2022"}},
          {.name = "population", .kind = Kind::real, .unit = "1e4 persons", .description = "Resident population at the start.",
           .range = {0.01, 1.0e6}, .aliases = {"population_2022"}},
          {.name = "amenity", .kind = Kind::real, .unit = "1", .description =
               "Amenity index (1 = average); attracts talent once migration exists. Default 1.",
           .range = {0.01, 100}, .required = false},
          {.name = "area_km2", .kind = Kind::real, .unit = "km2", .description =
               "Land area. Optional, but given for every region or for none: population over area is the "
               "density that drives housing costs (docs/model.md, Talent chain); without areas the density "
               "is the population alone.",
           .range = {1, 2.0e7}, .required = false},
      }});
  schema.add({.path = std::string(industries_key), .kind = Kind::records, .unit = "", .description =
      "The industries: inline as [[industries]] tables or { file = \"data/industries.csv\" }.",
      .fields = {
          {.name = "industry", .kind = Kind::string, .unit = "", .description = "Unique industry name."},
          {.name = "kind", .kind = Kind::choice, .unit = "", .description =
               "emerging (strategic emerging), future (future industry) or key (key industry to transform).",
           .choices = {"emerging", "future", "key"}},
          {.name = "digital", .kind = Kind::boolean, .unit = "", .description =
               "Whether the industry's knowledge penetrates the others (1/0 or true/false)."},
          {.name = "inputs", .kind = Kind::string_list, .unit = "", .description =
               "Industries it buys intermediate inputs from, ';'-separated in CSV. It may name itself: its "
               "firms then buy from each other, the vertical linkages of Krugman and Venables (1995) "
               "(docs/model.md §7.2).", .required = false},
          {.name = "elasticity", .kind = Kind::real, .unit = "1", .description =
               "Elasticity of substitution sigma_k; default market.elasticity.", .range = {1, 20, true},
           .required = false},
          {.name = "expenditure_weight", .kind = Kind::real, .unit = "1", .description =
               "Relative weight of the industry in spending on the modelled industries; default 1.",
           .range = {0, 1000}, .required = false},
      }});

}

Regions read_regions(const sim::config::Config& config) {
  const sim::config::Records& records = config.records(regions_key);
  const Eigen::Index n = static_cast<Eigen::Index>(records.rows.size());
  Regions regions;
  regions.latitude.resize(n);
  regions.longitude.resize(n);
  regions.population.resize(n);
  regions.initial_gdp.resize(n);
  regions.amenity.resize(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto row = static_cast<std::size_t>(r);
    regions.names.push_back(records.string(row, "region"));
    regions.latitude(r) = records.real(row, "lat");
    regions.longitude(r) = records.real(row, "lon");
    regions.population(r) = records.real(row, "population");
    regions.initial_gdp(r) = records.real(row, "gdp");
    regions.amenity(r) = records.has(row, "amenity") ? records.real(row, "amenity") : 1.0;
  }
  std::vector<Error> errors;
  check_unique(records, std::string(regions_key), "region", regions.names, errors);
  // Areas for every region or for none: a density of some regions against the population of others
  // would compare persons per km² with persons.
  std::size_t with_area = 0;
  for (std::size_t row = 0; row < records.rows.size(); ++row) with_area += records.has(row, "area_km2") ? 1 : 0;
  if (with_area > 0 && with_area < records.rows.size()) {
    for (std::size_t row = 0; row < records.rows.size(); ++row) {
      if (records.has(row, "area_km2")) continue;
      const sim::config::Source& cell = records.source(row, "area_km2");
      errors.push_back({cell.line > 0 ? cell : records.rows[row].source, fmt::format("{}[{}].area_km2", regions_key, row),
                        fmt::format("a land area in km2 for every region or for none ({} of {} regions have one)",
                                    with_area, records.rows.size()),
                        "none for '" + regions.names[row] + "'", ""});
    }
  } else if (with_area > 0) {
    regions.area_km2.resize(n);
    for (Eigen::Index r = 0; r < n; ++r) regions.area_km2(r) = records.real(static_cast<std::size_t>(r), "area_km2");
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  return regions;
}

Industries read_industries(const sim::config::Config& config, const MarketParameters& market) {
  const sim::config::Records& records = config.records(industries_key);
  const Eigen::Index n = static_cast<Eigen::Index>(records.rows.size());
  Industries industries;
  industries.elasticity.resize(n);
  industries.expenditure_share.resize(n);
  std::map<std::string, int> index;
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto row = static_cast<std::size_t>(k);
    industries.names.push_back(records.string(row, "industry"));
    index.emplace(industries.names.back(), static_cast<int>(k));
    const std::string& kind = records.string(row, "kind");
    industries.kinds.push_back(kind == "future" ? IndustryKind::future
                               : kind == "key"  ? IndustryKind::key
                                                : IndustryKind::emerging);
    industries.digital.push_back(records.boolean(row, "digital"));
    industries.elasticity(k) =
        records.has(row, "elasticity") ? records.real(row, "elasticity") : market.elasticity;
    industries.expenditure_share(k) =
        records.has(row, "expenditure_weight") ? records.real(row, "expenditure_weight") : 1.0;
  }
  std::vector<Error> errors;
  check_unique(records, std::string(industries_key), "industry", industries.names, errors);
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto row = static_cast<std::size_t>(k);
    std::vector<int> inputs;
    if (records.has(row, "inputs")) {
      for (const std::string& name : records.strings(row, "inputs")) {
        auto it = index.find(name);
        if (it == index.end()) {
          errors.push_back({records.source(row, "inputs"), fmt::format("{}[{}].inputs", industries_key, row),
                            "names of industries of the scenario", "'" + name + "'", ""});
        } else {
          inputs.push_back(it->second);
        }
      }
    }
    industries.inputs.push_back(std::move(inputs));
  }
  const double total_weight = industries.expenditure_share.sum();
  if (total_weight <= 0.0) {
    errors.push_back({records.source(0, "industry"), fmt::format("{}[].expenditure_weight", industries_key),
                      "at least one positive weight", "all weights 0", ""});
  }
  if (!errors.empty()) throw InputError(std::move(errors));
  industries.expenditure_share *= market.strategic_expenditure_share / total_weight;
  return industries;
}

Industries read_industries(const sim::config::Config& config) {
  MarketParameters market;
  sim::config::read(config, market_keys(), market);
  return read_industries(config, market);
}

std::optional<int> index_of_name(const sim::config::Records& records, std::size_t row, std::string_view field,
                                 const std::string& name, const std::string& key,
                                 const std::vector<std::string>& known, const std::string& expected,
                                 std::vector<sim::config::Error>& errors) {
  const auto found = std::find(known.begin(), known.end(), name);
  if (found != known.end()) return static_cast<int>(found - known.begin());
  sim::config::Error error;
  error.source = records.source(row, field);
  error.key = key;
  error.expected = expected;
  error.found = fmt::format("'{}'", name);
  error.hint = sim::config::detail::did_you_mean(sim::config::detail::nearest(name, known));
  errors.push_back(std::move(error));
  return std::nullopt;
}

}  // namespace models
