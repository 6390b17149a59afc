#include "engine/snapshot.h"

#include <atomic>
#include <limits>
#include <thread>

#include "storage/huge_page_allocator.h"

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
      return id >= first_id && id - first_id < nodes.size()
                 ? static_cast<algorithms::DenseId>(id - first_id)
                 : kAbsent;
    }
    return id < dense.size() ? dense[id] : kAbsent;
  };
  std::vector<std::uint64_t> offsets(nodes.size() + 1, 0);
  algorithms::ArcArray arcs;
  arcs.reserve(counts.adjacency);
  // Fresh memory is zeroed by the kernel on first write, about a third of the scan's time on
  // a large graph: a second thread has the arc array's pages made ahead of the scan.
  std::atomic<bool> scan_done = false;
  std::jthread populate([&] {
    storage::PopulateForWrite(arcs.data(), arcs.capacity() * sizeof(algorithms::CsrArc), scan_done);
  });
  std::size_t next_row = 0;  // dense number of the next node whose offset is unset
  Status problem;
  const Status scanned =
      txn.ScanAdjacency([&](storage::NodeId id, std::span<const storage::Neighbor> row) {
        const algorithms::DenseId v = dense_of(id);
        if (v == kAbsent) {
          problem = Corruption("adjacency of node " + std::to_string(id) +
                               ", which does not exist (run `sutra check`)");
          return;
        }
        while (next_row <= v) offsets[next_row++] = arcs.size();
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
          arcs.push_back(algorithms::CsrArc::Make(target, n.type, n.direction, n.edge));
        }
      });
  scan_done = true;
  populate.join();
  SUTRA_RETURN_IF_ERROR(scanned);
  SUTRA_RETURN_IF_ERROR(problem);
  while (next_row <= nodes.size()) offsets[next_row++] = arcs.size();
  return algorithms::CsrGraph::FromSorted(std::move(nodes), std::move(offsets), std::move(arcs));
}

}  // namespace sutra::engine
