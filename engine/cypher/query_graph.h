// The graph a Cypher query reads and writes. The executor sees the data only through this
// interface; Sutra has two implementations:
//   - MemoryGraph (memory_graph.h): a general in-memory property graph (any labels, any
//     relationship types, list properties), for scripts, tests and the openCypher TCK;
//   - StoreGraph (engine/cypher_store_graph.h): Sutra's LMDB crime graph, whose labels are its
//     node types (Case, PersonRecord, Person, Vehicle, Phone, Location, Station) and whose
//     relationship types are its edge types (ACCUSED_IN, SAME_AS, ...).
//
// Labels and relationship types are interned as Tokens so the hot paths (label scans, typed
// expansion) compare integers. Ids are stable for the life of the graph and never reused.
//
// Writes happen inside the graph's current transaction: Commit() makes them durable and
// visible, Rollback() undoes every write since the last Commit(). A graph that cannot hold
// something (e.g. a label outside Sutra's schema) throws CypherError with a message naming it.
// Not thread-safe: one query at a time per QueryGraph object.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cypher/value.h"

namespace sutra::cypher {

using Token = std::uint32_t;

// Expansion direction, seen from the node being expanded.
enum class ExpandDirection : std::uint8_t {
  kOutgoing,  // relationships that start at the node
  kIncoming,  // relationships that end at the node
  kBoth,      // both; a self-loop is reported once
};

struct RelationshipInfo {
  Token type = 0;
  ElementId start = 0;
  ElementId end = 0;
};

// One relationship at a node during expansion.
struct Adjacent {
  ElementId rel = 0;
  ElementId other = 0;  // the node at the other end (the node itself for a self-loop)
  bool outgoing = true;  // the expanded node is the relationship's start
};

// Visitors return false to stop the scan early.
using NodeVisitor = std::function<bool(ElementId)>;
using AdjacentVisitor = std::function<bool(const Adjacent&)>;

class QueryGraph {
 public:
  virtual ~QueryGraph() = default;

  // --- Names ---
  // The token of a label / relationship type, or nullopt when the graph has never seen it
  // (so nothing can match it).
  virtual std::optional<Token> FindLabel(std::string_view name) const = 0;
  virtual std::optional<Token> FindRelType(std::string_view name) const = 0;
  virtual std::string_view LabelName(Token label) const = 0;
  virtual std::string_view RelTypeName(Token type) const = 0;

  // --- Nodes ---
  virtual void ForEachNode(const NodeVisitor& visit) const = 0;
  virtual void ForEachNodeWithLabel(Token label, const NodeVisitor& visit) const = 0;
  virtual bool HasNode(ElementId node) const = 0;
  virtual std::vector<Token> NodeLabels(ElementId node) const = 0;  // sorted by name
  virtual bool NodeHasLabel(ElementId node, Token label) const = 0;
  // Null when the node has no such property.
  virtual Value NodeProperty(ElementId node, std::string_view key) const = 0;
  virtual Map NodeProperties(ElementId node) const = 0;
  // Index lookup for `(n:Label {key: value})`: visits the nodes with `label` whose property
  // `key` equals `value` and returns true, or returns false without visiting anything when the
  // graph has no index for it (the executor then scans the label). May visit a superset of the
  // matches (the executor re-checks every property).
  virtual bool FindNodesByProperty(Token /*label*/, std::string_view /*key*/,
                                   const Value& /*value*/, const NodeVisitor& /*visit*/) const {
    return false;
  }

  // --- Relationships ---
  virtual void ForEachRelationship(const NodeVisitor& visit) const = 0;
  virtual bool HasRelationship(ElementId rel) const = 0;
  virtual RelationshipInfo Relationship(ElementId rel) const = 0;
  virtual Value RelProperty(ElementId rel, std::string_view key) const = 0;
  virtual Map RelProperties(ElementId rel) const = 0;
  // The relationships at `node` in `direction`, of one of `types` (all types when empty).
  virtual void Expand(ElementId node, ExpandDirection direction, std::span<const Token> types,
                      const AdjacentVisitor& visit) const = 0;
  // How many relationships Expand would report.
  virtual std::size_t Degree(ElementId node, ExpandDirection direction,
                             std::span<const Token> types) const = 0;

  // --- Writes ---
  // Property values are null-free: setting a property to null removes it. Lists stored as
  // properties hold only null-free scalars of one kind (the executor checks that first).
  virtual ElementId CreateNode(std::span<const std::string> labels, const Map& properties) = 0;
  virtual ElementId CreateRelationship(std::string_view type, ElementId start, ElementId end,
                                       const Map& properties) = 0;
  virtual void SetNodeProperty(ElementId node, std::string_view key, const Value& value) = 0;
  virtual void SetRelProperty(ElementId rel, std::string_view key, const Value& value) = 0;
  virtual void AddLabel(ElementId node, std::string_view label) = 0;
  virtual void RemoveLabel(ElementId node, std::string_view label) = 0;
  virtual void DeleteRelationship(ElementId rel) = 0;
  // The node must have no relationships left (the executor deletes them first for DETACH
  // DELETE, and raises ConstraintVerificationFailed otherwise).
  virtual void DeleteNode(ElementId node) = 0;

  virtual void Commit() = 0;
  virtual void Rollback() = 0;
};

}  // namespace sutra::cypher
