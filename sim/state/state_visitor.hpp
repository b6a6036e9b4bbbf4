#pragma once
// Saving and loading a model's state with one list of its members: a model writes
//   visitor("productivity", firms.productivity);
// once, and the same line saves the member into a StateImage or loads it back, so the two directions
// cannot drift apart. Members are scalars, std::vectors of numbers (or of std::arrays of numbers) and
// Eigen vectors and matrices; groups ("firms/...") keep the names readable in the state file.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/state/state_image.hpp"

namespace sim::state {

template <class T>
constexpr Element element_of() {
  if constexpr (std::is_same_v<T, double>) return Element::f64;
  else if constexpr (std::is_same_v<T, std::int64_t>) return Element::i64;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return Element::u64;
  else if constexpr (std::is_same_v<T, std::int32_t>) return Element::i32;
  else if constexpr (std::is_same_v<T, std::uint8_t> || std::is_same_v<T, bool>) return Element::u8;
  else static_assert(sizeof(T) == 0, "no state element type for this member");
}

template <class T>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

class StateVisitor {
 public:
  // Saving the members into `image`.
  explicit StateVisitor(StateImage& image);
  // Loading the members from `image`; `label` names it in messages (the state file's path, "the burn-in").
  StateVisitor(const StateImage& image, std::string label);

  bool loading() const { return saving_ == nullptr; }
  const std::string& label() const { return label_; }

  // Names given while a Group lives are prefixed with its name and a slash.
  class Group {
   public:
    Group(StateVisitor& visitor, std::string_view name);
    ~Group();
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;

   private:
    StateVisitor& visitor_;
    std::size_t previous_size_;
  };

  template <class T>
  void operator()(std::string_view name, T& member);

  // A text member, kept as an attribute of the image (a string attribute of the state file).
  void text(std::string_view name, std::string& member);

  // Names of the image's arrays that no member read: a state made by a model with other members.
  std::vector<std::string> unread() const;

 private:
  std::string path(std::string_view name) const;
  void put(std::string_view name, Element element, std::vector<std::uint64_t> shape, const void* data);
  // The array `name`, checked to hold `element`s in `rank` dimensions; marks it read.
  const StateArray& get(std::string_view name, Element element, std::size_t rank);

  StateImage* saving_ = nullptr;  // the image written, or nullptr when loading
  const StateImage& image_;       // the image read (loading) or written (saving)
  std::string label_;
  std::string prefix_;
  std::vector<std::string> read_;
};

template <class T>
void StateVisitor::operator()(std::string_view name, T& member) {
  if constexpr (std::is_arithmetic_v<T>) {
    using Stored = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;
    constexpr Element element = element_of<Stored>();
    if (!loading()) {
      const Stored value = static_cast<Stored>(member);
      put(name, element, {}, &value);
    } else {
      Stored value{};
      std::memcpy(&value, get(name, element, 0).bytes.data(), sizeof value);
      member = static_cast<T>(value);
    }
  } else if constexpr (std::is_base_of_v<Eigen::DenseBase<T>, T>) {
    using Scalar = typename T::Scalar;
    constexpr Element element = element_of<Scalar>();
    constexpr bool is_vector = T::ColsAtCompileTime == 1;
    if (!loading()) {
      if constexpr (is_vector) {
        put(name, element, {static_cast<std::uint64_t>(member.size())}, member.data());
      } else {
        // Row-major in the file, regions in rows as in the output: readable as they are in h5py.
        const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows = member;
        put(name, element, {static_cast<std::uint64_t>(member.rows()), static_cast<std::uint64_t>(member.cols())},
            rows.data());
      }
    } else {
      const StateArray& array = get(name, element, is_vector ? 1 : 2);
      if constexpr (is_vector) {
        member.resize(static_cast<Eigen::Index>(array.shape[0]));
        if (array.count() > 0) std::memcpy(member.data(), array.bytes.data(), array.bytes.size());
      } else {
        Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rows(
            static_cast<Eigen::Index>(array.shape[0]), static_cast<Eigen::Index>(array.shape[1]));
        if (array.count() > 0) std::memcpy(rows.data(), array.bytes.data(), array.bytes.size());
        member = rows;
      }
    }
  } else if constexpr (std::is_same_v<T, std::vector<bool>>) {
    std::vector<std::uint8_t> bytes(member.begin(), member.end());
    (*this)(name, bytes);
    if (loading()) member.assign(bytes.begin(), bytes.end());
  } else if constexpr (is_std_array<typename T::value_type>::value) {
    using Row = typename T::value_type;
    using Scalar = typename Row::value_type;
    constexpr std::size_t width = std::tuple_size_v<Row>;
    constexpr Element element = element_of<Scalar>();
    if (!loading()) {
      put(name, element, {static_cast<std::uint64_t>(member.size()), width}, member.data());
    } else {
      const StateArray& array = get(name, element, 2);
      if (array.shape[1] != width) {
        throw StateError(label_ + ": " + path(name) + " has rows of " + std::to_string(array.shape[1]) +
                         " values, this model keeps " + std::to_string(width));
      }
      member.resize(static_cast<std::size_t>(array.shape[0]));
      if (array.count() > 0) std::memcpy(member.data(), array.bytes.data(), array.bytes.size());
    }
  } else {
    using Scalar = typename T::value_type;
    static_assert(std::is_arithmetic_v<Scalar>, "no state layout for this member");
    constexpr Element element = element_of<Scalar>();
    if (!loading()) {
      put(name, element, {static_cast<std::uint64_t>(member.size())}, member.data());
    } else {
      const StateArray& array = get(name, element, 1);
      member.resize(static_cast<std::size_t>(array.shape[0]));
      if (array.count() > 0) std::memcpy(member.data(), array.bytes.data(), array.bytes.size());
    }
  }
}

}  // namespace sim::state
