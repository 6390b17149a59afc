// Printing a Cypher query's answer (`sutra query`, `sutra shell`) and its errors.
//
//   table: aligned columns of values in Cypher's text form ('text', [1, 2], (:Case {p: 1})),
//          then a footer with the row count and, when the query wrote, what it changed;
//   json:  {"columns": [...], "rows": [[...], ...], "stats": {...}}; nodes as
//          {"id", "labels", "properties"}, relationships as {"id", "type", "start", "end",
//          "properties"}, paths as {"nodes": [...], "relationships": [...]};
//   csv:   a header row, then values in Cypher's text form, quoted per RFC 4180.
//
// Values that are nodes or relationships are read from `graph`, which must still hold them.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cli/access_options.h"
#include "engine/cli/output.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/procedures.h"
#include "engine/cypher/query.h"
#include "engine/cypher/query_graph.h"
#include "engine/engine.h"
#include "storage/status.h"

namespace sutra::cli {

void PrintQueryResult(const cypher::QueryResult& result, const cypher::QueryGraph& graph,
                      Format format, std::ostream& out);

nlohmann::json QueryResultJson(const cypher::QueryResult& result, const cypher::QueryGraph& graph);
nlohmann::json CypherValueJson(const cypher::Value& value, const cypher::QueryGraph& graph);

// "Nodes created: 2, Relationships created: 1"; empty when the query changed nothing.
std::string StatsText(const cypher::QueryStats& stats);

// The error as a user reads it: "SyntaxError (UnexpectedSyntax) at 2:7: message", followed,
// when the error has a position in `query`, by that line of the query and a caret under the
// column.
std::string DescribeCypherError(const cypher::CypherError& error, std::string_view query);

// --- Shared by `sutra query` and `sutra shell` ---

// Exit status of a command whose query failed (a CypherError: syntax, type, semantic ...).
inline constexpr int kExitQueryError = 2;

// What queries run on: the database through the guarded engine (each statement decided and
// audited as the principal of `access`, with Sutra's procedures where the policy offers
// them), or a fresh in-memory graph.
struct QuerySession {
  std::unique_ptr<GuardedSession> guarded;  // null for --memory
  // The in-memory graph of --memory; with --db an empty one, in which parameters' constant
  // expressions are evaluated.
  std::unique_ptr<cypher::QueryGraph> graph;
  cypher::ProcedureRegistry procedures;
  cypher::QueryOptions options;  // parameters (and, in memory, procedures) for every statement
};
StatusOr<std::unique_ptr<QuerySession>> OpenQuerySession(const std::string& db, bool memory,
                                                         const AccessArgs& access);

// One statement of a script, padded with blank space before it so that error positions are
// those of the whole script.
struct Statement {
  std::string text;
};
// Splits a script at the `;` that end statements (not those inside strings, quoted names or
// comments); blank statements are dropped.
std::vector<Statement> SplitStatements(std::string_view script);

// `name=expression`: the expression is parsed and evaluated as Cypher ('text', 12, [1, 2],
// {k: 1}, true, null); text that is not a valid, constant expression is taken as a string, so
// `name=Ravi` is the string 'Ravi'. InvalidArgument when there is no name.
StatusOr<std::pair<std::string, cypher::Value>> ParseParameter(std::string_view assignment,
                                                               const cypher::QueryGraph& graph);

// Runs one statement, printing its answer to `out` or its error to `err`; returns kExitOk,
// kExitQueryError (a CypherError) or kExitFailure (storage and other failures).
int RunStatement(QuerySession& session, std::string_view text, Format format, std::ostream& out,
                 std::ostream& err);

}  // namespace sutra::cli
