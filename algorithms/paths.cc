#include "algorithms/paths.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <utility>

namespace sutra::algorithms {
namespace {

constexpr DenseId kNoNode = std::numeric_limits<DenseId>::max();
constexpr std::uint32_t kUnsettled = std::numeric_limits<std::uint32_t>::max();

// What a search knows about a node. Valid only while `stamp` equals the scratch's generation,
// so a new search resets nothing.
struct Label {
  std::uint32_t stamp = 0;
  std::uint32_t depth = 0;  // links from the side's endpoints (Dijkstra: hops when settled)
  DenseId parent = kNoNode;
  std::uint8_t role = 0;  // kForward / kBackward bits
};
constexpr std::uint8_t kForward = 1;   // reached from a source (Dijkstra: is a source)
constexpr std::uint8_t kBackward = 2;  // reached from a target (Dijkstra: is a target)

// What bidirectional Dijkstra knows about a node, from each side (0: sources, 1: targets).
struct PairLabel {
  std::uint32_t stamp = 0;
  std::uint8_t ends = 0;     // kForward: a source; kBackward: a target
  std::uint8_t settled = 0;  // bit (1 << side)
  DenseId parent[2] = {kNoNode, kNoNode};
  double dist[2] = {std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::infinity()};
};

// One thread's working arrays, a slot per node, reused by every search the thread runs.
class Scratch {
 public:
  // The calling thread's scratch, grown to cover `graph`.
  static Scratch& ForGraph(const CsrGraph& graph) {
    static thread_local Scratch scratch;
    if (scratch.labels_.size() < graph.node_count()) {
      scratch.labels_.resize(graph.node_count());
      scratch.banned_.resize(graph.node_count(), 0);
    }
    return scratch;
  }

  // Forgets every label and ban.
  void NewGeneration() {
    if (generation_ == std::numeric_limits<std::uint32_t>::max()) {
      std::fill(labels_.begin(), labels_.end(), Label{});
      std::fill(banned_.begin(), banned_.end(), 0);
      std::fill(pairs_.begin(), pairs_.end(), PairLabel{});
      generation_ = 0;
    }
    ++generation_;
  }

  bool Labelled(DenseId v) const { return labels_[v].stamp == generation_; }
  Label& at(DenseId v) { return labels_[v]; }
  // Labels v afresh (any earlier label of this generation is replaced).
  Label& Set(DenseId v, std::uint8_t role, std::uint32_t depth, DenseId parent) {
    labels_[v] = {generation_, depth, parent, role};
    return labels_[v];
  }
  // v's bidirectional Dijkstra label, fresh if it has none in this generation. The array is
  // grown on first use: searches by hops never need it.
  PairLabel& Pair(DenseId v) {
    if (pairs_.size() <= v) pairs_.resize(labels_.size());
    PairLabel& p = pairs_[v];
    if (p.stamp != generation_) {
      p = PairLabel{};
      p.stamp = generation_;
    }
    return p;
  }
  bool Banned(DenseId v) const { return banned_[v] == generation_; }
  void Ban(DenseId v) { banned_[v] = generation_; }
  void Unban(DenseId v) { banned_[v] = 0; }  // generations start at 1

  std::vector<DenseId> buffer;  // Dijkstra's neighbour lists; the queue of DistancesToTarget

 private:
  std::uint32_t generation_ = 0;
  std::vector<Label> labels_;
  std::vector<std::uint32_t> banned_;  // == generation: the search may not touch the node
  std::vector<PairLabel> pairs_;
};

// Work done by one call, across all its inner searches.
struct Budget {
  std::uint64_t limit = 0;
  std::uint64_t visited = 0;
  bool capped = false;
  // Counts one more node reached; false (and capped) once the limit is spent.
  bool Spend() {
    if (visited >= limit) {
      capped = true;
      return false;
    }
    ++visited;
    return true;
  }
};

// What one inner search may use. Yen's spur searches add `spur` and `banned_next`: the step
// from the spur node to any of `banned_next` is not taken (earlier paths took it).
struct Spec {
  const CsrGraph& graph;
  const PathOptions& options;
  std::uint32_t max_length;
  DenseId spur = kNoNode;
  std::span<const DenseId> banned_next = {};

