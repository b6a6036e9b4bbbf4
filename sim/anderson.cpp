#include "sim/anderson.hpp"

namespace sim {

Eigen::VectorXd AndersonMixer::next(const Eigen::VectorXd& x, const Eigen::VectorXd& image) {
  const Eigen::VectorXd residual = image - x;
  if (last_residual_.size() == residual.size()) {
    residual_steps_.push_back(residual - last_residual_);
    image_steps_.push_back(image - last_image_);
    if (static_cast<int>(residual_steps_.size()) > depth_) {
      residual_steps_.erase(residual_steps_.begin());
      image_steps_.erase(image_steps_.begin());
    }
  }
  last_residual_ = residual;
  last_image_ = image;
  if (residual_steps_.empty()) return image;
  const auto columns = static_cast<Eigen::Index>(residual_steps_.size());
  Eigen::MatrixXd steps(residual.size(), columns);
  for (Eigen::Index c = 0; c < columns; ++c) steps.col(c) = residual_steps_[static_cast<std::size_t>(c)];
  // gamma minimises |residual - steps gamma|; a rank-revealing QR copes with nearly parallel steps.
  const Eigen::VectorXd gamma = steps.colPivHouseholderQr().solve(residual);
  Eigen::VectorXd mixed = image;
  for (Eigen::Index c = 0; c < columns; ++c) mixed -= gamma(c) * image_steps_[static_cast<std::size_t>(c)];
  return mixed;
}

void AndersonMixer::reset() {
  last_residual_.resize(0);
  last_image_.resize(0);
  residual_steps_.clear();
  image_steps_.clear();
}

}  // namespace sim
