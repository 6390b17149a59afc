#include "algorithms/csr_graph.h"

#include <algorithm>
#include <tuple>

namespace sutra::algorithms {

CsrGraph CsrGraph::Build(std::vector<NodeEntry> nodes, const std::vector<EdgeEntry>& edges) {
  CsrGraph g;
  std::sort(nodes.begin(), nodes.end(),
            [](const NodeEntry& a, const NodeEntry& b) { return a.id < b.id; });
  g.nodes_ = std::move(nodes);

  // Counting sort of arcs by source row: one pass to size the rows, one to place the arcs.
  std::vector<std::pair<DenseId, DenseId>> ends;
  ends.reserve(edges.size());
  g.offsets_.assign(g.nodes_.size() + 1, 0);
  for (const EdgeEntry& e : edges) {
    auto from = g.Find(e.from), to = g.Find(e.to);
    if (!from || !to || e.id > CsrArc::kMaxEdgeId) {
      ++g.dangling_edges_;
      ends.emplace_back(UINT32_MAX, UINT32_MAX);
      continue;
    }
    ends.emplace_back(*from, *to);
    ++g.offsets_[*from + 1];
    ++g.offsets_[*to + 1];
  }
  for (std::size_t v = 0; v < g.nodes_.size(); ++v) g.offsets_[v + 1] += g.offsets_[v];
  g.arcs_.resize(g.offsets_.back());
  std::vector<std::uint64_t> next(g.offsets_.begin(), g.offsets_.end() - 1);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    auto [from, to] = ends[i];
    if (from == UINT32_MAX) continue;
    const EdgeEntry& e = edges[i];
    g.arcs_[next[from]++] = CsrArc::Make(to, e.type, storage::Direction::kOut, e.id);
    g.arcs_[next[to]++] = CsrArc::Make(from, e.type, storage::Direction::kIn, e.id);
  }
  for (std::size_t v = 0; v < g.nodes_.size(); ++v) {
    std::sort(g.arcs_.begin() + g.offsets_[v], g.arcs_.begin() + g.offsets_[v + 1],
              [](const CsrArc& a, const CsrArc& b) { return a.order() < b.order(); });
  }
  return g;
}

StatusOr<CsrGraph> CsrGraph::FromSorted(std::vector<NodeEntry> nodes,
                                        std::vector<std::uint64_t> offsets, ArcArray arcs) {
  if (offsets.size() != nodes.size() + 1 || offsets.front() != 0 || offsets.back() != arcs.size()) {
    return InvalidArgument("CSR offsets do not match the node and arc counts");
  }
  auto arc_order = [](const CsrArc& a, const CsrArc& b) { return a.order() < b.order(); };
  for (std::size_t v = 0; v < nodes.size(); ++v) {
    if (v > 0 && nodes[v - 1].id >= nodes[v].id) {
      return InvalidArgument("CSR nodes are not in ascending id order at node " +
                             std::to_string(nodes[v].id));
    }
    if (offsets[v] > offsets[v + 1]) return InvalidArgument("CSR offsets decrease");
    for (std::uint64_t a = offsets[v]; a < offsets[v + 1]; ++a) {
      if (arcs[a].target >= nodes.size()) return InvalidArgument("CSR arc target out of range");
      if (a > offsets[v] && arc_order(arcs[a], arcs[a - 1])) {
        return InvalidArgument("CSR arcs of node " + std::to_string(nodes[v].id) +
                               " are not sorted");
      }
    }
  }
  CsrGraph g;
  g.nodes_ = std::move(nodes);
  g.offsets_ = std::move(offsets);
  g.arcs_ = std::move(arcs);
  return g;
}

std::optional<DenseId> CsrGraph::Find(storage::NodeId id) const {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), id,
                             [](const NodeEntry& n, storage::NodeId v) { return n.id < v; });
  if (it == nodes_.end() || it->id != id) return std::nullopt;
  return static_cast<DenseId>(it - nodes_.begin());
}

}  // namespace sutra::algorithms
