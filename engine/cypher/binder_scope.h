// Building blocks of the binder, shared by binder.cc (clauses, patterns, projections, scope)
// and binder_expressions.cc (expression checks): the static types it infers for expressions,
// the scope of variables a clause sees, structural equality of expressions (to recognise an
// ORDER BY item or a grouping key that repeats a projected expression), the analyses of
// expression trees the binder runs (aggregates, grouping keys), and the Binder class itself.
// Private to the binder.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cypher/ast.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/procedures.h"
#include "engine/cypher/value.h"

namespace sutra::cypher::binder {

// What the binder knows statically about a value. kAny means "unknown": every check accepts it,
// so an error is raised only when a type is certain (a false error is worse than a missed one).
enum class TypeKind : std::uint8_t {
  kAny,
  kNull,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kNode,
  kRel,
  kPath,
};

struct StaticType {
  TypeKind kind = TypeKind::kAny;
  TypeKind element = TypeKind::kAny;  // kList: the kind of every element, when known

  static StaticType Of(TypeKind kind) { return StaticType{kind, TypeKind::kAny}; }
  static StaticType ListOf(TypeKind element) { return StaticType{TypeKind::kList, element}; }
  bool Is(TypeKind k) const { return kind == k; }
};

// The common kind of two list elements: null mixed with anything is kept unknown, because a
// null element makes most operations legal at runtime.
inline TypeKind JoinElementKinds(TypeKind a, TypeKind b) { return a == b ? a : TypeKind::kAny; }

inline StaticType TypeOfValue(const Value& value) {
  switch (value.kind()) {
    case ValueKind::kNull:
      return StaticType::Of(TypeKind::kNull);
    case ValueKind::kBool:
      return StaticType::Of(TypeKind::kBool);
    case ValueKind::kInt:
      return StaticType::Of(TypeKind::kInt);
    case ValueKind::kFloat:
      return StaticType::Of(TypeKind::kFloat);
    case ValueKind::kString:
      return StaticType::Of(TypeKind::kString);
    case ValueKind::kList: {
      const List& items = value.as_list();
      TypeKind element = items.empty() ? TypeKind::kAny : TypeOfValue(items.front()).kind;
      for (const Value& item : items) element = JoinElementKinds(element, TypeOfValue(item).kind);
      return StaticType::ListOf(element);
    }
    case ValueKind::kMap:
      return StaticType::Of(TypeKind::kMap);
    case ValueKind::kNode:
      return StaticType::Of(TypeKind::kNode);
    case ValueKind::kRelationship:
      return StaticType::Of(TypeKind::kRel);
    case ValueKind::kPath:
      return StaticType::Of(TypeKind::kPath);
  }
  return StaticType{};
}

// The variables visible at one point of a query, by name (sorted, which is also the column
// order of `RETURN *`). Copied freely: queries bind few variables.
class Scope {
 public:
  const StaticType* Find(std::string_view name) const {
    const auto it = vars_.find(name);
    return it == vars_.end() ? nullptr : &it->second;
  }
  void Bind(const std::string& name, StaticType type) { vars_[name] = type; }
  bool empty() const { return vars_.empty(); }
  const std::map<std::string, StaticType, std::less<>>& vars() const { return vars_; }

 private:
  std::map<std::string, StaticType, std::less<>> vars_;
};

inline bool ExprEquals(const ExprPtr& a, const ExprPtr& b);

// Structural equality of two expression trees, ignoring source positions. Patterns and
// subqueries compare by identity (they are never repeated textually in practice).
inline bool ExprEquals(const Expr& a, const Expr& b) {
  if (&a == &b) return true;
  if (a.kind != b.kind || a.name != b.name || a.literal != b.literal || a.unary_op != b.unary_op ||
      a.binary_op != b.binary_op || a.quantifier != b.quantifier || a.distinct != b.distinct ||
      a.keys != b.keys || a.labels != b.labels || a.path_name != b.path_name ||
      a.pattern != b.pattern || a.subquery != b.subquery || a.args.size() != b.args.size() ||
      a.whens.size() != b.whens.size() || a.map_items.size() != b.map_items.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(a.args[i], b.args[i])) return false;
  }
  for (std::size_t i = 0; i < a.whens.size(); ++i) {
    if (!ExprEquals(a.whens[i].first, b.whens[i].first) ||
        !ExprEquals(a.whens[i].second, b.whens[i].second)) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.map_items.size(); ++i) {
    const MapProjectionItem& x = a.map_items[i];
    const MapProjectionItem& y = b.map_items[i];
    if (x.kind != y.kind || x.key != y.key || !ExprEquals(x.value, y.value)) return false;
  }
  return ExprEquals(a.else_expr, b.else_expr) && ExprEquals(a.where, b.where) &&
         ExprEquals(a.projection, b.projection);
}

