#pragma once
// x^e for an exponent fixed over many calls (one per industry, applied to every firm), chosen once:
// an integer exponent of at most 8 in size by multiplication, 1/2 by a square root, any other by pow.
// pow is the costliest call of the firm loops, and the defaults (sigma = 4, so p^(1 - sigma) = p^-3;
// input share 1/2, so c^(1 - alpha) = c^(1/2)) need none. The results differ from pow's in the last
// bit at most (products round at each step); they are the same whatever the thread or the firm order.
#include <cmath>

namespace sim {

class Power {
 public:
  explicit Power(double exponent) : exponent_(exponent) {
    if (exponent == 0.5) {
      kind_ = Kind::square_root;
    } else if (exponent == std::floor(exponent) && std::abs(exponent) <= 8.0) {
      kind_ = Kind::integer;
      magnitude_ = static_cast<int>(std::abs(exponent));
      negative_ = exponent < 0.0;
    }
  }

  double operator()(double x) const {
    switch (kind_) {
      case Kind::square_root:
        return std::sqrt(x);
      case Kind::integer: {
        double product = 1.0;
        for (int n = 0; n < magnitude_; ++n) product *= x;
        return negative_ ? 1.0 / product : product;
      }
      case Kind::general:
        break;
    }
    return std::pow(x, exponent_);
  }

 private:
  enum class Kind { general, integer, square_root };
  double exponent_;
  Kind kind_ = Kind::general;
  int magnitude_ = 0;
  bool negative_ = false;
};

}  // namespace sim
