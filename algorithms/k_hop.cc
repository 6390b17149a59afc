#include "algorithms/k_hop.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace sutra::algorithms {
namespace {

// Each thread's "seen" marks, sized to the largest graph it has walked and never cleared: a
// node counts as seen in this call when its stamp equals the call's generation, so a query
// costs what it touches, not what the graph holds.
struct SeenMarks {
  std::vector<std::uint32_t> stamp;
  std::vector<std::uint32_t> order;  // the node's position in the BFS order of this call
  std::uint32_t generation = 0;

  void Begin(std::size_t node_count) {
    if (stamp.size() < node_count) {
      stamp.assign(node_count, 0);
      order.resize(node_count);
      generation = 0;
    }
    if (++generation == 0) {  // wrapped: old stamps could collide with new generations
      std::fill(stamp.begin(), stamp.end(), 0);
      generation = 1;
    }
  }
  bool Seen(DenseId v) const { return stamp[v] == generation; }
  void Mark(DenseId v, std::uint32_t position) {
    stamp[v] = generation;
    order[v] = position;
  }
};

}  // namespace

KHopResult KHop(const CsrGraph& graph, DenseId start, const KHopOptions& options) {
  thread_local SeenMarks marks;
  marks.Begin(graph.node_count());
  KHopResult result;
  result.nodes.push_back(start);
  result.depth.push_back(0);
  marks.Mark(start, 0);
  std::vector<std::size_t> reached_at(options.per_hop_nodes.size() + 1, 0);  // by depth
  for (std::size_t head = 0; head < result.nodes.size(); ++head) {
    const DenseId v = result.nodes[head];
    const int d = result.depth[head];
    if (d >= options.hops) continue;
    std::size_t followed = 0;
    for (const CsrArc& arc : graph.arcs(v)) {
      if (!options.filter.AllowsLink(graph, v, arc)) continue;
      const DenseId w = arc.target;
      const bool known = marks.Seen(w);
      // A link between two nodes already reached is taken once, from the end reached first
      // (which is expanded first); a self-loop once, from its outgoing side.
      if (known && (w == v ? arc.direction != storage::Direction::kOut : marks.order[w] < head)) {
        continue;
      }
      const std::size_t hop = static_cast<std::size_t>(d) + 1;
      const bool hop_room =
          hop > options.per_hop_nodes.size() || reached_at[hop] < options.per_hop_nodes[hop - 1];
      const bool room = known || (result.nodes.size() < options.max_nodes && hop_room);
      if (followed >= options.per_node_limit || !room) {
        ++result.left_out;
        continue;
      }
      ++followed;
      result.edges.push_back(arc.edge());
      if (!known) {
        if (hop < reached_at.size()) ++reached_at[hop];
        marks.Mark(w, static_cast<std::uint32_t>(result.nodes.size()));
        result.nodes.push_back(w);
        result.depth.push_back(d + 1);
      }
    }
  }
  return result;
}

}  // namespace sutra::algorithms
