// String functions and type conversions. Strings are UTF-8: positions and lengths count code
// points, and case mapping is Unicode's (utf8proc). Bytes that are not valid UTF-8 count as one
// character each and pass through unchanged.
#include <utf8proc.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/functions.h"
#include "engine/cypher/functions_internal.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {
namespace {

using scalar::Args;
using scalar::BadArgument;
using scalar::SequenceLength;

// The byte offset `count` code points after `from` (or the end of `s`).
std::size_t Advance(std::string_view s, std::size_t from, std::int64_t count) {
  while (count > 0 && from < s.size()) {
    from += SequenceLength(static_cast<unsigned char>(s[from]));
    --count;
  }
  return from < s.size() ? from : s.size();
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t at = 0; at < s.size(); at += SequenceLength(static_cast<unsigned char>(s[at]))) {
    ++n;
  }
  return n;
}

// Decodes the code point at `at` into `cp` (-1 when invalid) and returns its byte length.
std::size_t Decode(std::string_view s, std::size_t at, utf8proc_int32_t& cp) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data() + at);
  const utf8proc_ssize_t n = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(s.size() - at), &cp);
  if (n <= 0) {
    cp = -1;
    return 1;
  }
  return static_cast<std::size_t>(n);
}

template <utf8proc_int32_t (*CaseMap)(utf8proc_int32_t)>
std::string MapCase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t at = 0; at < s.size();) {
    utf8proc_int32_t cp;
    const std::size_t n = Decode(s, at, cp);
    if (cp < 0) {
      out.append(s.substr(at, n));
    } else {
      utf8proc_uint8_t buf[4];
      const utf8proc_ssize_t len = utf8proc_encode_char(CaseMap(cp), buf);
      out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
    }
    at += n;
  }
  return out;
}

// Java's Character.isWhitespace: Unicode space separators other than the non-breaking ones,
// line and paragraph separators, and the ASCII controls \t \n \v \f \r and 0x1C..0x1F.
bool IsWhitespace(utf8proc_int32_t cp) {
  if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F)) return true;
  if (cp < 0x80 || cp == 0xA0 || cp == 0x2007 || cp == 0x202F) return false;
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

std::string_view TrimView(std::string_view s, bool leading, bool trailing) {
  std::size_t begin = 0;
  if (leading) {
    while (begin < s.size()) {
      utf8proc_int32_t cp;
      const std::size_t n = Decode(s, begin, cp);
      if (!IsWhitespace(cp)) break;
      begin += n;
    }
  }
  std::size_t end = s.size();
  if (trailing) {
    while (end > begin) {
      std::size_t start = end - 1;  // back up to the lead byte of the last sequence
      while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
      utf8proc_int32_t cp;
      Decode(s, start, cp);
      if (!IsWhitespace(cp)) break;
      end = start;
    }
  }
  return s.substr(begin, end - begin);
}

// The single string argument of a one-string function; nullptr for null.
const std::string* StringArg(std::string_view function, const Value& v) {
  if (v.is_null()) return nullptr;
  if (!v.is_string()) BadArgument(function, v);
  return &v.as_string();
}

std::optional<std::int64_t> IntegerArg(std::string_view function, const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_int()) BadArgument(function, v);
  return v.as_int();
}

void RequireNonNegative(std::string_view function, std::int64_t n) {
  if (n < 0) {
    ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange",
                 std::string(function) + "() cannot take a negative position or length");
  }
}

// --- Number text --------------------------------------------------------------------------

// Floats as toString writes them (Java's style, like Neo4j): the shortest digits that read
// back exactly, always with a '.', and 'E' notation for very large or small magnitudes.
std::string FloatText(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, d);
  std::string text(buf, result.ptr);
  const std::size_t e = text.find('e');
  if (e == std::string::npos) {
    if (text.find('.') == std::string::npos) text += ".0";
    return text;
  }
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') == std::string::npos) mantissa += ".0";
  int exponent = 0;
  const char* exp_begin = text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0);
  std::from_chars(exp_begin, text.data() + text.size(), exponent);
  return mantissa + "E" + std::to_string(exponent);
}

