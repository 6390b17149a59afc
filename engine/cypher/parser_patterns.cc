// Parsing of patterns: node patterns, relationship patterns with their detail
// (`[r:T1|T2*1..3 {k: v}]`), path variables and shortestPath (MATCH, CREATE, MERGE), and
// patterns standing inside expressions: the lookahead that tells a relationship pattern from
// a parenthesized expression, pattern comprehensions, EXISTS subqueries, and the rule that a
// bare pattern predicate may only stand where a boolean is expected (ParseTopExpression).
// The Parser class is declared in parser_internal.h.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/parser_internal.h"

namespace sutra::cypher::parser_internal {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

// --- Patterns --------------------------------------------------------------------------------

Pattern Parser::ParsePattern() {
  Pattern pattern;
  do {
    pattern.parts.push_back(ParsePatternPart());
  } while (Accept(TokenKind::kComma));
  return pattern;
}

PatternPart Parser::ParsePatternPart() {
  PatternPart part;
  part.pos = Peek().pos;
  if (IsName() && Is(TokenKind::kEqual, 1)) {
    part.path_variable = NameOf(Advance());
    Advance();
  }
  const Token& t = Peek();
  if (t.kind == TokenKind::kIdentifier && Is(TokenKind::kLParen, 1) &&
      (t.keyword == Keyword::kShortestPath || t.keyword == Keyword::kAllShortestPaths)) {
    part.kind = t.keyword == Keyword::kShortestPath ? PatternPart::Kind::kShortestPath
                                                    : PatternPart::Kind::kAllShortestPaths;
    Advance();
    Advance();
    ParsePatternElement(part);
    Expect(TokenKind::kRParen, "')' closing the shortest path");
    return part;
  }
  ParsePatternElement(part);
  return part;
}

// node (relationship node)*, or the same in parentheses.
void Parser::ParsePatternElement(PatternPart& part) {
  DepthGuard guard(*this, Peek());
  if (Is(TokenKind::kLParen) && Is(TokenKind::kLParen, 1)) {
    Advance();
    ParsePatternElement(part);
    Expect(TokenKind::kRParen, "')' closing the parenthesized pattern");
    return;
  }
  part.nodes.push_back(ParseNodePattern());
  while (Is(TokenKind::kMinus) || Is(TokenKind::kLess)) {
    part.rels.push_back(ParseRelPattern());
    part.nodes.push_back(ParseNodePattern());
  }
}

NodePattern Parser::ParseNodePattern() {
  NodePattern node;
  node.pos = Expect(TokenKind::kLParen, "'(' starting a node pattern").pos;
  if (IsName()) node.variable = NameOf(Advance());
  if (Is(TokenKind::kColon)) node.labels = ParseLabels();
  if (Is(TokenKind::kLBrace) || Is(TokenKind::kParameter)) node.properties = ParseProperties();
  Expect(TokenKind::kRParen, "a label, a property map or ')' in the node pattern");
  return node;
}

ExprPtr Parser::ParseProperties() {
  if (Is(TokenKind::kParameter)) return ParseParameter();
  return ParseMapLiteral();
}

RelPattern Parser::ParseRelPattern() {
  RelPattern rel;
  rel.pos = Peek().pos;
  bool left = Accept(TokenKind::kLess);
  Expect(TokenKind::kMinus, "'-' in the relationship pattern");
  if (Accept(TokenKind::kLBracket)) ParseRelDetail(rel);
  Expect(TokenKind::kMinus, "'-' closing the relationship pattern");
  bool right = Accept(TokenKind::kGreater);
  rel.direction =
      left == right ? RelDirection::kBoth : (left ? RelDirection::kLeft : RelDirection::kRight);
  return rel;
}

[[noreturn]] void Parser::FailRelationship(const Token& t, const std::string& expected) const {
  if (t.kind == TokenKind::kError) Fail(t, expected);
  FailAt(t.pos, "InvalidRelationshipPattern",
         "expected " + expected + " but found " + DescribeToken(t, text_));
}

// Inside `[...]`: [variable] [:T1|T2] [*range] [properties] `]`.
void Parser::ParseRelDetail(RelPattern& rel) {
  if (IsName()) rel.variable = NameOf(Advance());
  if (Accept(TokenKind::kColon)) {
    rel.types.push_back(ExpectName("a relationship type after ':'"));
    while (Accept(TokenKind::kPipe)) {
      Accept(TokenKind::kColon);
      rel.types.push_back(ExpectName("a relationship type after '|'"));
    }
  }
  if (Accept(TokenKind::kStar)) {
    rel.variable_length = true;
    if (Is(TokenKind::kInteger)) rel.min_hops = ParseHopBound();
    if (Accept(TokenKind::kDotDot)) {
      if (Is(TokenKind::kInteger)) rel.max_hops = ParseHopBound();
    } else {
      rel.max_hops = rel.min_hops;
    }
    const Token& t = Peek();
    if (t.kind == TokenKind::kMinus || t.kind == TokenKind::kDotDot ||
        t.kind == TokenKind::kInteger || t.kind == TokenKind::kFloat ||
        t.kind == TokenKind::kInvalidNumber) {
      FailRelationship(t, "a non-negative integer range such as *2, *1..3, *..3 or *2..");
    }
  }
  if (Is(TokenKind::kLBrace) || Is(TokenKind::kParameter)) rel.properties = ParseProperties();
  const Token& t = Peek();
  if (t.kind == TokenKind::kDotDot || t.kind == TokenKind::kInteger || t.kind == TokenKind::kStar ||
      t.kind == TokenKind::kMinus) {
    FailRelationship(t, "']' (a length range must start with '*' and come before properties)");
  }
  Expect(TokenKind::kRBracket, "a type, a length range, properties or ']'");
}

std::int64_t Parser::ParseHopBound() {
  const Token& t = Advance();
  return ParseIntegerToken(t, /*negate=*/false);
}

// Lookahead (no consumption): does a node pattern followed by the start of a relationship
// pattern begin at token `i`? `(a)-->`, `(a:L {k: 1})<-[`, `()--(` ...
bool Parser::LooksLikeRelationshipsPattern(std::size_t i) const {
  if (!Is(TokenKind::kLParen, i)) return false;
  ++i;
  if (IsName(i)) ++i;
  while (Is(TokenKind::kColon, i) && IsName(i + 1)) i += 2;
  if (Is(TokenKind::kParameter, i)) {
    ++i;
  } else if (Is(TokenKind::kLBrace, i)) {
    int depth = 0;
    for (;; ++i) {
      TokenKind k = Peek(i).kind;
      if (k == TokenKind::kEnd || k == TokenKind::kError) return false;
      if (k == TokenKind::kLBrace) ++depth;
      if (k == TokenKind::kRBrace && --depth == 0) break;
    }
    ++i;
  }
  if (!Is(TokenKind::kRParen, i)) return false;
  ++i;
  if (Is(TokenKind::kLess, i)) ++i;
  if (!Is(TokenKind::kMinus, i)) return false;
  ++i;
  if (Is(TokenKind::kLBracket, i)) return true;
  if (!Is(TokenKind::kMinus, i)) return false;
  ++i;
  if (Is(TokenKind::kGreater, i)) ++i;
  return Is(TokenKind::kLParen, i);
}

// A pattern of one part with at least one relationship, used as an expression.
std::shared_ptr<const Pattern> Parser::ParseRelationshipsPattern() {
  auto pattern = std::make_shared<Pattern>();
  PatternPart part;
  part.pos = Peek().pos;
  ParsePatternElement(part);
  if (part.rels.empty()) Fail(Peek(), "a relationship pattern such as -->()");
  pattern->parts.push_back(std::move(part));
  return pattern;
}

// --- Patterns in expressions -------------------------------------------------------------

// An expression that stands alone in a clause (not inside another expression). Pattern
// predicates are only allowed where a boolean is expected: the root of a WHERE
// (`boolean_root`) and operands of NOT/AND/OR/XOR under it; elsewhere (RETURN, SET, function
// arguments such as size()) the TCK requires UnexpectedSyntax.
ExprPtr Parser::ParseTopExpression(bool boolean_root) {
  int patterns_before = pattern_predicates_;
  ExprPtr e = ParseExpression();
  if (pattern_predicates_ != patterns_before) {
    std::unordered_set<const Expr*> visited;
    CheckPatternPredicates(*e, boolean_root, visited);
  }
  return e;
}

void Parser::CheckPatternPredicates(const Expr& e, bool boolean_position,
                                    std::unordered_set<const Expr*>& visited) const {
  if (!visited.insert(&e).second) return;  // shared operand of a chained comparison
  bool children_boolean = false;
  switch (e.kind) {
    case ExprKind::kPatternPredicate:
      if (!boolean_position) {
        FailAt(e.pos, "UnexpectedSyntax",
               "a pattern can only be used as a predicate (in WHERE, or under NOT, AND, OR, "
               "XOR); use a pattern comprehension or EXISTS { } instead");
      }
      break;
    case ExprKind::kUnary:
      children_boolean = e.unary_op == UnaryOp::kNot;
      break;
    case ExprKind::kBinary:
      children_boolean = e.binary_op == BinaryOp::kAnd || e.binary_op == BinaryOp::kOr ||
                         e.binary_op == BinaryOp::kXor;
      break;
    case ExprKind::kFunction:
      children_boolean = EqualsIgnoreCase(e.name, "exists");
      break;
    default:
      break;
  }
  for (const ExprPtr& a : e.args) {
    if (a) CheckPatternPredicates(*a, children_boolean, visited);
  }
  for (const auto& [when, then] : e.whens) {
    CheckPatternPredicates(*when, e.args.empty(), visited);
    CheckPatternPredicates(*then, false, visited);
  }
  if (e.else_expr) CheckPatternPredicates(*e.else_expr, false, visited);
  if (e.where) CheckPatternPredicates(*e.where, true, visited);
  if (e.projection) CheckPatternPredicates(*e.projection, false, visited);
  for (const MapProjectionItem& item : e.map_items) {
    if (item.value) CheckPatternPredicates(*item.value, false, visited);
  }
  if (e.pattern) {
    for (const PatternPart& part : e.pattern->parts) {
      for (const NodePattern& n : part.nodes) {
        if (n.properties) CheckPatternPredicates(*n.properties, false, visited);
      }
      for (const RelPattern& r : part.rels) {
        if (r.properties) CheckPatternPredicates(*r.properties, false, visited);
      }
    }
  }
}

ExprPtr Parser::ParsePatternComprehension() {
  const Token& open = Advance();  // [
  ParsedPtr e = NewExpr(ExprKind::kPatternComprehension, open.pos);
  if (IsName() && Is(TokenKind::kEqual, 1)) {
    e->path_name = NameOf(Advance());
    Advance();
  }
  e->pattern = ParseRelationshipsPattern();
  if (AcceptKw(Keyword::kWhere)) e->where = ParseExpression();
  Expect(TokenKind::kPipe, "WHERE or '|' in the pattern comprehension");
  e->projection = ParseExpression();
  Expect(TokenKind::kRBracket, "']' closing the pattern comprehension");
  return Seal(std::move(e));
}

// EXISTS { pattern [WHERE ...] } or EXISTS { full query }.
ExprPtr Parser::ParseExistsSubquery() {
  const Token& start = Advance();  // EXISTS
  DepthGuard guard(*this, start);
  Advance();  // {
  ParsedPtr e = NewExpr(ExprKind::kExists, start.pos);
  if (AtClauseStart()) {
    e->subquery = std::make_shared<Query>(ParseQueryBody());
  } else {
    e->pattern = std::make_shared<Pattern>(ParsePattern());
    if (AcceptKw(Keyword::kWhere)) e->where = ParseExpression();
  }
  Expect(TokenKind::kRBrace, "'}' closing EXISTS");
  return Seal(std::move(e));
}

}  // namespace sutra::cypher::parser_internal
