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
  // Ids come from a counter, so they are usually contiguous (holes appear only after deletes):
  // then a node's dense number is its id minus the first id, with no table to look up, which
  // spares a cache miss per arc on a large graph. Otherwise a direct table maps id to number.
  const std::size_t node_count = nodes.size();
  const storage::NodeId first_id = nodes.empty() ? 0 : nodes.front().id;
  const bool contiguous = nodes.empty() || nodes.back().id - first_id + 1 == nodes.size();
  std::vector<algorithms::DenseId> dense;
  if (!contiguous) {
    dense.assign(nodes.back().id + 1, kAbsent);
    for (std::size_t v = 0; v < nodes.size(); ++v) {
      dense[nodes[v].id] = static_cast<algorithms::DenseId>(v);
    }
  }
  auto dense_of = [&](storage::NodeId id) -> algorithms::DenseId {
    if (contiguous) {
      return id >= first_id && id - first_id < node_count
                 ? static_cast<algorithms::DenseId>(id - first_id)
                 : kAbsent;
    }
    return id < dense.size() ? dense[id] : kAbsent;
  };
  algorithms::CsrGraph::Builder builder(std::move(nodes), counts.adjacency);
  Status problem;
  const Status scanned =
      txn.ScanAdjacency([&](storage::NodeId id, std::span<const storage::Neighbor> row) {
        if (!problem.ok()) return;
        const algorithms::DenseId v = dense_of(id);
        if (v == kAbsent) {
          problem = Corruption("adjacency of node " + std::to_string(id) +
                               ", which does not exist (run `sutra check`)");
          return;
        }
        for (const storage::Neighbor& n : row) {
          const algorithms::DenseId target = dense_of(n.node);
          if (target == kAbsent) {
            problem =
                Corruption("adjacency of node " + std::to_string(id) + " names missing node " +
                           std::to_string(n.node) + " (run `sutra check`)");
            return;
          }
          if (n.edge > algorithms::CsrArc::kMaxEdgeId) {
            problem = FailedPrecondition("edge " + std::to_string(n.edge) +
                                         " has an id too large for the in-memory snapshot");
            return;
          }
          if (!builder.Add(v, algorithms::CsrArc::Make(target, n.type, n.direction, n.edge))) {
            problem = Corruption("the adjacency of node " + std::to_string(id) +
                                 " is not in key order (run `sutra check`)");
            return;
          }
        }
      });
  SUTRA_RETURN_IF_ERROR(scanned);
  SUTRA_RETURN_IF_ERROR(problem);
  return std::move(builder).Finish();
}

}  // namespace sutra::engine