std::optional<double> ParseFloat(std::string_view s) {
  s = TrimView(s, true, true);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return std::nullopt;
  double d = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (error != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return d;
}

// A float truncated toward zero, or nullopt when it has no integer value (NaN, out of range).
std::optional<std::int64_t> Truncate(double d) {
  if (!(d > -9223372036854775809.0 && d < 9223372036854775808.0)) return std::nullopt;
  return static_cast<std::int64_t>(std::trunc(d));
}

std::optional<std::int64_t> ParseInteger(std::string_view s) {
  std::string_view digits = TrimView(s, true, true);
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  std::int64_t n = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (!digits.empty() && error == std::errc() && end == digits.data() + digits.size()) return n;
  if (const std::optional<double> d = ParseFloat(s)) return Truncate(*d);
  return std::nullopt;
}

// The conversions; `strict` raises on unconvertible kinds, otherwise they give null.
Value ConvertToString(const Value& v, bool strict) {
  switch (v.kind()) {
    case ValueKind::kNull:
    case ValueKind::kString:
      return v;
    case ValueKind::kInt:
      return Value(std::to_string(v.as_int()));
    case ValueKind::kFloat:
      return Value(FloatText(v.as_float()));
    case ValueKind::kBool:
      return Value(v.as_bool() ? "true" : "false");
    default:
      if (strict) BadArgument("toString", v);
      return Value();
  }
}

Value ConvertToInteger(const Value& v, bool strict) {
  switch (v.kind()) {
    case ValueKind::kNull:
    case ValueKind::kInt:
      return v;
    case ValueKind::kFloat: {
      const std::optional<std::int64_t> n = Truncate(v.as_float());
      return n ? Value(*n) : Value();
    }
    case ValueKind::kBool:
      return Value(std::int64_t{v.as_bool() ? 1 : 0});
    case ValueKind::kString: {
      const std::optional<std::int64_t> n = ParseInteger(v.as_string());
      return n ? Value(*n) : Value();
    }
    default:
      if (strict) BadArgument("toInteger", v);
      return Value();
  }
}

Value ConvertToFloat(const Value& v, bool strict) {
  switch (v.kind()) {
    case ValueKind::kNull:
    case ValueKind::kFloat:
      return v;
    case ValueKind::kInt:
      return Value(static_cast<double>(v.as_int()));
    case ValueKind::kString: {
      const std::optional<double> d = ParseFloat(v.as_string());
      return d ? Value(*d) : Value();
    }
    default:
      if (strict) BadArgument("toFloat", v);
      return Value();
  }
}

bool EqualsIgnoreCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != lower[i]) return false;
  }
  return true;
}

Value ConvertToBoolean(const Value& v, bool strict) {
  switch (v.kind()) {
    case ValueKind::kNull:
    case ValueKind::kBool:
      return v;
    case ValueKind::kInt:
      return Value(v.as_int() != 0);
    case ValueKind::kString:
      if (EqualsIgnoreCase(v.as_string(), "true")) return Value(true);
      if (EqualsIgnoreCase(v.as_string(), "false")) return Value(false);
      return Value();
    default:
      if (strict) BadArgument("toBoolean", v);
      return Value();
  }
}

}  // namespace

