#include "engine/cypher/executor.h"

#include <algorithm>
#include <unordered_set>

#include "engine/cypher/errors.h"
#include "engine/cypher/pattern_matcher.h"
#include "engine/cypher/procedures.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {

int Table::Find(std::string_view name) const {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const Value* RowContext::Lookup(std::string_view variable) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == variable) return &row_[i];
  }
  return nullptr;
}

const Value* RowContext::AggregateValue(const Expr& call) const {
  if (aggregate_calls_ == nullptr) return nullptr;
  for (std::size_t i = 0; i < aggregate_calls_->size(); ++i) {
    if ((*aggregate_calls_)[i] == &call) return &(*aggregate_values_)[i];
  }
  return nullptr;
}

Executor::Executor(QueryGraph& graph, const QueryOptions& options)
    : graph_(graph), options_(options) {
  env_.graph = &graph_;
  env_.parameters = &options_.parameters;
  env_.patterns = this;
}

std::size_t RowHash::operator()(const List& row) const {
  std::size_t h = 0x9e3779b97f4a7c15ULL;
  for (const Value& v : row) h = h * 31 + EquivalenceHash(v);
  return h;
}

bool RowEquivalent::operator()(const List& a, const List& b) const {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!Equivalent(a[i], b[i])) return false;
  }
  return true;
}

void DropDuplicateRows(std::vector<List>& rows) {
  struct Hash {
    std::size_t operator()(const List* row) const { return RowHash()(*row); }
  };
  struct Eq {
    bool operator()(const List* a, const List* b) const { return RowEquivalent()(*a, *b); }
  };
  std::vector<List> kept;
  kept.reserve(rows.size());  // no reallocation: `seen` points into `kept`
  std::unordered_set<const List*, Hash, Eq> seen;
  for (List& row : rows) {
    if (seen.count(&row) > 0) continue;
    kept.push_back(std::move(row));
    seen.insert(&kept.back());
  }
  rows = std::move(kept);
}

QueryResult Executor::Run(const Query& query) {
  QueryResult result;
  for (std::size_t i = 0; i < query.parts.size(); ++i) {
    Table table = RunSingle(query.parts[i]);
    if (i == 0) {
      result.columns = table.names;
    } else if (table.names != result.columns) {
      ThrowSyntax("DifferentColumnsInUnion", "all parts of a UNION must return the same columns");
    }
    for (List& row : table.rows) result.rows.push_back(std::move(row));
    // UNION (without ALL) removes duplicates from everything so far.
    if (i > 0 && !query.union_all[i - 1]) DropDuplicateRows(result.rows);
  }
  result.stats = stats_;
  return result;
}

Table Executor::RunSingle(const SingleQuery& query) {
  Table table;
  table.rows.emplace_back();  // one empty row: the clauses run once before any MATCH
  bool returned = false;
  for (std::size_t i = 0; i < query.clauses.size(); ++i) {
    const Clause& clause = query.clauses[i];
    switch (clause.kind) {
      case ClauseKind::kMatch:
        RunMatch(clause, i + 1 < query.clauses.size() && IgnoresMultiplicity(query.clauses[i + 1]),
                 table);
        break;
      case ClauseKind::kUnwind:
        RunUnwind(clause, table);
        break;
      case ClauseKind::kWith:
        RunProjection(clause.projection, false, table);
        break;
      case ClauseKind::kReturn:
        RunProjection(clause.projection, true, table);
        returned = true;
        break;
      case ClauseKind::kCreate:
        RunCreate(clause, table);
        break;
      case ClauseKind::kMerge:
        RunMerge(clause, table);
        break;
      case ClauseKind::kSet:
        RunSet(clause.set_items, table);
        break;
      case ClauseKind::kRemove:
        RunRemove(clause, table);
        break;
      case ClauseKind::kDelete:
        RunDelete(clause, table);
        break;
      case ClauseKind::kCall:
        RunCall(clause, query.clauses.size() == 1, table);
        if (query.clauses.size() == 1) returned = true;
        break;
    }
  }
  if (!returned) {
    // A query ending in an updating clause returns no rows and no columns.
    table.names.clear();
    table.rows.clear();
  }
  return table;
}

