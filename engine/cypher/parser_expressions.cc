// Parsing of expressions: the operator precedence ladder (OR, XOR, AND, NOT, comparisons,
// string/list/null predicates, + -, * / %, ^, unary, postfix), atoms (literals, parameters,
// lists, maps, comprehensions, CASE, quantifiers, reduce, EXISTS, function calls, map
// projections) and number literals.
// The Parser class is declared in parser_internal.h.
#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/parser_internal.h"

namespace sutra::cypher::parser_internal {

ExprPtr Parser::ParseExpression() {
  DepthGuard guard(*this, Peek());
  return ParseOr();
}

ExprPtr Parser::ParseOr() {
  ExprPtr left = ParseXor();
  while (AcceptKw(Keyword::kOr)) left = Binary(BinaryOp::kOr, left, ParseXor());
  return left;
}

ExprPtr Parser::ParseXor() {
  ExprPtr left = ParseAnd();
  while (AcceptKw(Keyword::kXor)) left = Binary(BinaryOp::kXor, left, ParseAnd());
  return left;
}

ExprPtr Parser::ParseAnd() {
  ExprPtr left = ParseNot();
  while (AcceptKw(Keyword::kAnd)) left = Binary(BinaryOp::kAnd, left, ParseNot());
  return left;
}

ExprPtr Parser::ParseNot() {
  std::vector<SourcePos> nots;
  while (IsKw(Keyword::kNot)) nots.push_back(Advance().pos);
  ExprPtr e = ParseComparison();
  for (auto it = nots.rbegin(); it != nots.rend(); ++it) {
    ParsedPtr n = NewExpr(ExprKind::kUnary, *it);
    n->unary_op = UnaryOp::kNot;
    n->args = {std::move(e)};
    e = Seal(std::move(n));
  }
  return e;
}

bool Parser::AcceptComparisonOp(BinaryOp& op) {
  switch (Peek().kind) {
    case TokenKind::kEqual:
      op = BinaryOp::kEqual;
      break;
    case TokenKind::kNotEqual:
      op = BinaryOp::kNotEqual;
      break;
    case TokenKind::kLess:
      op = BinaryOp::kLess;
      break;
    case TokenKind::kLessEqual:
      op = BinaryOp::kLessEqual;
      break;
    case TokenKind::kGreater:
      op = BinaryOp::kGreater;
      break;
    case TokenKind::kGreaterEqual:
      op = BinaryOp::kGreaterEqual;
      break;
    default:
      return false;
  }
  Advance();
  return true;
}

// `a < b < c` is `a < b AND b < c`, with `b` shared (evaluated as one sub-tree).
ExprPtr Parser::ParseComparison() {
  ExprPtr left = ParsePredicates();
  BinaryOp op;
  ExprPtr result;
  while (AcceptComparisonOp(op)) {
    ExprPtr right = ParsePredicates();
    ExprPtr comparison = Binary(op, left, right);
    result = result ? Binary(BinaryOp::kAnd, result, comparison) : comparison;
    left = right;
  }
  return result ? result : left;
}

// String, list and null predicates: STARTS WITH, ENDS WITH, CONTAINS, IN, =~, IS [NOT] NULL.
ExprPtr Parser::ParsePredicates() {
  ExprPtr left = ParseAdditive();
  while (true) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kRegexMatch) {
      Advance();
      left = Binary(BinaryOp::kRegexMatch, left, ParseAdditive());
    } else if (t.kind != TokenKind::kIdentifier) {
      return left;
    } else if (t.keyword == Keyword::kStarts || t.keyword == Keyword::kEnds) {
      BinaryOp op = t.keyword == Keyword::kStarts ? BinaryOp::kStartsWith : BinaryOp::kEndsWith;
      Advance();
      ExpectKw(Keyword::kWith,
               op == BinaryOp::kStartsWith ? "WITH after STARTS" : "WITH after ENDS");
      left = Binary(op, left, ParseAdditive());
    } else if (t.keyword == Keyword::kContains) {
      Advance();
      left = Binary(BinaryOp::kContains, left, ParseAdditive());
    } else if (t.keyword == Keyword::kIn) {
      Advance();
      left = Binary(BinaryOp::kIn, left, ParseAdditive());
    } else if (t.keyword == Keyword::kIs) {
      Advance();
      bool negated = AcceptKw(Keyword::kNot);
      ExpectKw(Keyword::kNull, negated ? "NULL after IS NOT" : "NULL or NOT after IS");
      ParsedPtr e = NewExpr(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, left->pos);
      e->args = {std::move(left)};
      left = Seal(std::move(e));
    } else {
      return left;
    }
  }
}

