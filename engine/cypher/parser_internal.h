// Private to the parser: the Parser class shared by parser.cc (queries and clauses),
// parser_patterns.cc (node, relationship and path patterns) and parser_expressions.cc
// (expressions, precedence, literals). Holds the token cursor, error reporting (with the
// furthest-error rule for abandoned speculative readings), the nesting guard, and the
// height-tracked expression nodes that keep hostile input from overflowing the stack of the
// binder and evaluator (see parser.cc).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/cypher/ast.h"
#include "engine/cypher/errors.h"
#include "engine/cypher/lexer.h"

namespace sutra::cypher::parser_internal {

constexpr int kMaxNesting = 500;
constexpr int kMaxExpressionHeight = 1000;

// An Expr as the parser allocates it: with the height of its tree, computed once when built.
// Every node reachable from a tree this parser returns is a ParsedExpr.
struct ParsedExpr : Expr {
  int height = 1;
};
using ParsedPtr = std::shared_ptr<ParsedExpr>;

inline int HeightOf(const ExprPtr& e) { return e ? static_cast<const ParsedExpr&>(*e).height : 0; }

inline int PatternHeight(const Pattern& pattern) {
  int h = 0;
  for (const PatternPart& part : pattern.parts) {
    for (const NodePattern& n : part.nodes) h = std::max(h, HeightOf(n.properties));
    for (const RelPattern& r : part.rels) h = std::max(h, HeightOf(r.properties));
  }
  return h;
}

inline int SetItemsHeight(const std::vector<SetItem>& items) {
  int h = 0;
  for (const SetItem& s : items) h = std::max({h, HeightOf(s.property), HeightOf(s.value)});
  return h;
}

// The height of the expressions directly inside a subquery (their own heights are stored).
inline int QueryHeight(const Query& query) {
  int h = 0;
  for (const SingleQuery& part : query.parts) {
    for (const Clause& c : part.clauses) {
      h = std::max({h, PatternHeight(c.pattern), HeightOf(c.where), HeightOf(c.expr),
                    SetItemsHeight(c.set_items), SetItemsHeight(c.on_create),
                    SetItemsHeight(c.on_match)});
      const Projection& p = c.projection;
      h = std::max({h, HeightOf(p.skip), HeightOf(p.limit), HeightOf(p.where)});
      for (const ProjectionItem& item : p.items) h = std::max(h, HeightOf(item.expr));
      for (const SortItem& item : p.order_by) h = std::max(h, HeightOf(item.expr));
      for (const RemoveItem& item : c.remove_items) h = std::max(h, HeightOf(item.property));
      for (const ExprPtr& e : c.exprs) h = std::max(h, HeightOf(e));
    }
  }
  return h;
}

class Parser {
 public:
  explicit Parser(std::string_view text)
      : text_(text), lexed_(Tokenize(text)), tokens_(lexed_.tokens) {}

  Query ParseWholeQuery();
  ExprPtr ParseWholeExpression();

 private:
  const std::string& ValueOf(const Token& t) const { return lexed_.values[t.value]; }

  // --- Token access --------------------------------------------------------------------------