  // Whether a path may pass through v (v being neither of its ends).
  bool Passable(DenseId v) const {
    return (options.avoid_through & Bit(graph.node(v).type)) == 0 &&
           graph.arcs(v).size() <= options.max_degree_through;
  }
  bool StepBanned(DenseId a, DenseId b) const {
    if (spur == kNoNode || (a != spur && b != spur)) return false;
    const DenseId other = a == spur ? b : a;
    return std::find(banned_next.begin(), banned_next.end(), other) != banned_next.end();
  }
};

std::string CheckNode(const CsrGraph& graph, DenseId v) {
  if (v < graph.node_count()) return {};
  return "node " + std::to_string(v) + " is out of range: the snapshot has " +
         std::to_string(graph.node_count()) + " nodes";
}

// The nodes from v back along parent labels to a search's endpoint, v first.
void AppendChain(Scratch& s, DenseId v, std::vector<DenseId>& out) {
  for (; v != kNoNode; v = s.at(v).parent) out.push_back(v);
}

// A fewest-links path from any source to any target as a node sequence, or empty.
//
// Sources and targets are labelled at depth 0 on their own sides; any other node is labelled
// only if a path may pass through it. Whole levels are expanded, the side with fewer links on
// its frontier first. When depths d_f and d_b are done with no meeting, no path of d_f + d_b
// links or fewer exists, so the first link found between the sides closes a shortest path.
std::vector<DenseId> BidirectionalBfs(const Spec& spec, std::span<const DenseId> sources,
                                      std::span<const DenseId> targets, Scratch& s,
                                      Budget& budget) {
  const CsrGraph& g = spec.graph;
  const LinkFilter& filter = spec.options.filter;
  std::vector<DenseId> frontier[2], next;
  std::uint64_t volume[2] = {0, 0};
  for (int side = 0; side < 2; ++side) {
    const std::uint8_t role = side == 0 ? kForward : kBackward;
    for (DenseId v : side == 0 ? sources : targets) {
      if (s.Banned(v)) continue;
      if (s.Labelled(v)) {
        if (s.at(v).role != role) return {v};  // both a source and a target
        continue;
      }
      if (!budget.Spend()) return {};
      s.Set(v, role, 0, kNoNode);
      frontier[side].push_back(v);
      volume[side] += g.arcs(v).size();
    }
  }
  std::uint32_t depth[2] = {0, 0};
  while (!frontier[0].empty() && !frontier[1].empty() &&
         std::uint64_t{depth[0]} + depth[1] < spec.max_length) {
    const int side = volume[0] <= volume[1] ? 0 : 1;
    const std::uint8_t role = side == 0 ? kForward : kBackward;
    next.clear();
    std::uint64_t next_volume = 0;
    for (DenseId u : frontier[side]) {
      for (const CsrArc& arc : g.arcs(u)) {
        const DenseId w = arc.target;
        if (w == u) continue;
        const bool labelled = s.Labelled(w);
        if (labelled && s.at(w).role == role) continue;
        if (!filter.AllowsLink(g, u, arc) || spec.StepBanned(u, w)) continue;
        if (labelled) {  // the other side reached w: join the two chains
          std::vector<DenseId> path;
          AppendChain(s, side == 0 ? u : w, path);
          std::reverse(path.begin(), path.end());
          AppendChain(s, side == 0 ? w : u, path);
          return path;
        }
        if (s.Banned(w) || !spec.Passable(w)) continue;
        if (!budget.Spend()) return {};
        s.Set(w, role, depth[side] + 1, u);
        next.push_back(w);
        next_volume += g.arcs(w).size();
      }
    }
    frontier[side].swap(next);
    volume[side] = next_volume;
    ++depth[side];
  }
  return {};
}

// v's neighbours over links the filter allows, each once with the number of such links,
// ascending by neighbour. Self-loops are left out.
void GroupNeighbours(const CsrGraph& g, const LinkFilter& filter, DenseId v,
                     std::vector<DenseId>& buffer,
                     std::vector<std::pair<DenseId, std::uint32_t>>& out) {
  buffer.clear();
  out.clear();
  for (const CsrArc& arc : g.arcs(v)) {
    if (arc.target != v && filter.AllowsLink(g, v, arc)) buffer.push_back(arc.target);
  }
  std::sort(buffer.begin(), buffer.end());
  for (DenseId w : buffer) {
    if (!out.empty() && out.back().first == w) {
      ++out.back().second;
    } else {
      out.emplace_back(w, 1);
    }
  }
}

// A cheapest path by link strength from any source to any target, or empty: Dijkstra over
// (node, hops) states. With a hop bound a node may be settled again, but only with fewer hops
// than before (a costlier path with more hops is dominated), so the bound stays exact.
std::vector<DenseId> StrengthDijkstra(const Spec& spec, std::span<const DenseId> sources,
                                      std::span<const DenseId> targets, Scratch& s,
                                      Budget& budget) {
  const CsrGraph& g = spec.graph;
  const bool bounded = spec.max_length != std::numeric_limits<std::uint32_t>::max();
  struct State {
    DenseId node;
    std::uint32_t hops;
    std::size_t parent;  // index into states, or kRoot
  };
  constexpr std::size_t kRoot = std::numeric_limits<std::size_t>::max();
  std::vector<State> states;
  using Entry = std::pair<double, std::size_t>;  // cost, state; a min-heap by std::greater
  std::vector<Entry> heap;
  auto touch = [&](DenseId v) -> Label& {
    if (!s.Labelled(v)) s.Set(v, 0, kUnsettled, kNoNode);
    return s.at(v);
  };
  for (DenseId t : targets) {
    if (!s.Banned(t)) touch(t).role |= kBackward;
  }
  for (DenseId v : sources) {
    if (s.Banned(v)) continue;
    if (touch(v).role & kBackward) return {v};
    states.push_back({v, 0, kRoot});
    heap.emplace_back(0.0, states.size() - 1);
  }
  std::make_heap(heap.begin(), heap.end(), std::greater<>());
  std::vector<std::pair<DenseId, std::uint32_t>> neighbours;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const auto [cost, index] = heap.back();
    heap.pop_back();
    const State state = states[index];
    Label& label = touch(state.node);
    if (label.depth != kUnsettled && (!bounded || label.depth <= state.hops)) continue;
    if (!budget.Spend()) return {};
    label.depth = state.hops;
    if (label.role & kBackward) {
      std::vector<DenseId> path;
      for (std::size_t i = index; i != kRoot; i = states[i].parent) path.push_back(states[i].node);
      std::reverse(path.begin(), path.end());
      return path;
    }
    if (state.hops >= spec.max_length) continue;
    GroupNeighbours(g, spec.options.filter, state.node, s.buffer, neighbours);
    for (const auto& [w, links] : neighbours) {
      if (s.Banned(w) || spec.StepBanned(state.node, w)) continue;
      const Label& far = touch(w);
      if (!(far.role & kBackward) && !spec.Passable(w)) continue;
      if (far.depth != kUnsettled && (!bounded || far.depth <= state.hops + 1)) continue;
      states.push_back({w, state.hops + 1, index});
      heap.emplace_back(cost + 1.0 / links, states.size() - 1);
      std::push_heap(heap.begin(), heap.end(), std::greater<>());
    }
  }
  return {};
}

// A cheapest path by link strength with no hop bound: bidirectional Dijkstra, the side with
// the smaller heap stepping first. mu is the cheapest path seen through a node labelled from
// both sides; once the two heap minima add up to mu, nothing cheaper is left. Sources and
// targets are labelled from their own side at cost 0; other nodes only if a path may pass
// through them. An end of the other side is not expanded: a path does not go on past it.
std::vector<DenseId> BidirectionalDijkstra(const Spec& spec, std::span<const DenseId> sources,
                                           std::span<const DenseId> targets, Scratch& s,
                                           Budget& budget) {
  const CsrGraph& g = spec.graph;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  using Entry = std::pair<double, DenseId>;
  std::vector<Entry> heap[2];
  for (int side = 0; side < 2; ++side) {
    const std::uint8_t end = side == 0 ? kForward : kBackward;
    for (DenseId v : side == 0 ? sources : targets) {
      if (s.Banned(v)) continue;
      PairLabel& p = s.Pair(v);
      if (p.ends & ~end) return {v};  // both a source and a target
      p.ends |= end;
      p.dist[side] = 0;
      heap[side].emplace_back(0.0, v);
    }
  }
  double mu = kInf;
  DenseId meet = kNoNode;
  std::vector<std::pair<DenseId, std::uint32_t>> neighbours;
  while (!heap[0].empty() && !heap[1].empty() &&
         heap[0].front().first + heap[1].front().first < mu) {
    const int side = heap[0].size() <= heap[1].size() ? 0 : 1;
    const std::uint8_t other_end = side == 0 ? kBackward : kForward;
    std::pop_heap(heap[side].begin(), heap[side].end(), std::greater<>());
    const auto [cost, u] = heap[side].back();
    heap[side].pop_back();
    {
      PairLabel& p = s.Pair(u);
      if ((p.settled & (1 << side)) || cost > p.dist[side]) continue;
      p.settled |= 1 << side;
      if (p.ends & other_end) continue;
    }
    if (!budget.Spend()) return {};
    GroupNeighbours(g, spec.options.filter, u, s.buffer, neighbours);
    for (const auto& [w, links] : neighbours) {
      if (s.Banned(w) || spec.StepBanned(u, w)) continue;
      PairLabel& p = s.Pair(w);
      if (!(p.ends & other_end) && !spec.Passable(w)) continue;
      const double d = cost + 1.0 / links;
      if (d < p.dist[side]) {
        p.dist[side] = d;
        p.parent[side] = u;
        heap[side].emplace_back(d, w);
        std::push_heap(heap[side].begin(), heap[side].end(), std::greater<>());
      }
      if (p.dist[0] + p.dist[1] < mu) {
        mu = p.dist[0] + p.dist[1];
        meet = w;
      }
    }
  }
  if (meet == kNoNode) return {};
  std::vector<DenseId> path;
  for (DenseId v = meet; v != kNoNode; v = s.Pair(v).parent[0]) path.push_back(v);
  std::reverse(path.begin(), path.end());
  for (DenseId v = s.Pair(meet).parent[1]; v != kNoNode; v = s.Pair(v).parent[1]) {
    path.push_back(v);
  }
  return path;
}

std::vector<DenseId> FindPath(const Spec& spec, std::span<const DenseId> sources,
                              std::span<const DenseId> targets, Scratch& s, Budget& budget) {
  if (spec.options.cost == PathCost::kHops) {
    return BidirectionalBfs(spec, sources, targets, s, budget);
  }
  if (spec.max_length == std::numeric_limits<std::uint32_t>::max()) {
    return BidirectionalDijkstra(spec, sources, targets, s, budget);
  }
  return StrengthDijkstra(spec, sources, targets, s, budget);
}

// The path through `nodes` with, for each step, the smallest edge id among the links joining
// its two nodes that pass the filter, and its cost. Reads the shorter row of each step.
Path MakePath(const CsrGraph& g, const PathOptions& options, std::vector<DenseId> nodes) {
  Path path;
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
    DenseId a = nodes[i], b = nodes[i + 1];
    if (g.arcs(b).size() < g.arcs(a).size()) std::swap(a, b);
    storage::EdgeId best = std::numeric_limits<storage::EdgeId>::max();
    std::uint32_t links = 0;
    for (const CsrArc& arc : g.arcs(a)) {
      if (arc.target != b || !options.filter.AllowsLink(g, a, arc)) continue;
      ++links;
      best = std::min(best, arc.edge());
    }
    path.edges.push_back(best);
    path.cost += options.cost == PathCost::kHops ? 1.0 : 1.0 / std::max(links, 1u);
  }
  path.nodes = std::move(nodes);
  return path;
}

