// StoreGraph: Sutra's LMDB crime graph seen as a Cypher QueryGraph (engine/cypher/query_graph.h).
//
// Mapping:
//   - a node's one label is its NodeType name (Case, PersonRecord, Person, Vehicle, Phone,
//     Location, Station); the label token is the NodeType value;
//   - a relationship's type is its EdgeType name (ACCUSED_IN, SAME_AS, ...); the token is the
//     EdgeType value;
//   - ids are the store's node and edge ids; properties are the stored scalars, shown as stored
//     (protection facts such as status 'acquitted' or juvenile true included);
//   - a relationship also shows its provenance as properties: `fir` and `station` (when not
//     empty) and `batch` (the load batch that asserted it).
//
// Transactions: a query reads one consistent view (one LMDB read transaction, begun on first
// use). Its first write switches it to the store's write transaction, which every later read
// of the query also uses, so the query sees its own writes. Commit() commits the writes (or
// just ends the view); Rollback() aborts them. The next use after either begins a new view, so
// one StoreGraph serves a sequence of queries (a shell).
//
// Speed: while the query has not written and the engine's in-memory snapshot (CsrGraph) is of
// exactly the view being read, labels, scans and expansions are answered from the snapshot;
// otherwise from the store's adjacency, which is read without decoding any property.
//
// Writes: CREATE takes exactly one Sutra label and scalar properties; relationship types must
// be Sutra edge types. A created relationship's provenance is its `fir` and `station`
// properties when the query gives them (strings), else empty: it is then recorded as an
// analyst annotation, its batch described as "analyst annotation (cypher) by <actor>". Labels
// cannot be added or removed (a node's type cannot change), nor a relationship's provenance.
// Violations raise CypherError; storage failures raise StoreGraphError.
//
// Not thread-safe: one query at a time (query_graph.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/cypher/query_graph.h"
#include "engine/engine.h"
#include "storage/graph_store.h"

namespace sutra::engine {

// A storage failure under a query (I/O, corruption, a full map): not the query's fault.
class StoreGraphError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoreGraphOptions {
  std::string actor = "analyst";  // who writes: named in the batch description of writes
  bool use_snapshot = true;       // answer from the engine's snapshot when it is current
};

class StoreGraph final : public cypher::QueryGraph {
 public:
  // Reads and writes `store`. `engine`, when given, must own `store`; it provides the snapshot.
  StoreGraph(storage::GraphStore& store, const Engine* engine, StoreGraphOptions options = {});
  // The engine's own store, with its snapshot.
  explicit StoreGraph(const Engine& engine, StoreGraphOptions options = {});
  ~StoreGraph() override;  // rolls back uncommitted writes
  StoreGraph(const StoreGraph&) = delete;
  StoreGraph& operator=(const StoreGraph&) = delete;

  std::optional<cypher::Token> FindLabel(std::string_view name) const override;
  std::optional<cypher::Token> FindRelType(std::string_view name) const override;
  std::string_view LabelName(cypher::Token label) const override;
  std::string_view RelTypeName(cypher::Token type) const override;

  void ForEachNode(const cypher::NodeVisitor& visit) const override;
  void ForEachNodeWithLabel(cypher::Token label, const cypher::NodeVisitor& visit) const override;
  bool HasNode(cypher::ElementId node) const override;
  std::vector<cypher::Token> NodeLabels(cypher::ElementId node) const override;
  bool NodeHasLabel(cypher::ElementId node, cypher::Token label) const override;
  cypher::Value NodeProperty(cypher::ElementId node, std::string_view key) const override;
  cypher::Map NodeProperties(cypher::ElementId node) const override;
  // Indexed: Case.fir_number, Phone.number, Vehicle.registration, PersonRecord.name,
  // Station.code and Station.name, for non-empty strings.
  bool FindNodesByProperty(cypher::Token label, std::string_view key, const cypher::Value& value,
                           const cypher::NodeVisitor& visit) const override;

  void ForEachRelationship(const cypher::NodeVisitor& visit) const override;
  bool HasRelationship(cypher::ElementId rel) const override;
  cypher::RelationshipInfo Relationship(cypher::ElementId rel) const override;
  cypher::Value RelProperty(cypher::ElementId rel, std::string_view key) const override;
  cypher::Map RelProperties(cypher::ElementId rel) const override;
  void Expand(cypher::ElementId node, cypher::ExpandDirection direction,
              std::span<const cypher::Token> types,
              const cypher::AdjacentVisitor& visit) const override;
  std::size_t Degree(cypher::ElementId node, cypher::ExpandDirection direction,
                     std::span<const cypher::Token> types) const override;

  cypher::ElementId CreateNode(std::span<const std::string> labels,
                               const cypher::Map& properties) override;
  cypher::ElementId CreateRelationship(std::string_view type, cypher::ElementId start,
                                       cypher::ElementId end,
                                       const cypher::Map& properties) override;
  void SetNodeProperty(cypher::ElementId node, std::string_view key,
                       const cypher::Value& value) override;
  void SetRelProperty(cypher::ElementId rel, std::string_view key,
                      const cypher::Value& value) override;
  void AddLabel(cypher::ElementId node, std::string_view label) override;
  void RemoveLabel(cypher::ElementId node, std::string_view label) override;
  void DeleteRelationship(cypher::ElementId rel) override;
  void DeleteNode(cypher::ElementId node) override;

  void Commit() override;
  void Rollback() override;

  // Whether the current query is answered from the engine's snapshot (for tests and tuning).
  bool UsingSnapshot() const;

 private:
  class WriteSession;

  const storage::ReadTxn& Reader() const;   // the query's view, begun on first use
  const algorithms::CsrGraph* Csr() const;  // the snapshot when it is of that view
  storage::WriteTxn& Writer();              // switches the query to writing
  void EndQuery();                          // forgets the view and every cache
  std::optional<storage::NodeType> TypeOf(storage::NodeId id) const;
  const storage::Node* CachedNode(storage::NodeId id) const;  // nullptr when absent
  const storage::Edge* CachedEdge(storage::EdgeId id) const;  // nullptr when absent
  void ForgetNode(storage::NodeId id);
  void ForgetEdge(storage::EdgeId id);
  std::uint64_t Batch();  // this query's batch for created elements
  std::string NewKey();   // a natural key / discriminator no other element has
  std::string NodeKeyOf(const storage::Node& node);
  std::string DiscriminatorOf(const storage::Edge& edge);
  void IndexProperty(storage::NodeId id, storage::NodeType type, std::string_view key,
                     const storage::Value& value);

  storage::GraphStore& store_;
  const Engine* engine_;
  StoreGraphOptions options_;

  mutable std::optional<storage::ReadTxn> read_;
  mutable std::shared_ptr<const Snapshot> snapshot_;  // set only when of read_'s view
  std::unique_ptr<WriteSession> write_;
  std::optional<std::uint64_t> batch_;
  std::uint64_t created_ = 0;  // elements created under batch_

  // Per-query caches (cleared by EndQuery, kept exact across this query's writes).
  mutable std::unordered_map<storage::NodeId, storage::NodeType> types_;
  mutable bool all_types_known_ = false;  // types_ holds every node of the view
  mutable std::unordered_map<storage::NodeId, std::optional<storage::Node>> nodes_;
  mutable std::unordered_map<storage::EdgeId, std::optional<storage::Edge>> edges_;
};

}  // namespace sutra::engine
