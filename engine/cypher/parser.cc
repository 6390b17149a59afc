// Recursive-descent parser for openCypher 9 over the tokens of lexer.h.
//
// Robustness: every recursive path goes through a DepthGuard (nesting of parentheses, lists,
// subqueries, patterns), and every expression node records its height so that a long operator
// chain (`1+1+...`) cannot build a tree deeper than kMaxExpressionHeight: the binder and the
// evaluator recurse over the tree, and must not overflow the stack on hostile input.
//
// Ambiguities resolved by lookahead (with backtracking only in rare cases):
// - `(` in an expression starts a pattern predicate when a node pattern followed by a
//   relationship arrow follows (`(a)-->(b)`), else a parenthesized expression (`(a) - 1`);
// - `[` starts a pattern comprehension (`[(a)-->(b) | b]`, `[p = (a)-->() | p]`), a list
//   comprehension (`[x IN list ...]`) or a list literal.
//
// This file holds the entry points (ParseQuery, ParseExpression) and the parsing of queries and
// clauses; patterns are in parser_patterns.cc, expressions in parser_expressions.cc, and the
// Parser class they share (token cursor, errors, nesting guard) in parser_internal.h.
#include "engine/cypher/parser.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/parser_internal.h"

namespace sutra::cypher {
namespace parser_internal {

Query Parser::ParseWholeQuery() {
  try {
    Query query = ParseQueryBody();
    Accept(TokenKind::kSemicolon);
    if (Peek().kind != TokenKind::kEnd) Fail(Peek(), "a clause, UNION, ';' or the end of input");
    return query;
  } catch (const CypherError& e) {
    throw FurthestError(e);
  }
}

ExprPtr Parser::ParseWholeExpression() {
  try {
    ExprPtr e = ParseTopExpression(/*boolean_root=*/true);
    if (Peek().kind != TokenKind::kEnd) Fail(Peek(), "an operator or the end of input");
    return e;
  } catch (const CypherError& e) {
    throw FurthestError(e);
  }
}

// --- Queries and clauses ---------------------------------------------------------------------

Query Parser::ParseQueryBody() {
  DepthGuard guard(*this, Peek());
  Query query;
  query.parts.push_back(ParseSingleQuery());
  while (AcceptKw(Keyword::kUnion)) {
    query.union_all.push_back(AcceptKw(Keyword::kAll));
    query.parts.push_back(ParseSingleQuery());
  }
  return query;
}

bool Parser::AtClauseStart() const {
  const Token& t = Peek();
  if (t.kind != TokenKind::kIdentifier) return false;
  switch (t.keyword) {
    case Keyword::kMatch:
    case Keyword::kOptional:
    case Keyword::kUnwind:
    case Keyword::kWith:
    case Keyword::kReturn:
    case Keyword::kCreate:
    case Keyword::kMerge:
    case Keyword::kSet:
    case Keyword::kRemove:
    case Keyword::kDelete:
    case Keyword::kDetach:
    case Keyword::kCall:
      return true;
    default:
      return false;
  }
}

// Clause order (RETURN last, reading before updating, ...) is the binder's concern
// (InvalidClauseComposition); the parser accepts any sequence of clauses.
SingleQuery Parser::ParseSingleQuery() {
  SingleQuery query;
  if (!AtClauseStart()) Fail(Peek(), "a clause (MATCH, RETURN, CREATE, ...)");
  while (AtClauseStart()) query.clauses.push_back(ParseClause(query.clauses.empty()));
  return query;
}

Clause Parser::ParseClause(bool first_in_query) {
  const Token& start = Peek();
  Clause clause;
  clause.pos = start.pos;
  switch (start.keyword) {
    case Keyword::kOptional:
      Advance();
      ExpectKw(Keyword::kMatch, "MATCH after OPTIONAL");
      clause.optional = true;
      ParseMatchBody(clause);
      break;
    case Keyword::kMatch:
      Advance();
      ParseMatchBody(clause);
      break;
    case Keyword::kUnwind:
      Advance();
      clause.kind = ClauseKind::kUnwind;
      clause.expr = ParseTopExpression(false);
      ExpectKw(Keyword::kAs, "AS after the UNWIND expression");
      clause.variable = ExpectName("a variable name after AS");
      break;
    case Keyword::kWith:
      Advance();
      clause.kind = ClauseKind::kWith;
      ParseProjection(clause.projection, /*is_with=*/true);
      break;
    case Keyword::kReturn:
      Advance();
      clause.kind = ClauseKind::kReturn;
      ParseProjection(clause.projection, /*is_with=*/false);
      break;
    case Keyword::kCreate:
      Advance();
      clause.kind = ClauseKind::kCreate;
      clause.pattern = ParsePattern();
      break;
    case Keyword::kMerge:
      Advance();
      ParseMergeBody(clause);
      break;
    case Keyword::kSet:
      Advance();
      clause.kind = ClauseKind::kSet;
      clause.set_items = ParseSetItems();
      break;
    case Keyword::kRemove:
      Advance();
      clause.kind = ClauseKind::kRemove;
      do {
        clause.remove_items.push_back(ParseRemoveItem());
      } while (Accept(TokenKind::kComma));
      break;
    case Keyword::kDetach:
      Advance();
      clause.detach = true;
      if (!IsKw(Keyword::kDelete)) Fail(Peek(), "DELETE after DETACH");
      [[fallthrough]];
    case Keyword::kDelete:
      Advance();
      clause.kind = ClauseKind::kDelete;
      do {
        clause.exprs.push_back(ParseTopExpression(false));
      } while (Accept(TokenKind::kComma));
      break;
    case Keyword::kCall:
      Advance();
      ParseCallBody(clause, first_in_query);
      break;
    default:
      Fail(start, "a clause");
  }
  return clause;
}

void Parser::ParseMatchBody(Clause& clause) {
  clause.kind = ClauseKind::kMatch;
  clause.pattern = ParsePattern();
  if (AcceptKw(Keyword::kWhere)) clause.where = ParseTopExpression(true);
}

void Parser::ParseMergeBody(Clause& clause) {
  clause.kind = ClauseKind::kMerge;
  clause.pattern.parts.push_back(ParsePatternPart());
  while (IsKw(Keyword::kOn)) {
    Advance();
    bool on_create = IsKw(Keyword::kCreate);
    if (!on_create && !IsKw(Keyword::kMatch)) Fail(Peek(), "CREATE or MATCH after ON");
    Advance();
    ExpectKw(Keyword::kSet, "SET");
    std::vector<SetItem> items = ParseSetItems();
    auto& target = on_create ? clause.on_create : clause.on_match;
    for (SetItem& item : items) target.push_back(std::move(item));
  }
}

void Parser::ParseCallBody(Clause& clause, bool first_in_query) {
  clause.kind = ClauseKind::kCall;
  clause.procedure = ExpectName("a procedure name after CALL");
  while (Is(TokenKind::kDot) && IsName(1)) {
    Advance();
    clause.procedure += '.';
    clause.procedure += NameOf(Advance());
  }
  if (Accept(TokenKind::kLParen)) {
    clause.call_has_arguments = true;
    if (!Is(TokenKind::kRParen)) {
      do {
        clause.exprs.push_back(ParseTopExpression(false));
      } while (Accept(TokenKind::kComma));
    }
    Expect(TokenKind::kRParen, "',' or ')' after a procedure argument");
  }
  if (!AcceptKw(Keyword::kYield)) return;
  if (Is(TokenKind::kStar)) {
    const Token& star = Advance();
    // YIELD * belongs to a standalone CALL only: nothing may come before or after it.
    bool standalone = first_in_query && (Is(TokenKind::kEnd) || Is(TokenKind::kSemicolon));
    if (!standalone) {
      FailAt(star.pos, "UnexpectedSyntax",
             "YIELD * is only allowed in a standalone procedure call; name the fields");
    }
    clause.yield_all = true;
    return;
  }
  do {
    YieldItem item;
    item.field = ExpectName("a procedure output field after YIELD");
    if (AcceptKw(Keyword::kAs)) item.alias = ExpectName("a variable name after AS");
    clause.yields.push_back(std::move(item));
  } while (Accept(TokenKind::kComma));
  if (AcceptKw(Keyword::kWhere)) clause.where = ParseTopExpression(true);
}

void Parser::ParseProjection(Projection& projection, bool is_with) {
  projection.distinct = AcceptKw(Keyword::kDistinct);
  bool need_item = true;
  if (Accept(TokenKind::kStar)) {
    projection.star = true;
    need_item = Accept(TokenKind::kComma);
  }
  if (need_item) {
    do {
      projection.items.push_back(ParseProjectionItem());
    } while (Accept(TokenKind::kComma));
  }
  if (AcceptKw(Keyword::kOrder)) {
    ExpectKw(Keyword::kBy, "BY after ORDER");
    do {
      SortItem item;
      item.expr = ParseTopExpression(false);
      if (AcceptKw(Keyword::kDesc) || AcceptKw(Keyword::kDescending)) {
        item.descending = true;
      } else if (!AcceptKw(Keyword::kAsc)) {
        AcceptKw(Keyword::kAscending);
      }
      projection.order_by.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
  }
  if (AcceptKw(Keyword::kSkip)) projection.skip = ParseTopExpression(false);
  if (AcceptKw(Keyword::kLimit)) projection.limit = ParseTopExpression(false);
  if (is_with && AcceptKw(Keyword::kWhere)) projection.where = ParseTopExpression(true);
}

ProjectionItem Parser::ParseProjectionItem() {
  ProjectionItem item;
  const Token& first = Peek();
  std::uint32_t begin = first.begin;
  item.expr = ParseTopExpression(false);
  std::uint32_t end = Previous().end;
  item.text = std::string(text_.substr(begin, end - begin));
  if (AcceptKw(Keyword::kAs)) item.alias = ExpectName("an alias name after AS");
  return item;
}

std::vector<SetItem> Parser::ParseSetItems() {
  std::vector<SetItem> items;
  do {
    items.push_back(ParseSetItem());
  } while (Accept(TokenKind::kComma));
  return items;
}

SetItem Parser::ParseSetItem() {
  const Token& start = Peek();
  ExprPtr target = ParsePostfix(/*allow_label_check=*/false);
  SetItem item;
  if (Is(TokenKind::kColon)) {
    if (target->kind != ExprKind::kVariable) Fail(Peek(), "'=' or '+=' after a property");
    item.kind = SetItem::Kind::kLabels;
    item.variable = target->name;
    item.labels = ParseLabels();
    return item;
  }
  if (Accept(TokenKind::kEqual)) {
    if (target->kind == ExprKind::kProperty) {
      item.kind = SetItem::Kind::kProperty;
      item.property = std::move(target);
    } else if (target->kind == ExprKind::kVariable) {
      item.kind = SetItem::Kind::kReplaceAll;
      item.variable = target->name;
    } else {
      FailAt(start.pos, "UnexpectedSyntax",
             "expected a property (n.key) or a variable before '=' in SET");
    }
    item.value = ParseTopExpression(false);
    return item;
  }
  if (Is(TokenKind::kPlusEqual)) {
    if (target->kind != ExprKind::kVariable) {
      FailAt(start.pos, "UnexpectedSyntax", "expected a variable before '+=' in SET");
    }
    Advance();
    item.kind = SetItem::Kind::kMergeAll;
    item.variable = target->name;
    item.value = ParseTopExpression(false);
    return item;
  }
  Fail(Peek(), "'=', '+=' or a label in SET");
}

RemoveItem Parser::ParseRemoveItem() {
  const Token& start = Peek();
  ExprPtr target = ParsePostfix(/*allow_label_check=*/false);
  RemoveItem item;
  if (Is(TokenKind::kColon) && target->kind == ExprKind::kVariable) {
    item.kind = RemoveItem::Kind::kLabels;
    item.variable = target->name;
    item.labels = ParseLabels();
    return item;
  }
  if (target->kind != ExprKind::kProperty) {
    FailAt(start.pos, "UnexpectedSyntax",
           "expected a property (n.key) or labels (n:Label) in REMOVE");
  }
  item.kind = RemoveItem::Kind::kProperty;
  item.property = std::move(target);
  return item;
}

// `:A:B` (at least one label).
std::vector<std::string> Parser::ParseLabels() {
  std::vector<std::string> labels;
  while (Accept(TokenKind::kColon)) labels.push_back(ExpectName("a label name after ':'"));
  return labels;
}

}  // namespace parser_internal

Query ParseQuery(std::string_view text) { return parser_internal::Parser(text).ParseWholeQuery(); }

ExprPtr ParseExpression(std::string_view text) {
  return parser_internal::Parser(text).ParseWholeExpression();
}

}  // namespace sutra::cypher
