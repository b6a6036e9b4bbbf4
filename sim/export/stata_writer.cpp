#include "sim/export/stata_writer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <set>
#include <stdexcept>

namespace sim::exporting {

namespace {

constexpr std::uint16_t type_double = 65526;
constexpr std::uint16_t type_long = 65528;
constexpr std::size_t name_bytes = 129;            // varnames, value_label_names: 128 + NUL
constexpr std::size_t format_bytes = 57;           // formats: 56 + NUL
constexpr std::size_t variable_label_bytes = 321;  // variable_labels: 320 + NUL
constexpr std::size_t max_name_length = 32;
constexpr std::size_t max_label_chars = 80;
// Stata's system missing value `.` for a double (bytes 00 .. 00 e0 7f) and for a long.
constexpr std::uint64_t double_missing_bits = 0x7fe0000000000000ULL;
constexpr std::int32_t long_missing = 2147483621;
constexpr std::int32_t long_max = 2147483620;
// Stata dates count days from 1960-01-01.
constexpr std::chrono::sys_days stata_epoch = std::chrono::sys_days(std::chrono::year{1960} / 1 / 1);

static_assert(std::endian::native == std::endian::little, "the .dta writer writes the host's bytes as LSF");

constexpr std::array<const char*, 20> reserved = {"_all", "_b",   "byte",  "_coef", "_cons", "double", "float",
                                                  "if",   "in",   "int",   "long",  "_n",    "_N",     "_pi",
                                                  "_pred", "_rc", "_skip", "strL",  "using", "with"};

bool is_reserved(std::string_view name) {
  if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) return true;
  // str1 ... str2045 name string types.
  return name.size() > 3 && name.starts_with("str") &&
         std::all_of(name.begin() + 3, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// UTF-8 text cut to at most `chars` code points.
std::string first_chars(std::string_view text, std::size_t chars) {
  std::size_t count = 0, end = 0;
  while (end < text.size()) {
    if ((static_cast<unsigned char>(text[end]) & 0xC0) != 0x80) {
      if (count == chars) break;
      ++count;
    }
    ++end;
  }
  return std::string(text.substr(0, end));
}

std::string padded(std::string_view text, std::size_t bytes) {
  std::string field(text.substr(0, bytes - 1));
  field.resize(bytes, '\0');
  return field;
}

std::string tag(std::string_view name, std::string_view content) {
  return fmt::format("<{}>{}</{}>", name, content, name);
}

template <typename T>
std::string bytes_of(T value) {
  std::string bytes(sizeof value, '\0');
  std::memcpy(bytes.data(), &value, sizeof value);
  return bytes;
}

}  // namespace

std::string stata_name(std::string_view name) {
  std::string valid;
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    valid += allowed ? c : '_';
  }
  if (valid.empty() || (valid[0] >= '0' && valid[0] <= '9')) {
    std::string prefixed(1, '_');
    prefixed.append(valid);
    valid.swap(prefixed);
  }
  if (valid.size() > max_name_length) valid.resize(max_name_length);
  if (is_reserved(valid)) {
    if (valid.size() == max_name_length) valid.pop_back();
    valid.push_back('_');
  }
  return valid;
}

std::vector<std::string> stata_names(const std::vector<std::string>& names) {
  std::vector<std::string> result;
  std::set<std::string> taken;
  for (const std::string& name : names) {
    std::string candidate = stata_name(name);
    for (int n = 2; taken.count(candidate) > 0; ++n) {
      const std::string suffix = fmt::format("_{}", n);
      std::string base = stata_name(name);
      base.resize(std::min(base.size(), max_name_length - suffix.size()));
      candidate = base + suffix;
    }
    taken.insert(candidate);
    result.push_back(candidate);
  }
  return result;
}

StataWriter::StataWriter(std::FILE* out, std::string label, std::string dataset_label)
    : out_(out), label_(std::move(label)), dataset_label_(first_chars(dataset_label, max_label_chars)) {}

void StataWriter::put(const void* data, std::size_t size) {
  if (std::fwrite(data, 1, size, out_) != size) throw std::runtime_error(fmt::format("cannot write {}: {}", label_, std::strerror(errno)));
}

std::uint64_t StataWriter::position() const {
  const long at = std::ftell(out_);
  if (at < 0) throw std::runtime_error(fmt::format("cannot write {}: not a seekable file", label_));
  return static_cast<std::uint64_t>(at);
}

void StataWriter::begin(const std::vector<Column>& columns, std::uint64_t rows) {
  if (columns.empty() || columns.size() > 32767) {
    throw std::invalid_argument(fmt::format("{}: a Stata dataset has 1 to 32767 variables, not {}", label_,
                                            columns.size()));
  }
  columns_ = columns;
  rows_expected_ = rows;
  types_.clear();
  for (const Column& column : columns_) {
    switch (column.kind) {
      case ColumnKind::text:
        if (column.text_width > stata_max_str_width) {
          throw std::invalid_argument(fmt::format(
              "{}: column '{}' holds text of {} bytes; a Stata str# holds at most {}", label_, column.name,
              column.text_width, stata_max_str_width));
        }
        types_.push_back(static_cast<std::uint16_t>(std::max<std::size_t>(1, column.text_width)));
        break;
      case ColumnKind::integer:
      case ColumnKind::date: types_.push_back(type_long); break;
      case ColumnKind::number: types_.push_back(type_double); break;
    }
  }
  std::vector<std::string> names;
  for (const Column& column : columns_) names.push_back(column.name);
  const std::vector<std::string> valid_names = stata_names(names);

  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string timestamp = fmt::format("{:02d} {} {:04d} {:02d}:{:02d}", utc.tm_mday, months[utc.tm_mon],
                                            utc.tm_year + 1900, utc.tm_hour, utc.tm_min);

  map_.assign(14, 0);
  put("<stata_dta>");
  put(tag("header", tag("release", "118") + tag("byteorder", "LSF") +
                        tag("K", bytes_of(static_cast<std::uint16_t>(columns_.size()))) +
                        tag("N", bytes_of(static_cast<std::uint64_t>(rows))) +
                        tag("label", bytes_of(static_cast<std::uint16_t>(dataset_label_.size())) + dataset_label_) +
                        tag("timestamp", std::string(1, static_cast<char>(timestamp.size())) + timestamp)));
  map_position_ = position();
  map_[1] = map_position_;
  put(tag("map", std::string(14 * 8, '\0')));  // rewritten by finish()

  std::string section;
  for (std::uint16_t type : types_) section += bytes_of(type);
  map_[2] = position();
  put(tag("variable_types", section));

  section.clear();
  for (const std::string& name : valid_names) section += padded(name, name_bytes);
  map_[3] = position();
  put(tag("varnames", section));

  map_[4] = position();
  put(tag("sortlist", std::string(2 * (columns_.size() + 1), '\0')));

  section.clear();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    std::string format;
    switch (columns_[c].kind) {
      case ColumnKind::text: format = fmt::format("%-{}s", types_[c]); break;
      case ColumnKind::integer: format = "%12.0g"; break;
      case ColumnKind::number: format = "%10.0g"; break;
      case ColumnKind::date: format = "%td"; break;
    }
    section += padded(format, format_bytes);
  }
  map_[5] = position();
  put(tag("formats", section));

