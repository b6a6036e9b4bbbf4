#pragma once
// The tables of records of a run file (Registry::add_table), in long format: per table one unlimited
// dimension with a coordinate `<dimension>` (int64 row number, its dimension scale), `<dimension>_time`
// (float64, the time axis' units and calendar) and one 1-D dataset per column, all chunked along the
// dimension, shuffled and deflated, appended one snapshot at a time; in the table's group (created with
// link and attribute creation order tracked, as netCDF-4 requires) or at the root.
#include <hdf5.h>

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "sim/output/h5_file.hpp"
#include "sim/output/run_writer.hpp"
#include "sim/output/variable.hpp"

namespace sim::output {

// A table's datasets and the buffers of one snapshot (sized to the latest snapshot).
struct RecordTable {
  Table table;                 // copy of the declaration (the sampler is called at every snapshot)
  std::string time_name;       // "<dimension>_time"
  h5::Handle group;            // the table's group, open while the table is (none for the root)
  h5::Handle row;              // coordinate `dimension`
  h5::Handle time;             // "<dimension>_time"
  std::vector<h5::Handle> columns;        // same order as table.columns
  std::string what;                       // "table 'firm_record'", for messages
  std::string row_what;                   // "dataset 'firm_record' of table 'firm_record'"
  std::string time_what;                  // "dataset 'firm_record_time' of table 'firm_record'"
  std::vector<std::string> column_whats;  // "column 'age' of table 'firm_record'"
  hsize_t rows = 0;                       // rows written so far
  std::vector<std::vector<double>> values;          // sampler output, one vector per column
  std::vector<std::vector<std::int64_t>> integers;  // conversion buffers (int64 columns; empty otherwise)
  std::vector<std::int64_t> row_numbers;            // rows .. rows + n - 1
  std::vector<double> times;                        // n copies of the snapshot time
  std::size_t snapshot_rows = 0;                    // rows of the snapshot being appended
};

// Checks the declarations (std::logic_error) and adds every name a table uses to `names`.
void check_tables(const std::vector<Table>& tables, std::set<std::string>& names);

// Creates the table's datasets, empty, and its group unless an earlier table created it.
RecordTable create_record_table(const h5::File& file, const Table& table, const TimeAxis& time_axis,
                                const WriterOptions& options);

// Samples every table and appends its rows, each with `<dimension>_time` = `time_value`; all or
// nothing as RunWriter::append_snapshot says.
void append_records(h5::File& file, std::vector<RecordTable>& tables, double time_value);

// Closes the table's datasets, checking each.
void close_record_table(const h5::File& file, RecordTable& table);

}  // namespace sim::output
