// GCC 12 reports a false -Wmaybe-uninitialized inside std::function as std::regex's compiler
// instantiates it (with sanitizers and -O1); the diagnostic is located in <functional>, so it
// must be silenced before that header is first included.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

// Operators of the expression evaluator: three-valued boolean logic, arithmetic with overflow
// checks, string concatenation and predicates, regular expressions, IN, list indexing and
// slicing. Comparisons and equality are value_ops.h's. Declared in evaluate_internal.h.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/cypher/errors.h"
#include "engine/cypher/evaluate.h"
#include "engine/cypher/evaluate_internal.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher::evaluate_internal {

// --- Three-valued logic -------------------------------------------------------------------

Truth ToTruth(const Value& value, std::string_view op) {
  if (value.is_bool()) return value.as_bool() ? Truth::kTrue : Truth::kFalse;
  if (value.is_null()) return Truth::kNull;
  TypeMismatch(op, value);
}

namespace {

Value FromTruth(Truth t) {
  if (t == Truth::kNull) return Value();
  return Value(t == Truth::kTrue);
}

// --- Arithmetic ---------------------------------------------------------------------------

[[noreturn]] void Overflow(std::string_view op) {
  ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange",
               "integer overflow in " + std::string(op));
}

// The text a number takes when concatenated to a string ('a' + 1.5 = 'a1.5'): toString's.
std::string NumberText(const Value& number) {
  const std::array<Value, 1> args{number};
  static const EvalEnv kNoGraph;
  return CallScalarFunction("toString", args, kNoGraph).as_string();
}

Value Add(const Value& l, const Value& r) {
  if (l.is_null() || r.is_null()) return Value();
  if (l.is_int() && r.is_int()) {
    std::int64_t out;
    if (__builtin_add_overflow(l.as_int(), r.as_int(), &out)) Overflow("+");
    return Value(out);
  }
  if (l.is_number() && r.is_number()) return Value(l.as_number() + r.as_number());
  if (l.is_string() && r.is_string()) return Value(l.as_string() + r.as_string());
  if (l.is_string() && r.is_number()) return Value(l.as_string() + NumberText(r));
  if (l.is_number() && r.is_string()) return Value(NumberText(l) + r.as_string());
  if (l.is_list() && r.is_list()) {
    List out;
    out.reserve(l.as_list().size() + r.as_list().size());
    out.insert(out.end(), l.as_list().begin(), l.as_list().end());
    out.insert(out.end(), r.as_list().begin(), r.as_list().end());
    return Value(std::move(out));
  }
  if (l.is_list()) {
    List out;
    out.reserve(l.as_list().size() + 1);
    out = l.as_list();
    out.push_back(r);
    return Value(std::move(out));
  }
  if (r.is_list()) {
    List out;
    out.reserve(r.as_list().size() + 1);
    out.push_back(l);
    out.insert(out.end(), r.as_list().begin(), r.as_list().end());
    return Value(std::move(out));
  }
  TypeMismatch("+", l.is_number() || l.is_string() ? r : l);
}

Value Arithmetic(BinaryOp op, const Value& l, const Value& r) {
  if (l.is_null() || r.is_null()) return Value();
  const char* name = op == BinaryOp::kSubtract   ? "-"
                     : op == BinaryOp::kMultiply ? "*"
                     : op == BinaryOp::kDivide   ? "/"
                     : op == BinaryOp::kModulo   ? "%"
                                                 : "^";
  if (!l.is_number()) TypeMismatch(name, l);
  if (!r.is_number()) TypeMismatch(name, r);
  if (op == BinaryOp::kPower) return Value(std::pow(l.as_number(), r.as_number()));
  if (l.is_int() && r.is_int()) {
    const std::int64_t a = l.as_int();
    const std::int64_t b = r.as_int();
    std::int64_t out = 0;
    switch (op) {
      case BinaryOp::kSubtract:
        if (__builtin_sub_overflow(a, b, &out)) Overflow(name);
        return Value(out);
      case BinaryOp::kMultiply:
        if (__builtin_mul_overflow(a, b, &out)) Overflow(name);
        return Value(out);
      case BinaryOp::kDivide:
      case BinaryOp::kModulo:
        if (b == 0) {
          ThrowRuntime(ErrorType::kArgumentError, "DivisionByZero",
                       std::string("integer ") + name + " by zero");
        }
        if (b == -1) {  // INT64_MIN / -1 overflows; x % -1 is always 0
          if (op == BinaryOp::kModulo) return Value(std::int64_t{0});
          if (a == std::numeric_limits<std::int64_t>::min()) Overflow(name);
          return Value(-a);
        }
        // C++ truncates toward zero and gives the remainder the dividend's sign, as Cypher does.
        return Value(op == BinaryOp::kDivide ? a / b : a % b);
      default:
        break;
    }
  }
  const double a = l.as_number();
  const double b = r.as_number();
  switch (op) {
    case BinaryOp::kSubtract:
      return Value(a - b);
    case BinaryOp::kMultiply:
      return Value(a * b);
    case BinaryOp::kDivide:
      return Value(a / b);
    default:
      return Value(std::fmod(a, b));
  }
}

