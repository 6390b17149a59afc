#include "engine/cypher/value_ops.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <string_view>
#include <vector>

#include "engine/cypher/errors.h"

namespace sutra::cypher {
namespace {

// Three-valued logic outcome of `=`.
enum class Truth : std::uint8_t { kFalse, kTrue, kNull };

// Outcome of an ordering comparison under `<`-style operators: kUnordered is NaN's answer
// (every comparison false), kNull is "not comparable" (every comparison null).
enum class Order : std::uint8_t { kLess, kEqual, kGreater, kNull, kUnordered };

bool IsNaN(const Value& v) { return v.is_float() && std::isnan(v.as_float()); }

template <typename T>
int Sign(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Exact comparison of an integer with a non-NaN float: converting the integer to double would
// round above 2^53 and make 2^53 + 1 "equal" to 2^53 (and equality non-transitive).
int CompareIntFloat(std::int64_t i, double f) {
  constexpr double kTwo63 = 9223372036854775808.0;
  if (f >= kTwo63) return -1;
  if (f < -kTwo63) return 1;
  const double whole = std::trunc(f);
  const auto whole_int = static_cast<std::int64_t>(whole);
  if (i != whole_int) return i < whole_int ? -1 : 1;
  const double fraction = f - whole;
  return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0);
}

// Both are numbers, neither is NaN.
int CompareNumbers(const Value& a, const Value& b) {
  if (a.is_int()) {
    if (b.is_int()) return Sign(a.as_int(), b.as_int());
    return CompareIntFloat(a.as_int(), b.as_float());
  }
  if (b.is_int()) return -CompareIntFloat(b.as_int(), a.as_float());
  return Sign(a.as_float(), b.as_float());
}

int CompareStrings(const std::string& a, const std::string& b) {
  // std::string::compare compares as unsigned bytes, which for UTF-8 is code-point order.
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

Truth EqualsTruth(const Value& a, const Value& b);

// Element-wise equality of equally long sequences: any false decides false, else any null
// makes the answer null.
template <typename Range>
Truth EqualsElements(const Range& a, const Range& b) {
  bool saw_null = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const Truth t = EqualsTruth(a[i], b[i]);
    if (t == Truth::kFalse) return Truth::kFalse;
    if (t == Truth::kNull) saw_null = true;
  }
  return saw_null ? Truth::kNull : Truth::kTrue;
}

Truth EqualsMaps(const Map& a, const Map& b) {
  // Different key sets are unequal whatever the values are ({k: null} = {} is false).
  if (a.size() != b.size()) return Truth::kFalse;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    if (ia->first != ib->first) return Truth::kFalse;
  }
  bool saw_null = false;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    const Truth t = EqualsTruth(ia->second, ib->second);
    if (t == Truth::kFalse) return Truth::kFalse;
    if (t == Truth::kNull) saw_null = true;
  }
  return saw_null ? Truth::kNull : Truth::kTrue;
}

Truth FromBool(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

Truth EqualsTruth(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Truth::kNull;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return Truth::kFalse;
    return FromBool(CompareNumbers(a, b) == 0);
  }
  if (a.kind() != b.kind()) return Truth::kFalse;
  switch (a.kind()) {
    case ValueKind::kBool:
      return FromBool(a.as_bool() == b.as_bool());
    case ValueKind::kString:
      return FromBool(a.as_string() == b.as_string());
    case ValueKind::kList: {
      const List& la = a.as_list();
      const List& lb = b.as_list();
      if (la.size() != lb.size()) return Truth::kFalse;
      return EqualsElements(la, lb);
    }
    case ValueKind::kMap:
      return EqualsMaps(a.as_map(), b.as_map());
    case ValueKind::kNode:
      return FromBool(a.as_node().id == b.as_node().id);
    case ValueKind::kRelationship:
      return FromBool(a.as_rel().id == b.as_rel().id);
    case ValueKind::kPath:
      return FromBool(a.as_path() == b.as_path());
    default:
      return Truth::kFalse;  // numbers and null handled above
  }
}

Order FromSign(int c) { return c < 0 ? Order::kLess : (c > 0 ? Order::kGreater : Order::kEqual); }

Order CompareOrder(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Order::kNull;
  if (a.is_number() && b.is_number()) {
    if (IsNaN(a) || IsNaN(b)) return Order::kUnordered;
    return FromSign(CompareNumbers(a, b));
  }
  if (a.kind() != b.kind()) return Order::kNull;
  switch (a.kind()) {
    case ValueKind::kBool:
      return FromSign(Sign(a.as_bool(), b.as_bool()));
    case ValueKind::kString:
      return FromSign(CompareStrings(a.as_string(), b.as_string()));
    case ValueKind::kList: {
      // Lexicographic: the first element pair that is not equal decides, including when that
      // pair is not comparable (null); a proper prefix is smaller.
      const List& la = a.as_list();
      const List& lb = b.as_list();
      const std::size_t n = std::min(la.size(), lb.size());
      for (std::size_t i = 0; i < n; ++i) {
        const Order o = CompareOrder(la[i], lb[i]);
        if (o != Order::kEqual) return o;
      }
      return FromSign(Sign(la.size(), lb.size()));
    }
    default:
      return Order::kNull;  // maps, nodes, relationships and paths are not comparable
  }
}

