#pragma once
// Structure-of-arrays helpers: operations applied to every column of a table at once, so that a
// new column is added in one place (the table's columns() list) and never forgotten.
#include <cstddef>
#include <cstdint>
#include <span>
#include <tuple>
#include <vector>

namespace sim::soa {

// Keeps the rows whose `keep` flag is non-zero, in their original order (stable: row order, and so
// every result that iterates over rows, does not depend on which rows were removed).
template <class... Columns>
void keep_rows(std::tuple<Columns&...> columns, std::span<const std::uint8_t> keep) {
  std::apply(
      [&](auto&... column) {
        (
            [&](auto& c) {
              std::size_t out = 0;
              for (std::size_t i = 0; i < keep.size(); ++i) {
                if (keep[i]) c[out++] = c[i];
              }
              c.resize(out);
            }(column),
            ...);
      },
      columns);
}

template <class... Columns>
void reserve(std::tuple<Columns&...> columns, std::size_t rows) {
  std::apply([&](auto&... column) { (column.reserve(rows), ...); }, columns);
}

// Appends one default-valued row to every column; returns its index.
template <class... Columns>
std::size_t append_row(std::tuple<Columns&...> columns) {
  std::size_t index = std::get<0>(columns).size();
  std::apply([&](auto&... column) { (column.emplace_back(), ...); }, columns);
  return index;
}

}  // namespace sim::soa
