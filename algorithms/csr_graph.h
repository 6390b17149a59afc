// CsrGraph: an immutable in-memory snapshot of the crime graph in compressed sparse row form,
// for whole-graph algorithms (DESIGN.md, "Engine"). Built by the engine from one storage scan;
// algorithms never see LMDB.
//
// Nodes are renumbered densely 0..n-1 in ascending id order. Every stored edge appears twice,
// once in each endpoint's row, with its direction from that endpoint's point of view, so
// traversals may follow links either way and filter by direction.
//
// Thread safety: immutable after Build(); any number of threads may read it.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "storage/huge_page_allocator.h"
#include "storage/model.h"
#include "storage/status.h"

namespace sutra::algorithms {

using DenseId = std::uint32_t;

// One end of an edge in a node's row: 12 bytes, because the arc array is the snapshot's bulk
// (two arcs per edge) and filling fresh memory is what a large snapshot build spends most on.
// Edge ids are kept to 48 bits (2.8e14 edges); larger ones are refused when building.
struct CsrArc {
  static constexpr storage::EdgeId kMaxEdgeId = (storage::EdgeId{1} << 48) - 1;

  static CsrArc Make(DenseId target, storage::EdgeType type, storage::Direction direction,
                     storage::EdgeId edge) {
    return {target, type, direction, static_cast<std::uint16_t>(edge >> 32),
            static_cast<std::uint32_t>(edge)};
  }
  storage::EdgeId edge() const { return (storage::EdgeId{edge_high} << 32) | edge_low; }
  // Rows are sorted by this key: (type, direction, target, edge).
  auto order() const { return std::tuple(type, direction, target, edge()); }

  DenseId target = 0;
  storage::EdgeType type = storage::EdgeType::kAccusedIn;
  storage::Direction direction = storage::Direction::kOut;
  std::uint16_t edge_high = 0;
  std::uint32_t edge_low = 0;
};
static_assert(sizeof(CsrArc) == 12);

// The arc array is the snapshot's bulk (16 bytes per arc, two arcs per edge): backed by huge
// pages so that filling it costs a page fault per 2 MiB rather than per 4 KiB.
using ArcArray = std::vector<CsrArc, storage::HugePageAllocator<CsrArc>>;

struct NodeEntry {
  storage::NodeId id = 0;
  storage::NodeType type = storage::NodeType::kCase;
};

struct EdgeEntry {
  storage::EdgeId id = 0;
  storage::EdgeType type = storage::EdgeType::kAccusedIn;
  storage::NodeId from = 0;
  storage::NodeId to = 0;
};

class CsrGraph {
 public:
  // Builds the snapshot. Edges whose endpoints are not among `nodes`, or whose id exceeds
  // CsrArc::kMaxEdgeId, are counted in dangling_edges() and left out (a consistent store has
  // none).
  static CsrGraph Build(std::vector<NodeEntry> nodes, const std::vector<EdgeEntry>& edges);

  class Builder;

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t arc_count() const { return arcs_.size(); }
  std::size_t dangling_edges() const { return dangling_edges_; }

  std::optional<DenseId> Find(storage::NodeId id) const;
  const NodeEntry& node(DenseId v) const { return nodes_[v]; }
  // v's arcs ordered by (edge type, direction, target).
  std::span<const CsrArc> arcs(DenseId v) const {
    return {arcs_.data() + offsets_[v], arcs_.data() + offsets_[v + 1]};
  }

 private:
  std::vector<NodeEntry> nodes_;        // sorted by id
  std::vector<std::uint64_t> offsets_;  // size node_count() + 1
  ArcArray arcs_;
  std::size_t dangling_edges_ = 0;
};

// Builds a CsrGraph from arcs that arrive already in CSR order, as a scan of the store's
// adjacency yields them: rows in ascending node order, each row's arcs sorted by (type,
// direction, target, edge). Each arc is checked as it is added, while it is in cache, so no
// second pass over the arcs is needed. The arc array is reserved once, and a background thread
// has its pages made while rows are added (filling fresh memory is what a large build spends
// most on).
class CsrGraph::Builder {
 public:
  // `nodes` in ascending id order; `arc_capacity` the number of arcs expected (more may be
  // added, at the cost of growing the array).
  Builder(std::vector<NodeEntry> nodes, std::size_t arc_capacity);
  ~Builder();
  Builder(const Builder&) = delete;
  Builder& operator=(const Builder&) = delete;

  std::size_t node_count() const { return nodes_.size(); }
  // Appends `arc` to node v's row. Returns false, and Finish() reports why, if v is out of
  // range or before the current row, the target is out of range, or the arc sorts before the
  // row's previous one; later calls are then ignored.
  bool Add(DenseId v, const CsrArc& arc) {
    if (!problem_.empty()) return false;
    if (v >= nodes_.size() || v + 1 < next_row_ || arc.target >= nodes_.size()) {
      return Fail(v, arc);
    }
    while (next_row_ <= v) offsets_[next_row_++] = arcs_.size();
    if (arcs_.size() > offsets_[v] && arc.order() < arcs_.back().order()) return Fail(v, arc);
    arcs_.push_back(arc);
    return true;
  }
  // The graph, or InvalidArgument naming the first violation (including nodes out of order).
  StatusOr<CsrGraph> Finish() &&;

 private:
  bool Fail(DenseId v, const CsrArc& arc);
  void StopPopulating();

  std::vector<NodeEntry> nodes_;
  std::vector<std::uint64_t> offsets_;
  ArcArray arcs_;
  std::size_t next_row_ = 0;  // rows whose start offset is set
  std::string problem_;
  std::atomic<bool> stop_populating_ = false;
  std::thread populate_;
};

}  // namespace sutra::algorithms