// Ascending cost, then fewer links, then node sequence: a total order, so answers are stable.
bool CheaperPath(const Path& a, const Path& b) {
  if (a.cost != b.cost) return a.cost < b.cost;
  if (a.nodes.size() != b.nodes.size()) return a.nodes.size() < b.nodes.size();
  return a.nodes < b.nodes;
}

PathSearch Finish(const Budget& budget, std::vector<Path> paths) {
  PathSearch result;
  result.paths = std::move(paths);
  result.capped = budget.capped;
  result.visited = budget.visited;
  return result;
}

}  // namespace

StatusOr<PathSearch> ShortestPathBetweenSets(const CsrGraph& graph,
                                             std::span<const DenseId> sources,
                                             std::span<const DenseId> targets,
                                             const PathOptions& options) {
  for (auto set : {sources, targets}) {
    for (DenseId v : set) {
      if (std::string problem = CheckNode(graph, v); !problem.empty()) {
        return InvalidArgument(problem);
      }
    }
  }
  Budget budget{options.max_visited};
  Scratch& s = Scratch::ForGraph(graph);
  s.NewGeneration();
  std::vector<DenseId> nodes =
      FindPath({graph, options, options.max_length}, sources, targets, s, budget);
  std::vector<Path> paths;
  if (!nodes.empty()) paths.push_back(MakePath(graph, options, std::move(nodes)));
  return Finish(budget, std::move(paths));
}

