#include "sim/mpi/mpi_calibrate.hpp"

#include <cstdint>
#include <string>

#include "sim/byte_codec.hpp"
#include "sim/run/starting_state.hpp"

namespace sim::mpi {

namespace {

// A run to do: its replicate key and parameters; a run done: the same, then its moments and its error.
void put_key(ByteWriter& out, const calibrate::RunKey& key) {
  out.put(key.replicate);
  out.put_doubles(key.point);
}

calibrate::RunKey read_key(ByteReader& in) {
  calibrate::RunKey key;
  key.replicate = in.get<std::uint32_t>();
  key.point = in.get_doubles();
  return key;
}

}  // namespace

calibrate::RemoteRuns remote_runs(Coordinator& coordinator) {
  return {.serve = [&coordinator](const std::function<std::optional<calibrate::RunKey>()>& take) {
    std::vector<std::pair<calibrate::RunKey, calibrate::RunRecord>> arrived;
    for (const Bytes& bytes : coordinator.serve([&]() -> std::optional<Bytes> {
           const std::optional<calibrate::RunKey> key = take();
           if (!key) return std::nullopt;
           ByteWriter out;
           put_key(out, *key);
           return std::move(out.bytes);
         })) {
      ByteReader in{bytes, "calibration run"};
      calibrate::RunKey key = read_key(in);
      calibrate::RunRecord record;
      record.moments = in.get_doubles();
      record.error = in.get_text();
      arrived.emplace_back(std::move(key), std::move(record));
    }
    return arrived;
  }};
}

void serve_runs(const Model& model, const calibrate::CalibrationSpec& spec, const RunOptions& options) {
  BurnInCache burn_ins;  // a point's burn-in serves its replicates that come to this rank
  work([&](std::span<const unsigned char> task) {
    ByteReader in{task, "calibration task"};
    const calibrate::RunKey key = read_key(in);
    const calibrate::RunRecord record = calibrate::run_record(model, spec, key, options, &burn_ins);
    ByteWriter out;
    put_key(out, key);
    out.put_doubles(record.moments);
    out.put_text(record.error);
    return std::move(out.bytes);
  });
}

}  // namespace sim::mpi