void Executor::RunMatch(const Clause& clause, bool ignore_multiplicity, Table& table) {
  PatternMatcher matcher(clause.pattern, env_,
                         [&](std::string_view name) { return table.Find(name) >= 0; });
  if (ignore_multiplicity) matcher.IgnoreMultiplicity();
  const std::vector<std::string>& added = matcher.new_variables();
  std::vector<std::string> names = table.names;
  names.insert(names.end(), added.begin(), added.end());
  std::vector<List> out;
  for (const List& row : table.rows) {
    RowContext outer(env_, table.names, row);
    bool matched = false;
    matcher.Match(outer, [&](std::span<const Value> values) {
      if (clause.where) {
        ExtendedContext scope(outer, added, values);
        if (!IsTrue(Evaluate(*clause.where, scope))) return true;
      }
      matched = true;
      List extended = row;
      extended.insert(extended.end(), values.begin(), values.end());
      out.push_back(std::move(extended));
      return true;
    });
    if (!matched && clause.optional) {
      List extended = row;
      extended.resize(names.size());  // the new variables are null
      out.push_back(std::move(extended));
    }
  }
  table.names = std::move(names);
  table.rows = std::move(out);
}

void Executor::RunUnwind(const Clause& clause, Table& table) {
  std::vector<List> out;
  for (const List& row : table.rows) {
    RowContext context(env_, table.names, row);
    Value list = Evaluate(*clause.expr, context);
    if (list.is_null()) continue;
    if (!list.is_list()) {
      List extended = row;
      extended.push_back(std::move(list));
      out.push_back(std::move(extended));
      continue;
    }
    for (const Value& item : list.as_list()) {
      List extended = row;
      extended.push_back(item);
      out.push_back(std::move(extended));
    }
  }
  table.names.push_back(clause.variable);
  table.rows = std::move(out);
}

void Executor::RunCall(const Clause& clause, bool standalone, Table& table) {
  const Procedure* procedure =
      options_.procedures != nullptr ? options_.procedures->Find(clause.procedure) : nullptr;
  if (procedure == nullptr) {
    ThrowSyntax("ProcedureNotFound", "there is no procedure named " + clause.procedure,
                clause.pos.line, clause.pos.column);
  }
  const ProcedureSignature& signature = procedure->signature();
  // Which outputs to keep, under which names.
  std::vector<std::size_t> fields;
  std::vector<std::string> aliases;
  if (clause.yields.empty() || clause.yield_all) {
    for (std::size_t i = 0; i < signature.outputs.size(); ++i) {
      fields.push_back(i);
      aliases.push_back(signature.outputs[i].name);
    }
    if (!standalone && !clause.yield_all && !signature.outputs.empty()) {
      ThrowSyntax("UndefinedVariable", "CALL inside a query must YIELD the fields it uses",
                  clause.pos.line, clause.pos.column);
    }
  } else {
    for (const YieldItem& item : clause.yields) {
      auto it = std::find_if(signature.outputs.begin(), signature.outputs.end(),
                             [&](const ProcedureField& f) { return f.name == item.field; });
      if (it == signature.outputs.end()) {
        ThrowSyntax("UndefinedVariable",
                    clause.procedure + " has no output field named " + item.field, clause.pos.line,
                    clause.pos.column);
      }
      fields.push_back(static_cast<std::size_t>(it - signature.outputs.begin()));
      aliases.push_back(item.alias.empty() ? item.field : item.alias);
    }
  }
  std::vector<std::string> names = table.names;
  names.insert(names.end(), aliases.begin(), aliases.end());
  std::vector<List> out;
  for (const List& row : table.rows) {
    RowContext context(env_, table.names, row);
    List args;
    if (clause.call_has_arguments) {
      for (const ExprPtr& arg : clause.exprs) args.push_back(Evaluate(*arg, context));
    } else {
      // `CALL p` takes its arguments from the parameters of the same names.
      for (const ProcedureField& input : signature.inputs) {
        auto it = options_.parameters.find(input.name);
        if (it == options_.parameters.end()) {
          ThrowRuntime(ErrorType::kParameterMissing, "MissingParameter",
                       "CALL " + clause.procedure + " needs the parameter $" + input.name);
        }
        args.push_back(it->second);
      }
    }
    if (args.size() != signature.inputs.size()) {
      ThrowSyntax("InvalidNumberOfArguments",
                  clause.procedure + " takes " + std::to_string(signature.inputs.size()) +
                      " arguments, not " + std::to_string(args.size()),
                  clause.pos.line, clause.pos.column);
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (!ValueFitsType(args[i], signature.inputs[i].type)) {
        ThrowRuntime(ErrorType::kTypeError, "InvalidArgumentType",
                     clause.procedure + " argument " + signature.inputs[i].name + " must be " +
                         signature.inputs[i].type);
      }
    }
    if (signature.outputs.empty()) {
      // A VOID procedure is called for its effect; the row goes on unchanged.
      procedure->Call(args, graph_, [](List) {});
      if (!standalone) out.push_back(row);
      continue;
    }
    procedure->Call(args, graph_, [&](List result) {
      List extended = row;
      for (std::size_t f : fields) extended.push_back(f < result.size() ? result[f] : Value());
      if (clause.where) {
        RowContext filter(env_, names, extended);
        if (!IsTrue(Evaluate(*clause.where, filter))) return;
      }
      out.push_back(std::move(extended));
    });
  }
  table.names = std::move(names);
  table.rows = std::move(out);
}

