// Values as the openCypher TCK writes them in its tables: null, true, 1, -1.5, 'text', [1, 2],
// {k: 'v'}, NaN, Inf, -Inf, nodes (:A:B {p: 1}), relationships [:T {p: 1}] and paths
// <(:A)-[:T]->(:B)<-[:U]-()>.
//
// Expected values are parsed from that syntax and actual values are resolved from the graph into
// the same graph-free form (a node is its labels and properties, since the TCK cannot know ids),
// so the two compare structurally. Comparison is exact: an integer never equals a float, and
// floats are equal only when they are the same double, except that NaN equals NaN and -0.0
// equals 0.0. That is the TCK's rule: it writes a float as the shortest text that reads back to
// the same double (so reading the expected text gives exactly the double it means, and any
// tolerance would accept wrong answers), and it expects `RETURN -0.0` to give 0.0 (Literals5).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher::tck {

struct TckValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRelationship, kPath };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string text;                 // a string's contents; a relationship's type
  std::vector<std::string> labels;  // a node's labels, sorted
  // A list's elements; a path's nodes and relationships alternating, node first.
  std::vector<TckValue> items;
  // A map's entries, or a node's / relationship's properties; sorted by key, keys unique.
  std::vector<std::pair<std::string, TckValue>> entries;
  // A relationship inside a path: whether it points from the node before it to the node after.
  bool forward = true;
  // A node or relationship the query returned but the graph no longer holds (deleted).
  bool deleted = false;
};

class TckValueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses one table cell. Throws TckValueError with the position on malformed text.
TckValue ParseTckValue(std::string_view text);

// The TCK's text form of a value (for messages): maps and properties sorted by key.
std::string FormatTckValue(const TckValue& value);

// A text that is equal for two values exactly when they are equal as the TCK compares them.
// With ignore_list_order, the elements of every list are compared as a multiset ("the result
// should be (ignoring element order for lists)"); paths keep their order.
std::string CanonicalForm(const TckValue& value, bool ignore_list_order);

bool TckEqual(const TckValue& expected, const TckValue& actual, bool ignore_list_order);

// An engine value in the TCK's terms, reading labels, types and properties from `graph`.
TckValue ResolveValue(const Value& value, const QueryGraph& graph);

// The engine value of a TCK literal (for query parameters and test procedures' tables).
// Throws TckValueError for nodes, relationships and paths, which have no literal in a query.
Value ToEngineValue(const TckValue& value);

}  // namespace sutra::cypher::tck
