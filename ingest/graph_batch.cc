#include "ingest/graph_batch.h"

namespace sutra::ingest {

std::size_t GraphBatch::AddNode(storage::NodeType type, std::string key,
                                storage::Properties properties) {
  nodes_.push_back({type, std::move(key), std::move(properties), {}});
  return nodes_.size() - 1;
}

void GraphBatch::AddTerm(std::size_t node, std::string term) {
  nodes_[node].terms.push_back(std::move(term));
}

void GraphBatch::AddEdge(storage::EdgeType type, NodeRef from, NodeRef to, const FirKey& fir,
                         storage::Properties properties, std::string discriminator) {
  edges_.push_back({type, from, to, std::move(properties), fir, std::move(discriminator)});
}

StatusOr<BatchCounts> GraphBatch::Write(storage::WriteTxn& txn, std::uint64_t batch,
                                        std::vector<storage::NodeId>* node_ids) const {
  BatchCounts counts;
  SUTRA_ASSIGN_OR_RETURN(auto nodes, txn.UpsertNodes(nodes_));
  for (const auto& r : nodes) counts.nodes_created += r.created;
  auto id = [&](NodeRef ref) { return ref.in_batch ? nodes[ref.value].id : ref.value; };
  std::vector<storage::EdgeWrite> edges;
  edges.reserve(edges_.size());
  for (const PendingEdge& e : edges_) {
    edges.push_back({e.type, id(e.from), id(e.to), e.properties,
                     storage::Provenance{e.fir.fir_number, e.fir.station_code, batch},
                     e.discriminator});
  }
  SUTRA_ASSIGN_OR_RETURN(auto results, txn.UpsertEdges(edges));
  for (const auto& r : results) counts.edges_created += r.created;
  if (node_ids != nullptr) {
    node_ids->clear();
    for (const auto& r : nodes) node_ids->push_back(r.id);
  }
  return counts;
}

}  // namespace sutra::ingest
