// Breadth-first shortest paths for shortestPath(...) and allShortestPaths(...) patterns.
// Pure function of the graph; thread-safe as the graph is for reading.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/cypher/query_graph.h"

namespace sutra::cypher {

struct ShortestPathSearch {
  ExpandDirection direction = ExpandDirection::kBoth;
  std::span<const Token> types;  // empty: every type
  std::int64_t min_hops = 1;     // 0 or 1 (a longer minimum is not a shortest-path question)
  std::int64_t max_hops = INT64_MAX;
  bool all = false;  // every shortest path (allShortestPaths), else one
  // Whether a relationship may be followed (the pattern's property map); null: all may.
  std::function<bool(ElementId rel)> rel_fits;
};

// The shortest paths from `start` to `end` as relationship lists, in path order; empty when
// none lies within the bounds. A node is its own shortest path (no relationships) only when
// min_hops is 0.
std::vector<std::vector<ElementId>> ShortestPaths(const QueryGraph& graph, ElementId start,
                                                  ElementId end, const ShortestPathSearch& search);

}  // namespace sutra::cypher