namespace scalar {

Value ToUpper(Args args, const EvalEnv&) {
  const std::string* s = StringArg("toUpper", args[0]);
  return s ? Value(MapCase<utf8proc_toupper>(*s)) : Value();
}

Value ToLower(Args args, const EvalEnv&) {
  const std::string* s = StringArg("toLower", args[0]);
  return s ? Value(MapCase<utf8proc_tolower>(*s)) : Value();
}

Value Trim(Args args, const EvalEnv&) {
  const std::string* s = StringArg("trim", args[0]);
  return s ? Value(TrimView(*s, true, true)) : Value();
}

Value LTrim(Args args, const EvalEnv&) {
  const std::string* s = StringArg("lTrim", args[0]);
  return s ? Value(TrimView(*s, true, false)) : Value();
}

Value RTrim(Args args, const EvalEnv&) {
  const std::string* s = StringArg("rTrim", args[0]);
  return s ? Value(TrimView(*s, false, true)) : Value();
}

// replace(original, search, replacement): every occurrence; an empty search string matches
// before every character and at the end, as in Java.
Value Replace(Args args, const EvalEnv&) {
  const std::string* original = StringArg("replace", args[0]);
  const std::string* search = StringArg("replace", args[1]);
  const std::string* replacement = StringArg("replace", args[2]);
  if (!original || !search || !replacement) return Value();
  std::string out;
  if (search->empty()) {
    for (std::size_t at = 0; at < original->size();) {
      const std::size_t next = Advance(*original, at, 1);
      out += *replacement;
      out.append(*original, at, next - at);
      at = next;
    }
    out += *replacement;
    return Value(std::move(out));
  }
  std::size_t from = 0;
  for (std::size_t hit; (hit = original->find(*search, from)) != std::string::npos;) {
    out.append(*original, from, hit - from);
    out += *replacement;
    from = hit + search->size();
  }
  out.append(*original, from);
  return Value(std::move(out));
}

// substring(original, start [, length]): code points from `start` (0-based).
Value Substring(Args args, const EvalEnv&) {
  const std::string* s = StringArg("substring", args[0]);
  const std::optional<std::int64_t> start = IntegerArg("substring", args[1]);
  std::optional<std::int64_t> length = std::numeric_limits<std::int64_t>::max();
  if (args.size() > 2) length = IntegerArg("substring", args[2]);
  if (!s || !start || !length) return Value();
  RequireNonNegative("substring", *start);
  RequireNonNegative("substring", *length);
  const std::size_t begin = Advance(*s, 0, *start);
  const std::size_t end = Advance(*s, begin, *length);
  return Value(s->substr(begin, end - begin));
}

Value Left(Args args, const EvalEnv&) {
  const std::string* s = StringArg("left", args[0]);
  const std::optional<std::int64_t> n = IntegerArg("left", args[1]);
  if (!s || !n) return Value();
  RequireNonNegative("left", *n);
  return Value(s->substr(0, Advance(*s, 0, *n)));
}

Value Right(Args args, const EvalEnv&) {
  const std::string* s = StringArg("right", args[0]);
  const std::optional<std::int64_t> n = IntegerArg("right", args[1]);
  if (!s || !n) return Value();
  RequireNonNegative("right", *n);
  const auto total = static_cast<std::int64_t>(CodePointCount(*s));
  if (*n >= total) return Value(*s);
  return Value(s->substr(Advance(*s, 0, total - *n)));
}

// split(original, delimiter): the pieces between delimiters, empty ones included. The
// delimiter may be a list of strings (any of them splits); an empty delimiter splits into
// characters.
Value Split(Args args, const EvalEnv&) {
  const std::string* s = StringArg("split", args[0]);
  if (!s || args[1].is_null()) return Value();
  std::vector<std::string_view> delimiters;
  if (args[1].is_string()) {
    delimiters.push_back(args[1].as_string());
  } else if (args[1].is_list()) {
    for (const Value& d : args[1].as_list()) {
      if (d.is_null()) return Value();
      if (!d.is_string()) BadArgument("split", d);
      delimiters.push_back(d.as_string());
    }
  } else {
    BadArgument("split", args[1]);
  }
  List out;
  const std::string_view text = *s;
  std::size_t piece_start = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t matched = 0;
    bool empty_delimiter = false;
    for (std::string_view d : delimiters) {
      if (d.empty()) {
        empty_delimiter = true;
      } else if (text.substr(at).starts_with(d)) {
        matched = d.size();
        break;
      }
    }
    if (matched > 0) {
      out.emplace_back(text.substr(piece_start, at - piece_start));
      at += matched;
      piece_start = at;
    } else if (empty_delimiter) {
      const std::size_t next = Advance(text, at, 1);
      out.emplace_back(text.substr(at, next - at));
      at = next;
      piece_start = at;
    } else {
      at += 1;
    }
  }
  const bool only_empty =
      !delimiters.empty() && delimiters.front().empty() && delimiters.size() == 1;
  if (!only_empty || text.empty()) out.emplace_back(text.substr(piece_start));
  return Value(std::move(out));
}

Value ToStringFn(Args args, const EvalEnv&) { return ConvertToString(args[0], true); }
Value ToStringOrNull(Args args, const EvalEnv&) { return ConvertToString(args[0], false); }
Value ToInteger(Args args, const EvalEnv&) { return ConvertToInteger(args[0], true); }
Value ToIntegerOrNull(Args args, const EvalEnv&) { return ConvertToInteger(args[0], false); }
Value ToFloat(Args args, const EvalEnv&) { return ConvertToFloat(args[0], true); }
Value ToFloatOrNull(Args args, const EvalEnv&) { return ConvertToFloat(args[0], false); }
Value ToBoolean(Args args, const EvalEnv&) { return ConvertToBoolean(args[0], true); }
Value ToBooleanOrNull(Args args, const EvalEnv&) { return ConvertToBoolean(args[0], false); }

}  // namespace scalar
}  // namespace sutra::cypher
