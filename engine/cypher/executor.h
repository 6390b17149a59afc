// The executor: runs a checked Query (ast.h) on a QueryGraph, clause by clause.
//
// Each clause turns a table of rows (one value per variable in scope) into the next table, in
// full, before the next clause starts. Materialising per clause gives Cypher's required eager
// semantics for free (`MATCH (n) CREATE (m)` sees only the nodes that existed before), keeps
// every clause a small function, and costs little at the sizes analysts' queries return.
// Internal to sutra_cypher (query.h is the public entry). Not thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/cypher/ast.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/query.h"

namespace sutra::cypher {

// Rows and the names of their columns (the variables in scope, or a projection's columns).
struct Table {
  std::vector<std::string> names;
  std::vector<List> rows;
  int Find(std::string_view name) const;  // -1 when absent
};

// One row of a table as an evaluation context, optionally with the aggregate values of its
// group (projection.cc).
class RowContext final : public EvalContext {
 public:
  RowContext(const EvalEnv& env, const std::vector<std::string>& names, const List& row)
      : env_(env), names_(names), row_(row) {}
  const Value* Lookup(std::string_view variable) const override;
  const Value* AggregateValue(const Expr& call) const override;
  const EvalEnv& env() const override { return env_; }

  // Aggregate calls and their values for the current group; the pointers must outlive the
  // context.
  void SetAggregates(const std::vector<const Expr*>* calls, const List* values) {
    aggregate_calls_ = calls;
    aggregate_values_ = values;
  }

 private:
  const EvalEnv& env_;
  const std::vector<std::string>& names_;
  const List& row_;
  const std::vector<const Expr*>* aggregate_calls_ = nullptr;
  const List* aggregate_values_ = nullptr;
};

class Executor final : public PatternEvaluator {
 public:
  Executor(QueryGraph& graph, const QueryOptions& options);

  QueryResult Run(const Query& query);

  Value EvaluatePattern(const Expr& expr, const EvalContext& scope) const override;

 private:
  Table RunSingle(const SingleQuery& query);
  // `ignore_multiplicity`: the next clause does not care how often a row occurs.
  void RunMatch(const Clause& clause, bool ignore_multiplicity, Table& table);
  void RunUnwind(const Clause& clause, Table& table);
  void RunProjection(const Projection& projection, bool is_return, Table& table);
  void RunCall(const Clause& clause, bool standalone, Table& table);
  // executor_write.cc
  void RunCreate(const Clause& clause, Table& table);
  void RunMerge(const Clause& clause, Table& table);
  void RunSet(const std::vector<SetItem>& items, const Table& table);
  void RunSetOnRow(const std::vector<SetItem>& items, const EvalContext& row);
  void RunRemove(const Clause& clause, const Table& table);
  void RunDelete(const Clause& clause, const Table& table);
  // Creates one part of a CREATE / MERGE pattern for one row, binding new variables into
  // `names`/`values` (which start as the row).
  void CreatePart(const PatternPart& part, std::vector<std::string>& names, List& values);
  void SetProperty(const Value& target, const std::string& key, const Value& value);
  void DeleteValue(const Value& value, bool detach);

  QueryGraph& graph_;
  const QueryOptions& options_;
  EvalEnv env_;
  QueryStats stats_;
};

// Hashing and equivalence of whole rows, for DISTINCT, grouping and UNION (value_ops.h's
// Equivalent: null is equivalent to null).
struct RowHash {
  std::size_t operator()(const List& row) const;
};
struct RowEquivalent {
  bool operator()(const List& a, const List& b) const;
};
// Whether a WITH / RETURN clause gives the same answer however many times each input row
// occurs: a DISTINCT projection without aggregates, or one whose aggregates are all DISTINCT
// (or min/max). projection.cc.
bool IgnoresMultiplicity(const Clause& clause);

// Removes rows equivalent to an earlier row, keeping the first of each.
void DropDuplicateRows(std::vector<List>& rows);

// Checks that `value` may be stored as a property (a scalar or a list of scalars of one kind);
// TypeError InvalidPropertyType otherwise.
void CheckStorable(const Value& value);

}  // namespace sutra::cypher