ExprPtr Parser::ParseAdditive() {
  ExprPtr left = ParseMultiplicative();
  while (true) {
    if (Accept(TokenKind::kPlus)) {
      left = Binary(BinaryOp::kAdd, left, ParseMultiplicative());
    } else if (Accept(TokenKind::kMinus)) {
      left = Binary(BinaryOp::kSubtract, left, ParseMultiplicative());
    } else {
      return left;
    }
  }
}

ExprPtr Parser::ParseMultiplicative() {
  ExprPtr left = ParsePower();
  while (true) {
    BinaryOp op;
    if (Is(TokenKind::kStar)) {
      op = BinaryOp::kMultiply;
    } else if (Is(TokenKind::kSlash)) {
      op = BinaryOp::kDivide;
    } else if (Is(TokenKind::kPercent)) {
      op = BinaryOp::kModulo;
    } else {
      return left;
    }
    Advance();
    left = Binary(op, left, ParsePower());
  }
}

// `^` is left-associative and binds looser than unary minus: -3 ^ 2 = 9.0.
ExprPtr Parser::ParsePower() {
  ExprPtr left = ParseUnary();
  while (Accept(TokenKind::kCaret)) left = Binary(BinaryOp::kPower, left, ParseUnary());
  return left;
}

// Prefix + and -. A minus directly before a number literal is folded into the literal, so
// that -9223372036854775808 (whose magnitude alone overflows) is a valid integer.
ExprPtr Parser::ParseUnary() {
  std::vector<const Token*> ops;
  while (Is(TokenKind::kMinus) || Is(TokenKind::kPlus)) ops.push_back(&Advance());
  ExprPtr e;
  if (!ops.empty() && ops.back()->kind == TokenKind::kMinus &&
      (Is(TokenKind::kInteger) || Is(TokenKind::kFloat))) {
    SourcePos pos = ops.back()->pos;
    ops.pop_back();
    e = ParsePostfixFrom(NumberLiteral(Advance(), /*negate=*/true, pos), true);
  } else {
    e = ParsePostfix(/*allow_label_check=*/true);
  }
  for (auto it = ops.rbegin(); it != ops.rend(); ++it) {
    ParsedPtr n = NewExpr(ExprKind::kUnary, (*it)->pos);
    n->unary_op = (*it)->kind == TokenKind::kMinus ? UnaryOp::kNegate : UnaryOp::kPlus;
    n->args = {std::move(e)};
    e = Seal(std::move(n));
  }
  return e;
}

ExprPtr Parser::ParsePostfix(bool allow_label_check) {
  return ParsePostfixFrom(ParseAtom(), allow_label_check);
}

// Property lookups `.key`, indexes `[i]`, slices `[a..b]`, then an optional label check.
ExprPtr Parser::ParsePostfixFrom(ExprPtr e, bool allow_label_check) {
  while (true) {
    if (Is(TokenKind::kDot)) {
      Advance();
      ParsedPtr p = NewExpr(ExprKind::kProperty, e->pos);
      p->name = ExpectName("a property name after '.'");
      p->args = {std::move(e)};
      e = Seal(std::move(p));
    } else if (Is(TokenKind::kLBracket)) {
      e = ParseIndexOrSlice(std::move(e));
    } else {
      break;
    }
  }
  if (allow_label_check && Is(TokenKind::kColon)) {
    ParsedPtr check = NewExpr(ExprKind::kLabelCheck, e->pos);
    check->labels = ParseLabels();
    check->args = {std::move(e)};
    e = Seal(std::move(check));
  }
  return e;
}

