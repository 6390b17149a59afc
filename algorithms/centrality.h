// Centrality: who matters in a network of persons, cases, phones and vehicles — the most
// connected (degree), the brokers between groups (betweenness), those closest to everyone
// (closeness), and those linked to other important nodes (PageRank, eigenvector).
//
// Every measure runs on an UndirectedGraph and returns one value per local id. The definitions
// follow igraph 0.10 for undirected graphs, so figures can be checked against it; where Sutra
// differs (closeness of an isolated node, eigenvector centrality when several components tie
// for the largest eigenvalue) the declaration says so.
//
// Thread safety: the functions are pure; any number of calls may run at once on the same graph.
// A `threads` option of 0 means one thread per hardware thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "algorithms/undirected_graph.h"
#include "storage/status.h"

namespace sutra::algorithms {

// Number of distinct neighbours of each node, or with `weighted` the sum of its link strengths
// (how many records join it to others).
std::vector<double> Degree(const UndirectedGraph& g, bool weighted = false);

struct BetweennessOptions {
  // Sources of the shortest paths counted. Empty: every node (exact betweenness). Otherwise
  // the result is half the sum of the Brandes dependencies of the listed sources, as igraph's
  // igraph_betweenness_subset(sources=S, targets=all) gives for undirected graphs; with every
  // node listed once it equals the exact value. A source listed twice counts twice.
  std::vector<LocalId> sources;
  // When non-zero (and `sources` is empty): an estimate from `sample` sources drawn uniformly
  // without replacement using `seed`, scaled by n / sample. sample >= n gives the exact value.
  std::size_t sample = 0;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

// Shortest-path betweenness by hop count (Brandes), each unordered pair counted once and not
// normalised: on a path a-b-c, b scores 1. Takes one breadth-first search and one backward pass
// per source, and two doubles per node per thread. InvalidArgument when a source is out of
// range.
StatusOr<std::vector<double>> Betweenness(const UndirectedGraph& g,
                                          const BetweennessOptions& options = {});

struct ClosenessOptions {
  // Nodes to compute closeness for; empty: all. Others are left at 0. Each costs one
  // breadth-first search of its component, so on large graphs list the top candidates only
  // (say, the TopK of degree or PageRank).
  std::vector<LocalId> nodes;
  unsigned threads = 0;
};

// (reached - 1) / (sum of hop distances to the nodes reached), over the node's own component
// only, as igraph 0.10's closeness() by default. An isolated node scores 0 (igraph: NaN).
// InvalidArgument when a listed node is out of range.
StatusOr<std::vector<double>> Closeness(const UndirectedGraph& g,
                                        const ClosenessOptions& options = {});

struct PageRankOptions {
  double damping = 0.85;
  // Iteration stops when the L1 change of the rank vector falls below this; the distance to
  // the exact answer is then under damping / (1 - damping) times it.
  double tolerance = 1e-10;
  int max_iterations = 1000;
  // Walk each link in proportion to its strength instead of uniformly over neighbours.
  bool weighted = false;
  unsigned threads = 0;
};

// PageRank with each link walked both ways and uniform teleportation; a node without links
// spreads its rank uniformly over all nodes. Values are positive and sum to 1; they agree with
// igraph's pagerank() (PRPACK). InvalidArgument for damping outside [0, 1), a tolerance that
// is not positive, or max_iterations < 1.
StatusOr<std::vector<double>> PageRank(const UndirectedGraph& g,
                                       const PageRankOptions& options = {});

struct EigenvectorOptions {
  // Iteration stops when no value (scaled so the maximum is 1) changes by more than this.
  double tolerance = 1e-10;
  int max_iterations = 1000;
  // Use link strengths as the adjacency weights.
  bool weighted = false;
  unsigned threads = 0;
};

// The principal eigenvector of the adjacency matrix A, scaled so its maximum is 1, as igraph's
// eigenvector_centrality(scale=True). Computed by power iteration on A + I from the degree
// vector: A + I has the same eigenvectors, and its largest eigenvalue strictly dominates in
// magnitude even on bipartite graphs, where plain A has -lambda as well and the iteration
// would oscillate. On a disconnected graph the components whose largest eigenvalue is below
// the graph's decay to 0, as in igraph; when several components tie for it, each keeps its own
// eigenvector at the common scale (igraph's ARPACK returns an arbitrary one of them). A graph
// without links scores 1 everywhere, as igraph. When max_iterations runs out first (components
// whose largest eigenvalues nearly tie converge slowly) the last iterate is returned.
// InvalidArgument for a tolerance that is not
// positive or max_iterations < 1.
StatusOr<std::vector<double>> Eigenvector(const UndirectedGraph& g,
                                          const EigenvectorOptions& options = {});

// The k largest values as (local id, value), largest first, equal values by ascending id.
// k above values.size() returns them all. Values must not be NaN.
std::vector<std::pair<LocalId, double>> TopK(std::span<const double> values, std::size_t k);

}  // namespace sutra::algorithms
