#pragma once
// Chained Fisher quantity indices (docs/model.md, Measurement): an aggregate is a set of items, outputs
// counted positive and inputs negative, each with a price and a quantity in the previous period (0) and
// this one (1). Its Fisher link is the geometric mean of the Laspeyres and Paasche quantity links, and the
// chained volume multiplies the links from the reference period on.

namespace models {

struct FisherTerms {
  double previous = 0.0;         // sum p0 q0: the aggregate's nominal value last period
  double current = 0.0;          // sum p1 q1: its nominal value this period
  double at_previous_prices = 0.0;  // sum p0 q1: this period's quantities at last period's prices
  double at_current_prices = 0.0;   // sum p1 q0: last period's quantities at this period's prices

  FisherTerms& operator+=(const FisherTerms& other);
};

// sqrt((sum p0 q1 / sum p0 q0) (sum p1 q1 / sum p1 q0)); NaN when a sum is not positive (an aggregate that
// did not exist, or whose value added is not positive, has no quantity link).
double fisher_quantity_link(const FisherTerms& terms);

// The volume after this period's link. Where the link is undefined, the volume restarts from the current
// value deflated by `fallback_deflator` (a parent aggregate's nominal value over its volume).
double chain_volume(double volume, const FisherTerms& terms, double fallback_deflator);

// Nominal value over volume: the implicit (chained Fisher) price index; 1 where the volume is 0.
double implicit_deflator(double nominal, double volume);

}  // namespace models
