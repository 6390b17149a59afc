#include "engine/cypher/parser.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/cypher/errors.h"

namespace sutra::cypher {
namespace {

const Clause& OnlyClause(const Query& q, std::size_t index = 0) {
  EXPECT_EQ(q.parts.size(), 1u);
  EXPECT_GT(q.parts[0].clauses.size(), index);
  return q.parts[0].clauses.at(index);
}

// A compact rendering of an expression tree, so tests can state the expected shape in one line.
std::string Show(const ExprPtr& e);

std::string ShowList(const std::vector<ExprPtr>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + Show(list[i]);
  return out;
}

const char* BinaryName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kXor:
      return "XOR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kEqual:
      return "=";
    case BinaryOp::kNotEqual:
      return "<>";
    case BinaryOp::kLess:
      return "<";
    case BinaryOp::kLessEqual:
      return "<=";
    case BinaryOp::kGreater:
      return ">";
    case BinaryOp::kGreaterEqual:
      return ">=";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSubtract:
      return "-";
    case BinaryOp::kMultiply:
      return "*";
    case BinaryOp::kDivide:
      return "/";
    case BinaryOp::kModulo:
      return "%";
    case BinaryOp::kPower:
      return "^";
    case BinaryOp::kIn:
      return "IN";
    case BinaryOp::kStartsWith:
      return "STARTS WITH";
    case BinaryOp::kEndsWith:
      return "ENDS WITH";
    case BinaryOp::kContains:
      return "CONTAINS";
    case BinaryOp::kRegexMatch:
      return "=~";
  }
  return "?";
}

std::string ShowValue(const Value& v) {
  if (v.is_null()) return "null";
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  if (v.is_int()) return std::to_string(v.as_int());
  if (v.is_float()) {
    std::ostringstream s;
    s << v.as_float() << "f";
    return s.str();
  }
  if (v.is_string()) return "'" + v.as_string() + "'";
  return "<value>";
}

std::string Show(const ExprPtr& e) {
  if (!e) return "_";
  switch (e->kind) {
    case ExprKind::kLiteral:
      return ShowValue(e->literal);
    case ExprKind::kParameter:
      return "$" + e->name;
    case ExprKind::kVariable:
      return e->name;
    case ExprKind::kProperty:
      return Show(e->args[0]) + "." + e->name;
    case ExprKind::kList:
      return "[" + ShowList(e->args) + "]";
    case ExprKind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < e->keys.size(); ++i) {
        out += (i ? ", " : "") + e->keys[i] + ": " + Show(e->args[i]);
      }
      return out + "}";
    }
    case ExprKind::kUnary:
      return std::string("(") +
             (e->unary_op == UnaryOp::kNot      ? "NOT "
              : e->unary_op == UnaryOp::kNegate ? "-"
                                                : "+") +
             Show(e->args[0]) + ")";
    case ExprKind::kBinary:
      return "(" + Show(e->args[0]) + " " + BinaryName(e->binary_op) + " " + Show(e->args[1]) + ")";
    case ExprKind::kFunction:
      return e->name + "(" + (e->distinct ? "DISTINCT " : "") + ShowList(e->args) + ")";
    case ExprKind::kCountStar:
      return "count(*)";
    case ExprKind::kCase: {
      std::string out = "CASE";
      if (!e->args.empty()) out += " " + Show(e->args[0]);
      for (const auto& [w, t] : e->whens) out += " WHEN " + Show(w) + " THEN " + Show(t);
      if (e->else_expr) out += " ELSE " + Show(e->else_expr);
      return out + " END";
    }
    case ExprKind::kListComprehension:
      return "[" + e->name + " IN " + Show(e->args[0]) + " WHERE " + Show(e->where) + " | " +
             Show(e->projection) + "]";
    case ExprKind::kQuantifier: {
      const char* q[] = {"all", "any", "none", "single"};
      return std::string(q[static_cast<int>(e->quantifier)]) + "(" + e->name + " IN " +
             Show(e->args[0]) + " WHERE " + Show(e->where) + ")";
    }
    case ExprKind::kReduce:
      return "reduce(" + e->keys.at(0) + " = " + Show(e->args[1]) + ", " + e->name + " IN " +
             Show(e->args[0]) + " | " + Show(e->projection) + ")";
    case ExprKind::kIndex:
      return Show(e->args[0]) + "[" + Show(e->args[1]) + "]";
    case ExprKind::kSlice:
      return Show(e->args[0]) + "[" + Show(e->args[1]) + ".." + Show(e->args[2]) + "]";
    case ExprKind::kLabelCheck: {
      std::string out = Show(e->args[0]);
      for (const std::string& l : e->labels) out += ":" + l;
      return out;
    }
    case ExprKind::kIsNull:
      return "(" + Show(e->args[0]) + " IS NULL)";
    case ExprKind::kIsNotNull:
      return "(" + Show(e->args[0]) + " IS NOT NULL)";
    case ExprKind::kPatternPredicate:
      return "<pattern>";
    case ExprKind::kPatternComprehension:
      return "[" + (e->path_name.empty() ? "" : e->path_name + " = ") + "<pattern> WHERE " +
             Show(e->where) + " | " + Show(e->projection) + "]";
    case ExprKind::kExists:
      return e->subquery ? "EXISTS {<query>}" : "EXISTS {<pattern> WHERE " + Show(e->where) + "}";
    case ExprKind::kMapProjection:
      return e->name + "{...}";
  }
  return "?";
}

std::string ShowExpr(std::string_view text) { return Show(ParseExpression(text)); }

// The error ParseQuery raises, as "Detail@line:column"; "" when it parses.
std::string ErrorOf(std::string_view query) {
  try {
    ParseQuery(query);
  } catch (const CypherError& e) {
    EXPECT_EQ(e.type(), ErrorType::kSyntaxError);
    EXPECT_EQ(e.phase(), ErrorPhase::kCompileTime);
    EXPECT_FALSE(e.message().empty());
    return e.detail() + "@" + std::to_string(e.line()) + ":" + std::to_string(e.column());
  }
  return "";
}

// --- Clauses -------------------------------------------------------------------------------