ExprPtr Parser::ParseIndexOrSlice(ExprPtr subject) {
  DepthGuard guard(*this, Peek());
  Advance();  // [
  ExprPtr from;
  if (!Is(TokenKind::kDotDot)) from = ParseExpression();
  if (Accept(TokenKind::kDotDot)) {
    ParsedPtr slice = NewExpr(ExprKind::kSlice, subject->pos);
    ExprPtr to;
    if (!Is(TokenKind::kRBracket)) to = ParseExpression();
    Expect(TokenKind::kRBracket, "']' closing the slice");
    slice->args = {std::move(subject), std::move(from), std::move(to)};
    return Seal(std::move(slice));
  }
  Expect(TokenKind::kRBracket, "'..' or ']' in the index");
  ParsedPtr index = NewExpr(ExprKind::kIndex, subject->pos);
  index->args = {std::move(subject), std::move(from)};
  return Seal(std::move(index));
}

// --- Atoms -----------------------------------------------------------------------------------

ExprPtr Parser::ParseAtom() {
  const Token& t = Peek();
  switch (t.kind) {
    case TokenKind::kInteger:
    case TokenKind::kFloat:
      Advance();
      return NumberLiteral(t, /*negate=*/false, t.pos);
    case TokenKind::kInvalidNumber:
      FailAt(t.pos, "InvalidNumberLiteral",
             "invalid number literal " + DescribeToken(t, text_) +
                 " (expected a decimal, 0x hexadecimal or 0o octal number)");
    case TokenKind::kString:
      Advance();
      return Literal(Value(ValueOf(t)), t.pos);
    case TokenKind::kParameter:
      return ParseParameter();
    case TokenKind::kLBracket:
      return ParseBracket();
    case TokenKind::kLBrace:
      return ParseMapLiteral();
    case TokenKind::kLParen:
      return ParseParenthesized();
    case TokenKind::kIdentifier:
    case TokenKind::kQuotedIdentifier:
      return ParseNameAtom();
    default:
      Fail(t, "an expression");
  }
}

ExprPtr Parser::ParseParameter() {
  const Token& t = Expect(TokenKind::kParameter, "a parameter");
  ParsedPtr e = NewExpr(ExprKind::kParameter, t.pos);
  e->name = ValueOf(t);
  return Seal(std::move(e));
}

ExprPtr Parser::NumberLiteral(const Token& t, bool negate, const SourcePos& pos) {
  if (t.kind == TokenKind::kInteger) return Literal(Value(ParseIntegerToken(t, negate)), pos);
  return Literal(Value(ParseFloatToken(t, negate)), pos);
}

std::int64_t Parser::ParseIntegerToken(const Token& t, bool negate) const {
  std::string_view s = text_.substr(t.begin, t.end - t.begin);
  unsigned base = 10;
  std::size_t i = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    i = 2;
  } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O')) {
    base = 8;
    i = 2;
  }
  constexpr std::uint64_t kMagnitudeLimit = std::uint64_t{1} << 63;  // |INT64_MIN|
  std::uint64_t magnitude = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    unsigned digit = c >= '0' && c <= '9'   ? static_cast<unsigned>(c - '0')
                     : c >= 'a' && c <= 'f' ? static_cast<unsigned>(c - 'a' + 10)
                                            : static_cast<unsigned>(c - 'A' + 10);
    if (magnitude > (kMagnitudeLimit - digit) / base) {
      overflow = true;
      break;
    }
    magnitude = magnitude * base + digit;
  }
  if (overflow || magnitude > (negate ? kMagnitudeLimit : kMagnitudeLimit - 1)) {
    FailAt(t.pos, "IntegerOverflow",
           "integer literal " + std::string(negate ? "-" : "") + std::string(s) +
               " is outside the 64-bit integer range");
  }
  if (!negate) return static_cast<std::int64_t>(magnitude);
  if (magnitude == kMagnitudeLimit) return std::numeric_limits<std::int64_t>::min();
  return -static_cast<std::int64_t>(magnitude);
}

