#pragma once
// Declaring output variables from the model's Eigen state: one call per variable.
#include <Eigen/Dense>
#include <span>
#include <string>

#include "sim/output/variable.hpp"

namespace models {

// Eigen matrices are column-major; the output is row-major over (region, industry).
inline void copy_row_major(const Eigen::MatrixXd& matrix, std::span<double> out) {
  const Eigen::Index columns = matrix.cols();
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    for (Eigen::Index c = 0; c < columns; ++c) out[static_cast<std::size_t>(r * columns + c)] = matrix(r, c);
  }
}

inline void copy_vector(const Eigen::VectorXd& vector, std::span<double> out) {
  for (Eigen::Index i = 0; i < vector.size(); ++i) out[static_cast<std::size_t>(i)] = vector(i);
}

// A (time, region, industry) variable sampled from a region x industry matrix that outlives the registry.
// `declaration` gives everything but the axes and the sampler; its cell_method where the rule of
// sim::output::cell_methods would misread the declaration.
inline void add_cluster_output(sim::output::Registry& registry, const Eigen::MatrixXd& matrix,
                               sim::output::Variable declaration) {
  declaration.axes = {"region", "industry"};
  declaration.sample = [&matrix](std::span<double> out) { copy_row_major(matrix, out); };
  registry.add(std::move(declaration));
}

// The same, written in another unit: each value times `scale` (an amount per tick written as an annual
// rate with scale 1 / years per tick).
inline void add_scaled_cluster_output(sim::output::Registry& registry, const Eigen::MatrixXd& matrix, double scale,
                                      sim::output::Variable declaration) {
  declaration.axes = {"region", "industry"};
  declaration.sample = [&matrix, scale](std::span<double> out) {
    copy_row_major(matrix, out);
    for (double& value : out) value *= scale;
  };
  registry.add(std::move(declaration));
}

// A (time, region) variable sampled from a per-region vector that outlives the registry.
inline void add_region_output(sim::output::Registry& registry, const Eigen::VectorXd& vector,
                              sim::output::Variable declaration) {
  declaration.axes = {"region"};
  declaration.sample = [&vector](std::span<double> out) { copy_vector(vector, out); };
  registry.add(std::move(declaration));
}

// The same, written in another unit: each value times `scale` (wages held in 1e8 CNY per person-year are
// written in 1e4 CNY with scale 1e4).
inline void add_scaled_region_output(sim::output::Registry& registry, const Eigen::VectorXd& vector, double scale,
                                     sim::output::Variable declaration) {
  declaration.axes = {"region"};
  declaration.sample = [&vector, scale](std::span<double> out) {
    for (Eigen::Index i = 0; i < vector.size(); ++i) out[static_cast<std::size_t>(i)] = vector(i) * scale;
  };
  registry.add(std::move(declaration));
}

}  // namespace models
