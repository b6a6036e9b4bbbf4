// The writers of `clustersim export`: the .dta file's header, map, types, names and records byte for byte
// as format 118 lays them out, Stata names, and CSV fields and numbers that read back exactly.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "sim/export/csv_writer.hpp"
#include "sim/export/stata_writer.hpp"

namespace {

using sim::exporting::Cell;
using sim::exporting::Column;
using sim::exporting::ColumnKind;

// Writes rows with `sink` into an anonymous temporary file and returns its bytes.
template <typename Sink, typename... Args>
std::string written(const std::vector<Column>& columns, const std::vector<std::vector<Cell>>& rows, Args... args) {
  std::FILE* file = std::tmpfile();
  EXPECT_NE(file, nullptr);
  Sink sink(file, "test output", args...);
  sink.begin(columns, rows.size());
  for (const auto& row : rows) sink.row(row);
  sink.finish();
  std::rewind(file);
  std::string bytes;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) bytes.append(buffer, n);
  std::fclose(file);
  return bytes;
}

template <typename T>
T read_at(const std::string& bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

const std::vector<Column> columns = {
    {"time", ColumnKind::date, 0, "last day of the tick"},
    {"policy.openness", ColumnKind::number, 0, "swept parameter"},
    {"region", ColumnKind::text, 7, ""},
    {"replicate", ColumnKind::integer, 0, ""},
};
const std::chrono::sys_days day = std::chrono::sys_days(std::chrono::year{2023} / 3 / 31);

std::vector<std::vector<Cell>> two_rows() {
  return {{Cell::of_date(day), Cell::of_real(0.1), Cell::of_text("Beijing"), Cell::of_integer(3)},
          {Cell::of_date(day), Cell::of_real(std::numeric_limits<double>::quiet_NaN()), Cell::of_text("Anhui"),
           Cell::missing()}};
}

TEST(StataWriter, HeaderMapAndRecordsFollowFormat118) {
  const std::string dta = written<sim::exporting::StataWriter>(columns, two_rows(), std::string("a label"));
  const std::string header_start = "<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>";
  ASSERT_EQ(dta.substr(0, header_start.size()), header_start);
  std::size_t at = header_start.size();
  EXPECT_EQ(read_at<std::uint16_t>(dta, at), 4);  // K: 2 bytes
  at += 2;
  ASSERT_EQ(dta.substr(at, 7), "</K><N>");
  at += 7;
  EXPECT_EQ(read_at<std::uint64_t>(dta, at), 2u);  // N: 8 bytes
  at += 8;
  ASSERT_EQ(dta.substr(at, 11), "</N><label>");
  at += 11;
  EXPECT_EQ(read_at<std::uint16_t>(dta, at), 7);  // the label's length, 2 bytes, then the label
  EXPECT_EQ(dta.substr(at + 2, 7), "a label");
  at += 9;
  ASSERT_EQ(dta.substr(at, 19), "</label><timestamp>");
  EXPECT_EQ(static_cast<unsigned char>(dta[at + 19]), 17);  // "dd Mon yyyy hh:mm"

  // The map: 14 offsets, each at its section's opening tag.
  const std::size_t map = dta.find("<map>");
  ASSERT_NE(map, std::string::npos);
  const char* tags[] = {"<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>",
                        "<formats>", "<value_label_names>", "<variable_labels>", "<characteristics>", "<data>",
                        "<strls>", "<value_labels>", "</stata_dta>"};
  std::vector<std::uint64_t> offsets;
  for (int i = 0; i < 14; ++i) offsets.push_back(read_at<std::uint64_t>(dta, map + 5 + 8 * i));
  for (int i = 0; i < 13; ++i) {
    const std::string tag = tags[i];
    EXPECT_EQ(dta.substr(offsets[i], tag.size()), tag) << "map entry " << i;
  }
  EXPECT_EQ(offsets[13], dta.size());

  // Types: long (date), double, str7, long.
  const std::size_t types = offsets[2] + std::strlen("<variable_types>");
  EXPECT_EQ(read_at<std::uint16_t>(dta, types), 65528);
  EXPECT_EQ(read_at<std::uint16_t>(dta, types + 2), 65526);
  EXPECT_EQ(read_at<std::uint16_t>(dta, types + 4), 7);
  EXPECT_EQ(read_at<std::uint16_t>(dta, types + 6), 65528);
  // Names: 129 bytes each, made valid; the renamed column keeps its name in its label.
  const std::size_t names = offsets[3] + std::strlen("<varnames>");
  EXPECT_STREQ(dta.c_str() + names, "time");
  EXPECT_STREQ(dta.c_str() + names + 129, "policy_openness");
  const std::size_t formats = offsets[5] + std::strlen("<formats>");
  EXPECT_STREQ(dta.c_str() + formats, "%td");
  EXPECT_STREQ(dta.c_str() + formats + 2 * 57, "%-7s");
  const std::size_t labels = offsets[7] + std::strlen("<variable_labels>");
  EXPECT_STREQ(dta.c_str() + labels + 321, "policy.openness: swept parameter");

  // Records: 4 + 8 + 7 + 4 bytes each.
  const std::size_t data = offsets[9] + std::strlen("<data>");
  EXPECT_EQ(offsets[10] - data - std::strlen("</data>"), 2u * 23u);
  EXPECT_EQ(read_at<std::int32_t>(dta, data), 23100);  // 2023-03-31 is day 23100 after 1960-01-01
  EXPECT_EQ(read_at<double>(dta, data + 4), 0.1);
  EXPECT_EQ(dta.substr(data + 12, 7), "Beijing");
  EXPECT_EQ(read_at<std::int32_t>(dta, data + 19), 3);
  const std::size_t second = data + 23;
  EXPECT_EQ(read_at<std::uint64_t>(dta, second + 4), 0x7fe0000000000000ULL);  // NaN: Stata's `.`
  EXPECT_EQ(dta.substr(second + 12, 7), std::string("Anhui\0\0", 7));
  EXPECT_EQ(read_at<std::int32_t>(dta, second + 19), 2147483621);  // a missing long: `.`
}

TEST(StataWriter, RefusesTextWiderThanAStataString) {
  std::FILE* file = std::tmpfile();
  sim::exporting::StataWriter sink(file, "test output", "");
  EXPECT_THROW(sink.begin({{"units", ColumnKind::text, 3000, ""}}, 0), std::invalid_argument);
  std::fclose(file);
}

TEST(StataNames, AreValidDistinctAndAtMost32Characters) {
  EXPECT_EQ(sim::exporting::stata_name("policy.rd_subsidy_rate"), "policy_rd_subsidy_rate");
  EXPECT_EQ(sim::exporting::stata_name("2nd"), "_2nd");
  EXPECT_EQ(sim::exporting::stata_name("in"), "in_");
  EXPECT_EQ(sim::exporting::stata_name("str12"), "str12_");
  const std::vector<std::string> names = sim::exporting::stata_names(
      {"policy.university_industry_cooperation_a", "policy.university_industry_cooperation_b", "time"});
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], "policy_university_industry_coope");
  EXPECT_EQ(names[1], "policy_university_industry_coo_2");
  EXPECT_EQ(names[2], "time");
  for (const auto& name : names) EXPECT_LE(name.size(), 32u);
}

