#include "tests/tck/result_check.h"

#include <algorithm>
#include <map>

namespace sutra::cypher::tck {
namespace {

std::string FormatRow(const std::vector<TckValue>& row) {
  std::string out = "|";
  for (const TckValue& value : row) out += " " + FormatTckValue(value) + " |";
  return out;
}

std::string FormatNames(const std::vector<std::string>& names) {
  std::string out = "|";
  for (const std::string& name : names) out += " " + name + " |";
  return out;
}

std::string RowKey(const std::vector<TckValue>& row, bool ignore_list_order) {
  std::string key;
  for (const TckValue& value : row) key += CanonicalForm(value, ignore_list_order) + "\x1f";
  return key;
}

}  // namespace

ResolvedResult ResolveResult(const QueryResult& result, const QueryGraph& graph) {
  ResolvedResult resolved;
  resolved.columns = result.columns;
  for (const List& row : result.rows) {
    std::vector<TckValue> values;
    for (const Value& value : row) values.push_back(ResolveValue(value, graph));
    resolved.rows.push_back(std::move(values));
  }
  return resolved;
}

std::optional<ResultMismatch> CompareResult(const GherkinTable& expected,
                                            const ResolvedResult& actual, bool ordered,
                                            bool ignore_list_order, bool check_columns) {
  std::vector<std::vector<TckValue>> expected_rows;
  if (!expected.empty()) {
    if (check_columns && expected.front() != actual.columns) {
      return ResultMismatch{"columns: expected " + FormatNames(expected.front()) + ", got " +
                                FormatNames(actual.columns),
                            "wrong columns"};
    }
    for (std::size_t r = 1; r < expected.size(); ++r) {
      std::vector<TckValue> row;
      for (const std::string& cell : expected[r]) row.push_back(ParseTckValue(cell));
      expected_rows.push_back(std::move(row));
    }
  }
  const std::size_t expected_count = expected_rows.size();
  const std::size_t actual_count = actual.rows.size();
  const std::string counts =
      "expected " + std::to_string(expected_count) + " rows, got " + std::to_string(actual_count);

  // Bag comparison first: it gives the clearest first difference for both modes.
  std::map<std::string, std::vector<std::size_t>> unmatched_actual;
  for (std::size_t i = 0; i < actual_count; ++i) {
    unmatched_actual[RowKey(actual.rows[i], ignore_list_order)].push_back(i);
  }
  std::optional<std::size_t> missing;  // first expected row with no actual match
  for (std::size_t i = 0; i < expected_count; ++i) {
    auto it = unmatched_actual.find(RowKey(expected_rows[i], ignore_list_order));
    if (it == unmatched_actual.end() || it->second.empty()) {
      if (!missing) missing = i;
      continue;
    }
    it->second.erase(it->second.begin());
  }
  std::optional<std::size_t> extra;  // first actual row matching no expected row
  for (const auto& [key, indexes] : unmatched_actual) {
    if (!indexes.empty() && (!extra || indexes.front() < *extra)) extra = indexes.front();
  }
  if (missing || extra) {
    std::string message = counts;
    if (missing) message += "; missing row " + FormatRow(expected_rows[*missing]);
    if (extra) message += "; unexpected row " + FormatRow(actual.rows[*extra]);
    return ResultMismatch{message,
                          expected_count != actual_count ? "wrong row count" : "wrong values"};
  }
  if (ordered) {
    for (std::size_t i = 0; i < expected_count; ++i) {
      if (RowKey(expected_rows[i], ignore_list_order) !=
          RowKey(actual.rows[i], ignore_list_order)) {
        return ResultMismatch{"row " + std::to_string(i + 1) + ": expected " +
                                  FormatRow(expected_rows[i]) + ", got " +
                                  FormatRow(actual.rows[i]),
                              "wrong order"};
      }
    }
  }
  return std::nullopt;
}

}  // namespace sutra::cypher::tck