double Parser::ParseFloatToken(const Token& t, bool negate) const {
  std::string_view s = text_.substr(t.begin, t.end - t.begin);
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) {
    if (FloatLiteralOverflows(s)) {
      FailAt(t.pos, "FloatingPointOverflow",
             "float literal " + std::string(s) + " is too large for a 64-bit float");
    }
    value = 0.0;  // underflow: closer to zero than the smallest float
  } else if (ec != std::errc() || ptr != s.data() + s.size()) {
    FailAt(t.pos, "InvalidNumberLiteral", "invalid float literal " + std::string(s));
  }
  return negate ? -value : value;
}

// For an out-of-range float literal: too large (true) or too small (false)? Estimates the
// decimal exponent of the first significant digit.
bool Parser::FloatLiteralOverflows(std::string_view s) {
  long exponent = 0;
  std::size_t e = s.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::size_t i = e + 1;
    bool negative = i < s.size() && s[i] == '-';
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    for (; i < s.size() && exponent < 100000; ++i) exponent = exponent * 10 + (s[i] - '0');
    if (negative) exponent = -exponent;
  }
  std::string_view mantissa = s.substr(0, e);
  std::size_t point = mantissa.find('.');
  if (point == std::string_view::npos) point = mantissa.size();
  std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return false;
  long position =
      first < point ? static_cast<long>(point - first) - 1 : -static_cast<long>(first - point);
  return position + exponent > 0;
}

// `(` starts a pattern predicate or a parenthesized expression.
ExprPtr Parser::ParseParenthesized() {
  const Token& open = Peek();
  if (!LooksLikeRelationshipsPattern(0)) return ParseParenthesizedExpression();
  std::size_t mark = at_;
  try {
    auto pattern = ParseRelationshipsPattern();
    ParsedPtr e = NewExpr(ExprKind::kPatternPredicate, open.pos);
    e->pattern = std::move(pattern);
    ++pattern_predicates_;
    return Seal(std::move(e));
  } catch (const CypherError& pattern_error) {
    Abandon(pattern_error);
    at_ = mark;  // not a pattern after all, as in `(a) - [1]`: read an expression
    return ParseParenthesizedExpression();
  }
}

ExprPtr Parser::ParseParenthesizedExpression() {
  DepthGuard guard(*this, Peek());
  Advance();  // (
  ExprPtr inner = ParseExpression();
  Expect(TokenKind::kRParen, "')' or an operator");
  return inner;
}

// `[` starts a list literal, a list comprehension or a pattern comprehension.
ExprPtr Parser::ParseBracket() {
  DepthGuard guard(*this, Peek());
  bool named_pattern = IsName(1) && Is(TokenKind::kEqual, 2) && Is(TokenKind::kLParen, 3);
  if (!named_pattern && !LooksLikeRelationshipsPattern(1)) return ParseListOrComprehension();
  std::size_t mark = at_;
  try {
    return ParsePatternComprehension();
  } catch (const CypherError& pattern_error) {
    Abandon(pattern_error);
    at_ = mark;  // `[x = (1), 2]` is a list of comparisons
    return ParseListOrComprehension();
  }
}