inline bool ExprEquals(const ExprPtr& a, const ExprPtr& b) {
  if (a == nullptr || b == nullptr) return a == b;
  return ExprEquals(*a, *b);
}

// Calls `visit` on each direct sub-expression of `expr` (not on patterns or subqueries).
template <typename Visit>
void ForEachChild(const Expr& expr, Visit&& visit) {
  for (const ExprPtr& arg : expr.args) {
    if (arg != nullptr) visit(*arg);
  }
  for (const auto& [when, then] : expr.whens) {
    if (when != nullptr) visit(*when);
    if (then != nullptr) visit(*then);
  }
  if (expr.else_expr != nullptr) visit(*expr.else_expr);
  if (expr.where != nullptr) visit(*expr.where);
  if (expr.projection != nullptr) visit(*expr.projection);
  for (const MapProjectionItem& item : expr.map_items) {
    if (item.value != nullptr) visit(*item.value);
  }
}

// --- Analyses of expression trees ----------------------------------------------------------

[[noreturn]] inline void Fail(std::string detail, std::string message, SourcePos pos) {
  ThrowSyntax(std::move(detail), std::move(message), pos.line, pos.column);
}

inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool IsAggregateCall(const Expr& expr) {
  return expr.kind == ExprKind::kCountStar ||
         (expr.kind == ExprKind::kFunction && IsAggregateFunction(expr.name));
}

inline bool ContainsAggregate(const Expr& expr) {
  if (IsAggregateCall(expr)) return true;
  bool found = false;
  ForEachChild(expr, [&](const Expr& child) { found = found || ContainsAggregate(child); });
  return found;
}

// Whether `expr` mentions `name` as a variable (ignoring shadowing by local scopes: the
// callers use this to decide between two error codes, never whether to raise one).
inline bool MentionsVariable(const Expr& expr, std::string_view name) {
  if ((expr.kind == ExprKind::kVariable || expr.kind == ExprKind::kMapProjection) &&
      expr.name == name) {
    return true;
  }
  bool found = false;
  ForEachChild(expr, [&](const Expr& child) { found = found || MentionsVariable(child, name); });
  return found;
}

// The first variable an expression reads, or null: SKIP and LIMIT must not depend on rows.
inline const Expr* FirstVariable(const Expr& expr) {
  if (expr.kind == ExprKind::kVariable || expr.kind == ExprKind::kMapProjection ||
      expr.kind == ExprKind::kPatternPredicate || expr.kind == ExprKind::kPatternComprehension ||
      expr.kind == ExprKind::kExists) {
    return &expr;
  }
  const Expr* found = nullptr;
  ForEachChild(expr, [&](const Expr& child) {
    if (found == nullptr) found = FirstVariable(child);
  });
  return found;
}

inline const Expr* FindFunctionCall(const Expr& expr, std::string_view lower_name) {
  if (expr.kind == ExprKind::kFunction && Lower(expr.name) == lower_name) return &expr;
  const Expr* found = nullptr;
  ForEachChild(expr, [&](const Expr& child) {
    if (found == nullptr) found = FindFunctionCall(child, lower_name);
  });
  return found;
}

inline bool IsOneOf(TypeKind kind, std::initializer_list<TypeKind> kinds) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// Kinds that can never be a boolean operand, a WHERE condition, ...
inline bool NotBoolean(TypeKind kind) {
  return IsOneOf(kind, {TypeKind::kInt, TypeKind::kFloat, TypeKind::kString, TypeKind::kList,
                        TypeKind::kMap, TypeKind::kNode, TypeKind::kRel, TypeKind::kPath});
}

inline bool NotNumeric(TypeKind kind) {
  return IsOneOf(kind, {TypeKind::kBool, TypeKind::kString, TypeKind::kList, TypeKind::kMap,
                        TypeKind::kNode, TypeKind::kRel, TypeKind::kPath});
}

// Which kinds of bound variable a pattern element may reuse.
inline bool FitsNode(StaticType type) {
  return IsOneOf(type.kind, {TypeKind::kAny, TypeKind::kNull, TypeKind::kNode});
}
inline bool FitsRelationship(StaticType type, bool variable_length) {
  if (IsOneOf(type.kind, {TypeKind::kAny, TypeKind::kNull})) return true;
  if (!variable_length) return type.kind == TypeKind::kRel;
  return type.kind == TypeKind::kList &&
         IsOneOf(type.element, {TypeKind::kAny, TypeKind::kNull, TypeKind::kRel});
}