StatusOr<PathSearch> ShortestPath(const CsrGraph& graph, DenseId from, DenseId to,
                                  const PathOptions& options) {
  return ShortestPathBetweenSets(graph, {&from, 1}, {&to, 1}, options);
}

StatusOr<PathSearch> KShortestPaths(const CsrGraph& graph, DenseId from, DenseId to, std::size_t k,
                                    const PathOptions& options) {
  for (DenseId v : {from, to}) {
    if (std::string problem = CheckNode(graph, v); !problem.empty()) {
      return InvalidArgument(problem);
    }
  }
  if (k == 0) return InvalidArgument("k shortest paths: k must be at least 1");
  Budget budget{options.max_visited};
  Scratch& s = Scratch::ForGraph(graph);
  s.NewGeneration();
  std::vector<DenseId> first =
      FindPath({graph, options, options.max_length}, {&from, 1}, {&to, 1}, s, budget);
  std::vector<Path> accepted;
  if (first.empty()) return Finish(budget, {});
  std::set<std::vector<DenseId>> seen{first};
  accepted.push_back(MakePath(graph, options, std::move(first)));
  std::vector<Path> candidates;
  std::vector<DenseId> banned_next;
  while (accepted.size() < k) {
    const std::vector<DenseId> previous = accepted.back().nodes;
    // Each prefix of the last accepted path is a root; the spur search leaves the root's other
    // nodes and the steps earlier paths took from the spur node.
    for (std::size_t i = 0; i + 1 < previous.size() && i < options.max_length; ++i) {
      banned_next.clear();
      for (const Path& p : accepted) {
        if (p.nodes.size() > i + 1 &&
            std::equal(previous.begin(), previous.begin() + i + 1, p.nodes.begin())) {
          banned_next.push_back(p.nodes[i + 1]);
        }
      }
      s.NewGeneration();
      for (std::size_t j = 0; j < i; ++j) s.Ban(previous[j]);
      const std::uint32_t spur_length =
          options.max_length == std::numeric_limits<std::uint32_t>::max()
              ? options.max_length
              : static_cast<std::uint32_t>(options.max_length - i);
      const Spec spec{graph, options, spur_length, previous[i], banned_next};
      std::vector<DenseId> spur = FindPath(spec, {&previous[i], 1}, {&to, 1}, s, budget);
      if (budget.capped) break;
      if (spur.empty()) continue;
      std::vector<DenseId> nodes(previous.begin(), previous.begin() + i);
      nodes.insert(nodes.end(), spur.begin(), spur.end());
      if (seen.insert(nodes).second) {
        candidates.push_back(MakePath(graph, options, std::move(nodes)));
      }
    }
    // Once capped, the candidates may lack a cheaper path: accept no more.
    if (budget.capped || candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(), CheaperPath);
    accepted.push_back(std::move(*best));
    candidates.erase(best);
  }
  // Yen accepts paths of equal cost in the order its searches happen to find them.
  std::stable_sort(accepted.begin(), accepted.end(), CheaperPath);
  return Finish(budget, std::move(accepted));
}

