#pragma once
// Values as bytes and back, for messages between processes of one build on one kind of machine (native
// byte order): a sweep's run outcomes and a calibration's runs sent between MPI ranks. The reader checks
// every length against what is left and throws std::invalid_argument, naming what it reads, when the
// bytes are cut short.
#include <fmt/core.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace sim {

struct ByteWriter {
  std::vector<unsigned char> bytes;

  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* raw = reinterpret_cast<const unsigned char*>(&value);
    bytes.insert(bytes.end(), raw, raw + sizeof(T));
  }
  // A length, then the bytes.
  void put_bytes(std::span<const unsigned char> run) {
    put<std::uint64_t>(run.size());
    bytes.insert(bytes.end(), run.begin(), run.end());
  }
  void put_text(const std::string& text) {
    put_bytes({reinterpret_cast<const unsigned char*>(text.data()), text.size()});
  }
  void put_doubles(std::span<const double> values) {
    put<std::uint64_t>(values.size());
    for (double value : values) put(value);
  }
};

struct ByteReader {
  std::span<const unsigned char> bytes;
  const char* what = "message";  // names the bytes in errors: "run outcome"
  std::size_t at = 0;

  void need(std::size_t count) const {
    if (count > bytes.size() - at) {
      throw std::invalid_argument(
          fmt::format("{} of {} bytes cut short at byte {} (needs {} more)", what, bytes.size(), at, count));
    }
  }
  template <typename T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }
  std::span<const unsigned char> get_bytes() {
    const auto count = get<std::uint64_t>();
    need(count);
    const std::span<const unsigned char> run = bytes.subspan(at, count);
    at += count;
    return run;
  }
  std::string get_text() {
    const std::span<const unsigned char> run = get_bytes();
    return {run.begin(), run.end()};
  }
  std::vector<double> get_doubles() {
    const auto count = get<std::uint64_t>();
    // Checked before allocating: a corrupt count is no reason to ask for memory.
    if (count > (bytes.size() - at) / sizeof(double)) {
      throw std::invalid_argument(
          fmt::format("{} of {} bytes claims {} numbers at byte {}", what, bytes.size(), count, at));
    }
    std::vector<double> values(count);
    for (double& value : values) value = get<double>();
    return values;
  }
};

}  // namespace sim