TEST(ParserClauses, MatchWithPatternAndWhere) {
  Query q = ParseQuery(
      "MATCH (a:Person:Officer {name: 'Ravi'})-[r:KNOWS|:CALLED*1..3]->(b), (c) "
      "WHERE a.age > 30 RETURN a");
  const Clause& match = OnlyClause(q);
  EXPECT_EQ(match.kind, ClauseKind::kMatch);
  EXPECT_FALSE(match.optional);
  ASSERT_EQ(match.pattern.parts.size(), 2u);
  const PatternPart& part = match.pattern.parts[0];
  ASSERT_EQ(part.nodes.size(), 2u);
  ASSERT_EQ(part.rels.size(), 1u);
  EXPECT_EQ(part.nodes[0].variable, "a");
  EXPECT_EQ(part.nodes[0].labels, (std::vector<std::string>{"Person", "Officer"}));
  EXPECT_EQ(Show(part.nodes[0].properties), "{name: 'Ravi'}");
  EXPECT_EQ(part.nodes[0].pos.column, 7);
  const RelPattern& rel = part.rels[0];
  EXPECT_EQ(rel.variable, "r");
  EXPECT_EQ(rel.types, (std::vector<std::string>{"KNOWS", "CALLED"}));
  EXPECT_EQ(rel.direction, RelDirection::kRight);
  EXPECT_TRUE(rel.variable_length);
  EXPECT_EQ(rel.min_hops, 1);
  EXPECT_EQ(rel.max_hops, 3);
  EXPECT_EQ(part.nodes[1].variable, "b");
  EXPECT_TRUE(part.nodes[1].labels.empty());
  EXPECT_EQ(match.pattern.parts[1].nodes[0].variable, "c");
  EXPECT_EQ(Show(match.where), "(a.age > 30)");
  EXPECT_EQ(q.parts[0].clauses[1].kind, ClauseKind::kReturn);
}

TEST(ParserClauses, RelationshipDirectionsAndLengths) {
  auto rels = [](std::string_view pattern) {
    Query q = ParseQuery("MATCH " + std::string(pattern) + " RETURN 1");
    return q.parts[0].clauses[0].pattern.parts[0].rels;
  };
  EXPECT_EQ(rels("(a)<--(b)")[0].direction, RelDirection::kLeft);
  EXPECT_EQ(rels("(a)-->(b)")[0].direction, RelDirection::kRight);
  EXPECT_EQ(rels("(a)--(b)")[0].direction, RelDirection::kBoth);
  EXPECT_EQ(rels("(a)<-->(b)")[0].direction, RelDirection::kBoth);
  EXPECT_EQ(rels("(a)<-[:T]-(b)")[0].direction, RelDirection::kLeft);
  EXPECT_FALSE(rels("(a)-[]-(b)")[0].variable_length);

  RelPattern star = rels("(a)-[*]->(b)")[0];
  EXPECT_TRUE(star.variable_length);
  EXPECT_FALSE(star.min_hops.has_value());
  EXPECT_FALSE(star.max_hops.has_value());
  RelPattern exact = rels("(a)-[*2]->(b)")[0];
  EXPECT_EQ(exact.min_hops, 2);
  EXPECT_EQ(exact.max_hops, 2);
  RelPattern upto = rels("(a)-[:T*..3 {w: 1}]->(b)")[0];
  EXPECT_FALSE(upto.min_hops.has_value());
  EXPECT_EQ(upto.max_hops, 3);
  EXPECT_EQ(Show(upto.properties), "{w: 1}");
  RelPattern from = rels("(a)-[r*2..]->(b)")[0];
  EXPECT_EQ(from.min_hops, 2);
  EXPECT_FALSE(from.max_hops.has_value());
  EXPECT_EQ(rels("(a)-[*0..0]-(b)")[0].max_hops, 0);

  auto chain = rels("(a)-[:X]->(b)<-[:Y]-(c)--(d)");
  ASSERT_EQ(chain.size(), 3u);
  EXPECT_EQ(chain[1].types[0], "Y");
}

TEST(ParserClauses, NamedPathsShortestPathAndParameters) {
  Query q = ParseQuery(
      "MATCH p = shortestPath((a)-[*]-(b)), q = allShortestPaths((a)-[:T*]->(c)), "
      "r = (x $props) RETURN p");
  const Pattern& pattern = OnlyClause(q).pattern;
  ASSERT_EQ(pattern.parts.size(), 3u);
  EXPECT_EQ(pattern.parts[0].path_variable, "p");
  EXPECT_EQ(pattern.parts[0].kind, PatternPart::Kind::kShortestPath);
  EXPECT_EQ(pattern.parts[1].kind, PatternPart::Kind::kAllShortestPaths);
  EXPECT_EQ(pattern.parts[2].kind, PatternPart::Kind::kPlain);
  EXPECT_EQ(Show(pattern.parts[2].nodes[0].properties), "$props");
}

TEST(ParserClauses, OptionalMatchUnwindWith) {
  Query q = ParseQuery(
      "OPTIONAL MATCH (n) UNWIND [1, 2] AS x "
      "WITH DISTINCT n, x AS y ORDER BY y DESC, n.name ASCENDING SKIP 1 LIMIT $lim WHERE y > 1 "
      "RETURN *, y + 1 AS z");
  const auto& clauses = q.parts[0].clauses;
  ASSERT_EQ(clauses.size(), 4u);
  EXPECT_TRUE(clauses[0].optional);
  EXPECT_EQ(clauses[1].kind, ClauseKind::kUnwind);
  EXPECT_EQ(Show(clauses[1].expr), "[1, 2]");
  EXPECT_EQ(clauses[1].variable, "x");
  const Projection& with = clauses[2].projection;
  EXPECT_EQ(clauses[2].kind, ClauseKind::kWith);
  EXPECT_TRUE(with.distinct);
  ASSERT_EQ(with.items.size(), 2u);
  EXPECT_EQ(with.items[1].alias, "y");
  EXPECT_EQ(with.items[1].text, "x");
  ASSERT_EQ(with.order_by.size(), 2u);
  EXPECT_TRUE(with.order_by[0].descending);
  EXPECT_FALSE(with.order_by[1].descending);
  EXPECT_EQ(Show(with.skip), "1");
  EXPECT_EQ(Show(with.limit), "$lim");
  EXPECT_EQ(Show(with.where), "(y > 1)");
  const Projection& ret = clauses[3].projection;
  EXPECT_TRUE(ret.star);
  ASSERT_EQ(ret.items.size(), 1u);
  EXPECT_EQ(ret.items[0].alias, "z");
}

