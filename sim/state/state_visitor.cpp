#include "sim/state/state_visitor.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace sim::state {

StateVisitor::StateVisitor(StateImage& image) : saving_(&image), image_(image), label_("state") {}

StateVisitor::StateVisitor(const StateImage& image, std::string label) : image_(image), label_(std::move(label)) {}

StateVisitor::Group::Group(StateVisitor& visitor, std::string_view name)
    : visitor_(visitor), previous_size_(visitor.prefix_.size()) {
  visitor_.prefix_.append(name);
  visitor_.prefix_.push_back('/');
}

StateVisitor::Group::~Group() { visitor_.prefix_.resize(previous_size_); }

std::string StateVisitor::path(std::string_view name) const { return prefix_ + std::string(name); }

void StateVisitor::put(std::string_view name, Element element, std::vector<std::uint64_t> shape, const void* data) {
  StateArray array;
  array.element = element;
  array.shape = std::move(shape);
  array.bytes.resize(array.count() * element_size(element));
  if (!array.bytes.empty()) std::memcpy(array.bytes.data(), data, array.bytes.size());
  if (!saving_->arrays.try_emplace(path(name), std::move(array)).second) throw std::logic_error("state member " + path(name) + " saved twice");
}

const StateArray& StateVisitor::get(std::string_view name, Element element, std::size_t rank) {
  const std::string full = path(name);
  const auto found = image_.arrays.find(full);
  if (found == image_.arrays.end()) {
    throw StateError(fmt::format("{}: lacks {}, which this model keeps (a state of another model version)", label_,
                                 full));
  }
  const StateArray& array = found->second;
  if (array.element != element || array.shape.size() != rank) {
    throw StateError(fmt::format("{}: {} holds {} in {} dimension(s); this model keeps {} in {}", label_, full,
                                 element_name(array.element), array.shape.size(), element_name(element), rank));
  }
  if (array.bytes.size() != array.count() * element_size(element)) {
    throw StateError(fmt::format("{}: {} is cut short", label_, full));
  }
  read_.push_back(full);
  return array;
}

void StateVisitor::text(std::string_view name, std::string& member) {
  const std::string full = path(name);
  if (!loading()) {
    if (!saving_->attributes.try_emplace(full, member).second) {
      throw std::logic_error("state text " + full + " saved twice");
    }
    return;
  }
  member = required_attribute(image_, full, label_);
}

std::vector<std::string> StateVisitor::unread() const {
  std::vector<std::string> read = read_;
  std::sort(read.begin(), read.end());
  std::vector<std::string> unread;
  for (const auto& [name, array] : image_.arrays) {
    if (!std::binary_search(read.begin(), read.end(), name)) unread.push_back(name);
  }
  return unread;
}

}  // namespace sim::state
