#pragma once
// Structure-of-arrays helpers: operations applied to every column of a table at once, so that a
// new column is added in one place (the table's columns() list) and never forgotten.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <tuple>
#include <vector>

#include "sim/parallel.hpp"

namespace sim::soa {

// Keeps the rows whose `keep` flag is non-zero, in their original order (stable: row order, and so
// every result that iterates over rows, does not depend on which rows were removed). The columns are
// independent, so they are compacted in parallel (sim/parallel.hpp), one task per column.
template <class... Columns>
void keep_rows(std::tuple<Columns&...> columns, std::span<const std::uint8_t> keep) {
  std::vector<std::function<void()>> compactions;
  compactions.reserve(sizeof...(Columns));
  std::apply(
      [&](auto&... column) {
        (compactions.emplace_back([&column, keep] {
          std::size_t out = 0;
          for (std::size_t i = 0; i < keep.size(); ++i) {
            if (keep[i]) column[out++] = column[i];
          }
          column.resize(out);
        }),
         ...);
      },
      columns);
  parallel::for_each_task(static_cast<std::int64_t>(compactions.size()),
                          [&](std::int64_t c) { compactions[static_cast<std::size_t>(c)](); });
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