ExprPtr Parser::ParseListOrComprehension() {
  if (IsVariableName(1) && IsKw(Keyword::kIn, 2)) return ParseListComprehension();
  const Token& open = Advance();  // [
  ParsedPtr list = NewExpr(ExprKind::kList, open.pos);
  if (!Is(TokenKind::kRBracket)) {
    do {
      list->args.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBracket, "',' or ']' in the list");
  return Seal(std::move(list));
}

ExprPtr Parser::ParseListComprehension() {
  const Token& open = Advance();  // [
  ParsedPtr e = NewExpr(ExprKind::kListComprehension, open.pos);
  e->name = NameOf(Advance());
  Advance();  // IN
  e->args = {ParseExpression()};
  if (AcceptKw(Keyword::kWhere)) e->where = ParseExpression();
  if (Accept(TokenKind::kPipe)) e->projection = ParseExpression();
  Expect(TokenKind::kRBracket, "WHERE, '|' or ']' in the list comprehension");
  return Seal(std::move(e));
}

ExprPtr Parser::ParseMapLiteral() {
  const Token& open = Expect(TokenKind::kLBrace, "'{' starting a map");
  DepthGuard guard(*this, open);
  ParsedPtr map = NewExpr(ExprKind::kMap, open.pos);
  if (!Is(TokenKind::kRBrace)) {
    do {
      map->keys.push_back(ExpectName("a property key in the map"));
      Expect(TokenKind::kColon, "':' after the map key");
      map->args.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBrace, "',' or '}' in the map");
  return Seal(std::move(map));
}

// Identifiers in expression position: literals (true/false/null), CASE, EXISTS, quantifiers,
// reduce, count(*), function calls, variables and map projections.
ExprPtr Parser::ParseNameAtom() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kIdentifier) {
    switch (t.keyword) {
      case Keyword::kTrue:
        Advance();
        return Literal(Value(true), t.pos);
      case Keyword::kFalse:
        Advance();
        return Literal(Value(false), t.pos);
      case Keyword::kNull:
        Advance();
        return Literal(Value(), t.pos);
      case Keyword::kCase:
        return ParseCase();
      case Keyword::kExists:
        if (Is(TokenKind::kLBrace, 1)) return ParseExistsSubquery();
        break;
      case Keyword::kAll:
      case Keyword::kAny:
      case Keyword::kNone_:
      case Keyword::kSingle:
        if (Is(TokenKind::kLParen, 1) && IsVariableName(2) && IsKw(Keyword::kIn, 3)) {
          return ParseQuantifier();
        }
        break;
      case Keyword::kReduce:
        if (Is(TokenKind::kLParen, 1) && IsName(2) && Is(TokenKind::kEqual, 3)) {
          return ParseReduce();
        }
        break;
      case Keyword::kCount:
        if (Is(TokenKind::kLParen, 1) && Is(TokenKind::kStar, 2)) {
          Advance();
          Advance();
          Advance();
          Expect(TokenKind::kRParen, "')' after count(*");
          return Seal(NewExpr(ExprKind::kCountStar, t.pos));
        }
        break;
      default:
        break;
    }
  }
  if (IsFunctionCallAhead()) return ParseFunctionCall();
  if (!IsVariableName()) Fail(t, "an expression");
  Advance();
  ParsedPtr var = NewExpr(ExprKind::kVariable, t.pos);
  var->name = NameOf(t);
  if (Is(TokenKind::kLBrace)) return ParseMapProjection(std::move(var));
  return Seal(std::move(var));
}

// name(.name)* '(' ahead?
bool Parser::IsFunctionCallAhead() const {
  std::size_t i = 0;
  if (!IsName(i)) return false;
  ++i;
  while (Is(TokenKind::kDot, i) && IsName(i + 1)) i += 2;
  return Is(TokenKind::kLParen, i);
}