// Rank of each kind (indexed by ValueKind) in ORDER BY's ascending order of kinds:
// map < node < relationship < list < path < string < boolean < number < null.
constexpr int kOrderRank[] = {
    8,  // kNull
    6,  // kBool
    7,  // kInt
    7,  // kFloat
    5,  // kString
    3,  // kList
    0,  // kMap
    1,  // kNode
    2,  // kRelationship
    4,  // kPath
};
static_assert(std::size(kOrderRank) == static_cast<std::size_t>(ValueKind::kPath) + 1);

int OrderRank(ValueKind kind) { return kOrderRank[static_cast<std::size_t>(kind)]; }

int OrderNumbers(const Value& a, const Value& b) {
  const bool a_nan = IsNaN(a);
  const bool b_nan = IsNaN(b);
  if (a_nan || b_nan) return Sign(a_nan, b_nan);  // NaN after every other number
  return CompareNumbers(a, b);
}

int OrderPaths(const PathValue& a, const PathValue& b) {
  // Alternating node, relationship, node ... as the path is walked; a prefix sorts first.
  const std::size_t n = std::min(a.nodes.size(), b.nodes.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (int c = Sign(a.nodes[i], b.nodes[i]); c != 0) return c;
    if (i < a.rels.size() && i < b.rels.size()) {
      if (int c = Sign(a.rels[i], b.rels[i]); c != 0) return c;
    }
  }
  return Sign(a.nodes.size(), b.nodes.size());
}

bool EquivalentMaps(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
    if (ia->first != ib->first || !Equivalent(ia->second, ib->second)) return false;
  }
  return true;
}

// --- Hashing ----------------------------------------------------------------------------------

std::uint64_t Mix(std::uint64_t x) {
  // The splitmix64 finalizer: spreads every input bit over the output.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

std::uint64_t Combine(std::uint64_t seed, std::uint64_t h) {
  return Mix(seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2)));
}

// Distinct seeds so that e.g. node 3, relationship 3 and integer 3 hash apart.
enum HashSeed : std::uint64_t {
  kSeedNull = 0x1001,
  kSeedBool = 0x2002,
  kSeedNumber = 0x3003,
  kSeedNaN = 0x3113,
  kSeedString = 0x4004,
  kSeedList = 0x5005,
  kSeedMap = 0x6006,
  kSeedNode = 0x7007,
  kSeedRel = 0x8008,
  kSeedPath = 0x9009,
};

std::uint64_t HashNumber(const Value& v) {
  if (v.is_int()) return Combine(kSeedNumber, static_cast<std::uint64_t>(v.as_int()));
  const double d = v.as_float();
  if (std::isnan(d)) return kSeedNaN;
  // A float equivalent to an integer must hash as that integer (1.0 ~ 1, -0.0 ~ 0).
  constexpr double kTwo63 = 9223372036854775808.0;
  if (d >= -kTwo63 && d < kTwo63 && std::trunc(d) == d) {
    return Combine(kSeedNumber, static_cast<std::uint64_t>(static_cast<std::int64_t>(d)));
  }
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  return Combine(kSeedNumber, bits);
}

std::uint64_t HashValue(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return kSeedNull;
    case ValueKind::kBool:
      return Combine(kSeedBool, v.as_bool() ? 1 : 0);
    case ValueKind::kInt:
    case ValueKind::kFloat:
      return HashNumber(v);
    case ValueKind::kString:
      return Combine(kSeedString, std::hash<std::string_view>{}(v.as_string()));
    case ValueKind::kList: {
      std::uint64_t h = Combine(kSeedList, v.as_list().size());
      for (const Value& e : v.as_list()) h = Combine(h, HashValue(e));
      return h;
    }
    case ValueKind::kMap: {
      std::uint64_t h = Combine(kSeedMap, v.as_map().size());
      for (const auto& [key, value] : v.as_map()) {
        h = Combine(h, std::hash<std::string_view>{}(key));
        h = Combine(h, HashValue(value));
      }
      return h;
    }
    case ValueKind::kNode:
      return Combine(kSeedNode, v.as_node().id);
    case ValueKind::kRelationship:
      return Combine(kSeedRel, v.as_rel().id);
    case ValueKind::kPath: {
      const PathValue& p = v.as_path();
      std::uint64_t h = Combine(kSeedPath, p.nodes.size());
      for (ElementId n : p.nodes) h = Combine(h, n);
      for (ElementId r : p.rels) h = Combine(h, r);
      return h;
    }
  }
  return 0;
}