  const Token& Peek(std::size_t ahead = 0) const {
    std::size_t i = at_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  const Token& Advance() {
    const Token& t = tokens_[at_];
    if (at_ + 1 < tokens_.size()) ++at_;
    return t;
  }
  const Token& Previous() const { return tokens_[at_ > 0 ? at_ - 1 : 0]; }

  bool Is(TokenKind kind, std::size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool IsKw(Keyword kw, std::size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kIdentifier && t.keyword == kw;
  }
  bool Accept(TokenKind kind) {
    if (!Is(kind)) return false;
    Advance();
    return true;
  }
  bool AcceptKw(Keyword kw) {
    if (!IsKw(kw)) return false;
    Advance();
    return true;
  }
  const Token& Expect(TokenKind kind, const char* what) {
    if (!Is(kind)) Fail(Peek(), what);
    return Advance();
  }
  void ExpectKw(Keyword kw, const char* what) {
    if (!IsKw(kw)) Fail(Peek(), what);
    Advance();
  }

  // Any name: identifier (keywords included) or `quoted`. Used where the grammar allows
  // reserved words (labels, types, property keys, aliases, pattern variables).
  bool IsName(std::size_t ahead = 0) const {
    TokenKind k = Peek(ahead).kind;
    return k == TokenKind::kIdentifier || k == TokenKind::kQuotedIdentifier;
  }
  std::string NameOf(const Token& t) const {
    if (t.kind == TokenKind::kQuotedIdentifier) return ValueOf(t);
    return std::string(text_.substr(t.begin, t.end - t.begin));
  }
  std::string ExpectName(const char* what) {
    if (!IsName()) Fail(Peek(), what);
    return NameOf(Advance());
  }

  // A name usable as a variable inside an expression: not a reserved word.
  bool IsVariableName(std::size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == TokenKind::kQuotedIdentifier ||
           (t.kind == TokenKind::kIdentifier && !IsReservedKeyword(t.keyword));
  }

  // --- Errors ----------------------------------------------------------------------------------

  [[noreturn]] void FailAt(const SourcePos& pos, const char* detail, std::string message) const {
    ThrowSyntax(detail, std::move(message), pos.line, pos.column);
  }

  // The token is not what the grammar allows here. A lexical error token reports its own
  // error; a malformed number stands where a number cannot, so it is plain unexpected syntax.
  [[noreturn]] void Fail(const Token& t, const std::string& expected) const {
    if (t.kind == TokenKind::kError) {
      FailAt(t.pos, lexed_.values[t.value + 1].c_str(), lexed_.values[t.value]);
    }
    FailAt(t.pos, "UnexpectedSyntax",
           "expected " + expected + " but found " + DescribeToken(t, text_));
  }

  // A speculative reading (a pattern where an expression could also stand) failed and another
  // reading was taken. Its error is kept: if the query fails anyway, and earlier in the text
  // than where the abandoned reading got, that reading was the intended one and its error is
  // the useful one: `WHERE (a)-[:T*-2]->()` reports the bad range, not the `:`.
  void Abandon(const CypherError& error) {
    if (!abandoned_ || IsFurther(error, *abandoned_)) abandoned_ = error;
  }

  static bool IsFurther(const CypherError& a, const CypherError& b) {
    return a.line() != b.line() ? a.line() > b.line() : a.column() > b.column();
  }

  const CypherError& FurthestError(const CypherError& error) const {
    return abandoned_ && IsFurther(*abandoned_, error) ? *abandoned_ : error;
  }

  class DepthGuard {
   public:
    DepthGuard(Parser& parser, const Token& at) : parser_(parser) {
      if (parser_.depth_ >= kMaxNesting) {
        parser_.FailAt(at.pos, "UnexpectedSyntax", "the query is nested too deeply");
      }
      ++parser_.depth_;
    }
    ~DepthGuard() { --parser_.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Parser& parser_;
  };

  // --- Expression nodes -------------------------------------------------------------------------

  static ParsedPtr NewExpr(ExprKind kind, const SourcePos& pos) {
    auto e = std::make_shared<ParsedExpr>();
    e->kind = kind;
    e->pos = pos;
    return e;
  }

  // Computes the height of a finished node and enforces the height limit.
  ExprPtr Seal(ParsedPtr e) const {
    int h = std::max({HeightOf(e->else_expr), HeightOf(e->where), HeightOf(e->projection)});
    for (const ExprPtr& a : e->args) h = std::max(h, HeightOf(a));
    for (const auto& [when, then] : e->whens) h = std::max({h, HeightOf(when), HeightOf(then)});
    for (const MapProjectionItem& item : e->map_items) h = std::max(h, HeightOf(item.value));
    if (e->pattern) h = std::max(h, PatternHeight(*e->pattern));
    if (e->subquery) h = std::max(h, QueryHeight(*e->subquery));
    e->height = h + 1;
    if (e->height > kMaxExpressionHeight) {
      FailAt(e->pos, "UnexpectedSyntax", "the expression is nested too deeply");
    }
    return e;
  }

  ExprPtr Binary(BinaryOp op, ExprPtr left, ExprPtr right) const {
    ParsedPtr e = NewExpr(ExprKind::kBinary, left->pos);
    e->binary_op = op;
    e->args = {std::move(left), std::move(right)};
    return Seal(std::move(e));
  }

  ExprPtr Literal(Value value, const SourcePos& pos) const {
    ParsedPtr e = NewExpr(ExprKind::kLiteral, pos);
    e->literal = std::move(value);
    return Seal(std::move(e));
  }

  // --- Queries and clauses (parser.cc) ---------------------------------------------------

  Query ParseQueryBody();
  bool AtClauseStart() const;
  SingleQuery ParseSingleQuery();
  Clause ParseClause(bool first_in_query);
  void ParseMatchBody(Clause& clause);
  void ParseMergeBody(Clause& clause);
  void ParseCallBody(Clause& clause, bool first_in_query);
  void ParseProjection(Projection& projection, bool is_with);
  ProjectionItem ParseProjectionItem();
  std::vector<SetItem> ParseSetItems();
  SetItem ParseSetItem();
  RemoveItem ParseRemoveItem();
  std::vector<std::string> ParseLabels();

  // --- Patterns (parser_patterns.cc) -------------------------------------------------------

  Pattern ParsePattern();
  PatternPart ParsePatternPart();
  void ParsePatternElement(PatternPart& part);
  NodePattern ParseNodePattern();
  ExprPtr ParseProperties();
  RelPattern ParseRelPattern();
  [[noreturn]] void FailRelationship(const Token& t, const std::string& expected) const;
  void ParseRelDetail(RelPattern& rel);
  std::int64_t ParseHopBound();
  bool LooksLikeRelationshipsPattern(std::size_t i) const;
  std::shared_ptr<const Pattern> ParseRelationshipsPattern();
  ExprPtr ParseTopExpression(bool boolean_root);
  void CheckPatternPredicates(const Expr& e, bool boolean_position,
                              std::unordered_set<const Expr*>& visited) const;
  ExprPtr ParsePatternComprehension();
  ExprPtr ParseExistsSubquery();

  // --- Expressions, precedence, literals (parser_expressions.cc) ---------------------------

  ExprPtr ParseExpression();
  ExprPtr ParseOr();
  ExprPtr ParseXor();
  ExprPtr ParseAnd();
  ExprPtr ParseNot();
  bool AcceptComparisonOp(BinaryOp& op);
  ExprPtr ParseComparison();
  ExprPtr ParsePredicates();
  ExprPtr ParseAdditive();
  ExprPtr ParseMultiplicative();
  ExprPtr ParsePower();
  ExprPtr ParseUnary();
  ExprPtr ParsePostfix(bool allow_label_check);
  ExprPtr ParsePostfixFrom(ExprPtr e, bool allow_label_check);
  ExprPtr ParseIndexOrSlice(ExprPtr subject);
  ExprPtr ParseAtom();
  ExprPtr ParseParameter();
  ExprPtr NumberLiteral(const Token& t, bool negate, const SourcePos& pos);
  std::int64_t ParseIntegerToken(const Token& t, bool negate) const;
  double ParseFloatToken(const Token& t, bool negate) const;
  static bool FloatLiteralOverflows(std::string_view s);
  ExprPtr ParseParenthesized();
  ExprPtr ParseParenthesizedExpression();
  ExprPtr ParseBracket();
  ExprPtr ParseListOrComprehension();
  ExprPtr ParseListComprehension();
  ExprPtr ParseMapLiteral();
  ExprPtr ParseNameAtom();
  bool IsFunctionCallAhead() const;
  ExprPtr ParseFunctionCall();
  ExprPtr ParseCase();
  ExprPtr ParseQuantifier();
  ExprPtr ParseReduce();
  ExprPtr ParseMapProjection(ParsedPtr var);

  std::string_view text_;
  Tokens lexed_;
  const std::vector<Token>& tokens_;
  std::size_t at_ = 0;
  int depth_ = 0;
  int pattern_predicates_ = 0;
  std::optional<CypherError> abandoned_;
};

}  // namespace sutra::cypher::parser_internal