ExprPtr Parser::ParseFunctionCall() {
  const Token& first = Peek();
  DepthGuard guard(*this, first);
  ParsedPtr call = NewExpr(ExprKind::kFunction, first.pos);
  call->name = NameOf(Advance());
  while (Accept(TokenKind::kDot)) {
    call->name += '.';
    call->name += NameOf(Advance());
  }
  Advance();  // (
  call->distinct = AcceptKw(Keyword::kDistinct);
  if (!Is(TokenKind::kRParen)) {
    do {
      call->args.push_back(ParseExpression());
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRParen, "',' or ')' after a function argument");
  return Seal(std::move(call));
}

ExprPtr Parser::ParseCase() {
  const Token& start = Advance();  // CASE
  DepthGuard guard(*this, start);
  ParsedPtr e = NewExpr(ExprKind::kCase, start.pos);
  if (!IsKw(Keyword::kWhen)) e->args = {ParseExpression()};
  if (!IsKw(Keyword::kWhen)) Fail(Peek(), "WHEN in CASE");
  while (AcceptKw(Keyword::kWhen)) {
    ExprPtr when = ParseExpression();
    ExpectKw(Keyword::kThen, "THEN after the WHEN condition");
    e->whens.emplace_back(std::move(when), ParseExpression());
  }
  if (AcceptKw(Keyword::kElse)) e->else_expr = ParseExpression();
  ExpectKw(Keyword::kEnd, "WHEN, ELSE or END in CASE");
  return Seal(std::move(e));
}

ExprPtr Parser::ParseQuantifier() {
  const Token& start = Advance();
  DepthGuard guard(*this, start);
  ParsedPtr e = NewExpr(ExprKind::kQuantifier, start.pos);
  switch (start.keyword) {
    case Keyword::kAll:
      e->quantifier = Quantifier::kAll;
      break;
    case Keyword::kAny:
      e->quantifier = Quantifier::kAny;
      break;
    case Keyword::kNone_:
      e->quantifier = Quantifier::kNone;
      break;
    default:
      e->quantifier = Quantifier::kSingle;
      break;
  }
  Advance();  // (
  e->name = NameOf(Advance());
  Advance();  // IN
  e->args = {ParseExpression()};
  if (AcceptKw(Keyword::kWhere)) e->where = ParseExpression();
  Expect(TokenKind::kRParen, "WHERE or ')' in the quantifier");
  return Seal(std::move(e));
}

// reduce(accumulator = init, x IN list | expression)
ExprPtr Parser::ParseReduce() {
  const Token& start = Advance();
  DepthGuard guard(*this, start);
  ParsedPtr e = NewExpr(ExprKind::kReduce, start.pos);
  Advance();  // (
  std::string accumulator = NameOf(Advance());
  Advance();  // =
  ExprPtr init = ParseExpression();
  Expect(TokenKind::kComma, "',' after the reduce initial value");
  if (!IsVariableName() || !IsKw(Keyword::kIn, 1)) Fail(Peek(), "'variable IN list' in reduce");
  e->name = NameOf(Advance());
  Advance();  // IN
  ExprPtr list = ParseExpression();
  Expect(TokenKind::kPipe, "'|' in reduce");
  e->projection = ParseExpression();
  Expect(TokenKind::kRParen, "')' closing reduce");
  // The accumulator's name travels in keys[0] (the AST has one name field, used by the
  // element variable, as in the other comprehensions).
  e->keys = {std::move(accumulator)};
  e->args = {std::move(list), std::move(init)};
  return Seal(std::move(e));
}

// var { .key, key: expr, .*, other }
ExprPtr Parser::ParseMapProjection(ParsedPtr var) {
  const Token& open = Advance();  // {
  DepthGuard guard(*this, open);
  ParsedPtr e = NewExpr(ExprKind::kMapProjection, var->pos);
  e->name = var->name;
  if (!Is(TokenKind::kRBrace)) {
    do {
      MapProjectionItem item;
      if (Accept(TokenKind::kDot)) {
        if (Accept(TokenKind::kStar)) {
          item.kind = MapProjectionItem::Kind::kAllProperties;
        } else {
          item.kind = MapProjectionItem::Kind::kProperty;
          item.key = ExpectName("a property name or '*' after '.'");
        }
      } else if (IsName() && Is(TokenKind::kColon, 1)) {
        item.kind = MapProjectionItem::Kind::kLiteralEntry;
        item.key = NameOf(Advance());
        Advance();
        item.value = ParseExpression();
      } else if (IsVariableName()) {
        item.kind = MapProjectionItem::Kind::kVariable;
        item.key = NameOf(Advance());
      } else {
        Fail(Peek(), "'.key', '.*', 'key: value' or a variable in the map projection");
      }
      e->map_items.push_back(std::move(item));
    } while (Accept(TokenKind::kComma));
  }
  Expect(TokenKind::kRBrace, "',' or '}' in the map projection");
  return Seal(std::move(e));
}

}  // namespace sutra::cypher::parser_internal