namespace {

// Labels every node within `max_length` links of `to` (through nodes a path may pass) with its
// distance to `to`: a lower bound on the rest of any simple path, used to prune the depth-first
// search. `from` is labelled but not expanded, as it is never an inner node.
void DistancesToTarget(const Spec& spec, DenseId from, DenseId to, Scratch& s, Budget& budget) {
  const CsrGraph& g = spec.graph;
  std::vector<DenseId>& queue = s.buffer;
  queue.clear();
  if (!budget.Spend()) return;
  s.Set(to, kBackward, 0, kNoNode);
  queue.push_back(to);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const DenseId u = queue[head];
    const std::uint32_t d = s.at(u).depth;
    if (d >= spec.max_length || u == from) continue;
    for (const CsrArc& arc : g.arcs(u)) {
      const DenseId w = arc.target;
      if (s.Labelled(w) || !spec.options.filter.AllowsLink(g, u, arc)) continue;
      if (w != from && !spec.Passable(w)) continue;
      if (!budget.Spend()) return;
      s.Set(w, kBackward, d + 1, u);
      queue.push_back(w);
    }
  }
}

}  // namespace

StatusOr<PathSearch> AllSimplePaths(const CsrGraph& graph, DenseId from, DenseId to,
                                    std::uint32_t max_length, const PathOptions& options) {
  for (DenseId v : {from, to}) {
    if (std::string problem = CheckNode(graph, v); !problem.empty()) {
      return InvalidArgument(problem);
    }
  }
  Budget budget{options.max_visited};
  std::vector<Path> paths;
  if (from == to) {
    paths.push_back(MakePath(graph, options, {from}));
    return Finish(budget, std::move(paths));
  }
  const Spec spec{graph, options, std::min(max_length, options.max_length)};
  Scratch& s = Scratch::ForGraph(graph);
  s.NewGeneration();
  DistancesToTarget(spec, from, to, s, budget);
  if (budget.capped || !s.Labelled(from)) return Finish(budget, {});

  // Depth-first over distinct neighbours; the current path is marked banned. A node w may
  // extend a path of d links only if d + 1 + distance(w) <= max_length.
  std::vector<DenseId> stack{from};
  std::vector<std::vector<DenseId>> choices(1);  // choices[i]: untried next nodes after stack[i]
  auto fill_choices = [&](std::size_t level) {
    std::vector<DenseId>& out = choices[level];
    out.clear();
    const DenseId u = stack[level];
    for (const CsrArc& arc : graph.arcs(u)) {
      const DenseId w = arc.target;
      if (!s.Labelled(w) || s.Banned(w) || level + 1 + s.at(w).depth > spec.max_length) continue;
      if (options.filter.AllowsLink(graph, u, arc)) out.push_back(w);
    }
    std::sort(out.begin(), out.end(), std::greater<>());  // popped from the back: ascending
    out.erase(std::unique(out.begin(), out.end()), out.end());
  };
  s.Ban(from);
  fill_choices(0);
  while (!stack.empty()) {
    const std::size_t level = stack.size() - 1;
    if (choices[level].empty()) {
      s.Unban(stack.back());
      stack.pop_back();
      continue;
    }
    const DenseId w = choices[level].back();
    choices[level].pop_back();
    if (w == to) {
      if (paths.size() == options.max_paths) {
        budget.capped = true;
        break;
      }
      std::vector<DenseId> nodes = stack;
      nodes.push_back(to);
      paths.push_back(MakePath(graph, options, std::move(nodes)));
      continue;
    }
    if (!budget.Spend()) break;
    s.Ban(w);
    stack.push_back(w);
    if (choices.size() <= level + 1) choices.emplace_back();
    fill_choices(level + 1);
  }
  std::sort(paths.begin(), paths.end(), CheaperPath);
  return Finish(budget, std::move(paths));
}

}  // namespace sutra::algorithms