// A procedure field's declared type ("INTEGER?") without the null marker, upper case.
inline std::string BaseTypeName(std::string_view declared) {
  std::string base(declared);
  while (!base.empty() && (base.back() == '?' || base.back() == ' ')) base.pop_back();
  for (char& c : base) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return base;
}

inline bool TypeFitsDeclared(StaticType type, std::string_view declared) {
  const std::string base = BaseTypeName(declared);
  switch (type.kind) {
    case TypeKind::kAny:
    case TypeKind::kNull:
      return true;
    case TypeKind::kBool:
      return base == "BOOLEAN" || base == "ANY";
    case TypeKind::kInt:
      return base == "INTEGER" || base == "FLOAT" || base == "NUMBER" || base == "ANY";
    case TypeKind::kFloat:
      return base == "FLOAT" || base == "NUMBER" || base == "ANY";
    case TypeKind::kString:
      return base == "STRING" || base == "ANY";
    case TypeKind::kList:
      return base.starts_with("LIST") || base == "ANY";
    case TypeKind::kMap:
      return base == "MAP" || base == "ANY";
    case TypeKind::kNode:
      return base == "NODE" || base == "MAP" || base == "ANY";
    case TypeKind::kRel:
      return base == "RELATIONSHIP" || base == "MAP" || base == "ANY";
    case TypeKind::kPath:
      return base == "PATH" || base == "ANY";
  }
  return true;
}

inline StaticType TypeOfDeclared(std::string_view declared) {
  const std::string base = BaseTypeName(declared);
  if (base == "INTEGER") return StaticType::Of(TypeKind::kInt);
  if (base == "FLOAT") return StaticType::Of(TypeKind::kFloat);
  if (base == "STRING") return StaticType::Of(TypeKind::kString);
  if (base == "BOOLEAN") return StaticType::Of(TypeKind::kBool);
  if (base == "NODE") return StaticType::Of(TypeKind::kNode);
  if (base == "RELATIONSHIP") return StaticType::Of(TypeKind::kRel);
  if (base == "PATH") return StaticType::Of(TypeKind::kPath);
  if (base == "MAP") return StaticType::Of(TypeKind::kMap);
  if (base.starts_with("LIST")) return StaticType::ListOf(TypeKind::kAny);
  return StaticType{};
}

// The grouping keys of an aggregating projection, and the check that an expression containing
// an aggregate uses, outside its aggregates, only grouping keys (a variable or property access
// projected as is), constants and parameters. `columns` are the projection's column names, the
// first `star_columns` of them the variables `*` carries (grouping keys too).
class GroupingCheck {
 public:
  GroupingCheck(const Projection& projection, const std::vector<std::string>& columns,
                std::size_t star_columns, bool order_by)
      : columns_(columns), star_columns_(star_columns), order_by_(order_by) {
    for (const ProjectionItem& item : projection.items) {
      if (!ContainsAggregate(*item.expr)) keys_.push_back(item.expr.get());
    }
  }

  void Check(const Expr& expr) {
    std::set<std::string> locals;
    Walk(expr, locals);
  }

 private:
  bool IsSimpleKey(const Expr& expr) const {
    for (const Expr* key : keys_) {
      if ((key->kind == ExprKind::kVariable || key->kind == ExprKind::kProperty) &&
          ExprEquals(*key, expr)) {
        return true;
      }
    }
    return false;
  }

  void CheckVariable(const std::string& name, SourcePos pos,
                     const std::set<std::string>& locals) const {
    if (locals.contains(name)) return;
    for (const Expr* key : keys_) {
      if (key->kind == ExprKind::kVariable && key->name == name) return;
    }
    const auto star_end = columns_.begin() + static_cast<std::ptrdiff_t>(star_columns_);
    if (std::find(columns_.begin(), star_end, name) != star_end) return;
    if (!order_by_) {
      Fail("AmbiguousAggregationExpression",
           "`" + name + "` is neither a grouping key nor inside an aggregate", pos);
    }
    if (std::find(columns_.begin(), columns_.end(), name) != columns_.end()) return;
    // In ORDER BY a variable that no grouping key mentions is simply out of scope (the scope
    // check reports it); one that a complex grouping key mentions is ambiguous.
    for (const Expr* key : keys_) {
      if (MentionsVariable(*key, name)) {
        Fail("AmbiguousAggregationExpression",
             "`" + name + "` is used outside an aggregate but is not a grouping key", pos);
      }
    }
  }

