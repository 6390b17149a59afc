// The scalar function table (names, arities, implementations) and the graph, numeric and
// general functions. String functions live in functions_text.cc, list functions in
// functions_list.cc; the aggregates in aggregates.cc.
#include "engine/cypher/functions.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/cypher/errors.h"
#include "engine/cypher/functions_internal.h"
#include "engine/cypher/value_ops.h"

namespace sutra::cypher {

namespace {

using scalar::Args;
using ScalarFn = Value (*)(Args, const EvalEnv&);

using scalar::BadArgument;

const QueryGraph& GraphOf(const EvalEnv& env) {
  if (env.graph == nullptr) {
    ThrowRuntime(ErrorType::kSemanticError, "NoGraph",
                 "a graph function was called without a graph");
  }
  return *env.graph;
}

// --- Graph elements -----------------------------------------------------------------------

Value Id(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_node()) return Value(static_cast<std::int64_t>(v.as_node().id));
  if (v.is_rel()) return Value(static_cast<std::int64_t>(v.as_rel().id));
  BadArgument("id", v);
}

Value ElementIdFn(Args args, const EvalEnv& env) {
  const Value id = Id(args, env);
  if (id.is_null()) return id;
  return Value((args[0].is_node() ? "n" : "r") + std::to_string(id.as_int()));
}

Value Labels(Args args, const EvalEnv& env) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_node()) BadArgument("labels", v);
  const QueryGraph& graph = GraphOf(env);
  List out;
  for (Token label : graph.NodeLabels(v.as_node().id)) out.emplace_back(graph.LabelName(label));
  return Value(std::move(out));
}

Value Type(Args args, const EvalEnv& env) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_rel()) BadArgument("type", v);
  const QueryGraph& graph = GraphOf(env);
  return Value(graph.RelTypeName(graph.Relationship(v.as_rel().id).type));
}

Value Properties(Args args, const EvalEnv& env) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_map()) return v;
  if (v.is_node()) return Value(GraphOf(env).NodeProperties(v.as_node().id));
  if (v.is_rel()) return Value(GraphOf(env).RelProperties(v.as_rel().id));
  BadArgument("properties", v);
}

Value Keys(Args args, const EvalEnv& env) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_map() && !v.is_node() && !v.is_rel()) BadArgument("keys", v);
  const Value props = v.is_map() ? Value() : Properties(args, env);
  const Map& map = v.is_map() ? v.as_map() : props.as_map();
  List out;
  out.reserve(map.size());
  for (const auto& entry : map) out.emplace_back(entry.first);
  return Value(std::move(out));
}

Value EndpointOf(Args args, const EvalEnv& env, bool start) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (!v.is_rel()) BadArgument(start ? "startNode" : "endNode", v);
  const RelationshipInfo info = GraphOf(env).Relationship(v.as_rel().id);
  return Value(NodeRef{start ? info.start : info.end});
}
Value StartNode(Args args, const EvalEnv& env) { return EndpointOf(args, env, true); }
Value EndNode(Args args, const EvalEnv& env) { return EndpointOf(args, env, false); }

// exists(n.prop): whether the value is present. (exists(<pattern>) is answered by Evaluate.)
Value Exists(Args args, const EvalEnv&) { return Value(!args[0].is_null()); }

Value Coalesce(Args args, const EvalEnv&) {
  for (const Value& v : args) {
    if (!v.is_null()) return v;
  }
  return Value();
}

// --- Numbers ------------------------------------------------------------------------------

// The argument as a double, or nullopt for null; other kinds are an error.
std::optional<double> NumberArg(std::string_view function, const Value& v) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_number()) BadArgument(function, v);
  return v.as_number();
}

template <double (*F)(double)>
Value Unary(Args args, const EvalEnv&, std::string_view name) {
  const std::optional<double> x = NumberArg(name, args[0]);
  if (!x) return Value();
  return Value(F(*x));
}

