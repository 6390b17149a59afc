// The syntax tree of a Cypher query, as the parser (parser.h) produces it and the binder and
// executor (executor.h) consume it. Plain data: built once per query, read-only afterwards.
//
// Expressions share sub-trees through shared_ptr (a chained comparison `a < b < c` becomes
// `a < b AND b < c` with `b` shared), so a tree is a DAG and must be treated as immutable.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/cypher/value.h"

namespace sutra::cypher {

struct SourcePos {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in characters (code points) of the line
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;
struct Pattern;
struct Query;

enum class ExprKind : std::uint8_t {
  kLiteral,        // literal: a null, boolean, integer, float or string constant
  kParameter,      // name: `$name` (name without the `$`)
  kVariable,       // name
  kProperty,       // args[0].name: `x.name`
  kList,           // args: `[a, b, c]`
  kMap,            // keys[i]: args[i]: `{k: v, ...}`
  kUnary,          // unary_op args[0]
  kBinary,         // args[0] binary_op args[1]
  kFunction,       // name(args...), `distinct` for `count(DISTINCT x)`; name as written
                   // (namespaced names keep their dots: "sutra.pagerank")
  kCountStar,      // count(*)
  kCase,           // CASE [args[0]] WHEN whens[i].first THEN whens[i].second ... [ELSE else_expr]
                   // (args is empty for the generic form, holds the subject for the simple form)
  kListComprehension,  // [name IN args[0] WHERE where | projection]
  kQuantifier,         // quantifier(name IN args[0] WHERE where): all/any/none/single
  kReduce,             // reduce(keys[0] = args[1], name IN args[0] | projection): keys[0]
                       // is the accumulator's name
  kIndex,              // args[0][args[1]]
  kSlice,              // args[0][args[1]..args[2]]; a missing bound is a null ExprPtr
  kLabelCheck,         // args[0]:Label1:Label2 (all must hold)
  kIsNull,             // args[0] IS NULL
  kIsNotNull,          // args[0] IS NOT NULL
  kPatternPredicate,   // a relationship pattern used as a boolean: (a)-[:T]->() in WHERE
  kPatternComprehension,  // [path_name = pattern WHERE where | projection]
  kExists,                // EXISTS { pattern [WHERE where] } or EXISTS { MATCH ... } (subquery)
  kMapProjection,         // name { .key, key: expr, .* , other_variable }
};

enum class UnaryOp : std::uint8_t { kNot, kNegate, kPlus };

enum class BinaryOp : std::uint8_t {
  kOr,
  kXor,
  kAnd,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kPower,
  kIn,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegexMatch,  // =~
};

enum class Quantifier : std::uint8_t { kAll, kAny, kNone, kSingle };

// One element of a map projection `n {.name, age: n.born, .*, m}`.
struct MapProjectionItem {
  enum class Kind : std::uint8_t { kProperty, kLiteralEntry, kAllProperties, kVariable };
  Kind kind = Kind::kProperty;
  std::string key;  // kProperty: the property; kLiteralEntry: the key; kVariable: the variable
  ExprPtr value;    // kLiteralEntry only
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourcePos pos;
  Value literal;                   // kLiteral
  std::string name;                // see ExprKind
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kAnd;
  Quantifier quantifier = Quantifier::kAll;
  bool distinct = false;           // kFunction
  std::vector<ExprPtr> args;       // see ExprKind
  std::vector<std::string> keys;   // kMap
  std::vector<std::string> labels;  // kLabelCheck
  std::vector<std::pair<ExprPtr, ExprPtr>> whens;  // kCase
  ExprPtr else_expr;                               // kCase; null when absent
  ExprPtr where;        // kListComprehension, kQuantifier, kPatternComprehension, kExists
  ExprPtr projection;   // kListComprehension (may be null), kReduce, kPatternComprehension
  std::string path_name;               // kPatternComprehension: `p = ...`, else empty
  std::shared_ptr<const Pattern> pattern;  // kPatternPredicate, kPatternComprehension, kExists
  std::shared_ptr<const Query> subquery;   // kExists with a full subquery (MATCH ... ), else null
  std::vector<MapProjectionItem> map_items;  // kMapProjection (name is the variable)
};

// --- Patterns ---------------------------------------------------------------------------------

struct NodePattern {
  SourcePos pos;
  std::string variable;             // empty when anonymous
  std::vector<std::string> labels;  // all must hold
  ExprPtr properties;               // a kMap or kParameter expression; null when absent
};

enum class RelDirection : std::uint8_t {
  kRight,  // (a)-[]->(b)
  kLeft,   // (a)<-[]-(b)
  kBoth,   // (a)-[]-(b) (or <-[]->: either direction)
};

struct RelPattern {
  SourcePos pos;
  std::string variable;            // empty when anonymous
  std::vector<std::string> types;  // alternatives [:A|B]; empty means any type
  ExprPtr properties;              // a kMap or kParameter expression; null when absent
  RelDirection direction = RelDirection::kBoth;
  bool variable_length = false;  // `*`, `*2`, `*1..3`, `*..3`, `*2..`
  std::optional<std::int64_t> min_hops;  // variable_length only; absent means 1
  std::optional<std::int64_t> max_hops;  // variable_length only; absent means unbounded
};

// One comma-separated part of a pattern: a chain node (rel node)*, optionally named and
// optionally wrapped in shortestPath(...) / allShortestPaths(...).
struct PatternPart {
  enum class Kind : std::uint8_t { kPlain, kShortestPath, kAllShortestPaths };
  SourcePos pos;
  std::string path_variable;  // `p = ...`; empty when not named
  Kind kind = Kind::kPlain;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
};

struct Pattern {
  std::vector<PatternPart> parts;
};

// --- Clauses ----------------------------------------------------------------------------------

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // `AS alias`; empty when none given
  std::string text;   // the expression as written (trimmed): the column name when no alias
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

// The body of WITH and RETURN.
struct Projection {
  bool distinct = false;
  bool star = false;  // `*`: all variables in scope, then `items`
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  ExprPtr skip;   // null when absent
  ExprPtr limit;  // null when absent
  ExprPtr where;  // WITH ... WHERE only
};

struct SetItem {
  enum class Kind : std::uint8_t {
    kProperty,        // target.key = value (target is args[0] of a kProperty expression)
    kReplaceAll,      // variable = map-or-entity
    kMergeAll,        // variable += map
    kLabels,          // variable:Label1:Label2
  };
  Kind kind = Kind::kProperty;
  ExprPtr property;      // kProperty: the kProperty expression being assigned
  std::string variable;  // kReplaceAll, kMergeAll, kLabels
  ExprPtr value;         // kProperty, kReplaceAll, kMergeAll
  std::vector<std::string> labels;  // kLabels
};

struct RemoveItem {
  enum class Kind : std::uint8_t { kProperty, kLabels };
  Kind kind = Kind::kProperty;
  ExprPtr property;                 // kProperty: a kProperty expression
  std::string variable;             // kLabels
  std::vector<std::string> labels;  // kLabels
};

struct YieldItem {
  std::string field;  // the procedure's output field
  std::string alias;  // `AS alias`; empty when none
};

enum class ClauseKind : std::uint8_t {
  kMatch,    // [OPTIONAL] MATCH pattern [WHERE where]
  kUnwind,   // UNWIND expr AS variable
  kWith,     // WITH projection
  kReturn,   // RETURN projection
  kCreate,   // CREATE pattern
  kMerge,    // MERGE pattern (one part) [ON CREATE SET on_create] [ON MATCH SET on_match]
  kSet,      // SET set_items
  kRemove,   // REMOVE remove_items
  kDelete,   // [DETACH] DELETE exprs
  kCall,     // CALL procedure(exprs) [YIELD yields [WHERE where]]; standalone when last clause
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  SourcePos pos;
  bool optional = false;  // OPTIONAL MATCH
  bool detach = false;    // DETACH DELETE
  Pattern pattern;        // kMatch, kCreate, kMerge
  ExprPtr where;          // kMatch, kCall (after YIELD)
  ExprPtr expr;           // kUnwind
  std::string variable;   // kUnwind
  Projection projection;  // kWith, kReturn
  std::vector<SetItem> set_items;     // kSet
  std::vector<SetItem> on_create;     // kMerge
  std::vector<SetItem> on_match;      // kMerge
  std::vector<RemoveItem> remove_items;  // kRemove
  std::vector<ExprPtr> exprs;  // kDelete: what to delete; kCall: the arguments
  std::string procedure;       // kCall: namespaced name as written, e.g. "sutra.pagerank"
  bool call_has_arguments = false;  // kCall: `CALL p()` vs `CALL p` (implicit arguments)
  bool yield_all = false;           // kCall: `YIELD *`
  std::vector<YieldItem> yields;    // kCall
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

// parts[0] UNION [ALL] parts[1] ...; union_all.size() == parts.size() - 1.
struct Query {
  std::vector<SingleQuery> parts;
  std::vector<bool> union_all;
};

}  // namespace sutra::cypher