// --- Formatting -------------------------------------------------------------------------------

// Floats as the TCK writes them: the shortest digits that read back exactly, in plain decimal
// for exponents -6..20 (1000000000.0, 0.000001) and in e-notation otherwise (1e-305,
// 1.2635418652381264e305); always with a '.' or an exponent so a float never reads as an int.
void AppendFloat(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
    return;
  }
  // Negative zero prints as 0.0, as the TCK expects for `RETURN -0.0`.
  if (d == 0) {
    out += "0.0";
    return;
  }
  char buf[64];
  const auto result = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
  // sci is "[-]d[.ddd]e[+-]xx".
  const std::size_t e_pos = sci.find('e');
  std::string digits;
  bool negative = false;
  for (char c : sci.substr(0, e_pos)) {
    if (c == '-') {
      negative = true;
    } else if (c != '.') {
      digits += c;
    }
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+' ? 1 : 0), sci.data() + sci.size(),
                  exponent);
  if (negative) out += '-';
  if (exponent >= -6 && exponent <= 20) {
    if (exponent >= 0) {
      const auto int_digits = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_digits) {
        out += digits;
        out.append(int_digits - digits.size(), '0');
        out += ".0";
      } else {
        out.append(digits, 0, int_digits);
        out += '.';
        out.append(digits, int_digits);
      }
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    }
    return;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1);
  }
  out += 'e';
  out += std::to_string(exponent);
}

void AppendString(std::string& out, const std::string& s) {
  out += '\'';
  for (char c : s) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  out += '\'';
}

void AppendValue(std::string& out, const Value& v, const QueryGraph& graph);

void AppendMapBody(std::string& out, const Map& m, const QueryGraph& graph) {
  out += '{';
  bool first = true;
  for (const auto& [key, value] : m) {
    if (!first) out += ", ";
    first = false;
    out += key;
    out += ": ";
    AppendValue(out, value, graph);
  }
  out += '}';
}

void AppendNode(std::string& out, ElementId id, const QueryGraph& graph) {
  out += '(';
  std::vector<std::string_view> labels;
  for (Token t : graph.NodeLabels(id)) labels.push_back(graph.LabelName(t));
  std::sort(labels.begin(), labels.end());
  for (std::string_view label : labels) {
    out += ':';
    out += label;
  }
  const Map props = graph.NodeProperties(id);
  if (!props.empty()) {
    if (!labels.empty()) out += ' ';
    AppendMapBody(out, props, graph);
  }
  out += ')';
}

void AppendRel(std::string& out, ElementId id, const QueryGraph& graph) {
  out += "[:";
  out += graph.RelTypeName(graph.Relationship(id).type);
  const Map props = graph.RelProperties(id);
  if (!props.empty()) {
    out += ' ';
    AppendMapBody(out, props, graph);
  }
  out += ']';
}

void AppendPath(std::string& out, const PathValue& p, const QueryGraph& graph) {
  out += '<';
  if (!p.nodes.empty()) AppendNode(out, p.nodes[0], graph);
  for (std::size_t i = 0; i < p.rels.size() && i + 1 < p.nodes.size(); ++i) {
    const RelationshipInfo info = graph.Relationship(p.rels[i]);
    // Walked along its own direction when it starts at the node the walk is at.
    const bool forward = info.start == p.nodes[i];
    out += forward ? "-" : "<-";
    AppendRel(out, p.rels[i], graph);
    out += forward ? "->" : "-";
    AppendNode(out, p.nodes[i + 1], graph);
  }
  out += '>';
}

void AppendValue(std::string& out, const Value& v, const QueryGraph& graph) {
  switch (v.kind()) {
    case ValueKind::kNull:
      out += "null";
      return;
    case ValueKind::kBool:
      out += v.as_bool() ? "true" : "false";
      return;
    case ValueKind::kInt: {
      char buf[24];
      const auto result = std::to_chars(buf, buf + sizeof buf, v.as_int());
      out.append(buf, result.ptr);
      return;
    }
    case ValueKind::kFloat:
      AppendFloat(out, v.as_float());
      return;
    case ValueKind::kString:
      AppendString(out, v.as_string());
      return;
    case ValueKind::kList: {
      out += '[';
      bool first = true;
      for (const Value& e : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        AppendValue(out, e, graph);
      }
      out += ']';
      return;
    }
    case ValueKind::kMap:
      AppendMapBody(out, v.as_map(), graph);
      return;
    case ValueKind::kNode:
      AppendNode(out, v.as_node().id, graph);
      return;
    case ValueKind::kRelationship:
      AppendRel(out, v.as_rel().id, graph);
      return;
    case ValueKind::kPath:
      AppendPath(out, v.as_path(), graph);
      return;
  }
}

}  // namespace