double Cot(double x) { return 1.0 / std::tan(x); }
double Degrees(double x) { return x * 180.0 / std::numbers::pi; }
double Radians(double x) { return x * std::numbers::pi / 180.0; }
double Haversin(double x) { return (1.0 - std::cos(x)) / 2.0; }
double Sqrt(double x) { return std::sqrt(x); }
double Exp(double x) { return std::exp(x); }
double Log(double x) { return std::log(x); }
double Log10(double x) { return std::log10(x); }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Asin(double x) { return std::asin(x); }
double Acos(double x) { return std::acos(x); }
double Atan(double x) { return std::atan(x); }
double Ceil(double x) { return std::ceil(x); }
double Floor(double x) { return std::floor(x); }

#define SUTRA_UNARY_MATH(fn, impl, label) \
  Value fn(Args args, const EvalEnv& env) { return Unary<impl>(args, env, label); }
SUTRA_UNARY_MATH(SqrtFn, Sqrt, "sqrt")
SUTRA_UNARY_MATH(ExpFn, Exp, "exp")
SUTRA_UNARY_MATH(LogFn, Log, "log")
SUTRA_UNARY_MATH(Log10Fn, Log10, "log10")
SUTRA_UNARY_MATH(SinFn, Sin, "sin")
SUTRA_UNARY_MATH(CosFn, Cos, "cos")
SUTRA_UNARY_MATH(TanFn, Tan, "tan")
SUTRA_UNARY_MATH(AsinFn, Asin, "asin")
SUTRA_UNARY_MATH(AcosFn, Acos, "acos")
SUTRA_UNARY_MATH(AtanFn, Atan, "atan")
SUTRA_UNARY_MATH(CotFn, Cot, "cot")
SUTRA_UNARY_MATH(DegreesFn, Degrees, "degrees")
SUTRA_UNARY_MATH(RadiansFn, Radians, "radians")
SUTRA_UNARY_MATH(HaversinFn, Haversin, "haversin")
SUTRA_UNARY_MATH(CeilFn, Ceil, "ceil")
SUTRA_UNARY_MATH(FloorFn, Floor, "floor")
#undef SUTRA_UNARY_MATH

Value Atan2(Args args, const EvalEnv&) {
  const std::optional<double> y = NumberArg("atan2", args[0]);
  const std::optional<double> x = NumberArg("atan2", args[1]);
  if (!y || !x) return Value();
  return Value(std::atan2(*y, *x));
}

Value Abs(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_int()) {
    if (v.as_int() == std::numeric_limits<std::int64_t>::min()) {
      ThrowRuntime(ErrorType::kArgumentError, "NumberOutOfRange", "abs() of the smallest integer");
    }
    return Value(v.as_int() < 0 ? -v.as_int() : v.as_int());
  }
  if (v.is_float()) return Value(std::fabs(v.as_float()));
  BadArgument("abs", v);
}

Value SignFn(Args args, const EvalEnv&) {
  const Value& v = args[0];
  if (v.is_null()) return Value();
  if (v.is_int()) return Value(std::int64_t{v.as_int() > 0 ? 1 : (v.as_int() < 0 ? -1 : 0)});
  if (v.is_float()) {
    const double d = v.as_float();
    return Value(std::int64_t{d > 0 ? 1 : (d < 0 ? -1 : 0)});
  }
  BadArgument("sign", v);
}

