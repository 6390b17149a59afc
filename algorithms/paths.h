// Paths: how is this phone connected to that robbery? Shortest, strongest, k shortest and all
// simple paths between nodes of the snapshot, as chains of real links (edge ids) an
// investigator can open one by one.
//
// Links are followed in either direction. A step between two nodes stands for every link
// joining them that the filter allows (two calls, a shared FIR); paths are told apart by their
// node sequences, and each step names one of its links (the smallest edge id).
//
// Searches touch only the part of the graph they explore: no whole-graph preprocessing per
// query. Hubs are handled two ways: `max_degree_through` and `avoid_through` keep paths from
// passing *through* a police station or a busy location (which links everyone), and
// `max_visited` bounds the work of one call, reported as `capped` rather than hidden.
//
// Thread safety: every call is independent and only reads the graph; any number of calls may
// run at once on one graph. Each thread keeps its own scratch arrays sized to the largest graph
// it has searched (20 bytes a node, 52 once it has searched by link strength), reused from call
// to call so that a query costs what it explores rather than what the graph holds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "algorithms/csr_graph.h"
#include "algorithms/link_filter.h"
#include "storage/status.h"

namespace sutra::algorithms {

// What a path costs.
enum class PathCost : std::uint8_t {
  kHops,          // the number of links: fewest links is shortest
  kLinkStrength,  // each step costs 1 / (links joining its two nodes that pass the filter), so
                  // a chain of repeated calls or shared FIRs beats a chain of one-off contacts
};

struct PathOptions {
  LinkFilter filter = {};
  PathCost cost = PathCost::kHops;
  // Paths of more links than this are not returned.
  std::uint32_t max_length = std::numeric_limits<std::uint32_t>::max();
  // A path may not pass through (have as an inner node) a node with more links than this in
  // the snapshot, all types counted; the endpoints themselves may be hubs.
  std::uint64_t max_degree_through = std::numeric_limits<std::uint64_t>::max();
  // Bit(NodeType) of node types a path may not pass through, e.g. Bit(NodeType::kStation).
  std::uint32_t avoid_through = 0;
  // Nodes one call may reach (label) before it gives up and reports `capped`; K shortest and
  // all simple paths count over all their inner searches.
  std::uint64_t max_visited = 10'000'000;
  // AllSimplePaths: paths returned at most before it stops and reports `capped`.
  std::size_t max_paths = 1000;
};

struct Path {
  std::vector<DenseId> nodes;          // from the start to the end; nodes.size() >= 1
  std::vector<storage::EdgeId> edges;  // edges[i] joins nodes[i] and nodes[i + 1]
  double cost = 0;                     // per PathOptions::cost
};

struct PathSearch {
  std::vector<Path> paths;  // in ascending cost; empty when there is no path
  // The search stopped at max_visited or max_paths: paths may be missing, and an empty
  // `paths` does not prove that no path exists.
  bool capped = false;
  // Nodes reached by all the searches of the call (AllSimplePaths: and depth-first steps).
  std::uint64_t visited = 0;
};

// A cheapest path from `from` to `to`: bidirectional breadth-first search expanding the smaller
// frontier for PathCost::kHops; for kLinkStrength bidirectional Dijkstra, or, when max_length
// bounds the hops, Dijkstra over (node, hops) states. `from == to` gives the one-node path.
// InvalidArgument when a node id is out of range.
StatusOr<PathSearch> ShortestPath(const CsrGraph& graph, DenseId from, DenseId to,
                                  const PathOptions& options);

// A cheapest path from any of `sources` to any of `targets` (say, the accused of one FIR and
// the phones seized in another). Empty sets give no path. InvalidArgument on an id out of range.
StatusOr<PathSearch> ShortestPathBetweenSets(const CsrGraph& graph,
                                             std::span<const DenseId> sources,
                                             std::span<const DenseId> targets,
                                             const PathOptions& options);

// Up to `k` loopless paths from `from` to `to` with distinct node sequences, in non-decreasing
// cost, then hops, then node sequence (Yen's algorithm); the first costs what ShortestPath's
// does. When capped, those returned are still the cheapest, only fewer. InvalidArgument when k
// is 0 or an id is out of range.
StatusOr<PathSearch> KShortestPaths(const CsrGraph& graph, DenseId from, DenseId to, std::size_t k,
                                    const PathOptions& options);

// Every simple path (no node twice) from `from` to `to` of at most `max_length` links (and at
// most options.max_length), up to options.max_paths of them, in ascending cost, then hops, then
// node sequence. Depth-first search, pruned by a bounded breadth-first search from `to`.
// InvalidArgument when an id is out of range.
StatusOr<PathSearch> AllSimplePaths(const CsrGraph& graph, DenseId from, DenseId to,
                                    std::uint32_t max_length, const PathOptions& options);

}  // namespace sutra::algorithms
