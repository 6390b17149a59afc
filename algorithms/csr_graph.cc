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

CsrGraph::Builder::Builder(std::vector<NodeEntry> nodes, std::size_t arc_capacity)
    : nodes_(std::move(nodes)), offsets_(nodes_.size() + 1, 0) {
  arcs_.reserve(arc_capacity);
  // The range is taken here, before any Add(): the thread never reads the vector itself. Should
  // the array outgrow the reserve and move, advising the old range is harmless.
  populate_ = std::thread([this, data = arcs_.data(), bytes = arcs_.capacity() * sizeof(CsrArc)] {
    storage::PopulateForWrite(data, bytes, stop_populating_);
  });
}

CsrGraph::Builder::~Builder() { StopPopulating(); }

void CsrGraph::Builder::StopPopulating() {
  stop_populating_ = true;
  if (populate_.joinable()) populate_.join();
}

bool CsrGraph::Builder::Fail(DenseId v, const CsrArc& arc) {
  if (v >= nodes_.size()) {
    problem_ = "CSR row " + std::to_string(v) + " is out of range";
  } else if (v + 1 < next_row_) {
    problem_ = "CSR rows are not in ascending order at node " + std::to_string(nodes_[v].id);
  } else if (arc.target >= nodes_.size()) {
    problem_ = "CSR arc target out of range in the row of node " + std::to_string(nodes_[v].id);
  } else {
    problem_ = "CSR arcs of node " + std::to_string(nodes_[v].id) + " are not sorted";
  }
  return false;
}

StatusOr<CsrGraph> CsrGraph::Builder::Finish() && {
  StopPopulating();  // before the array moves into the graph
  if (!problem_.empty()) return InvalidArgument(problem_);
  for (std::size_t v = 1; v < nodes_.size(); ++v) {
    if (nodes_[v - 1].id >= nodes_[v].id) {
      return InvalidArgument("CSR nodes are not in ascending id order at node " +
                             std::to_string(nodes_[v].id));
    }
  }
  while (next_row_ <= nodes_.size()) offsets_[next_row_++] = arcs_.size();
  CsrGraph g;
  g.nodes_ = std::move(nodes_);
  g.offsets_ = std::move(offsets_);
  g.arcs_ = std::move(arcs_);
  return g;
}

std::optional<DenseId> CsrGraph::Find(storage::NodeId id) const {
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), id,
                             [](const NodeEntry& n, storage::NodeId v) { return n.id < v; });
  if (it == nodes_.end() || it->id != id) return std::nullopt;
  return static_cast<DenseId>(it - nodes_.begin());
}

}  // namespace sutra::algorithms
