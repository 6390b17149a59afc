#include "engine/cypher/query.h"

#include "engine/cypher/binder.h"
#include "engine/cypher/executor.h"
#include "engine/cypher/parser.h"

namespace sutra::cypher {

QueryResult RunQuery(QueryGraph& graph, std::string_view text, const QueryOptions& options) {
  Query query = ParseQuery(text);
  CheckQuery(query, options.procedures);
  try {
    Executor executor(graph, options);
    QueryResult result = executor.Run(query);
    graph.Commit();
    return result;
  } catch (...) {
    // Nothing of a failed query stays: its writes are undone before the error leaves.
    graph.Rollback();
    throw;
  }
}

}  // namespace sutra::cypher
