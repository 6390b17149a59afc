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
  g.DeriveRecordFacts();
  return g;
}

void CsrGraph::DeriveRecordFacts() {
  using storage::EdgeType;
  for (DenseId v = 0; v < nodes_.size(); ++v) {
    NodeEntry& record = nodes_[v];
    if (record.type != storage::NodeType::kPersonRecord) continue;
    for (const CsrArc& arc : arcs(v)) {
      const NodeEntry& other = nodes_[arc.target];
      if (other.type != storage::NodeType::kCase || arc.direction != storage::Direction::kOut) {
        continue;
      }
      if (record.day == kNoDay) record.day = other.day;
      if (arc.type == EdgeType::kAccusedIn || arc.type == EdgeType::kArrestedIn) {
        record.flags |= other.flags & (kAcquitted | kDischarged);
      }
    }
  }
}

CsrGraph::Builder::Builder(std::vector<NodeEntry> nodes, std::size_t arc_count)
    : nodes_(std::move(nodes)), offsets_(nodes_.size() + 1, 0) {
  arcs_.resize(arc_count);  // default-initialized: no page is touched yet
  back_.pos = arc_count;
  back_.next_row = nodes_.size();
  offsets_[nodes_.size()] = arc_count;
  populate_ = std::thread([this, data = arcs_.data(), bytes = arc_count * sizeof(CsrArc)] {
    storage::PopulateForWrite(data, bytes, stop_populating_);
  });
}

CsrGraph::Builder::~Builder() { StopPopulating(); }

void CsrGraph::Builder::StopPopulating() {
  stop_populating_ = true;
  if (populate_.joinable()) populate_.join();
}

namespace {

std::string Fault(const std::vector<NodeEntry>& nodes, DenseId v, bool row_out_of_order,
                  bool target_out_of_range, bool full) {
  if (v >= nodes.size()) return "CSR row " + std::to_string(v) + " is out of range";
  const std::string node = std::to_string(nodes[v].id);
  if (row_out_of_order) return "CSR rows are not in order at node " + node;
  if (target_out_of_range) return "CSR arc target out of range in the row of node " + node;
  if (full) return "more CSR arcs than announced, at node " + node;
  return "CSR arcs of node " + node + " are not sorted";
}

}  // namespace

bool CsrGraph::Builder::FailFront(DenseId v, const CsrArc& arc) {
  front_.problem = Fault(nodes_, v, v < nodes_.size() && v + 1 < front_.next_row,
                         arc.target >= nodes_.size(), front_.pos == arcs_.size());
  return false;
}

bool CsrGraph::Builder::AddRowFromBack(DenseId v, std::span<const CsrArc> row) {
  if (!back_.problem.empty()) return false;
  const bool out_of_order = v >= back_.next_row;
  bool target_out_of_range = false, unsorted = false;
  for (std::size_t a = 0; a < row.size(); ++a) {
    target_out_of_range = target_out_of_range || row[a].target >= nodes_.size();
    unsorted = unsorted || (a > 0 && row[a].order() < row[a - 1].order());
  }
  const bool full = row.size() > back_.pos;
  if (v >= nodes_.size() || out_of_order || target_out_of_range || unsorted || full) {
    back_.problem = Fault(nodes_, v, out_of_order, target_out_of_range, full);
    return false;
  }
  // Rows between this one and the last placed have no arcs: they start where that one does.
  while (back_.next_row > v + 1) offsets_[--back_.next_row] = back_.pos;
  back_.pos -= row.size();
  std::copy(row.begin(), row.end(), arcs_.begin() + static_cast<std::ptrdiff_t>(back_.pos));
  offsets_[v] = back_.pos;
  back_.next_row = v;
  return true;
}

StatusOr<CsrGraph> CsrGraph::Builder::Finish() && {
  StopPopulating();  // before the array moves into the graph
  if (!front_.problem.empty()) return InvalidArgument(front_.problem);
  if (!back_.problem.empty()) return InvalidArgument(back_.problem);
  if (front_.next_row > back_.next_row) {
    return InvalidArgument("CSR rows were added from both ends and overlap");
  }
  if (front_.pos != back_.pos) {
    return InvalidArgument(std::to_string(front_.pos + arcs_.size() - back_.pos) +
                           " CSR arcs were added, but " + std::to_string(arcs_.size()) +
                           " were announced");
  }
  for (std::size_t v = 1; v < nodes_.size(); ++v) {
    if (nodes_[v - 1].id >= nodes_[v].id) {
      return InvalidArgument("CSR nodes are not in ascending id order at node " +
                             std::to_string(nodes_[v].id));
    }
  }
  while (front_.next_row < back_.next_row) offsets_[front_.next_row++] = front_.pos;
  CsrGraph g;
  g.nodes_ = std::move(nodes_);
  g.offsets_ = std::move(offsets_);
  g.arcs_ = std::move(arcs_);
  g.DeriveRecordFacts();
  return g;
}

std::optional<DenseId> CsrGraph::Find(storage::NodeId id) const {
  // Ids come from a counter and are rarely deleted, so most graphs hold a run of consecutive
  // ids: the id's offset from the first is then its dense id. The search is the fallback.
  if (!nodes_.empty() && id >= nodes_.front().id) {
    const std::uint64_t guess = id - nodes_.front().id;
    if (guess < nodes_.size() && nodes_[guess].id == id) return static_cast<DenseId>(guess);
  }
  auto it = std::lower_bound(nodes_.begin(), nodes_.end(), id,
                             [](const NodeEntry& n, storage::NodeId v) { return n.id < v; });
  if (it == nodes_.end() || it->id != id) return std::nullopt;
  return static_cast<DenseId>(it - nodes_.begin());
}

}  // namespace sutra::algorithms
