// Comparing a query's result with a TCK "the result should be" table: column names in order,
// then the rows either in order or as a bag ("in any order"), cell by cell with TckEqual.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/cypher/query.h"
#include "tests/tck/gherkin.h"
#include "tests/tck/tck_value.h"

namespace sutra::cypher::tck {

// A result with its values resolved from the graph right after the query ran.
struct ResolvedResult {
  std::vector<std::string> columns;
  std::vector<std::vector<TckValue>> rows;
};

ResolvedResult ResolveResult(const QueryResult& result, const QueryGraph& graph);

struct ResultMismatch {
  std::string message;   // the first difference: expected vs actual row, or the columns
  std::string category;  // "wrong columns", "wrong row count", "wrong values", "wrong order"
};

// `expected`: header row then value rows; empty means "the result should be empty" (no rows,
// columns not checked). Throws TckValueError when an expected cell cannot be read.
std::optional<ResultMismatch> CompareResult(const GherkinTable& expected,
                                            const ResolvedResult& actual, bool ordered,
                                            bool ignore_list_order, bool check_columns);

}  // namespace sutra::cypher::tck