TEST(ParserClauses, CreateMergeSetRemoveDelete) {
  Query q = ParseQuery(
      "CREATE (a:A {x: 1})-[:T {w: 2}]->(b) "
      "MERGE (c:C {id: 1}) ON CREATE SET c.new = true ON MATCH SET c.seen = c.seen + 1, c:Seen "
      "ON CREATE SET c += {k: 1} "
      "SET a.x = 2, a = {y: 1}, a += $m, a:L1:L2, (b).name = 'x' "
      "REMOVE a.x, a:L1:L2 "
      "DETACH DELETE a, b DELETE c");
  const auto& clauses = q.parts[0].clauses;
  ASSERT_EQ(clauses.size(), 6u);
  EXPECT_EQ(clauses[0].kind, ClauseKind::kCreate);
  EXPECT_EQ(Show(clauses[0].pattern.parts[0].rels[0].properties), "{w: 2}");

  const Clause& merge = clauses[1];
  EXPECT_EQ(merge.kind, ClauseKind::kMerge);
  ASSERT_EQ(merge.on_create.size(), 2u);
  EXPECT_EQ(Show(merge.on_create[0].property), "c.new");
  EXPECT_EQ(merge.on_create[1].kind, SetItem::Kind::kMergeAll);
  ASSERT_EQ(merge.on_match.size(), 2u);
  EXPECT_EQ(Show(merge.on_match[0].value), "(c.seen + 1)");
  EXPECT_EQ(merge.on_match[1].kind, SetItem::Kind::kLabels);

  const auto& set = clauses[2].set_items;
  ASSERT_EQ(set.size(), 5u);
  EXPECT_EQ(set[0].kind, SetItem::Kind::kProperty);
  EXPECT_EQ(Show(set[0].property), "a.x");
  EXPECT_EQ(Show(set[0].value), "2");
  EXPECT_EQ(set[1].kind, SetItem::Kind::kReplaceAll);
  EXPECT_EQ(set[1].variable, "a");
  EXPECT_EQ(set[2].kind, SetItem::Kind::kMergeAll);
  EXPECT_EQ(Show(set[2].value), "$m");
  EXPECT_EQ(set[3].kind, SetItem::Kind::kLabels);
  EXPECT_EQ(set[3].labels, (std::vector<std::string>{"L1", "L2"}));
  EXPECT_EQ(Show(set[4].property), "b.name");

  const auto& remove = clauses[3].remove_items;
  ASSERT_EQ(remove.size(), 2u);
  EXPECT_EQ(remove[0].kind, RemoveItem::Kind::kProperty);
  EXPECT_EQ(Show(remove[0].property), "a.x");
  EXPECT_EQ(remove[1].kind, RemoveItem::Kind::kLabels);
  EXPECT_EQ(remove[1].variable, "a");

  EXPECT_TRUE(clauses[4].detach);
  EXPECT_EQ(ShowList(clauses[4].exprs), "a, b");
  EXPECT_FALSE(clauses[5].detach);
}

TEST(ParserClauses, Call) {
  Query bare_query = ParseQuery("CALL db.labels");
  const Clause& bare = OnlyClause(bare_query);
  EXPECT_EQ(bare.kind, ClauseKind::kCall);
  EXPECT_EQ(bare.procedure, "db.labels");
  EXPECT_FALSE(bare.call_has_arguments);

  Query q = ParseQuery("CALL test.my.proc('a', 1 + 2) YIELD city, code AS c WHERE c > 1 RETURN c");
  const Clause& call = OnlyClause(q);
  EXPECT_EQ(call.procedure, "test.my.proc");
  EXPECT_TRUE(call.call_has_arguments);
  EXPECT_EQ(ShowList(call.exprs), "'a', (1 + 2)");
  ASSERT_EQ(call.yields.size(), 2u);
  EXPECT_EQ(call.yields[0].field, "city");
  EXPECT_EQ(call.yields[0].alias, "");
  EXPECT_EQ(call.yields[1].alias, "c");
  EXPECT_EQ(Show(call.where), "(c > 1)");

  Query star_query = ParseQuery("CALL sutra.pagerank() YIELD *;");
  const Clause& star = OnlyClause(star_query);
  EXPECT_TRUE(star.yield_all);
  EXPECT_TRUE(star.call_has_arguments);
  EXPECT_TRUE(star.exprs.empty());
  // YIELD * only in a standalone call (TCK Call5 [7]).
  EXPECT_EQ(ErrorOf("CALL p() YIELD *\nRETURN x"), "UnexpectedSyntax@1:16");
}

TEST(ParserClauses, Union) {
  Query q = ParseQuery("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL MATCH (n) RETURN n.a AS a");
  ASSERT_EQ(q.parts.size(), 3u);
  EXPECT_EQ(q.union_all, (std::vector<bool>{false, true}));
  EXPECT_EQ(q.parts[2].clauses.size(), 2u);
}

TEST(ParserClauses, KeywordsAreCaseInsensitiveAndNamesMayBeQuoted) {
  Query q = ParseQuery(
      "match (`the node`:`Odd Label`) // a comment\n where /* inline */ `the node`.`weird key` "
      "starts with 'x' return `the node` as `a``b`");
  const Clause& match = q.parts[0].clauses[0];
  EXPECT_EQ(match.pattern.parts[0].nodes[0].variable, "the node");
  EXPECT_EQ(match.pattern.parts[0].nodes[0].labels[0], "Odd Label");
  EXPECT_EQ(Show(match.where), "(the node.weird key STARTS WITH 'x')");
  EXPECT_EQ(q.parts[0].clauses[1].projection.items[0].alias, "a`b");
  // Reserved words are fine as labels, types, keys and pattern variables.
  Query k = ParseQuery("MATCH (end:Order)-[:IN]->(x) RETURN x.count, x.order");
  EXPECT_EQ(k.parts[0].clauses[0].pattern.parts[0].nodes[0].variable, "end");
  EXPECT_EQ(k.parts[0].clauses[1].projection.items[1].text, "x.order");
}