namespace {

// The variables a pattern mentions, so the matcher knows which ones the scope binds.
bool ScopeBinds(const EvalContext& scope, std::string_view name) {
  return scope.Lookup(name) != nullptr;
}

}  // namespace

Value Executor::EvaluatePattern(const Expr& expr, const EvalContext& scope) const {
  const Pattern* pattern = expr.pattern.get();
  ExprPtr where = expr.where;
  if (expr.kind == ExprKind::kExists && expr.subquery) {
    // EXISTS { MATCH pattern [WHERE ...] [RETURN ...] }: the rows of its MATCH decide.
    const SingleQuery& sub = expr.subquery->parts.at(0);
    if (sub.clauses.empty() || sub.clauses[0].kind != ClauseKind::kMatch) {
      ThrowSyntax("UnexpectedSyntax", "EXISTS subqueries must start with MATCH", expr.pos.line,
                  expr.pos.column);
    }
    pattern = &sub.clauses[0].pattern;
    where = sub.clauses[0].where;
  }
  if (pattern == nullptr) {
    ThrowRuntime(ErrorType::kSemanticError, "UnexpectedSyntax",
                 "pattern expression without a pattern");
  }
  // [p = (a)-->(b) | ...]: the path name binds like a named pattern part.
  Pattern named;
  if (expr.kind == ExprKind::kPatternComprehension && !expr.path_name.empty() &&
      !pattern->parts.empty()) {
    named = *pattern;
    named.parts[0].path_variable = expr.path_name;
    pattern = &named;
  }
  PatternMatcher matcher(*pattern, env_,
                         [&](std::string_view name) { return ScopeBinds(scope, name); });
  const std::vector<std::string>& added = matcher.new_variables();
  if (expr.kind == ExprKind::kPatternComprehension) {
    List results;
    matcher.Match(scope, [&](std::span<const Value> values) {
      ExtendedContext context(scope, added, values);
      if (expr.where && !IsTrue(Evaluate(*expr.where, context))) return true;
      results.push_back(Evaluate(*expr.projection, context));
      return true;
    });
    return results;
  }
  bool found = false;
  matcher.Match(scope, [&](std::span<const Value> values) {
    if (where) {
      ExtendedContext context(scope, added, values);
      if (!IsTrue(Evaluate(*where, context))) return true;
    }
    found = true;
    return false;
  });
  return found;
}

}  // namespace sutra::cypher
