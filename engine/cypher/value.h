// Values of the Cypher language as Sutra's query engine computes them (openCypher 9 type
// system, without the temporal types): null, booleans, 64-bit integers, floats, strings, lists,
// maps, and references to the graph's nodes, relationships and paths.
//
// Nodes and relationships are held by id; what they carry (labels, type, properties) is read
// from the QueryGraph the query runs on (query_graph.h), so a Value stays small and cheap to
// copy into rows. Values are plain data: safe to share between threads when not mutated.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sutra::cypher {

using ElementId = std::uint64_t;

struct NullValue {
  bool operator==(const NullValue&) const = default;
};
struct NodeRef {
  ElementId id = 0;
  bool operator==(const NodeRef&) const = default;
};
struct RelRef {
  ElementId id = 0;
  bool operator==(const RelRef&) const = default;
};
// A path: nodes.size() == rels.size() + 1; rels[i] joins nodes[i] and nodes[i + 1] (in either
// direction: the relationship's own start and end are read from the graph).
struct PathValue {
  std::vector<ElementId> nodes;
  std::vector<ElementId> rels;
  bool operator==(const PathValue&) const = default;
};

class Value;
using List = std::vector<Value>;
using Map = std::map<std::string, Value, std::less<>>;

// The kinds, in the order openCypher sorts values of different kinds for ORDER BY (ascending):
// map < node < relationship < list < path < string < boolean < number < null. (The enum's own
// order is not that order; see OrderKind in value_ops.h.)
enum class ValueKind : std::uint8_t {
  kNull,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kNode,
  kRelationship,
  kPath,
};

class Value {
 public:
  using Storage = std::variant<NullValue, bool, std::int64_t, double, std::string, List, Map,
                               NodeRef, RelRef, PathValue>;

  Value() = default;
  Value(NullValue) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(std::int64_t{i}) {}
  Value(std::int64_t i) : v_(i) {}
  Value(double d) : v_(d) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(List l) : v_(std::move(l)) {}
  Value(Map m) : v_(std::move(m)) {}
  Value(NodeRef n) : v_(n) {}
  Value(RelRef r) : v_(r) {}
  Value(PathValue p) : v_(std::move(p)) {}

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool is_null() const { return kind() == ValueKind::kNull; }
  bool is_bool() const { return kind() == ValueKind::kBool; }
  bool is_int() const { return kind() == ValueKind::kInt; }
  bool is_float() const { return kind() == ValueKind::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return kind() == ValueKind::kString; }
  bool is_list() const { return kind() == ValueKind::kList; }
  bool is_map() const { return kind() == ValueKind::kMap; }
  bool is_node() const { return kind() == ValueKind::kNode; }
  bool is_rel() const { return kind() == ValueKind::kRelationship; }
  bool is_path() const { return kind() == ValueKind::kPath; }

  // Accessors: the caller checks the kind first (std::bad_variant_access otherwise).
  bool as_bool() const { return std::get<bool>(v_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(v_); }
  double as_float() const { return std::get<double>(v_); }
  // An integer or a float as a double.
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const List& as_list() const { return std::get<List>(v_); }
  List& as_list() { return std::get<List>(v_); }
  const Map& as_map() const { return std::get<Map>(v_); }
  Map& as_map() { return std::get<Map>(v_); }
  NodeRef as_node() const { return std::get<NodeRef>(v_); }
  RelRef as_rel() const { return std::get<RelRef>(v_); }
  const PathValue& as_path() const { return std::get<PathValue>(v_); }

  const Storage& storage() const { return v_; }

  // Structural identity (same kind, same contents; 1 and 1.0 differ; null equals null). This is
  // for containers and tests; Cypher's `=` is Equals in value_ops.h.
  bool operator==(const Value&) const = default;

 private:
  Storage v_;
};

}  // namespace sutra::cypher