TEST(ParserClauses, UnicodeNamesAndWhitespace) {
  Query q = ParseQuery("MATCH\u00A0(ñ:Ünïcode {नाम: 'x'})\r\nRETURN ñ.नाम AS résumé");
  const NodePattern& node = OnlyClause(q).pattern.parts[0].nodes[0];
  EXPECT_EQ(node.variable, "ñ");
  EXPECT_EQ(node.labels[0], "Ünïcode");
  EXPECT_EQ(Show(node.properties), "{नाम: 'x'}");
  EXPECT_EQ(q.parts[0].clauses[1].pos.line, 2);
  EXPECT_EQ(q.parts[0].clauses[1].projection.items[0].text, "ñ.नाम");
  EXPECT_EQ(q.parts[0].clauses[1].projection.items[0].alias, "résumé");
}

TEST(ParserClauses, ColumnTextIsTheExpressionAsWritten) {
  Query q = ParseQuery(
      "MATCH (n) RETURN n.name, count(*),  n.age   +  1 , (list[1]).missing, "
      "count( DISTINCT n ) AS c");
  const auto& items = q.parts[0].clauses[1].projection.items;
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].text, "n.name");
  EXPECT_EQ(items[1].text, "count(*)");
  EXPECT_EQ(items[2].text, "n.age   +  1");
  EXPECT_EQ(items[3].text, "(list[1]).missing");
  EXPECT_EQ(items[4].text, "count( DISTINCT n )");
  EXPECT_EQ(items[4].alias, "c");
  EXPECT_EQ(Show(items[4].expr), "count(DISTINCT n)");
}

// --- Expressions ---------------------------------------------------------------------------

