#include "engine/snapshot.h"

namespace sutra::engine {

StatusOr<algorithms::CsrGraph> BuildSnapshot(const storage::ReadTxn& txn) {
  std::vector<algorithms::NodeEntry> nodes;
  std::vector<algorithms::EdgeEntry> edges;
  SUTRA_RETURN_IF_ERROR(txn.ForEachNode([&](const storage::Node& n) {
    nodes.push_back({n.id, n.type});
    return true;
  }));
  SUTRA_RETURN_IF_ERROR(txn.ForEachEdge([&](const storage::Edge& e) {
    edges.push_back({e.id, e.type, e.from, e.to});
    return true;
  }));
  return algorithms::CsrGraph::Build(std::move(nodes), edges);
}

}  // namespace sutra::engine
