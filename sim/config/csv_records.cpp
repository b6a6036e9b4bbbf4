#include <fmt/core.h>

#include "sim/config/records.hpp"
#include "sim/config/suggest.hpp"
#include "sim/config/text_file.hpp"

namespace sim::config::detail {

namespace {

struct Cell {
  std::string text;  // unquoted; unquoted cells trimmed
  int line = 0;
  int column = 0;    // 1-based character column of the cell's first non-blank character
};

struct Row {
  int line = 0;
  std::vector<Cell> cells;
};

// Splits CSV text into rows of cells; quoted cells may hold ',', '""' and line breaks.
class Tokenizer {
 public:
  Tokenizer(std::string_view text, const std::string& file, const std::string& key, Diagnostics& diagnostics)
      : text_(text), file_(file), key_(key), diagnostics_(diagnostics) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a byte order mark (spreadsheet exports)
  }

  std::vector<Row> rows() {
    std::vector<Row> rows;
    while (at_ < text_.size()) {
      const std::size_t end = std::min(text_.find('\n', at_), text_.size());
      const std::string line = trim(text_.substr(at_, end - at_));
      if (line.empty() || line.front() == '#') {
        skip_line(end);
        continue;
      }
      rows.push_back(row());
    }
    return rows;
  }

 private:
  void skip_line(std::size_t end) {
    at_ = end + 1;
    ++line_;
    column_ = 1;
  }

  void advance() {
    if (text_[at_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[at_]) & 0xC0) != 0x80) {
      ++column_;
    }
    ++at_;
  }

  bool at_blank() const { return at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\r'); }
  bool at_end_of_cell() const { return at_ >= text_.size() || text_[at_] == ',' || text_[at_] == '\n'; }

  Row row() {
    Row row;
    row.line = line_;
    while (true) {
      const int start_column = column_;
      while (at_blank()) advance();
      Cell cell{{}, line_, at_end_of_cell() ? start_column : column_};
      if (at_ < text_.size() && text_[at_] == '"') {
        quoted(cell);
      } else {
        while (!at_end_of_cell()) {
          cell.text += text_[at_];
          advance();
        }
        cell.text = trim(cell.text);
      }
      row.cells.push_back(std::move(cell));
      if (at_ < text_.size() && text_[at_] == ',') {
        advance();
        continue;
      }
      if (at_ < text_.size()) advance();  // the line break
      return row;
    }
  }

  void quoted(Cell& cell) {
    advance();  // the opening quote
    while (true) {
      if (at_ >= text_.size()) {
        diagnostics_.add(Source{file_, cell.line, cell.column}, key_, "a closing double quote for this cell",
                         "the end of the file");
        return;
      }
      if (text_[at_] == '"') {
        if (at_ + 1 < text_.size() && text_[at_ + 1] == '"') {
          cell.text += '"';
          advance();
          advance();
          continue;
        }
        advance();
        break;
      }
      cell.text += text_[at_];
      advance();
    }
    while (at_blank()) advance();
    if (!at_end_of_cell()) {
      const Source where{file_, line_, column_};
      std::string junk;
      while (!at_end_of_cell()) {
        junk += text_[at_];
        advance();
      }
      diagnostics_.add(where, key_, "',' or the end of the line after a quoted cell", quote(trim(junk)),
                       "write a quote inside a quoted cell as \"\"");
    }
  }

  std::string_view text_;
  const std::string& file_;
  const std::string& key_;
  Diagnostics& diagnostics_;
  std::size_t at_ = 0;
  int line_ = 1;
  int column_ = 1;
};

std::vector<std::string> accepted_names(const KeySpec& spec) {
  std::vector<std::string> names;
  for (const FieldSpec& field : spec.fields) names.push_back(field.name);
  for (const FieldSpec& field : spec.fields) names.insert(names.end(), field.aliases.begin(), field.aliases.end());
  return names;
}

}  // namespace

std::optional<Records> read_csv_records(const std::string& path, const KeySpec& spec, const Source& referenced_from,
                                        Diagnostics& diagnostics) {
  std::string text;
  std::string problem;
  if (!read_text_file(path, text, problem)) {
    diagnostics.add(referenced_from, spec.path + ".file", "a readable CSV file", fmt::format("{} ({})", quote(path), problem));
    return std::nullopt;
  }
  diagnostics.file(path);
  return parse_csv_records(text, path, spec, diagnostics);
}

