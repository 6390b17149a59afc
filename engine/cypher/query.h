// Running a Cypher query: the public entry point of Sutra's query engine, used by `sutra
// query`, `sutra shell`, the RPC server, the TCK runner and the benchmarks.
//
// RunQuery parses, checks (binder.h) and executes the query on `graph`; on success it commits
// the graph's transaction, on any error it rolls back, so a failed query leaves nothing
// half-written. Not thread-safe per graph: one query at a time on a QueryGraph.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

class ProcedureRegistry;

struct QueryOptions {
  Map parameters;                              // `$name` values
  const ProcedureRegistry* procedures = nullptr;  // null: no procedures
};

// Counts of what the query changed, as Neo4j-style drivers and the TCK report them.
struct QueryStats {
  std::int64_t nodes_created = 0;
  std::int64_t nodes_deleted = 0;
  std::int64_t relationships_created = 0;
  std::int64_t relationships_deleted = 0;
  std::int64_t labels_added = 0;
  std::int64_t labels_removed = 0;
  std::int64_t properties_set = 0;
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<List> rows;  // each row has columns.size() values
  QueryStats stats;
};

// Throws CypherError (see errors.h) on a syntax, semantic or runtime error.
QueryResult RunQuery(QueryGraph& graph, std::string_view text, const QueryOptions& options);

}  // namespace sutra::cypher
