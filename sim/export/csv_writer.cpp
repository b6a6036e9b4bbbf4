#include "sim/export/csv_writer.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "sim/calendar.hpp"

namespace sim::exporting {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

void CsvWriter::put(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), out_) != text.size()) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", label_, std::strerror(errno)));
  }
}

void CsvWriter::begin(const std::vector<Column>& columns, std::uint64_t) {
  line_.clear();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c > 0) line_ += ',';
    line_ += csv_field(columns[c].name);
  }
  line_ += '\n';
  put(line_);
}

void CsvWriter::row(std::span<const Cell> cells) {
  line_.clear();
  auto out = std::back_inserter(line_);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) line_ += ',';
    const Cell& cell = cells[c];
    switch (cell.kind) {
      case Cell::Kind::missing: break;
      case Cell::Kind::text: line_ += csv_field(cell.text); break;
      case Cell::Kind::integer: fmt::format_to(out, "{}", cell.integer); break;
      case Cell::Kind::real:
        // fmt's "{}" is the shortest text that reads back as the same double; NaN is a missing value.
        if (!std::isnan(cell.real)) fmt::format_to(out, "{}", cell.real);
        break;
      case Cell::Kind::date: line_ += iso_date(std::chrono::year_month_day(cell.date)); break;
    }
  }
  line_ += '\n';
  put(line_);
}

void CsvWriter::finish() {
  if (std::fflush(out_) != 0) throw std::runtime_error(fmt::format("cannot write {}: {}", label_, std::strerror(errno)));
}

}  // namespace sim::exporting