TEST(CsvWriter, WritesShortestExactNumbersDatesAndQuotedText) {
  const std::string csv = written<sim::exporting::CsvWriter>(columns, two_rows());
  EXPECT_EQ(csv, "time,policy.openness,region,replicate\n2023-03-31,0.1,Beijing,3\n2023-03-31,,Anhui,\n");
  EXPECT_EQ(sim::exporting::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(sim::exporting::csv_field("say \"x\""), "\"say \"\"x\"\"\"");

  // Every double reads back as itself.
  const std::vector<double> values = {1.0 / 3, 2e-310, 1e300, -0.0, 123456789.123456789, 0.1 + 0.2, 3.0};
  std::vector<std::vector<Cell>> rows;
  for (double v : values) rows.push_back({Cell::of_real(v)});
  const std::string text = written<sim::exporting::CsvWriter>({{"value", ColumnKind::number, 0, ""}}, rows);
  std::size_t line = text.find('\n') + 1;
  for (double v : values) {
    const std::size_t end = text.find('\n', line);
    const double back = std::strtod(text.substr(line, end - line).c_str(), nullptr);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(v)) << text.substr(line, end - line);
    line = end + 1;
  }
  EXPECT_NE(text.find("\n3\n"), std::string::npos);  // a whole number without ".0"
}

}  // namespace
