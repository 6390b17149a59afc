// The binder walks a parsed query clause by clause, tracking the variables in scope and what
// is statically known of their types, and raises the compile-time errors the openCypher TCK
// expects. It only raises an error when the query is certainly wrong: types it cannot infer
// are "any", and every check accepts "any".
// Clauses, patterns, projections and scope live here; the expression checks are in
// binder_expressions.cc, the shared declarations in binder_scope.h.
#include "engine/cypher/binder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cypher/binder_scope.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/procedures.h"

namespace sutra::cypher::binder {

// --- Patterns ---------------------------------------------------------------------------------

void Binder::CheckProperties(const ExprPtr& properties, const Scope& scope, PatternMode mode) {
  if (properties == nullptr) return;
  if (properties->kind == ExprKind::kParameter && mode != PatternMode::kCreate) {
    Fail("InvalidParameterUse", "a parameter cannot stand for a pattern's properties here",
         properties->pos);
  }
  ExprEnv env;
  env.scope = &scope;
  CheckExpr(*properties, env);
}

void Binder::BindPattern(const Pattern& pattern, Scope& scope, PatternMode mode) {
  std::set<std::string> clause_rels;
  for (const PatternPart& part : pattern.parts) {
    for (std::size_t i = 0; i < part.nodes.size(); ++i) {
      BindNode(part.nodes[i], part.nodes.size() == 1, scope, mode);
      if (i < part.rels.size()) BindRelationship(part.rels[i], scope, mode, clause_rels);
    }
    if (!part.path_variable.empty()) {
      if (scope.Find(part.path_variable) != nullptr) {
        Fail("VariableAlreadyBound", "variable `" + part.path_variable + "` already defined",
             part.pos);
      }
      scope.Bind(part.path_variable, StaticType::Of(TypeKind::kPath));
    }
  }
}

void Binder::BindNode(const NodePattern& node, bool lone, Scope& scope, PatternMode mode) {
  CheckProperties(node.properties, scope, mode);
  if (node.variable.empty()) return;
  const StaticType* bound = scope.Find(node.variable);
  if (bound == nullptr) {
    if (mode == PatternMode::kPredicate) {
      Fail("UndefinedVariable", "variable `" + node.variable + "` not defined", node.pos);
    }
    scope.Bind(node.variable, StaticType::Of(TypeKind::kNode));
    return;
  }
  if (!FitsNode(*bound)) {
    Fail("VariableTypeConflict", "variable `" + node.variable + "` is not a node", node.pos);
  }
  if ((mode == PatternMode::kCreate || mode == PatternMode::kMerge) &&
      (lone || !node.labels.empty() || node.properties != nullptr)) {
    Fail("VariableAlreadyBound",
         "variable `" + node.variable + "` already defined; it cannot be created again", node.pos);
  }
}

void Binder::BindRelationship(const RelPattern& rel, Scope& scope, PatternMode mode,
                              std::set<std::string>& clause_rels) {
  const bool creates = mode == PatternMode::kCreate || mode == PatternMode::kMerge;
  const StaticType* bound = rel.variable.empty() ? nullptr : scope.Find(rel.variable);
  if (bound != nullptr) {
    if (!FitsRelationship(*bound, rel.variable_length)) {
      Fail("VariableTypeConflict", "variable `" + rel.variable + "` is not a relationship",
           rel.pos);
    }
    if (creates) {
      Fail("VariableAlreadyBound",
           "variable `" + rel.variable + "` already defined; it cannot be created again", rel.pos);
    }
  }
  if (creates) {
    if (rel.types.size() != 1) {
      Fail("NoSingleRelationshipType", "a created relationship needs exactly one type", rel.pos);
    }
    if (mode == PatternMode::kCreate && rel.direction == RelDirection::kBoth) {
      Fail("RequiresDirectedRelationship", "a created relationship needs a direction", rel.pos);
    }
    if (rel.variable_length) {
      Fail("CreatingVarLength", "a variable-length relationship cannot be created", rel.pos);
    }
  }
  CheckProperties(rel.properties, scope, mode);
  if (rel.variable.empty()) return;
  if (bound == nullptr) {
    if (mode == PatternMode::kPredicate) {
      Fail("UndefinedVariable", "variable `" + rel.variable + "` not defined", rel.pos);
    }
    scope.Bind(rel.variable, rel.variable_length ? StaticType::ListOf(TypeKind::kRel)
                                                 : StaticType::Of(TypeKind::kRel));
    clause_rels.insert(rel.variable);
    return;
  }
  if (clause_rels.contains(rel.variable)) {
    Fail("RelationshipUniquenessViolation",
         "relationship `" + rel.variable + "` used twice in one pattern", rel.pos);
  }
}

// --- Projections ------------------------------------------------------------------------------

namespace {

std::string ColumnName(const ProjectionItem& item) {
  if (!item.alias.empty()) return item.alias;
  if (item.expr->kind == ExprKind::kVariable) return item.expr->name;
  return item.text;
}

}  // namespace

// Checks WITH / RETURN; replaces `scope` with the projected variables; returns the columns.
std::vector<std::string> Binder::CheckProjection(const Clause& clause, Scope& scope) {
  const Projection& projection = clause.projection;
  const bool is_with = clause.kind == ClauseKind::kWith;
  // `WITH *` over nothing is allowed (it carries no variables forward); `RETURN *` is not.
  if (projection.star && !is_with && scope.empty()) {
    Fail("NoVariablesInScope", "`*` needs at least one variable in scope", clause.pos);
  }
  ExprEnv item_env;
  item_env.scope = &scope;
  item_env.aggregates_allowed = true;
  std::vector<std::pair<const Expr*, StaticType>> projected;
  for (const ProjectionItem& item : projection.items) {
    projected.emplace_back(item.expr.get(), CheckExpr(*item.expr, item_env));
  }

  std::vector<std::string> columns;
  Scope out;
  if (projection.star) {
    for (const auto& [name, type] : scope.vars()) {
      columns.push_back(name);
      out.Bind(name, type);
    }
  }
  const std::size_t star_columns = columns.size();
  for (std::size_t i = 0; i < projection.items.size(); ++i) {
    const ProjectionItem& item = projection.items[i];
    std::string name = ColumnName(item);
    if (std::find(columns.begin(), columns.end(), name) != columns.end()) {
      Fail("ColumnNameConflict", "column `" + name + "` is projected twice", item.expr->pos);
    }
    out.Bind(name, projected[i].second);
    columns.push_back(std::move(name));
  }

  bool aggregating = false;
  for (const ProjectionItem& item : projection.items) {
    aggregating = aggregating || ContainsAggregate(*item.expr);
  }
  if (aggregating) {
    GroupingCheck grouping(projection, columns, star_columns, /*order_by=*/false);
    for (const ProjectionItem& item : projection.items) {
      if (ContainsAggregate(*item.expr)) grouping.Check(*item.expr);
    }
  }

  // After DISTINCT or aggregation only the projected columns (and expressions equal to
  // projected ones) remain; otherwise ORDER BY and WHERE also see the variables before.
  const bool restricted = aggregating || projection.distinct;
  Scope merged = scope;
  for (const auto& [name, type] : out.vars()) merged.Bind(name, type);
  ExprEnv after_env;
  after_env.scope = restricted ? &out : &merged;
  after_env.projected = restricted ? &projected : nullptr;
  for (const SortItem& sort : projection.order_by) {
    ExprEnv sort_env = after_env;
    sort_env.aggregates_allowed = aggregating;
    if (aggregating && ContainsAggregate(*sort.expr)) {
      GroupingCheck(projection, columns, star_columns, /*order_by=*/true).Check(*sort.expr);
    }
    CheckExpr(*sort.expr, sort_env);
  }
  CheckSkipLimit(projection.skip);
  CheckSkipLimit(projection.limit);
  if (projection.where != nullptr) CheckCondition(projection.where, *after_env.scope, &after_env);

  // Last: the TCK expects the ORDER BY checks above to win over a missing alias
  // (WithOrderBy4 [20]: `WITH me.age + you.age, count(*) AS cnt ORDER BY ...`).
  if (is_with) {
    for (const ProjectionItem& item : projection.items) {
      if (item.alias.empty() && item.expr->kind != ExprKind::kVariable) {
        Fail("NoExpressionAlias", "an expression in WITH must be aliased (AS name)",
             item.expr->pos);
      }
    }
  }
  scope = std::move(out);
  return columns;
}

void Binder::CheckSkipLimit(const ExprPtr& expr) {
  if (expr == nullptr) return;
  if (const Expr* variable = FirstVariable(*expr)) {
    Fail("NonConstantExpression", "SKIP and LIMIT cannot depend on variables", variable->pos);
  }
  const Scope empty;
  ExprEnv env;
  env.scope = &empty;
  CheckExpr(*expr, env);
  const Expr* constant = expr.get();
  bool negated = false;
  if (constant->kind == ExprKind::kUnary && constant->unary_op == UnaryOp::kNegate &&
      constant->args[0]->kind == ExprKind::kLiteral) {
    negated = true;
    constant = constant->args[0].get();
  }
  if (constant->kind != ExprKind::kLiteral || constant->literal.is_null()) return;
  const Value& value = constant->literal;
  if (!value.is_int()) {
    Fail("InvalidArgumentType", "SKIP and LIMIT take a non-negative integer", expr->pos);
  }
  const bool negative = negated ? value.as_int() > 0 : value.as_int() < 0;
  if (negative) {
    Fail("NegativeIntegerArgument", "SKIP and LIMIT take a non-negative integer", expr->pos);
  }
}

// --- Clauses ----------------------------------------------------------------------------------

void Binder::CheckSetItems(const std::vector<SetItem>& items, const Scope& scope, SourcePos pos) {
  ExprEnv env;
  env.scope = &scope;
  for (const SetItem& item : items) {
    if (item.kind != SetItem::Kind::kProperty && scope.Find(item.variable) == nullptr) {
      Fail("UndefinedVariable", "variable `" + item.variable + "` not defined", pos);
    }
    if (item.property != nullptr) CheckExpr(*item.property, env);
    if (item.value != nullptr) CheckExpr(*item.value, env);
  }
}

void Binder::CheckCall(const Clause& clause, Scope& scope, bool standalone) {
  const Procedure* procedure =
      procedures_ != nullptr ? procedures_->Find(clause.procedure) : nullptr;
  if (procedure == nullptr) {
    throw CypherError(ErrorType::kProcedureError, "ProcedureNotFound",
                      "no procedure named " + clause.procedure, clause.pos.line, clause.pos.column,
                      ErrorPhase::kCompileTime);
  }
  const ProcedureSignature& signature = procedure->signature();
  if (clause.call_has_arguments) {
    if (clause.exprs.size() != signature.inputs.size()) {
      Fail("InvalidNumberOfArguments",
           clause.procedure + " takes " + std::to_string(signature.inputs.size()) + " arguments",
           clause.pos);
    }
  } else if (!standalone && !signature.inputs.empty()) {
    Fail("InvalidArgumentPassingMode",
         "arguments can be passed implicitly (from parameters) only to a standalone CALL",
         clause.pos);
  }
  ExprEnv env;
  env.scope = &scope;
  for (std::size_t i = 0; i < clause.exprs.size(); ++i) {
    const StaticType type = CheckExpr(*clause.exprs[i], env);
    if (i < signature.inputs.size() && !TypeFitsDeclared(type, signature.inputs[i].type)) {
      Fail("InvalidArgumentType",
           "argument " + signature.inputs[i].name + " must be " + signature.inputs[i].type,
           clause.exprs[i]->pos);
    }
  }
  if (clause.yield_all && !standalone) {
    Fail("UnexpectedSyntax", "YIELD * is only allowed in a standalone CALL", clause.pos);
  }
  auto output_type = [&](const std::string& field) -> const ProcedureField* {
    for (const ProcedureField& output : signature.outputs) {
      if (output.name == field) return &output;
    }
    return nullptr;
  };
  if (clause.yield_all) {
    for (const ProcedureField& output : signature.outputs) {
      scope.Bind(output.name, TypeOfDeclared(output.type));
    }
  }
  for (const YieldItem& item : clause.yields) {
    const ProcedureField* output = output_type(item.field);
    if (output == nullptr) {
      Fail("UndefinedVariable", clause.procedure + " has no output `" + item.field + "`",
           clause.pos);
    }
    const std::string& name = item.alias.empty() ? item.field : item.alias;
    if (scope.Find(name) != nullptr) {
      Fail("VariableAlreadyBound", "variable `" + name + "` already defined", clause.pos);
    }
    scope.Bind(name, TypeOfDeclared(output->type));
  }
  CheckCondition(clause.where, scope);
}

namespace {

bool IsUpdating(ClauseKind kind) {
  return kind == ClauseKind::kCreate || kind == ClauseKind::kMerge || kind == ClauseKind::kSet ||
         kind == ClauseKind::kRemove || kind == ClauseKind::kDelete;
}

}  // namespace

std::vector<std::string> Binder::CheckSingle(const SingleQuery& query, Scope scope, bool subquery) {
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < query.clauses.size(); ++i) {
    const Clause& clause = query.clauses[i];
    if (subquery && IsUpdating(clause.kind)) {
      Fail("InvalidClauseComposition", "a subquery cannot update the graph", clause.pos);
    }
    ExprEnv env;
    env.scope = &scope;
    switch (clause.kind) {
      case ClauseKind::kMatch:
        BindPattern(clause.pattern, scope, PatternMode::kMatch);
        CheckCondition(clause.where, scope);
        break;
      case ClauseKind::kUnwind: {
        const StaticType list = CheckExpr(*clause.expr, env);
        if (scope.Find(clause.variable) != nullptr) {
          Fail("VariableAlreadyBound", "variable `" + clause.variable + "` already defined",
               clause.pos);
        }
        scope.Bind(clause.variable, list.kind == TypeKind::kList   ? StaticType::Of(list.element)
                                    : list.kind == TypeKind::kNull ? StaticType{}
                                                                   : list);
        break;
      }
      case ClauseKind::kWith:
      case ClauseKind::kReturn:
        columns = CheckProjection(clause, scope);
        break;
      case ClauseKind::kCreate:
        BindPattern(clause.pattern, scope, PatternMode::kCreate);
        break;
      case ClauseKind::kMerge:
        BindPattern(clause.pattern, scope, PatternMode::kMerge);
        CheckSetItems(clause.on_create, scope, clause.pos);
        CheckSetItems(clause.on_match, scope, clause.pos);
        break;
      case ClauseKind::kSet:
        CheckSetItems(clause.set_items, scope, clause.pos);
        break;
      case ClauseKind::kRemove:
        for (const RemoveItem& item : clause.remove_items) {
          if (item.property != nullptr) CheckExpr(*item.property, env);
          if (item.kind == RemoveItem::Kind::kLabels && scope.Find(item.variable) == nullptr) {
            Fail("UndefinedVariable", "variable `" + item.variable + "` not defined", clause.pos);
          }
        }
        break;
      case ClauseKind::kDelete:
        for (const ExprPtr& target : clause.exprs) {
          if (target->kind == ExprKind::kLabelCheck) {
            Fail("InvalidDelete", "DELETE removes nodes and relationships, not labels or types",
                 target->pos);
          }
          const StaticType type = CheckExpr(*target, env);
          if (IsOneOf(type.kind, {TypeKind::kBool, TypeKind::kInt, TypeKind::kFloat,
                                  TypeKind::kString, TypeKind::kMap})) {
            Fail("InvalidArgumentType", "DELETE expects a node, relationship or path", target->pos);
          }
        }
        break;
      case ClauseKind::kCall:
        CheckCall(clause, scope, !subquery && query.clauses.size() == 1);
        break;
    }
  }
  if (!subquery && !query.clauses.empty()) {
    const Clause& last = query.clauses.back();
    if (last.kind != ClauseKind::kReturn && last.kind != ClauseKind::kCall &&
        !IsUpdating(last.kind)) {
      Fail("InvalidClauseComposition", "a query must end with RETURN, an updating clause or CALL",
           last.pos);
    }
  }
  return columns;
}