TEST(ParserExpressions, Precedence) {
  EXPECT_EQ(ShowExpr("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(ShowExpr("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(ShowExpr("2 ^ 3 ^ 2"), "((2 ^ 3) ^ 2)");
  EXPECT_EQ(ShowExpr("-3 ^ 2"), "(-3 ^ 2)");
  EXPECT_EQ(ShowExpr("-x ^ 2"), "((-x) ^ 2)");
  EXPECT_EQ(ShowExpr("-(3 ^ 2)"), "(-(3 ^ 2))");
  EXPECT_EQ(ShowExpr("4 * 2 % 3 / 5"), "(((4 * 2) % 3) / 5)");
  EXPECT_EQ(ShowExpr("a OR b XOR c AND NOT d"), "(a OR (b XOR (c AND (NOT d))))");
  EXPECT_EQ(ShowExpr("NOT NOT a = b"), "(NOT (NOT (a = b)))");
  EXPECT_EQ(ShowExpr("a = b IS NULL"), "(a = (b IS NULL))");
  EXPECT_EQ(ShowExpr("x IN [1] = true"), "((x IN [1]) = true)");
  EXPECT_EQ(ShowExpr("a + 1 STARTS WITH b CONTAINS c"), "(((a + 1) STARTS WITH b) CONTAINS c)");
  EXPECT_EQ(ShowExpr("n.name =~ 'A.*' AND n.x ENDS WITH 'z'"),
            "((n.name =~ 'A.*') AND (n.x ENDS WITH 'z'))");
  EXPECT_EQ(ShowExpr("a IS NOT NULL OR b"), "((a IS NOT NULL) OR b)");
  EXPECT_EQ(ShowExpr("- - 1"), "(--1)");
  EXPECT_EQ(ShowExpr("+a.b[0]"), "(+a.b[0])");
  EXPECT_EQ(ShowExpr("n:A:B AND m.x:C"), "(n:A:B AND m.x:C)");
}

TEST(ParserExpressions, ChainedComparisonSharesTheMiddleOperand) {
  ExprPtr e = ParseExpression("a < b <= c");
  EXPECT_EQ(Show(e), "((a < b) AND (b <= c))");
  ASSERT_EQ(e->kind, ExprKind::kBinary);
  EXPECT_EQ(e->args[0]->args[1].get(), e->args[1]->args[0].get());
  EXPECT_EQ(ShowExpr("1 = 1 <> 2 > 0"), "(((1 = 1) AND (1 <> 2)) AND (2 > 0))");
}

TEST(ParserExpressions, IntegerLiterals) {
  auto value = [](std::string_view text) { return ParseExpression(text)->literal; };
  EXPECT_EQ(value("9223372036854775807"), Value(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(value("-9223372036854775808"), Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(value("0x162CD4F6"), Value(std::int64_t{0x162CD4F6}));
  EXPECT_EQ(value("-0x8000000000000000"), Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(value("0o2613152366"), Value(std::int64_t{372036854}));
  EXPECT_EQ(value("-0o1000000000000000000000"), Value(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(value("0"), Value(std::int64_t{0}));
  EXPECT_EQ(value("-0"), Value(std::int64_t{0}));
  EXPECT_EQ(ParseExpression("-5")->kind, ExprKind::kLiteral);
}

TEST(ParserExpressions, FloatLiterals) {
  auto value = [](std::string_view text) { return ParseExpression(text)->literal.as_float(); };
  EXPECT_DOUBLE_EQ(value("1.5"), 1.5);
  EXPECT_DOUBLE_EQ(value(".5"), 0.5);
  EXPECT_DOUBLE_EQ(value("1e9"), 1e9);
  EXPECT_DOUBLE_EQ(value("-.1E-5"), -.1e-5);
  EXPECT_DOUBLE_EQ(value("123456789e300"), 1.23456789e308);
  EXPECT_TRUE(std::signbit(value("-0.0")));
  EXPECT_EQ(value(".0000000000000000000000000000000000000000000000000000000000000000000000000"
                  "00000000000000000000000000000000000000000000000000000000000000000000000000"
                  "00000000000000000000000000000000000000000000000000000000000000000000000000"
                  "00000000000000000000000000000000000000000000000000000000000000000000000000"
                  "00000000000000000000000000000000000000000000000000000000000000000000000000"
                  "0000000001"),
            0.0);
}

TEST(ParserExpressions, StringLiteralsAndEscapes) {
  auto value = [](std::string_view text) { return ParseExpression(text)->literal.as_string(); };
  EXPECT_EQ(value(R"('a\\b\'c"d')"), "a\\b'c\"d");
  EXPECT_EQ(value(R"("x\"y'z")"), "x\"y'z");
  EXPECT_EQ(value(R"('\n\t\b\f\r')"), "\n\t\b\f\r");
  EXPECT_EQ(value(R"('\u01FF')"), "\u01FF");
  EXPECT_EQ(value(R"('\U0001F9D0')"), "\U0001F9D0");
  EXPECT_EQ(value(R"('\uD83E\uDDD0')"), "\U0001F9D0");  // a surrogate pair is one code point
  EXPECT_EQ(value("'multi\nline // not a comment'"), "multi\nline // not a comment");
  EXPECT_EQ(value("''"), "");
}

TEST(ParserExpressions, OtherLiteralsAndParameters) {
  EXPECT_EQ(ShowExpr("[1, 'a', true, false, null, [], {}]"), "[1, 'a', true, false, null, [], {}]");
  EXPECT_EQ(ShowExpr("{a: 1, `b c`: [2], `END`: {x: $p}}"), "{a: 1, b c: [2], END: {x: $p}}");
  EXPECT_EQ(ShowExpr("$0 + $name"), "($0 + $name)");
  EXPECT_EQ(ShowExpr("TRUE AND False OR NULL"), "((true AND false) OR null)");
}

TEST(ParserExpressions, CaseForms) {
  EXPECT_EQ(ShowExpr("CASE WHEN a > 1 THEN 'x' WHEN b THEN 'y' ELSE 'z' END"),
            "CASE WHEN (a > 1) THEN 'x' WHEN b THEN 'y' ELSE 'z' END");
  EXPECT_EQ(ShowExpr("case n.x when 1 then 2 end"), "CASE n.x WHEN 1 THEN 2 END");
}

TEST(ParserExpressions, FunctionsAndAggregates) {
  EXPECT_EQ(ShowExpr("count(*) + count(DISTINCT n.x)"), "(count(*) + count(DISTINCT n.x))");
  EXPECT_EQ(ShowExpr("sutra.pagerank(a, 2)"), "sutra.pagerank(a, 2)");
  EXPECT_EQ(ShowExpr("toUpper(trim(' a '))"), "toUpper(trim(' a '))");
  EXPECT_EQ(ShowExpr("rand()"), "rand()");
  EXPECT_EQ(ShowExpr("COUNT(x)"), "COUNT(x)");
}

TEST(ParserExpressions, ComprehensionsQuantifiersReduce) {
  EXPECT_EQ(ShowExpr("[x IN range(1, 5) WHERE x % 2 = 0 | x * x]"),
            "[x IN range(1, 5) WHERE ((x % 2) = 0) | (x * x)]");
  EXPECT_EQ(ShowExpr("[x IN l]"), "[x IN l WHERE _ | _]");
  EXPECT_EQ(ShowExpr("[x IN l | x.a]"), "[x IN l WHERE _ | x.a]");
  EXPECT_EQ(ShowExpr("all(x IN l WHERE x > 0)"), "all(x IN l WHERE (x > 0))");
  EXPECT_EQ(ShowExpr("none(x IN l WHERE x)"), "none(x IN l WHERE x)");
  EXPECT_EQ(ShowExpr("single(x IN l WHERE x)"), "single(x IN l WHERE x)");
  EXPECT_EQ(ShowExpr("any(x IN l WHERE x)"), "any(x IN l WHERE x)");
  EXPECT_EQ(ShowExpr("reduce(acc = 0, x IN [1, 2] | acc + x)"),
            "reduce(acc = 0, x IN [1, 2] | (acc + x))");
  EXPECT_EQ(ShowExpr("[p = (a)-->(b:B) WHERE b.x > 1 | p]"), "[p = <pattern> WHERE (b.x > 1) | p]");
  ExprPtr pc = ParseExpression("[(a)-[:T]->(b) | b.name]");
  ASSERT_EQ(pc->kind, ExprKind::kPatternComprehension);
  EXPECT_EQ(pc->pattern->parts[0].rels[0].types[0], "T");
  // A list whose first element is a comparison is not a pattern comprehension.
  EXPECT_EQ(ShowExpr("[x = (1), 2]"), "[(x = 1), 2]");
  EXPECT_EQ(ShowExpr("[(a)-[1][0]]"), "[(a - [1][0])]");
  // When neither reading works, the error is the one found furthest into the text.
  EXPECT_EQ(ErrorOf("RETURN [p = (a)-->(b) | p.x +]"), "UnexpectedSyntax@1:30");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE (a)-[:T*-2]->() RETURN a"), "InvalidRelationshipPattern@1:25");
}

TEST(ParserExpressions, IndexSliceAndPropertyChains) {
  EXPECT_EQ(ShowExpr("l[1]"), "l[1]");
  EXPECT_EQ(ShowExpr("l[1..2]"), "l[1..2]");
  EXPECT_EQ(ShowExpr("l[..2]"), "l[_..2]");
  EXPECT_EQ(ShowExpr("l[1..]"), "l[1.._]");
  EXPECT_EQ(ShowExpr("l[-2..-1]"), "l[-2..-1]");
  EXPECT_EQ(ShowExpr("[1, 2, 3][0]"), "[1, 2, 3][0]");
  EXPECT_EQ(ShowExpr("a.b.c[0].d"), "a.b.c[0].d");
  EXPECT_EQ(ShowExpr("{a: 1}.a"), "{a: 1}.a");
}

TEST(ParserExpressions, PatternPredicatesAndExists) {
  Query q = ParseQuery(
      "MATCH (n) WHERE (n)-[:T]->(:B {x: 1}) AND NOT (n)<--() OR exists((n)--()) RETURN n");
  EXPECT_EQ(Show(OnlyClause(q).where), "((<pattern> AND (NOT <pattern>)) OR exists(<pattern>))");
  const Expr& first = *OnlyClause(q).where->args[0]->args[0];
  ASSERT_EQ(first.kind, ExprKind::kPatternPredicate);
  EXPECT_EQ(first.pattern->parts[0].nodes[1].labels[0], "B");

  // A parenthesized expression is not a pattern: (a) - 1, (n:Label).
  EXPECT_EQ(ShowExpr("(a) - 1"), "(a - 1)");
  EXPECT_EQ(ShowExpr("(a)<-1"), "(a < -1)");
  EXPECT_EQ(ShowExpr("(n:L)"), "n:L");

  ExprPtr exists = ParseExpression("EXISTS { (n)-->(m) WHERE n.p = m.p }");
  EXPECT_EQ(Show(exists), "EXISTS {<pattern> WHERE (n.p = m.p)}");
  ExprPtr sub = ParseExpression("exists { MATCH (n)-->(m) WITH m WHERE m.x = 1 RETURN m }");
  ASSERT_TRUE(sub->subquery);
  EXPECT_EQ(sub->subquery->parts[0].clauses.size(), 3u);
  // A single node is a pattern in EXISTS (but not a pattern predicate).
  EXPECT_EQ(ParseExpression("exists { (n) }")->pattern->parts[0].nodes.size(), 1u);

  // TCK Pattern1 [22]-[24], List6 [6]: patterns are predicates only.
  EXPECT_EQ(ErrorOf("MATCH (n) RETURN (n)-[]->()"), "UnexpectedSyntax@1:18");
  EXPECT_EQ(ErrorOf("MATCH (n) WITH (n)-[]->() AS x RETURN x"), "UnexpectedSyntax@1:16");
  EXPECT_EQ(ErrorOf("MATCH (n) SET n.prop = head(nodes(head((n)-[:REL]->()))).foo"),
            "UnexpectedSyntax@1:40");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE size((a)-->()) > 0 RETURN a"), "UnexpectedSyntax@1:22");
  EXPECT_EQ(ErrorOf("MATCH (a) WHERE [x IN [1] WHERE (a)-->()] RETURN a"), "");
}

TEST(ParserExpressions, MapProjection) {
  ExprPtr e = ParseExpression("n {.name, .*, age: n.born + 1, m}");
  ASSERT_EQ(e->kind, ExprKind::kMapProjection);
  EXPECT_EQ(e->name, "n");
  ASSERT_EQ(e->map_items.size(), 4u);
  EXPECT_EQ(e->map_items[0].kind, MapProjectionItem::Kind::kProperty);
  EXPECT_EQ(e->map_items[0].key, "name");
  EXPECT_EQ(e->map_items[1].kind, MapProjectionItem::Kind::kAllProperties);
  EXPECT_EQ(e->map_items[2].kind, MapProjectionItem::Kind::kLiteralEntry);
  EXPECT_EQ(e->map_items[2].key, "age");
  EXPECT_EQ(Show(e->map_items[2].value), "(n.born + 1)");
  EXPECT_EQ(e->map_items[3].kind, MapProjectionItem::Kind::kVariable);
  EXPECT_EQ(e->map_items[3].key, "m");
}

TEST(ParserExpressions, Positions) {
  Query q = ParseQuery("MATCH (a)\n  WHERE a.x = 'é' AND   b\nRETURN a");
  const ExprPtr& where = OnlyClause(q).where;
  EXPECT_EQ(where->pos.line, 2);
  EXPECT_EQ(where->pos.column, 9);
  EXPECT_EQ(where->args[1]->pos.line, 2);
  EXPECT_EQ(where->args[1]->pos.column, 25);  // columns count code points, not bytes
  EXPECT_EQ(q.parts[0].clauses[1].pos.line, 3);
  EXPECT_EQ(q.parts[0].clauses[1].pos.column, 1);
}

// --- Errors --------------------------------------------------------------------------------

TEST(ParserErrors, KindsAndPositions) {
  EXPECT_EQ(ErrorOf("RETURN 9223372036854775808 AS literal"), "IntegerOverflow@1:8");
  EXPECT_EQ(ErrorOf("RETURN -9223372036854775809"), "IntegerOverflow@1:9");
  EXPECT_EQ(ErrorOf("RETURN 0x8000000000000000"), "IntegerOverflow@1:8");
  EXPECT_EQ(ErrorOf("RETURN 0o1000000000000000000000"), "IntegerOverflow@1:8");
  EXPECT_EQ(ErrorOf("RETURN 99999999999999999999999"), "IntegerOverflow@1:8");
  EXPECT_EQ(ErrorOf("RETURN 9223372h54775808 AS literal"), "InvalidNumberLiteral@1:8");
  EXPECT_EQ(ErrorOf("RETURN 0x AS literal"), "InvalidNumberLiteral@1:8");
  EXPECT_EQ(ErrorOf("RETURN 0x1A2b3j4D5E6f7"), "InvalidNumberLiteral@1:8");
  EXPECT_EQ(ErrorOf("RETURN 0123"), "InvalidNumberLiteral@1:8");
  EXPECT_EQ(ErrorOf("RETURN 9223372#54775808 AS literal"), "UnexpectedSyntax@1:15");
  EXPECT_EQ(ErrorOf("RETURN 1.34E999"), "FloatingPointOverflow@1:8");
  EXPECT_EQ(ErrorOf("RETURN '\\uH'"), "InvalidUnicodeLiteral@1:9");
  EXPECT_EQ(ErrorOf("RETURN '\\uD800x'"), "InvalidUnicodeLiteral@1:9");
  EXPECT_EQ(ErrorOf("RETURN '\\q'"), "UnexpectedSyntax@1:9");
  EXPECT_EQ(ErrorOf("RETURN 42 \u2014 41"), "InvalidUnicodeCharacter@1:11");
  EXPECT_EQ(ErrorOf("RETURN {1B2c3e67:1}"), "UnexpectedSyntax@1:9");
  EXPECT_EQ(ErrorOf("RETURN {k1.k: 1}"), "UnexpectedSyntax@1:11");
  EXPECT_EQ(ErrorOf("RETURN [, ]"), "UnexpectedSyntax@1:9");
  EXPECT_EQ(ErrorOf("RETURN [[[]] AS literal"), "UnexpectedSyntax@1:14");
  EXPECT_EQ(ErrorOf("RETURN {{}}"), "UnexpectedSyntax@1:9");
  EXPECT_EQ(ErrorOf("MATCH (a)\nMATCH (a)-[:LIKES..]->(c)\nRETURN c"),
            "InvalidRelationshipPattern@2:18");
  EXPECT_EQ(ErrorOf("MATCH (a)-[:LIKES*-2]->(c) RETURN c"), "InvalidRelationshipPattern@1:19");
  EXPECT_EQ(ErrorOf("RETURN 'unterminated"), "UnexpectedSyntax@1:8");
  EXPECT_EQ(ErrorOf("RETURN 1 /* open comment"), "UnexpectedSyntax@1:10");
  EXPECT_EQ(ErrorOf("MATCH (n RETURN n"), "UnexpectedSyntax@1:10");
  EXPECT_EQ(ErrorOf("MATCH (n) RETURN n,"), "UnexpectedSyntax@1:20");
  EXPECT_EQ(ErrorOf(""), "UnexpectedSyntax@1:1");
  EXPECT_EQ(ErrorOf("RETURN 1 RETURN"), "UnexpectedSyntax@1:16");
  EXPECT_EQ(ErrorOf("RETURN $"), "UnexpectedSyntax@1:8");
  EXPECT_EQ(ErrorOf("RETURN a.b IS 1"), "UnexpectedSyntax@1:15");
  EXPECT_EQ(ErrorOf("SET n.x"), "UnexpectedSyntax@1:8");
  EXPECT_EQ(ErrorOf("REMOVE n"), "UnexpectedSyntax@1:8");
  EXPECT_EQ(ErrorOf("RETURN CASE END"), "UnexpectedSyntax@1:13");
  EXPECT_EQ(ErrorOf("RETURN 1; RETURN 2"), "UnexpectedSyntax@1:11");
}

TEST(ParserErrors, ParseExpressionRejectsTrailingInput) {
  EXPECT_THROW(ParseExpression("1 2"), CypherError);
  EXPECT_THROW(ParseExpression(""), CypherError);
  EXPECT_THROW(ParseExpression("a RETURN b"), CypherError);
  EXPECT_EQ(ShowExpr("  $p  "), "$p");
}

TEST(ParserErrors, MessagesSayWhatWasExpected) {
  try {
    ParseQuery("MATCH (n RETURN n");
    FAIL() << "expected a syntax error";
  } catch (const CypherError& e) {
    EXPECT_NE(e.message().find("expected"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("'RETURN'"), std::string::npos) << e.message();
  }
}

TEST(ParserErrors, DeepNestingIsRejectedNotCrashing) {
  auto nested = [](int depth, const std::string& open, const std::string& close) {
    std::string s = "RETURN ";
    for (int i = 0; i < depth; ++i) s += open;
    s += "1";
    for (int i = 0; i < depth; ++i) s += close;
    return s;
  };
  EXPECT_EQ(ErrorOf(nested(200, "(", ")")), "");
  EXPECT_EQ(ErrorOf(nested(200, "[", "]")), "");
  EXPECT_EQ(ErrorOf(nested(20000, "(", ")")).rfind("UnexpectedSyntax@", 0), 0u);
  EXPECT_EQ(ErrorOf(nested(20000, "[", "]")).rfind("UnexpectedSyntax@", 0), 0u);
  EXPECT_EQ(ErrorOf(nested(20000, "{a:", "}")).rfind("UnexpectedSyntax@", 0), 0u);
  EXPECT_EQ(ErrorOf(nested(20000, "-", "")).rfind("UnexpectedSyntax@", 0), 0u);
  EXPECT_EQ(ErrorOf(nested(20000, "NOT ", "")).rfind("UnexpectedSyntax@", 0), 0u);
  EXPECT_EQ(ErrorOf(nested(20000, "exists { MATCH (n) WHERE ", " RETURN 1 }"))
                .rfind("UnexpectedSyntax@", 0),
            0u);
  EXPECT_EQ(ErrorOf(nested(20000, "f(", ")")).rfind("UnexpectedSyntax@", 0), 0u);
  std::string chain = "RETURN 1";
  for (int i = 0; i < 20000; ++i) chain += " + 1";
  EXPECT_EQ(ErrorOf(chain).rfind("UnexpectedSyntax@", 0), 0u);
  std::string pattern = "MATCH ";
  for (int i = 0; i < 20000; ++i) pattern += "(";
  EXPECT_EQ(ErrorOf(pattern).rfind("UnexpectedSyntax@", 0), 0u);
}

TEST(ParserErrors, TruncatedQueriesNeverCrash) {
  const std::string query =
      "MATCH p = (a:A {x: [1, 2.5e3, 'b\\u0041']})-[r:T|U*1..2 {w: $w}]->(b) "
      "WHERE all(x IN nodes(p) WHERE x.k STARTS WITH 'a') AND (a)-->(b) "
      "WITH a, b {.name, .*}, [y IN range(0, 3) | y ^ 2][1..] AS l, "
      "CASE WHEN a.x IS NULL THEN 0x1F ELSE -0o7 END AS c, reduce(s = 0, v IN l | s + v) AS s "
      "ORDER BY c DESC SKIP 1 LIMIT 2 UNWIND l AS z MERGE (m:M {id: z}) ON CREATE SET m += {a: 1} "
      "SET m:N, m.v = `odd name` REMOVE m.v DETACH DELETE m "
      "RETURN DISTINCT count(*), exists { (a)-[]-() WHERE a.x = 1 } AS e "
      "UNION ALL CALL db.labels() YIELD label AS name RETURN name";
  ASSERT_EQ(ErrorOf(query), "");
  for (std::size_t length = 0; length < query.size(); ++length) {
    std::string prefix = query.substr(0, length);
    try {
      ParseQuery(prefix);
    } catch (const CypherError& e) {
      EXPECT_EQ(e.type(), ErrorType::kSyntaxError) << prefix;
      EXPECT_GE(e.line(), 1) << prefix;
    }
  }
}

// --- The TCK corpus ------------------------------------------------------------------------

struct TckQuery {
  std::string where;           // file:line
  std::string text;            // the query
  std::string expected_error;  // detail of an expected compile-time SyntaxError, else empty
};

std::string Trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Cells of a Gherkin table row `| a | b\|c |` (with \| and \\ unescaped).
std::vector<std::string> TableCells(std::string_view row) {
  std::vector<std::string> cells;
  std::string cell;
  bool started = false;
  for (std::size_t i = 0; i < row.size(); ++i) {
    char c = row[i];
    if (c == '\\' && i + 1 < row.size() && (row[i + 1] == '|' || row[i + 1] == '\\')) {
      cell += row[++i];
    } else if (c == '\\' && i + 1 < row.size() && row[i + 1] == 'n') {
      cell += '\n';
      ++i;
    } else if (c == '|') {
      if (started) cells.push_back(Trim(cell));
      started = true;
      cell.clear();
    } else {
      cell += c;
    }
  }
  return cells;
}

std::string Substitute(std::string line, const std::map<std::string, std::string>& values) {
  for (const auto& [name, value] : values) {
    std::string placeholder = "<" + name + ">";
    for (std::size_t at = line.find(placeholder); at != std::string::npos;
         at = line.find(placeholder, at + value.size())) {
      line.replace(at, placeholder.size(), value);
    }
  }
  return line;
}

// Extracts the query blocks of one scenario (its step lines, after substitution).
void ExtractQueries(const std::vector<std::string>& steps, const std::string& file,
                    std::vector<TckQuery>& out) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string step = Trim(steps[i]);
    if (!StartsWith(step, "When executing query:") && !StartsWith(step, "And having executed:") &&
        !StartsWith(step, "When executing control query:")) {
      continue;
    }
    if (i + 1 >= steps.size() || Trim(steps[i + 1]) != "\"\"\"") continue;
    std::size_t indent = steps[i + 1].find('"');
    std::string text;
    std::size_t j = i + 2;
    for (; j < steps.size() && Trim(steps[j]) != "\"\"\""; ++j) {
      std::size_t strip = std::min(indent, steps[j].find_first_not_of(" \t"));
      if (strip == std::string::npos) strip = steps[j].size();
      text += steps[j].substr(std::min(strip, steps[j].size())) + "\n";
    }
    TckQuery query;
    query.where = file + ":" + std::to_string(i + 1);
    query.text = text;
    for (std::size_t k = j + 1; k < steps.size(); ++k) {
      std::string next = Trim(steps[k]);
      if (next.empty() || next[0] == '#') continue;
      const std::string marker = "Then a SyntaxError should be raised at compile time:";
      if (StartsWith(next, marker)) query.expected_error = Trim(next.substr(marker.size()));
      break;
    }
    out.push_back(std::move(query));
    i = j;
  }
}

// Every query of a .feature file, Scenario Outlines expanded with their Examples.
void ReadFeature(const std::filesystem::path& path, std::vector<TckQuery>& out) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string file = path.filename().string();
  std::size_t i = 0;
  while (i < lines.size()) {
    std::string head = Trim(lines[i]);
    if (!StartsWith(head, "Scenario") && !StartsWith(head, "Background")) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < lines.size() && !StartsWith(Trim(lines[end]), "Scenario")) ++end;
    std::vector<std::string> steps;
    std::vector<std::map<std::string, std::string>> examples;
    std::vector<std::string> header;
    bool in_examples = false;
    for (std::size_t k = i + 1; k < end; ++k) {
      std::string t = Trim(lines[k]);
      if (StartsWith(t, "Examples:")) {
        in_examples = true;
        header.clear();
        continue;
      }
      if (in_examples && StartsWith(t, "|")) {
        std::vector<std::string> cells = TableCells(t);
        if (header.empty()) {
          header = cells;
        } else {
          std::map<std::string, std::string> row;
          for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) {
            row[header[c]] = cells[c];
          }
          examples.push_back(std::move(row));
        }
        continue;
      }
      if (!in_examples) steps.push_back(lines[k]);
    }
    std::string where = file + ":" + std::to_string(i + 1);
    if (examples.empty()) {
      ExtractQueries(steps, where, out);
    } else {
      for (const auto& row : examples) {
        std::vector<std::string> expanded;
        for (const std::string& s : steps) expanded.push_back(Substitute(s, row));
        ExtractQueries(expanded, where, out);
      }
    }
    i = end;
  }
}

// Detail codes the TCK expects that are decided by the grammar alone (the rest are semantic:
// the binder's job).
const std::set<std::string> kSyntacticDetails = {
    "UnexpectedSyntax",          "InvalidNumberLiteral",    "IntegerOverflow",
    "InvalidUnicodeLiteral",     "InvalidUnicodeCharacter", "FloatingPointOverflow",
    "InvalidRelationshipPattern"};

TEST(ParserTck, EveryQueryParsesAsTheTckExpects) {
  const std::filesystem::path root = "/work/shared/datasets/opencypher-tck";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "no TCK at " << root;
  std::vector<TckQuery> queries;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".feature") ReadFeature(entry.path(), queries);
  }
  ASSERT_GT(queries.size(), 3000u);
  int parsed = 0, rejected = 0;
  for (const TckQuery& q : queries) {
    SCOPED_TRACE(q.where + "\n" + q.text);
    std::string error;
    try {
      ParseQuery(q.text);
    } catch (const CypherError& e) {
      error = e.detail();
      EXPECT_GE(e.line(), 1);
    }
    if (q.expected_error.empty()) {
      EXPECT_EQ(error, "") << "the TCK expects this query to compile";
      ++parsed;
    } else if (kSyntacticDetails.count(q.expected_error)) {
      EXPECT_EQ(error, q.expected_error);
      ++rejected;
    } else {
      // Semantic errors (UndefinedVariable, ...) are the binder's: the grammar accepts these.
      EXPECT_EQ(error, "") << "expected to parse; the binder raises " << q.expected_error;
    }
  }
  std::cout << "TCK queries: " << queries.size() << ", expected to parse: " << parsed
            << ", expected syntax errors: " << rejected << "\n";
  EXPECT_GT(parsed, 3000);
  EXPECT_GT(rejected, 20);
}

}  // namespace
}  // namespace sutra::cypher