  map_[6] = position();
  put(tag("value_label_names", std::string(name_bytes * columns_.size(), '\0')));

  section.clear();
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    // A renamed column keeps its name in its label, which Stata shows beside it.
    std::string text = columns_[c].label;
    if (valid_names[c] != columns_[c].name) text = text.empty() ? columns_[c].name : columns_[c].name + ": " + text;
    section += padded(first_chars(text, max_label_chars), variable_label_bytes);
  }
  map_[7] = position();
  put(tag("variable_labels", section));

  map_[8] = position();
  put(tag("characteristics", ""));
  map_[9] = position();
  put("<data>");

  std::size_t record_bytes = 0;
  for (std::uint16_t type : types_) record_bytes += type == type_double ? 8 : type == type_long ? 4 : type;
  record_.assign(record_bytes, 0);
  rows_written_ = 0;
}

void StataWriter::row(std::span<const Cell> cells) {
  if (cells.size() != columns_.size()) throw std::logic_error("StataWriter::row: wrong number of cells");
  unsigned char* at = record_.data();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const Cell& cell = cells[c];
    const std::uint16_t type = types_[c];
    if (type == type_double) {
      double value = 0;
      bool missing = false;
      switch (cell.kind) {
        case Cell::Kind::integer: value = static_cast<double>(cell.integer); break;
        case Cell::Kind::real: value = cell.real; missing = std::isnan(value); break;
        case Cell::Kind::date: value = static_cast<double>((cell.date - stata_epoch).count()); break;
        default: missing = true; break;
      }
      if (missing) {
        std::memcpy(at, &double_missing_bits, 8);
      } else {
        std::memcpy(at, &value, 8);
      }
      at += 8;
    } else if (type == type_long) {
      std::int64_t value = long_missing;
      if (cell.kind == Cell::Kind::integer) value = cell.integer;
      if (cell.kind == Cell::Kind::date) value = (cell.date - stata_epoch).count();
      if (cell.kind != Cell::Kind::missing && (value > long_max || value < -long_max)) {
        throw std::out_of_range(fmt::format("{}: {} = {} does not fit a Stata long", label_, columns_[c].name, value));
      }
      const auto stored = static_cast<std::int32_t>(value);
      std::memcpy(at, &stored, 4);
      at += 4;
    } else {
      const std::string_view text = cell.kind == Cell::Kind::text ? cell.text : std::string_view();
      if (text.size() > type) {
        throw std::logic_error(fmt::format("{}: a cell of '{}' is wider than its column", label_, columns_[c].name));
      }
      // An empty view may hold a null pointer, which memcpy must not be given even for 0 bytes.
      if (!text.empty()) std::memcpy(at, text.data(), text.size());
      std::memset(at + text.size(), 0, type - text.size());
      at += type;
    }
  }
  put(record_.data(), record_.size());
  ++rows_written_;
}

void StataWriter::finish() {
  if (rows_written_ != rows_expected_) {
    throw std::logic_error(fmt::format("{}: {} rows announced, {} written", label_, rows_expected_, rows_written_));
  }
  put("</data>");
  map_[10] = position();
  put(tag("strls", ""));
  map_[11] = position();
  put(tag("value_labels", ""));
  map_[12] = position();
  put("</stata_dta>");
  map_[13] = position();
  std::string map;
  for (std::uint64_t offset : map_) map += bytes_of(offset);
  if (std::fseek(out_, static_cast<long>(map_position_ + std::string_view("<map>").size()), SEEK_SET) != 0) {
    throw std::runtime_error(fmt::format("cannot write {}: not a seekable file", label_));
  }
  put(map);
  if (std::fseek(out_, 0, SEEK_END) != 0 || std::fflush(out_) != 0) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", label_, std::strerror(errno)));
  }
}

}  // namespace sim::exporting
