// GraphBatch: accepted input turned into graph writes, written in one write transaction.
//
// Every node is written by natural key first (WriteTxn::UpsertNodes, in key order), then every
// edge (WriteTxn::UpsertEdges). An edge names each end either as a node of the same batch (by
// the index AddNode returned) or as a node already stored (by id), so a loader can build a
// whole batch before any of its nodes has an id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/bundle_rows.h"
#include "storage/graph_store.h"

namespace sutra::ingest {

struct NodeRef {
  static NodeRef InBatch(std::size_t index) { return {true, index}; }
  static NodeRef Stored(storage::NodeId id) { return {false, id}; }
  bool in_batch = false;
  std::uint64_t value = 0;  // index in the batch, or node id
};

struct BatchCounts {
  std::uint64_t nodes_created = 0;
  std::uint64_t edges_created = 0;
};

class GraphBatch {
 public:
  // Returns the node's index in this batch. Adding the same key twice is allowed: both indexes
  // name one node, with the properties of the later.
  std::size_t AddNode(storage::NodeType type, std::string key, storage::Properties properties);
  void AddTerm(std::size_t node, std::string term);
  // An edge asserted by `fir`, told apart from others of the same ends and FIR by
  // `discriminator` (a call's start time).
  void AddEdge(storage::EdgeType type, NodeRef from, NodeRef to, const FirKey& fir,
               storage::Properties properties = {}, std::string discriminator = {});

  const storage::NodeWrite& node(std::size_t index) const { return nodes_[index]; }

  // Writes the batch in `txn`, edges' provenance naming load batch `batch`. `node_ids` (when
  // given) receives the id of each node of the batch, by index.
  StatusOr<BatchCounts> Write(storage::WriteTxn& txn, std::uint64_t batch,
                              std::vector<storage::NodeId>* node_ids = nullptr) const;

 private:
  struct PendingEdge {
    storage::EdgeType type;
    NodeRef from, to;
    storage::Properties properties;
    FirKey fir;
    std::string discriminator;
  };
  std::vector<storage::NodeWrite> nodes_;
  std::vector<PendingEdge> edges_;
};

}  // namespace sutra::ingest
