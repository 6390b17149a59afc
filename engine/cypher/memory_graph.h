// An in-memory property graph for Cypher: any labels, any relationship types, properties of
// every storable Cypher type (scalars and homogeneous lists). Used by `sutra query --memory`,
// by the openCypher TCK runner (one fresh graph per scenario) and as a fast scratch graph for
// analysts' scripts. Rollback restores the state of the last Commit (copy on first write).
// Not thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/cypher/query_graph.h"

namespace sutra::cypher {

class MemoryGraph final : public QueryGraph {
 public:
  MemoryGraph();
  ~MemoryGraph() override;

  std::optional<Token> FindLabel(std::string_view name) const override;
  std::optional<Token> FindRelType(std::string_view name) const override;
  std::string_view LabelName(Token label) const override;
  std::string_view RelTypeName(Token type) const override;

  void ForEachNode(const NodeVisitor& visit) const override;
  void ForEachNodeWithLabel(Token label, const NodeVisitor& visit) const override;
  bool HasNode(ElementId node) const override;
  std::vector<Token> NodeLabels(ElementId node) const override;
  bool NodeHasLabel(ElementId node, Token label) const override;
  Value NodeProperty(ElementId node, std::string_view key) const override;
  Map NodeProperties(ElementId node) const override;

  void ForEachRelationship(const NodeVisitor& visit) const override;
  bool HasRelationship(ElementId rel) const override;
  RelationshipInfo Relationship(ElementId rel) const override;
  Value RelProperty(ElementId rel, std::string_view key) const override;
  Map RelProperties(ElementId rel) const override;
  void Expand(ElementId node, ExpandDirection direction, std::span<const Token> types,
              const AdjacentVisitor& visit) const override;
  std::size_t Degree(ElementId node, ExpandDirection direction,
                     std::span<const Token> types) const override;

  ElementId CreateNode(std::span<const std::string> labels, const Map& properties) override;
  ElementId CreateRelationship(std::string_view type, ElementId start, ElementId end,
                               const Map& properties) override;
  void SetNodeProperty(ElementId node, std::string_view key, const Value& value) override;
  void SetRelProperty(ElementId rel, std::string_view key, const Value& value) override;
  void AddLabel(ElementId node, std::string_view label) override;
  void RemoveLabel(ElementId node, std::string_view label) override;
  void DeleteRelationship(ElementId rel) override;
  void DeleteNode(ElementId node) override;

  void Commit() override;
  void Rollback() override;

  // Index lookup for `(n:Label {key: value})` on scalar values (number, string, boolean):
  // builds a hash index of (label, key) on first use, kept up to date by later writes.
  bool FindNodesByProperty(Token label, std::string_view key, const Value& value,
                           const NodeVisitor& visit) const override;

  std::size_t node_count() const;
  std::size_t relationship_count() const;

  // --- Bulk loading (csv_load.h) ---
  // Names interned here keep their tokens for the life of the graph (Rollback keeps them).
  Token InternLabel(std::string_view name);
  Token InternRelType(std::string_view name);
  Token InternPropertyKey(std::string_view name);
  // (property key token, value) pairs: distinct keys, any order; null values are skipped.
  using PropertyList = std::vector<std::pair<Token, Value>>;
  // CreateNode / CreateRelationship with interned names and no Map to build: the loader's fast
  // path. Same checks and transaction behaviour as the QueryGraph methods.
  ElementId CreateNodeWithTokens(std::span<const Token> labels, PropertyList properties);
  ElementId CreateRelationshipWithTokens(Token type, ElementId start, ElementId end,
                                         PropertyList properties);
  // Capacity hint for `nodes` / `relationships` more elements.
  void Reserve(std::size_t nodes, std::size_t relationships);
  // Capacity hint for `out` / `in` more relationships starting / ending at `node` (live), so a
  // loader that counted degrees first fills each adjacency list with one allocation.
  void ReserveAdjacency(ElementId node, std::size_t out, std::size_t in);

 private:
  struct State;
  struct Names;
  struct IndexCache;
  State& Writable();  // copies the committed state on the first write after Commit
  void IndexNode(ElementId node, std::optional<Token> label, std::optional<Token> key);
  std::unique_ptr<State> state_;
  std::unique_ptr<State> committed_;                 // non-null while there are uncommitted writes
  std::unique_ptr<Names> names_;                     // interned names: outside the transaction
  mutable std::unique_ptr<IndexCache> index_cache_;  // FindNodesByProperty's indexes
};

}  // namespace sutra::cypher
