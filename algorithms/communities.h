// Community detection: groups of persons, cases, phones and vehicles linked more densely among
// themselves than to the rest of the network (gangs, rings, families of cases), by maximising
// Newman modularity with the Louvain method and an optional Leiden-style refinement.
//
// Modularity of a partition, with m the total link weight, A_uv the weight of the link u-v, k_v
// the weighted degree of v and gamma the resolution:
//   Q = 1/(2m) * sum over u,v in the same community of (A_uv - gamma * k_u * k_v / (2m)),
// the definition igraph's Graph.modularity(membership, weights, resolution) uses. Unweighted,
// each linked pair of nodes counts 1 however many links join them; weighted, it counts its
// strength (the number of links folded into it).
//
// Thread safety: pure functions of their arguments; any number of calls may run at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/undirected_graph.h"
#include "storage/status.h"

namespace sutra::algorithms {

// Q of the partition `community` (one entry per local id; any numbering, ids need not be dense)
// of `graph`. 0 for a graph without links. NaN when community.size() != graph.node_count() or
// the resolution is not a finite number.
double Modularity(const UndirectedGraph& graph, std::span<const std::uint32_t> community,
                  bool weighted, double resolution = 1.0);

struct CommunityOptions {
  bool weighted = false;    // links count their strength, not 1
  double resolution = 1.0;  // gamma >= 0; above 1 favours smaller communities, below 1 larger
  std::uint64_t seed = 1;   // node visiting order; equal seeds give equal answers
  int max_levels = 0;       // aggregation levels a pass at most; 0: until no level gains
  // Leiden refinement: each level aggregates well-connected sub-communities instead of whole
  // communities, which lets later levels move them apart and usually raises Q a little.
  bool refine = false;
  // Passes of the whole method, each starting from the partition the last one reached (Leiden's
  // iterations); a pass never lowers Q, and passes stop early once one changes nothing. The
  // second pass re-places single nodes that the merges of the first left on the wrong side,
  // worth about +0.005..0.04 of Q on million-link graphs for some 30% more time.
  int iterations = 2;
  unsigned threads = 1;  // for building the aggregate graphs; 0 = one per hardware thread
};

struct Communities {
  // community[v] for each local id v, numbered 0.. in the order of each community's smallest
  // local id. Every community is non-empty and connected (a community the moves leave in
  // pieces is split, which never lowers Q); an isolated node is a community of its own.
  std::vector<std::uint32_t> community;
  std::vector<std::uint64_t> sizes;  // nodes in each community
  double modularity = 0;             // Modularity() of `community` under the same options
  // Rounds of moving and aggregating that changed or merged something, over all passes.
  int levels = 0;

  std::size_t count() const { return sizes.size(); }
};

// Louvain: move single nodes between communities while Q rises, merge each community into one
// node, repeat on the smaller graph until a level changes nothing; then (options.iterations)
// start again from the result. About O(links) a level. Deterministic for a given seed and
// build, whatever options.threads is.
// InvalidArgument when the resolution is negative or not finite, max_levels is negative or
// iterations is below 1.
StatusOr<Communities> DetectCommunities(const UndirectedGraph& graph,
                                        const CommunityOptions& options);

}  // namespace sutra::algorithms