// --- Strings ------------------------------------------------------------------------------

Value StringPredicate(BinaryOp op, const Value& l, const Value& r) {
  if (!l.is_string() || !r.is_string()) return Value();
  std::string_view s = l.as_string();
  std::string_view t = r.as_string();
  switch (op) {
    case BinaryOp::kStartsWith:
      return Value(s.starts_with(t));
    case BinaryOp::kEndsWith:
      return Value(s.ends_with(t));
    default:
      return Value(s.find(t) != std::string_view::npos);
  }
}

// Compiles a Cypher (Java-style) regular expression. Leading inline flags such as (?i) are
// turned into std::regex options, since ECMAScript syntax has no inline flags.
std::shared_ptr<const std::regex> CompileRegex(const std::string& pattern) {
  thread_local std::unordered_map<std::string, std::shared_ptr<const std::regex>> cache;
  if (auto it = cache.find(pattern); it != cache.end()) return it->second;
  auto flags = std::regex::ECMAScript;
  std::string_view body = pattern;
  while (body.starts_with("(?") && body.size() > 3) {
    const std::size_t close = body.find(')');
    const std::string_view options =
        body.substr(2, close == std::string_view::npos ? 0 : close - 2);
    if (options.empty() || options.find_first_not_of("imsux") != std::string_view::npos) break;
    if (options.find('i') != std::string_view::npos) flags |= std::regex::icase;
    if (options.find('m') != std::string_view::npos) flags |= std::regex::multiline;
    body.remove_prefix(close + 1);
  }
  std::shared_ptr<const std::regex> compiled;
  try {
    compiled = std::make_shared<const std::regex>(std::string(body), flags);
  } catch (const std::regex_error& e) {
    ThrowRuntime(ErrorType::kArgumentError, "InvalidArgumentValue",
                 "invalid regular expression '" + pattern + "': " + e.what());
  }
  if (cache.size() >= 256) cache.clear();  // bound the memory of queries with computed patterns
  cache.emplace(pattern, compiled);
  return compiled;
}

Value RegexMatch(const Value& l, const Value& r) {
  if (!l.is_string() || !r.is_string()) return Value();
  const auto regex = CompileRegex(r.as_string());
  return Value(std::regex_match(l.as_string(), *regex));
}

// --- Lists --------------------------------------------------------------------------------

Value InList(const Value& needle, const Value& list) {
  if (list.is_null()) return Value();
  if (!list.is_list()) TypeMismatch("IN", list);
  bool unknown = false;
  for (const Value& element : list.as_list()) {
    const Value eq = Equals(needle, element);
    if (eq.is_null()) {
      unknown = true;
    } else if (eq.as_bool()) {
      return Value(true);
    }
  }
  return unknown ? Value() : Value(false);
}

// A list position: negative counts from the end. Returns false when out of range.
bool ResolveIndex(std::int64_t index, std::size_t size, std::size_t& out) {
  const auto n = static_cast<std::int64_t>(size);
  if (index < 0) index += n;
  if (index < 0 || index >= n) return false;
  out = static_cast<std::size_t>(index);
  return true;
}

std::int64_t ClampBound(std::int64_t bound, std::size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  if (bound < 0) bound += n;
  return bound < 0 ? 0 : (bound > n ? n : bound);
}

}  // namespace

// --- Index and slice ----------------------------------------------------------------------

const Value& IndexRef(const Expr& expr, const EvalContext& context, Value& scratch) {
  Value base_scratch;
  Value index_scratch;
  const Value& base = EvalRef(*expr.args[0], context, base_scratch);
  const Value& index = EvalRef(*expr.args[1], context, index_scratch);
  if (base.is_null() || index.is_null()) return NullRef();
  if (base.is_list()) {
    if (!index.is_int()) {
      ThrowRuntime(
          ErrorType::kTypeError, "ListElementAccessByNonInteger",
          std::string("a list cannot be indexed by a value of type ") + KindName(index.kind()));
    }
    std::size_t at = 0;
    if (!ResolveIndex(index.as_int(), base.as_list().size(), at)) return NullRef();
    if (&base != &base_scratch) return base.as_list()[at];
    scratch = std::move(base_scratch.as_list()[at]);
    return scratch;
  }
  if (base.is_map() || base.is_node() || base.is_rel()) {
    if (!index.is_string()) {
      ThrowRuntime(
          ErrorType::kTypeError, "MapElementAccessByNonString",
          std::string("a map cannot be indexed by a value of type ") + KindName(index.kind()));
    }
    return PropertyOf(base, base_scratch, index.as_string(), context, scratch);
  }
  TypeMismatch("indexing", base);
}

