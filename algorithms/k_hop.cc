#include "algorithms/k_hop.h"

#include <unordered_map>
#include <unordered_set>

namespace sutra::algorithms {

KHopResult KHop(const CsrGraph& graph, DenseId start, const KHopOptions& options) {
  KHopResult result;
  std::unordered_map<DenseId, int> seen{{start, 0}};
  std::unordered_set<storage::EdgeId> edges_taken;
  seen.reserve(options.max_nodes * 2);
  edges_taken.reserve(options.max_nodes * 2);
  result.nodes.push_back(start);
  result.depth.push_back(0);
  for (std::size_t head = 0; head < result.nodes.size(); ++head) {
    const DenseId v = result.nodes[head];
    const int d = result.depth[head];
    if (d >= options.hops) continue;
    std::size_t followed = 0;
    for (const CsrArc& arc : graph.arcs(v)) {
      if (!options.filter.AllowsLink(graph, v, arc)) continue;
      if (edges_taken.contains(arc.edge())) continue;  // already followed from the other end
      auto found = seen.find(arc.target);
      const bool known = found != seen.end();
      const bool room = known || result.nodes.size() < options.max_nodes;
      if (followed >= options.per_node_limit || !room) {
        ++result.left_out;
        continue;
      }
      ++followed;
      edges_taken.insert(arc.edge());
      result.edges.push_back(arc.edge());
      if (!known) {
        seen.emplace(arc.target, d + 1);
        result.nodes.push_back(arc.target);
        result.depth.push_back(d + 1);
      }
    }
  }
  return result;
}

}  // namespace sutra::algorithms
