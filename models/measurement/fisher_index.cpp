#include "models/measurement/fisher_index.hpp"

#include <cmath>
#include <limits>

namespace models {

FisherTerms& FisherTerms::operator+=(const FisherTerms& other) {
  previous += other.previous;
  current += other.current;
  at_previous_prices += other.at_previous_prices;
  at_current_prices += other.at_current_prices;
  return *this;
}

double fisher_quantity_link(const FisherTerms& terms) {
  const double laspeyres = terms.at_previous_prices / terms.previous;
  const double paasche = terms.current / terms.at_current_prices;
  if (!(terms.previous > 0.0) || !(terms.at_current_prices > 0.0) || !(laspeyres > 0.0) || !(paasche > 0.0))
    return std::numeric_limits<double>::quiet_NaN();
  return std::sqrt(laspeyres * paasche);
}

double chain_volume(double volume, const FisherTerms& terms, double fallback_deflator) {
  const double link = fisher_quantity_link(terms);
  if (std::isfinite(link) && volume > 0.0) return volume * link;
  // A parent without a price index of its own (no volume yet) leaves the current value undeflated.
  const bool usable = fallback_deflator > 0.0 && std::isfinite(fallback_deflator);
  return terms.current / (usable ? fallback_deflator : 1.0);
}

double implicit_deflator(double nominal, double volume) { return volume != 0.0 ? nominal / volume : 1.0; }

}  // namespace models