Value Slice(const Expr& expr, const EvalContext& context) {
  const Value list = Evaluate(*expr.args[0], context);
  Value from = expr.args[1] ? Evaluate(*expr.args[1], context) : Value(std::int64_t{0});
  Value to = expr.args[2] ? Evaluate(*expr.args[2], context)
                          : Value(std::numeric_limits<std::int64_t>::max());
  if (list.is_null() || from.is_null() || to.is_null()) return Value();
  if (!list.is_list()) TypeMismatch("slicing", list);
  if (!from.is_int()) TypeMismatch("a slice bound", from);
  if (!to.is_int()) TypeMismatch("a slice bound", to);
  const List& items = list.as_list();
  const std::int64_t begin = ClampBound(from.as_int(), items.size());
  const std::int64_t end = ClampBound(to.as_int(), items.size());
  if (begin >= end) return Value(List{});
  return Value(List(items.begin() + begin, items.begin() + end));
}

// --- Binary and unary operators ----------------------------------------------------------

Value BinaryOperation(const Expr& expr, const EvalContext& context) {
  const BinaryOp op = expr.binary_op;
  Value left_scratch;
  const Value& left = EvalRef(*expr.args[0], context, left_scratch);
  // AND, OR and XOR short-circuit when the left side decides the result.
  if (op == BinaryOp::kAnd || op == BinaryOp::kOr || op == BinaryOp::kXor) {
    const char* name = op == BinaryOp::kAnd ? "AND" : op == BinaryOp::kOr ? "OR" : "XOR";
    const Truth l = ToTruth(left, name);
    if (op == BinaryOp::kAnd && l == Truth::kFalse) return Value(false);
    if (op == BinaryOp::kOr && l == Truth::kTrue) return Value(true);
    Value right_scratch;
    const Truth r = ToTruth(EvalRef(*expr.args[1], context, right_scratch), name);
    switch (op) {
      case BinaryOp::kAnd:
        if (r == Truth::kFalse) return Value(false);
        return FromTruth(l == Truth::kNull || r == Truth::kNull ? Truth::kNull : Truth::kTrue);
      case BinaryOp::kOr:
        if (r == Truth::kTrue) return Value(true);
        return FromTruth(l == Truth::kNull || r == Truth::kNull ? Truth::kNull : Truth::kFalse);
      default:
        if (l == Truth::kNull || r == Truth::kNull) return Value();
        return Value(l != r);
    }
  }
  Value right_scratch;
  const Value& right = EvalRef(*expr.args[1], context, right_scratch);
  switch (op) {
    case BinaryOp::kEqual:
      return Equals(left, right);
    case BinaryOp::kNotEqual: {
      const Value eq = Equals(left, right);
      return eq.is_null() ? eq : Value(!eq.as_bool());
    }
    case BinaryOp::kLess:
    case BinaryOp::kLessEqual:
    case BinaryOp::kGreater:
    case BinaryOp::kGreaterEqual:
      return CompareValues(left, right, op);
    case BinaryOp::kAdd:
      return Add(left, right);
    case BinaryOp::kSubtract:
    case BinaryOp::kMultiply:
    case BinaryOp::kDivide:
    case BinaryOp::kModulo:
    case BinaryOp::kPower:
      return Arithmetic(op, left, right);
    case BinaryOp::kIn:
      return InList(left, right);
    case BinaryOp::kStartsWith:
    case BinaryOp::kEndsWith:
    case BinaryOp::kContains:
      return StringPredicate(op, left, right);
    case BinaryOp::kRegexMatch:
      return RegexMatch(left, right);
    default:
      return Value();  // AND/OR/XOR were handled above
  }
}

Value UnaryOperation(const Expr& expr, const EvalContext& context) {
  Value scratch;
  const Value& operand = EvalRef(*expr.args[0], context, scratch);
  switch (expr.unary_op) {
    case UnaryOp::kNot: {
      const Truth t = ToTruth(operand, "NOT");
      return t == Truth::kNull ? Value() : Value(t == Truth::kFalse);
    }
    case UnaryOp::kNegate:
      if (operand.is_null()) return Value();
      if (operand.is_int()) {
        if (operand.as_int() == std::numeric_limits<std::int64_t>::min()) Overflow("unary -");
        return Value(-operand.as_int());
      }
      if (operand.is_float()) return Value(-operand.as_float());
      TypeMismatch("unary -", operand);
    case UnaryOp::kPlus:
      if (operand.is_null() || operand.is_number()) return operand;
      TypeMismatch("unary +", operand);
  }
  return Value();
}

}  // namespace sutra::cypher::evaluate_internal
