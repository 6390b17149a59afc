#include "engine/snapshot.h"

#include <limits>

namespace sutra::engine {

// Two scans, no property decoding: node types (to number the nodes densely in id order), then
// the adjacency, whose rows arrive in node id order with entries already in CSR arc order.
StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn) {
  constexpr algorithms::DenseId kAbsent = std::numeric_limits<algorithms::DenseId>::max();
  SUTRA_ASSIGN_OR_RETURN(storage::EntryCounts counts, txn.CountEntries());
  std::vector<algorithms::NodeEntry> nodes;
  nodes.reserve(counts.nodes);
  SUTRA_RETURN_IF_ERROR(txn.ScanNodeTypes([&](storage::NodeId id, storage::NodeType type) {
    nodes.push_back({id, type});
  }));
  if (nodes.size() >= kAbsent) return FailedPrecondition("too many nodes for one snapshot");
  // Ids are dense in practice (a counter, with holes only after deletes), so a direct table
  // maps ids to dense numbers in O(1).
  std::vector<algorithms::DenseId> dense(nodes.empty() ? 1 : nodes.back().id + 1, kAbsent);
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    dense[nodes[v].id] = static_cast<algorithms::DenseId>(v);
  }
  std::vector<std::uint64_t> offsets(nodes.size() + 1, 0);
  std::vector<algorithms::CsrArc> arcs;
  arcs.reserve(counts.adjacency);
  std::size_t next_row = 0;  // dense number of the next node whose offset is unset
  Status problem;
  SUTRA_RETURN_IF_ERROR(txn.ScanAdjacency([&](storage::NodeId id,
                                              std::span<const storage::Neighbor> row) {
    const algorithms::DenseId v = id < dense.size() ? dense[id] : kAbsent;
    if (v == kAbsent) {
      problem = Corruption("adjacency of node " + std::to_string(id) +
                           ", which does not exist (run `sutra check`)");
      return;
    }
    while (next_row <= v) offsets[next_row++] = arcs.size();
    for (const storage::Neighbor& n : row) {
      const algorithms::DenseId target = n.node < dense.size() ? dense[n.node] : kAbsent;
      if (target == kAbsent) {
        problem = Corruption("adjacency of node " + std::to_string(id) + " names missing node " +
                             std::to_string(n.node) + " (run `sutra check`)");
        return;
      }
      arcs.push_back({target, n.type, n.direction, n.edge});
    }
  }));
  SUTRA_RETURN_IF_ERROR(problem);
  while (next_row <= nodes.size()) offsets[next_row++] = arcs.size();
  return algorithms::CsrGraph::FromSorted(std::move(nodes), std::move(offsets), std::move(arcs));
}

}  // namespace sutra::engine
