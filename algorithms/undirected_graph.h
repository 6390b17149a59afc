// UndirectedGraph: the compact view whole-graph algorithms run on (components, centrality,
// communities, triangles, paths by link strength).
//
// It keeps only the nodes and links a LinkFilter allows, renumbered 0..n-1 ("local" ids) in
// snapshot order, as a simple undirected graph: each row sorted by neighbour, no self-loops, and
// the several links that may join two nodes (two calls, a shared case and a shared phone)
// folded into one neighbour entry whose `strength` counts them. 4 bytes a neighbour plus
// 4 for the strength, so the algorithms' inner loops stay in cache.
//
// Thread safety: immutable once built; any number of threads may read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/link_filter.h"

namespace sutra::algorithms {

using LocalId = std::uint32_t;

class UndirectedGraph {
 public:
  // The nodes of `snapshot` that `filter` allows (all of them that are of an allowed type,
  // linked or not) and the links among them that it allows. Uses up to `threads` threads.
  static UndirectedGraph FromSnapshot(const CsrGraph& snapshot, const LinkFilter& filter,
                                      unsigned threads = 0);
  // A graph of `node_count` nodes with the given links (for tests, benches and files): links
  // repeated or given both ways add to the pair's strength; self-loops and links naming a node
  // out of range are dropped. Local ids equal snapshot ids.
  static UndirectedGraph FromEdges(std::size_t node_count,
                                   std::span<const std::pair<LocalId, LocalId>> edges);

  std::size_t node_count() const { return offsets_.size() - 1; }
  // Distinct neighbour pairs (each counted once).
  std::size_t edge_count() const { return targets_.size() / 2; }
  std::size_t degree(LocalId v) const { return offsets_[v + 1] - offsets_[v]; }
  // v's neighbours in ascending order, and the strength of the link to each.
  std::span<const LocalId> neighbors(LocalId v) const {
    return {targets_.data() + offsets_[v], targets_.data() + offsets_[v + 1]};
  }
  std::span<const float> strengths(LocalId v) const {
    return {strengths_.data() + offsets_[v], strengths_.data() + offsets_[v + 1]};
  }
  // Position of v's first neighbour in the flat arrays (for per-link arrays of algorithms).
  std::uint64_t row_start(LocalId v) const { return offsets_[v]; }

  // The snapshot's dense id of local node v, and back (nullopt when the filter left it out).
  DenseId snapshot_id(LocalId v) const { return snapshot_ids_.empty() ? v : snapshot_ids_[v]; }
  std::optional<LocalId> local_id(DenseId v) const;

 private:
  std::vector<std::uint64_t> offsets_{0};
  std::vector<LocalId> targets_;
  std::vector<float> strengths_;
  std::vector<DenseId> snapshot_ids_;  // empty: identity (FromEdges)
};

}  // namespace sutra::algorithms
