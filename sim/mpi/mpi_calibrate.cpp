#include "sim/mpi/mpi_calibrate.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "sim/run/starting_state.hpp"

namespace sim::mpi {

namespace {

// Native byte order: for processes of one build on one kind of machine.
template <typename T>
void put(Bytes& bytes, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  const std::size_t at = bytes.size();
  bytes.resize(at + sizeof(T));
  std::memcpy(bytes.data() + at, &value, sizeof(T));
}

void put_doubles(Bytes& bytes, const std::vector<double>& values) {
  put<std::uint64_t>(bytes, values.size());
  for (double value : values) put(bytes, value);
}

struct Reader {
  std::span<const unsigned char> bytes;
  std::size_t at = 0;
  template <typename T>
  T get() {
    if (sizeof(T) > bytes.size() - at) throw std::runtime_error("a calibration message cut short");
    T value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }
  std::vector<double> doubles() {
    const auto count = get<std::uint64_t>();
    if (count > (bytes.size() - at) / sizeof(double)) throw std::runtime_error("a calibration message cut short");
    std::vector<double> values(count);
    for (double& value : values) value = get<double>();
    return values;
  }
  std::string text() {
    const auto count = get<std::uint64_t>();
    if (count > bytes.size() - at) throw std::runtime_error("a calibration message cut short");
    std::string value(reinterpret_cast<const char*>(bytes.data() + at), count);
    at += count;
    return value;
  }
};

Bytes key_bytes(const calibrate::RunKey& key) {
  Bytes bytes;
  put(bytes, key.replicate);
  put_doubles(bytes, key.point);
  return bytes;
}

calibrate::RunKey read_key(Reader& reader) {
  calibrate::RunKey key;
  key.replicate = reader.get<std::uint32_t>();
  key.point = reader.doubles();
  return key;
}

}  // namespace

calibrate::RemoteRuns remote_runs(Coordinator& coordinator) {
  return {.serve = [&coordinator](const std::function<std::optional<calibrate::RunKey>()>& take) {
    std::vector<std::pair<calibrate::RunKey, calibrate::RunRecord>> arrived;
    for (const Bytes& bytes : coordinator.serve([&]() -> std::optional<Bytes> {
           const std::optional<calibrate::RunKey> key = take();
           if (!key) return std::nullopt;
           return key_bytes(*key);
         })) {
      Reader reader{bytes};
      calibrate::RunKey key = read_key(reader);
      calibrate::RunRecord record;
      record.moments = reader.doubles();
      record.error = reader.text();
      arrived.emplace_back(std::move(key), std::move(record));
    }
    return arrived;
  }};
}

void serve_runs(const Model& model, const calibrate::CalibrationSpec& spec, const RunOptions& options) {
  BurnInCache burn_ins;  // a point's burn-in serves its replicates that come to this rank
  work([&](std::span<const unsigned char> task) {
    Reader reader{task};
    const calibrate::RunKey key = read_key(reader);
    const calibrate::RunRecord record = calibrate::run_record(model, spec, key, options, &burn_ins);
    Bytes bytes = key_bytes(key);
    put_doubles(bytes, record.moments);
    put<std::uint64_t>(bytes, record.error.size());
    for (char c : record.error) put(bytes, c);
    return bytes;
  });
}

}  // namespace sim::mpi