std::vector<std::string> Binder::CheckUnion(const Query& query, const Scope& outer, bool subquery) {
  for (std::size_t i = 1; i < query.union_all.size(); ++i) {
    if (query.union_all[i] != query.union_all[0]) {
      const SingleQuery& part = query.parts[i + 1];
      Fail("InvalidClauseComposition", "UNION and UNION ALL cannot be mixed",
           part.clauses.empty() ? SourcePos{} : part.clauses.front().pos);
    }
  }
  std::vector<std::string> first;
  for (std::size_t i = 0; i < query.parts.size(); ++i) {
    std::vector<std::string> columns = CheckSingle(query.parts[i], outer, subquery);
    std::sort(columns.begin(), columns.end());
    if (i == 0) {
      first = std::move(columns);
    } else if (columns != first) {
      const SingleQuery& part = query.parts[i];
      Fail("DifferentColumnsInUnion", "all parts of a UNION must return the same columns",
           part.clauses.empty() ? SourcePos{} : part.clauses.back().pos);
    }
  }
  return first;
}

}  // namespace sutra::cypher::binder

namespace sutra::cypher {

void CheckQuery(const Query& query, const ProcedureRegistry* procedures) {
  binder::Binder(procedures).CheckUnion(query, binder::Scope{}, /*subquery=*/false);
}

}  // namespace sutra::cypher