// round(x [, precision [, mode]]): a float. Without a mode, halves round away from zero
// (HALF_UP in Java's naming); the modes are Java's RoundingMode names.
Value Round(Args args, const EvalEnv&) {
  const std::optional<double> x = NumberArg("round", args[0]);
  if (!x) return Value();
  std::int64_t precision = 0;
  if (args.size() > 1) {
    if (args[1].is_null()) return Value();
    if (!args[1].is_int()) BadArgument("round", args[1]);
    precision = args[1].as_int();
  }
  std::string mode = "HALF_UP";
  if (args.size() > 2) {
    if (args[2].is_null()) return Value();
    if (!args[2].is_string()) BadArgument("round", args[2]);
    mode = args[2].as_string();
    std::transform(mode.begin(), mode.end(), mode.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  }
  if (!std::isfinite(*x)) return Value(*x);
  const double scale = std::pow(10.0, static_cast<double>(precision));
  const double scaled = *x * scale;
  const double down = std::trunc(scaled);
  const double fraction = std::fabs(scaled - down);
  const double away = down + (scaled < 0 ? -1.0 : 1.0);
  double rounded;
  if (mode == "HALF_UP" || mode == "HALF_DOWN" || mode == "HALF_EVEN") {
    if (fraction > 0.5) {
      rounded = away;
    } else if (fraction < 0.5) {
      rounded = down;
    } else if (mode == "HALF_UP") {
      rounded = away;
    } else if (mode == "HALF_DOWN") {
      rounded = down;
    } else {
      rounded = std::fmod(down, 2.0) == 0 ? down : away;
    }
  } else if (mode == "UP") {
    rounded = fraction > 0 ? away : down;
  } else if (mode == "DOWN") {
    rounded = down;
  } else if (mode == "CEILING") {
    rounded = std::ceil(scaled);
  } else if (mode == "FLOOR") {
    rounded = std::floor(scaled);
  } else {
    ThrowRuntime(ErrorType::kArgumentError, "InvalidArgumentValue",
                 "unknown rounding mode '" + mode + "'");
  }
  return Value(precision == 0 ? rounded : rounded / scale);
}

Value IsNaN(Args args, const EvalEnv&) {
  const std::optional<double> x = NumberArg("isNaN", args[0]);
  if (!x) return Value();
  return Value(std::isnan(*x));
}

Value E(Args, const EvalEnv&) { return Value(std::numbers::e); }
Value Pi(Args, const EvalEnv&) { return Value(std::numbers::pi); }

std::mt19937_64& Random() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

Value Rand(Args, const EvalEnv&) {
  return Value(std::uniform_real_distribution<double>(0.0, 1.0)(Random()));
}

// A version 4 (random) UUID in its canonical text form.
Value RandomUuid(Args, const EvalEnv&) {
  std::uint64_t hi = Random()();
  std::uint64_t lo = Random()();
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                         // version 4
  lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{8} << 60);  // variant 10xx
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    const std::uint64_t word = i < 16 ? hi : lo;
    out += kHex[(word >> (60 - 4 * (i % 16))) & 0xF];
  }
  return Value(std::move(out));
}

// --- The table ----------------------------------------------------------------------------

struct FunctionEntry {
  std::string_view lower;  // the name in lower case
  int min_args;
  int max_args;  // -1: unbounded
  ScalarFn fn;   // nullptr for aggregates (aggregates.cc computes them)
};

constexpr int kAny = -1;