  void Walk(const Expr& expr, std::set<std::string>& locals) {
    if (IsAggregateCall(expr)) return;
    switch (expr.kind) {
      case ExprKind::kLiteral:
      case ExprKind::kParameter:
      case ExprKind::kPatternPredicate:
      case ExprKind::kPatternComprehension:
      case ExprKind::kExists:
        return;
      case ExprKind::kVariable:
        CheckVariable(expr.name, expr.pos, locals);
        return;
      case ExprKind::kMapProjection:
        CheckVariable(expr.name, expr.pos, locals);
        break;
      case ExprKind::kListComprehension:
      case ExprKind::kQuantifier:
      case ExprKind::kReduce: {
        for (const ExprPtr& arg : expr.args) Walk(*arg, locals);
        std::set<std::string> inner = locals;
        inner.insert(expr.name);
        if (!expr.keys.empty()) inner.insert(expr.keys[0]);
        if (!expr.path_name.empty()) inner.insert(expr.path_name);
        if (expr.where != nullptr) Walk(*expr.where, inner);
        if (expr.projection != nullptr) Walk(*expr.projection, inner);
        return;
      }
      default:
        break;
    }
    if (IsSimpleKey(expr)) return;
    ForEachChild(expr, [&](const Expr& child) { Walk(child, locals); });
  }

  std::vector<const Expr*> keys_;
  const std::vector<std::string>& columns_;
  std::size_t star_columns_;
  bool order_by_;
};

// --- The binder ------------------------------------------------------------------------------

// Where an expression stands, which decides what it may contain.
struct ExprEnv {
  const Scope* scope = nullptr;
  bool aggregates_allowed = false;  // projection items and ORDER BY of RETURN / WITH
  bool in_aggregate = false;        // inside an aggregate's arguments
  bool in_local_scope = false;      // inside a comprehension, quantifier or reduce
  bool patterns_allowed = false;    // a bare pattern predicate may stand here (a WHERE)
  // ORDER BY / WHERE after DISTINCT or aggregation: a sub-expression equal to a projected
  // expression stands for that column; anything else sees only the projected columns.
  const std::vector<std::pair<const Expr*, StaticType>>* projected = nullptr;
};

enum class PatternMode {
  kMatch,      // MATCH / OPTIONAL MATCH: binds new variables
  kCreate,     // CREATE: binds new variables, every relationship is created
  kMerge,      // MERGE
  kPredicate,  // a pattern predicate in WHERE: may not introduce variables
  kLocal,      // pattern comprehension, EXISTS { pattern }: new variables are local
};

class Binder {
 public:
  explicit Binder(const ProcedureRegistry* procedures) : procedures_(procedures) {}

  // Checks every part of a (possibly UNION) query; returns the columns of its first part.
  std::vector<std::string> CheckUnion(const Query& query, const Scope& outer, bool subquery);

 private:
  std::vector<std::string> CheckSingle(const SingleQuery& query, Scope scope, bool subquery);
  StaticType CheckExpr(const Expr& expr, const ExprEnv& env);
  StaticType CheckExprKind(const Expr& expr, const ExprEnv& env);
  StaticType CheckFunction(const Expr& expr, const ExprEnv& env);
  StaticType CheckBinary(const Expr& expr, const ExprEnv& env);
  StaticType CheckIteration(const Expr& expr, const ExprEnv& env);
  void CheckCondition(const ExprPtr& where, const Scope& scope, const ExprEnv* base = nullptr);
  void BindPattern(const Pattern& pattern, Scope& scope, PatternMode mode);
  void BindNode(const NodePattern& node, bool lone, Scope& scope, PatternMode mode);
  void BindRelationship(const RelPattern& rel, Scope& scope, PatternMode mode,
                        std::set<std::string>& clause_rels);
  void CheckProperties(const ExprPtr& properties, const Scope& scope, PatternMode mode);
  std::vector<std::string> CheckProjection(const Clause& clause, Scope& scope);
  void CheckSkipLimit(const ExprPtr& expr);
  void CheckSetItems(const std::vector<SetItem>& items, const Scope& scope, SourcePos pos);
  void CheckCall(const Clause& clause, Scope& scope, bool standalone);

  const ProcedureRegistry* procedures_;
};

}  // namespace sutra::cypher::binder
