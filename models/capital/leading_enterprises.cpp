#include "models/capital/leading_enterprises.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/parallel.hpp"

namespace models {

std::vector<double> support_leading_enterprises(Economy& economy) {
  Firms& firms = economy.firms;
  CapitalState& c = economy.capital;
  const CapitalParameters& p = economy.parameters.capital;
  std::vector<double> support(firms.size(), 0.0);
  std::fill(firms.leading.begin(), firms.leading.end(), std::uint8_t{0});
  c.leading_firms.setZero(economy.region_count(), economy.industry_count());
  c.leading_support.setZero(economy.region_count());
  // A region's clusters on one thread, in order: its support sums in the same order on any number.
  sim::parallel::for_each_task(economy.region_count(), [&](std::int64_t region) {
    const int r = static_cast<int>(region);
    std::vector<std::int32_t> members;
    for (int k = 0; k < economy.industry_count(); ++k) {
      const auto span = economy.cluster_index.members(r, k);
      if (span.empty()) continue;
      members.assign(span.begin(), span.end());
      const std::size_t n = members.size();
      const std::size_t leaders =
          std::clamp<std::size_t>(static_cast<std::size_t>(std::floor(p.leading_share * static_cast<double>(n))), 1, n);
      std::partial_sort(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(leaders), members.end(),
                        [&firms](std::int32_t a, std::int32_t b) {
                          if (firms.sales[a] != firms.sales[b]) return firms.sales[a] > firms.sales[b];
                          return firms.id[a] < firms.id[b];
                        });
      for (std::size_t m = 0; m < leaders; ++m) {
        const std::int32_t i = members[m];
        firms.leading[i] = 1;
        support[i] = economy.levers.leading_support(r) * firms.sales[i];
        c.leading_support(r) += support[i];
      }
      c.leading_firms(r, k) = static_cast<double>(leaders);
    }
  });
  return support;
}

}  // namespace models