// Sorted by `lower` at first use.
std::vector<FunctionEntry> MakeTable() {
  std::vector<FunctionEntry> table = {
      // Aggregates: their arity only.
      {"count", 1, 1, nullptr},
      {"sum", 1, 1, nullptr},
      {"avg", 1, 1, nullptr},
      {"min", 1, 1, nullptr},
      {"max", 1, 1, nullptr},
      {"collect", 1, 1, nullptr},
      {"stdev", 1, 1, nullptr},
      {"stdevp", 1, 1, nullptr},
      {"percentilecont", 2, 2, nullptr},
      {"percentiledisc", 2, 2, nullptr},
      // Graph elements and general functions.
      {"id", 1, 1, Id},
      {"elementid", 1, 1, ElementIdFn},
      {"labels", 1, 1, Labels},
      {"type", 1, 1, Type},
      {"properties", 1, 1, Properties},
      {"keys", 1, 1, Keys},
      {"startnode", 1, 1, StartNode},
      {"endnode", 1, 1, EndNode},
      {"exists", 1, 1, Exists},
      {"coalesce", 1, kAny, Coalesce},
      // Numbers.
      {"abs", 1, 1, Abs},
      {"ceil", 1, 1, CeilFn},
      {"floor", 1, 1, FloorFn},
      {"round", 1, 3, Round},
      {"sign", 1, 1, SignFn},
      {"sqrt", 1, 1, SqrtFn},
      {"exp", 1, 1, ExpFn},
      {"log", 1, 1, LogFn},
      {"log10", 1, 1, Log10Fn},
      {"e", 0, 0, E},
      {"pi", 0, 0, Pi},
      {"rand", 0, 0, Rand},
      {"sin", 1, 1, SinFn},
      {"cos", 1, 1, CosFn},
      {"tan", 1, 1, TanFn},
      {"asin", 1, 1, AsinFn},
      {"acos", 1, 1, AcosFn},
      {"atan", 1, 1, AtanFn},
      {"atan2", 2, 2, Atan2},
      {"cot", 1, 1, CotFn},
      {"degrees", 1, 1, DegreesFn},
      {"radians", 1, 1, RadiansFn},
      {"haversin", 1, 1, HaversinFn},
      {"isnan", 1, 1, IsNaN},
      {"randomuuid", 0, 0, RandomUuid},
      // Strings (functions_text.cc).
      {"toupper", 1, 1, scalar::ToUpper},
      {"upper", 1, 1, scalar::ToUpper},
      {"tolower", 1, 1, scalar::ToLower},
      {"lower", 1, 1, scalar::ToLower},
      {"trim", 1, 1, scalar::Trim},
      {"ltrim", 1, 1, scalar::LTrim},
      {"rtrim", 1, 1, scalar::RTrim},
      {"replace", 3, 3, scalar::Replace},
      {"substring", 2, 3, scalar::Substring},
      {"left", 2, 2, scalar::Left},
      {"right", 2, 2, scalar::Right},
      {"split", 2, 2, scalar::Split},
      {"tostring", 1, 1, scalar::ToStringFn},
      {"tostringornull", 1, 1, scalar::ToStringOrNull},
      {"tointeger", 1, 1, scalar::ToInteger},
      {"tointegerornull", 1, 1, scalar::ToIntegerOrNull},
      {"tofloat", 1, 1, scalar::ToFloat},
      {"tofloatornull", 1, 1, scalar::ToFloatOrNull},
      {"toboolean", 1, 1, scalar::ToBoolean},
      {"tobooleanornull", 1, 1, scalar::ToBooleanOrNull},
      // Lists and paths (functions_list.cc).
      {"head", 1, 1, scalar::Head},
      {"last", 1, 1, scalar::Last},
      {"tail", 1, 1, scalar::Tail},
      {"range", 2, 3, scalar::Range},
      {"reverse", 1, 1, scalar::Reverse},
      {"size", 1, 1, scalar::Size},
      {"length", 1, 1, scalar::Length},
      {"nodes", 1, 1, scalar::Nodes},
      {"relationships", 1, 1, scalar::Relationships},
  };
  std::sort(table.begin(), table.end(),
            [](const FunctionEntry& a, const FunctionEntry& b) { return a.lower < b.lower; });
  return table;
}

// Case-insensitive lookup without allocating: names longer than any known one are unknown.
const FunctionEntry* FindFunction(std::string_view name) {
  static const std::vector<FunctionEntry> table = MakeTable();
  std::array<char, 32> buffer;
  if (name.size() > buffer.size()) return nullptr;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    buffer[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view lower(buffer.data(), name.size());
  auto it =
      std::lower_bound(table.begin(), table.end(), lower,
                       [](const FunctionEntry& e, std::string_view key) { return e.lower < key; });
  if (it == table.end() || it->lower != lower) return nullptr;
  return &*it;
}

}  // namespace

std::optional<Arity> FunctionArity(std::string_view name) {
  const FunctionEntry* entry = FindFunction(name);
  if (entry == nullptr) return std::nullopt;
  return Arity{entry->min_args, entry->max_args};
}

Value CallScalarFunction(std::string_view name, std::span<const Value> args, const EvalEnv& env) {
  const FunctionEntry* entry = FindFunction(name);
  if (entry == nullptr || entry->fn == nullptr) {
    ThrowSyntax("UnknownFunction", "unknown function '" + std::string(name) + "'");
  }
  const auto count = static_cast<int>(args.size());
  if (count < entry->min_args || (entry->max_args != kAny && count > entry->max_args)) {
    ThrowSyntax("InvalidNumberOfArguments",
                "wrong number of arguments for " + std::string(name) + "()");
  }
  return entry->fn(args, env);
}

}  // namespace sutra::cypher