std::optional<Records> parse_csv_records(std::string_view text, const std::string& file, const KeySpec& spec,
                                         Diagnostics& diagnostics) {
  const std::size_t errors_before = diagnostics.count();
  const std::vector<Row> rows = Tokenizer(text, file, spec.path, diagnostics).rows();
  if (rows.empty()) {
    diagnostics.add(Source{file, 1, 1}, spec.path, fmt::format("a header line naming the columns ({})", field_list(spec)),
                    "an empty file");
    return std::nullopt;
  }

  // The header: which field each column holds.
  const Row& header = rows.front();
  std::vector<std::optional<std::size_t>> column_field;
  std::vector<bool> has_column(spec.fields.size(), false);
  for (const Cell& cell : header.cells) {
    const auto index = field_named(spec, cell.text);
    const Source where{file, cell.line, cell.column};
    if (!index) {
      std::string hint = did_you_mean(nearest(cell.text, accepted_names(spec)));
      if (is_group(spec, cell.text)) {
        std::vector<std::string> columns;
        const std::string prefix = cell.text + ".";
        for (const FieldSpec& field : spec.fields) {
          if (field.name.compare(0, prefix.size(), prefix) == 0) columns.push_back(field.name);
        }
        hint = fmt::format("a sub-table is one column per field: {}", join(columns));
      }
      diagnostics.add(where, spec.path, fmt::format("a column of {} ({})", spec.path, field_list(spec)),
                      cell.text.empty() ? std::string("an empty column name") : "an unknown column " + quote(cell.text),
                      std::move(hint));
    } else if (has_column[*index]) {
      diagnostics.add(where, spec.path, fmt::format("one column for the field '{}'", spec.fields[*index].name),
                      "a second column " + quote(cell.text));
      column_field.emplace_back();
      continue;
    } else {
      has_column[*index] = true;
    }
    column_field.push_back(index);
  }
  for (std::size_t i = 0; i < spec.fields.size(); ++i) {
    const FieldSpec& field = spec.fields[i];
    if (has_column[i] || !field.required) continue;
    std::string hint;
    if (!field.aliases.empty()) hint = "also accepted as the column name: " + quote_list(field.aliases);
    diagnostics.add(Source{file, header.line, 1}, spec.path, fmt::format("a column named '{}' (a required field)", field.name),
                    "a header without it", hint);
  }
  if (rows.size() == 1 && spec.required) {
    diagnostics.add(Source{file, header.line, 1}, spec.path, "at least one row", "only a header line");
  }

  Records records;
  for (const FieldSpec& field : spec.fields) records.field_names.push_back(field.name);
  records.origin = file;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const std::string row_key = fmt::format("{}[{}]", spec.path, r - 1);
    if (row.cells.size() != header.cells.size()) {
      diagnostics.add(Source{file, row.line, 1}, row_key,
                      fmt::format("{} cells, one per column of the header", header.cells.size()),
                      fmt::format("{} cells", row.cells.size()));
      continue;
    }
    Record record;
    record.fields.resize(spec.fields.size());
    record.sources.resize(spec.fields.size());
    record.source = Source{file, row.line, 1};
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (!column_field[c]) continue;
      const std::size_t index = *column_field[c];
      const FieldSpec& field = spec.fields[index];
      const Cell& cell = row.cells[c];
      const Source where{file, cell.line, cell.column};
      const std::string key = row_key + "." + field.name;
      auto value = convert_cell(cell.text, ValueSpec::of(field), key, where, diagnostics);
      if (!value) continue;
      if (std::holds_alternative<std::monostate>(*value) && field.required) {
        diagnostics.add(where, key, expected_text(ValueSpec::of(field), true), "an empty cell",
                        "the field is required");
        continue;
      }
      record.fields[index] = std::move(*value);
      record.sources[index] = where;
    }
    records.rows.push_back(std::move(record));
  }
  if (diagnostics.count() != errors_before) return std::nullopt;
  return records;
}

}  // namespace sim::config::detail