Value Equals(const Value& a, const Value& b) {
  switch (EqualsTruth(a, b)) {
    case Truth::kTrue:
      return Value(true);
    case Truth::kFalse:
      return Value(false);
    case Truth::kNull:
      break;
  }
  return Value();
}

Value CompareValues(const Value& a, const Value& b, BinaryOp op) {
  const Order o = CompareOrder(a, b);
  if (o == Order::kNull) return Value();
  if (o == Order::kUnordered) return Value(false);
  switch (op) {
    case BinaryOp::kLess:
      return Value(o == Order::kLess);
    case BinaryOp::kLessEqual:
      return Value(o != Order::kGreater);
    case BinaryOp::kGreater:
      return Value(o == Order::kGreater);
    case BinaryOp::kGreaterEqual:
      return Value(o != Order::kLess);
    default:
      break;
  }
  ThrowRuntime(ErrorType::kSemanticError, "InvalidComparison",
               "CompareValues called with an operator that is not a comparison");
}

int OrderCompare(const Value& a, const Value& b) {
  const int rank_a = OrderRank(a.kind());
  const int rank_b = OrderRank(b.kind());
  if (rank_a != rank_b) return rank_a < rank_b ? -1 : 1;
  switch (a.kind()) {
    case ValueKind::kNull:
      return 0;
    case ValueKind::kBool:
      return Sign(a.as_bool(), b.as_bool());
    case ValueKind::kInt:
    case ValueKind::kFloat:
      return OrderNumbers(a, b);
    case ValueKind::kString:
      return CompareStrings(a.as_string(), b.as_string());
    case ValueKind::kList: {
      const List& la = a.as_list();
      const List& lb = b.as_list();
      const std::size_t n = std::min(la.size(), lb.size());
      for (std::size_t i = 0; i < n; ++i) {
        if (int c = OrderCompare(la[i], lb[i]); c != 0) return c;
      }
      return Sign(la.size(), lb.size());
    }
    case ValueKind::kMap: {
      // As the sequences of their (key, value) entries in key order.
      const Map& ma = a.as_map();
      const Map& mb = b.as_map();
      auto ia = ma.begin();
      auto ib = mb.begin();
      for (; ia != ma.end() && ib != mb.end(); ++ia, ++ib) {
        if (int c = CompareStrings(ia->first, ib->first); c != 0) return c;
        if (int c = OrderCompare(ia->second, ib->second); c != 0) return c;
      }
      return Sign(ma.size(), mb.size());
    }
    case ValueKind::kNode:
      return Sign(a.as_node().id, b.as_node().id);
    case ValueKind::kRelationship:
      return Sign(a.as_rel().id, b.as_rel().id);
    case ValueKind::kPath:
      return OrderPaths(a.as_path(), b.as_path());
  }
  return 0;
}

bool Equivalent(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    const bool a_nan = IsNaN(a);
    const bool b_nan = IsNaN(b);
    if (a_nan || b_nan) return a_nan && b_nan;
    return CompareNumbers(a, b) == 0;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case ValueKind::kNull:
      return true;
    case ValueKind::kList: {
      const List& la = a.as_list();
      const List& lb = b.as_list();
      if (la.size() != lb.size()) return false;
      for (std::size_t i = 0; i < la.size(); ++i) {
        if (!Equivalent(la[i], lb[i])) return false;
      }
      return true;
    }
    case ValueKind::kMap:
      return EquivalentMaps(a.as_map(), b.as_map());
    default:
      // Booleans, strings, nodes, relationships, paths: equal contents.
      return a == b;
  }
}

std::size_t EquivalenceHash(const Value& value) {
  return static_cast<std::size_t>(HashValue(value));
}

std::string FormatValue(const Value& value, const QueryGraph& graph) {
  std::string out;
  AppendValue(out, value, graph);
  return out;
}

const char* KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "Null";
    case ValueKind::kBool:
      return "Boolean";
    case ValueKind::kInt:
      return "Integer";
    case ValueKind::kFloat:
      return "Float";
    case ValueKind::kString:
      return "String";
    case ValueKind::kList:
      return "List";
    case ValueKind::kMap:
      return "Map";
    case ValueKind::kNode:
      return "Node";
    case ValueKind::kRelationship:
      return "Relationship";
    case ValueKind::kPath:
      return "Path";
  }
  return "Unknown";
}

}  // namespace sutra::cypher
