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

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "storage/model.h"
#include "storage/status.h"

namespace sutra::algorithms {

using DenseId = std::uint32_t;

struct CsrArc {
  DenseId target = 0;
  storage::EdgeType type = storage::EdgeType::kAccusedIn;
  storage::Direction direction = storage::Direction::kOut;
  storage::EdgeId edge = 0;
};

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
  // Builds the snapshot. Edges whose endpoints are not among `nodes` are counted in
  // dangling_edges() and left out (a consistent store has none).
  static CsrGraph Build(std::vector<NodeEntry> nodes, const std::vector<EdgeEntry>& edges);

  // Adopts arrays already in CSR form, as a scan of the store's adjacency yields them:
  // `nodes` in ascending id order, `offsets` of size nodes.size() + 1 starting at 0 and ending
  // at arcs.size(), each node's arcs sorted by (type, direction, target, edge) with targets
  // in range. Returns InvalidArgument naming the first violation.
  static StatusOr<CsrGraph> FromSorted(std::vector<NodeEntry> nodes,
                                       std::vector<std::uint64_t> offsets,
                                       std::vector<CsrArc> arcs);

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
  std::vector<CsrArc> arcs_;
  std::size_t dangling_edges_ = 0;
};

}  // namespace sutra::algorithms
