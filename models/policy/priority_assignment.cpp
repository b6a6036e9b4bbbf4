#include "models/policy/priority_assignment.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

namespace models {

namespace {

int plannable_count(const std::vector<bool>& plannable) {
  return static_cast<int>(std::count(plannable.begin(), plannable.end(), true));
}

void check_non_negative(int value, const char* name) {
  if (value < 0) throw std::invalid_argument(std::string("priority planner: ") + name + " must be >= 0");
}

void check_advantage(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable) {
  if (static_cast<std::size_t>(advantage.cols()) != plannable.size()) {
    throw std::invalid_argument("priority planner: advantage has " + std::to_string(advantage.cols()) +
                                " industries, plannable " + std::to_string(plannable.size()));
  }
  for (Eigen::Index k = 0; k < advantage.cols(); ++k) {
    for (Eigen::Index r = 0; r < advantage.rows(); ++r) {
      const double a = advantage(r, k);
      if (!std::isfinite(a) || a < 0.0) {
        throw std::invalid_argument("priority planner: advantage(" + std::to_string(r) + ", " + std::to_string(k) +
                                    ") must be finite and >= 0");
      }
    }
  }
}

void check_eligible(const Eigen::MatrixXd& advantage, const Eligibility& eligible) {
  if (eligible.rows() != advantage.rows() || eligible.cols() != advantage.cols()) {
    throw std::invalid_argument("priority planner: eligible is " + std::to_string(eligible.rows()) + " x " +
                                std::to_string(eligible.cols()) + ", advantage " + std::to_string(advantage.rows()) +
                                " x " + std::to_string(advantage.cols()));
  }
}

Eligibility all_eligible(const Eigen::MatrixXd& advantage) {
  return Eligibility::Constant(advantage.rows(), advantage.cols(), true);
}

// Residual network for successive shortest paths. Arc e and its reverse are e and e ^ 1.
class FlowNetwork {
 public:
  explicit FlowNetwork(int nodes) : nodes_(nodes) {}

  int add_arc(int from, int to, int capacity, double cost) {
    const int e = static_cast<int>(to_.size());
    from_.push_back(from);
    to_.push_back(to);
    capacity_.push_back(capacity);
    cost_.push_back(cost);
    from_.push_back(to);
    to_.push_back(from);
    capacity_.push_back(0);
    cost_.push_back(-cost);
    return e;
  }

  int residual(int arc) const { return capacity_[static_cast<std::size_t>(arc)]; }

  // Augments one unit at a time along cheapest residual paths until the sink is unreachable.
  void min_cost_max_flow(int source, int sink, double eps) {
    const std::size_t n = static_cast<std::size_t>(nodes_);
    const double infinity = std::numeric_limits<double>::infinity();
    std::vector<double> distance(n);
    std::vector<int> via(n);  // arc by which each node's label was last lowered
    for (;;) {
      std::fill(distance.begin(), distance.end(), infinity);
      std::fill(via.begin(), via.end(), -1);
      distance[static_cast<std::size_t>(source)] = 0.0;
      // Bellman-Ford over the arcs in index order; stops at the first round without a change.
      for (int round = 0; round < nodes_; ++round) {
        bool changed = false;
        for (std::size_t e = 0; e < to_.size(); ++e) {
          if (capacity_[e] <= 0) continue;
          const double from = distance[static_cast<std::size_t>(from_[e])];
          if (from == infinity) continue;
          const double candidate = from + cost_[e];
          double& to = distance[static_cast<std::size_t>(to_[e])];
          if (candidate < to - eps) {
            to = candidate;
            via[static_cast<std::size_t>(to_[e])] = static_cast<int>(e);
            changed = true;
          }
        }
        if (!changed) break;
      }
      if (distance[static_cast<std::size_t>(sink)] == infinity) return;
      // Capacities are integers, so one unit always fits; it is also the bottleneck, as every path
      // crosses a region-industry arc (capacity 1) forwards.
      int steps = 0;
      for (int v = sink; v != source; v = from_[static_cast<std::size_t>(via[static_cast<std::size_t>(v)])]) {
        if (++steps > nodes_) throw std::logic_error("priority planner: cycle in shortest-path tree");
        const std::size_t e = static_cast<std::size_t>(via[static_cast<std::size_t>(v)]);
        --capacity_[e];
        ++capacity_[e ^ 1U];
      }
    }
  }

