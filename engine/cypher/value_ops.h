// Cypher's operations on values: equality and comparison with three-valued logic, the total
// order of ORDER BY, equivalence and hashing for DISTINCT and grouping, and the text form of
// values as the openCypher TCK writes them. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>

#include "engine/cypher/ast.h"
#include "engine/cypher/query_graph.h"
#include "engine/cypher/value.h"

namespace sutra::cypher {

// `a = b`: true, false or null (null when either side is null, or when lists/maps contain nulls
// that decide the answer). 1 = 1.0 is true. Nodes and relationships are equal by id.
Value Equals(const Value& a, const Value& b);

// `a < b`, `a <= b`, `a > b`, `a >= b` (op is one of the four comparison BinaryOps): true,
// false, or null when either side is null or the kinds are not comparable (e.g. 1 < 'a').
Value CompareValues(const Value& a, const Value& b, BinaryOp op);

// The total order of ORDER BY (ascending): negative, zero or positive. Values of different
// kinds order as map < node < relationship < list < path < string < boolean < number < null;
// numbers compare by value (NaN after all other numbers); lists element by element.
int OrderCompare(const Value& a, const Value& b);

// Equivalence for DISTINCT, grouping keys and UNION: like equality, but null is equivalent to
// null (and NaN to NaN). Hash is consistent with it: Equivalent(a, b) => Hash(a) == Hash(b).
bool Equivalent(const Value& a, const Value& b);
std::size_t EquivalenceHash(const Value& value);

// The TCK's text form: null, true, 1, 1.5, 'text', [1, 2], {k: 'v'}, (:A:B {p: 1}),
// [:T {p: 1}], <(:A)-[:T]->(:B)<-[:U]-()>. Map keys and properties sorted by key. Floats in
// the shortest form that reads back exactly, always with a '.' or exponent (1.0, 1e20 -> 1.0E20).
std::string FormatValue(const Value& value, const QueryGraph& graph);

// The name of a value's type as error messages and the TCK's type names use it: "Null",
// "Boolean", "Integer", "Float", "String", "List", "Map", "Node", "Relationship", "Path".
const char* KindName(ValueKind kind);

}  // namespace sutra::cypher
