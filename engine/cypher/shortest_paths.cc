#include "engine/cypher/shortest_paths.h"

#include <unordered_map>

namespace sutra::cypher {

std::vector<std::vector<ElementId>> ShortestPaths(const QueryGraph& graph, ElementId start,
                                                  ElementId end, const ShortestPathSearch& search) {
  if (start == end) {
    if (search.min_hops == 0) return {{}};
    return {};  // a path from a node to itself is not a shortest path
  }
  // parents[v] = (relationship, previous node) pairs on shortest routes to v.
  std::unordered_map<ElementId, std::vector<std::pair<ElementId, ElementId>>> parents;
  std::unordered_map<ElementId, std::int64_t> depth_of;
  depth_of[start] = 0;
  std::vector<ElementId> frontier{start};
  std::int64_t depth = 0;
  bool found = false;
  while (!frontier.empty() && !found && depth < search.max_hops) {
    ++depth;
    std::vector<ElementId> next;
    for (ElementId v : frontier) {
      graph.Expand(v, search.direction, search.types, [&](const Adjacent& adj) {
        if (search.rel_fits && !search.rel_fits(adj.rel)) return true;
        auto it = depth_of.find(adj.other);
        if (it == depth_of.end()) {
          depth_of[adj.other] = depth;
          parents[adj.other].emplace_back(adj.rel, v);
          next.push_back(adj.other);
        } else if (it->second == depth) {
          parents[adj.other].emplace_back(adj.rel, v);  // another route as short
        }
        if (adj.other == end) found = true;
        return true;
      });
    }
    frontier = std::move(next);
  }
  if (!found || depth < search.min_hops) return {};
  // Walk the parent links back from `end`: every route for allShortestPaths, else the first.
  std::vector<std::vector<ElementId>> paths;
  std::vector<ElementId> reversed;
  std::function<void(ElementId)> walk = [&](ElementId v) {
    if (!search.all && !paths.empty()) return;
    if (v == start) {
      paths.emplace_back(reversed.rbegin(), reversed.rend());
      return;
    }
    for (const auto& [rel, previous] : parents[v]) {
      reversed.push_back(rel);
      walk(previous);
      reversed.pop_back();
    }
  };
  walk(end);
  return paths;
}

}  // namespace sutra::cypher