 private:
  int nodes_;
  std::vector<int> from_;
  std::vector<int> to_;
  std::vector<int> capacity_;
  std::vector<double> cost_;
};

}  // namespace

Priorities every_plannable(int regions, const std::vector<bool>& plannable) {
  check_non_negative(regions, "regions");
  const Eigen::Index industries = static_cast<Eigen::Index>(plannable.size());
  Priorities priorities = Priorities::Zero(regions, industries);
  for (Eigen::Index k = 0; k < industries; ++k) {
    if (plannable[static_cast<std::size_t>(k)]) priorities.col(k).setOnes();
  }
  return priorities;
}

Priorities comparative_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable, int m) {
  return comparative_priorities(advantage, plannable, all_eligible(advantage), m);
}

Priorities comparative_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                  const Eligibility& eligible, int m) {
  check_non_negative(m, "m (priorities per region)");
  check_advantage(advantage, plannable);
  check_eligible(advantage, eligible);
  Priorities priorities = Priorities::Zero(advantage.rows(), advantage.cols());
  std::vector<int> order;
  for (Eigen::Index r = 0; r < advantage.rows(); ++r) {
    order.clear();
    for (std::size_t k = 0; k < plannable.size(); ++k) {
      if (plannable[k] && eligible(r, static_cast<Eigen::Index>(k))) order.push_back(static_cast<int>(k));
    }
    const std::size_t take = std::min(static_cast<std::size_t>(m), order.size());
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      const double va = advantage(r, a);
      const double vb = advantage(r, b);
      return va > vb || (va == vb && a < b);
    });
    for (std::size_t i = 0; i < take; ++i) priorities(r, order[i]) = 1;
  }
  return priorities;
}

Priorities coordinated_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable, int m,
                                  int c) {
  return coordinated_priorities(advantage, plannable, all_eligible(advantage), m, c);
}

Priorities coordinated_priorities(const Eigen::MatrixXd& advantage, const std::vector<bool>& plannable,
                                  const Eligibility& eligible, int m, int c) {
  check_non_negative(m, "m (priorities per region)");
  check_non_negative(c, "c (regions per industry)");
  check_advantage(advantage, plannable);
  check_eligible(advantage, eligible);
  const int regions = static_cast<int>(advantage.rows());
  const int industries = static_cast<int>(advantage.cols());
  Priorities priorities = Priorities::Zero(regions, industries);
  if (m == 0 || c == 0 || regions == 0 || plannable_count(plannable) == 0) return priorities;

  // Nodes: source 0, regions 1..R, industries R+1..R+K, sink R+K+1.
  const int source = 0;
  const int sink = regions + industries + 1;
  FlowNetwork network(regions + industries + 2);
  double largest = 0.0;
  for (int r = 0; r < regions; ++r) network.add_arc(source, 1 + r, m, 0.0);
  std::vector<int> pair_arc(static_cast<std::size_t>(regions) * static_cast<std::size_t>(industries), -1);
  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      if (!plannable[static_cast<std::size_t>(k)] || !eligible(r, k)) continue;
      const double a = advantage(r, k);
      largest = std::max(largest, a);
      pair_arc[static_cast<std::size_t>(r) * static_cast<std::size_t>(industries) + static_cast<std::size_t>(k)] =
          network.add_arc(1 + r, 1 + regions + k, 1, -a);
    }
  }
  for (int k = 0; k < industries; ++k) {
    if (plannable[static_cast<std::size_t>(k)]) network.add_arc(1 + regions + k, sink, c, 0.0);
  }

  network.min_cost_max_flow(source, sink, 1e-12 * largest);

  for (int r = 0; r < regions; ++r) {
    for (int k = 0; k < industries; ++k) {
      const int arc =
          pair_arc[static_cast<std::size_t>(r) * static_cast<std::size_t>(industries) + static_cast<std::size_t>(k)];
      if (arc >= 0 && network.residual(arc) == 0) priorities(r, k) = 1;
    }
  }
  return priorities;
}

}  // namespace models
