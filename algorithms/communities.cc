#include "algorithms/communities.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "algorithms/parallel.h"

namespace sutra::algorithms {
namespace {

// The graph one Louvain level works on: node v of level k+1 is a community of level k. Links
// inside a node are kept apart in self_weight (counted twice, as a degree counts them), so the
// rows hold only links between distinct nodes. Weights are sums of integer strengths, exact in
// a double, which keeps every gain comparison reproducible.
struct LevelGraph {
  std::vector<std::uint64_t> offsets{0};
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  std::vector<double> self_weight;
  std::vector<double> degree;  // row weight + self_weight
  double total_weight = 0;     // sum of degrees, 2m

  std::size_t size() const { return offsets.size() - 1; }
};

LevelGraph FirstLevel(const UndirectedGraph& graph, bool weighted) {
  LevelGraph g;
  const std::size_t n = graph.node_count();
  g.offsets.resize(n + 1);
  g.targets.reserve(graph.edge_count() * 2);
  g.weights.reserve(graph.edge_count() * 2);
  g.self_weight.assign(n, 0.0);
  g.degree.assign(n, 0.0);
  for (LocalId v = 0; v < n; ++v) {
    const auto neighbors = graph.neighbors(v);
    const auto strengths = graph.strengths(v);
    double row = 0;
    for (std::size_t i = 0; i < neighbors.size(); ++i) {
      const double w = weighted ? strengths[i] : 1.0;
      g.targets.push_back(neighbors[i]);
      g.weights.push_back(w);
      row += w;
    }
    g.offsets[v + 1] = g.targets.size();
    g.degree[v] = row;
    g.total_weight += row;
  }
  return g;
}

// Weights from one node to each community among its neighbours: a flat array indexed by
// community plus the list of entries touched, so clearing costs only what was set.
class NeighborWeights {
 public:
  explicit NeighborWeights(std::size_t communities) : weight_(communities, 0.0) {}
  void Add(std::uint32_t community, double w) {
    if (weight_[community] == 0.0) touched_.push_back(community);
    weight_[community] += w;  // weights are positive, so a touched entry never reads 0
  }
  double operator[](std::uint32_t community) const { return weight_[community]; }
  const std::vector<std::uint32_t>& touched() const { return touched_; }
  void Clear() {
    for (std::uint32_t c : touched_) weight_[c] = 0.0;
    touched_.clear();
  }

 private:
  std::vector<double> weight_;
  std::vector<std::uint32_t> touched_;
};

std::vector<std::uint32_t> ShuffledNodes(std::size_t n, std::mt19937_64& rng) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), rng);
  return order;
}

// Local moving (the "fast" variant of Leiden's paper): every node is visited once in random
// order, then only neighbours of nodes that moved are revisited. A node goes to the community
// (a neighbour's, its own, or an empty one) that raises Q most; it stays on ties. Each move
// raises Q, so it ends. `community` holds ids below g.size() and is updated in place. Returns
// whether any node moved.
bool MoveNodes(const LevelGraph& g, double resolution, std::vector<std::uint32_t>& community,
               std::mt19937_64& rng) {
  const std::size_t n = g.size();
  std::vector<double> community_degree(n, 0.0);
  std::vector<std::uint32_t> members(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    community_degree[community[v]] += g.degree[v];
    ++members[community[v]];
  }
  std::vector<std::uint32_t> empty;
  for (std::uint32_t c = 0; c < n; ++c) {
    if (members[c] == 0) empty.push_back(c);
  }
  // Gains are compared in units of link weight: moving v (degree k) from its community to d
  // changes Q by [w(v,d) - scale * K_d * k] - [w(v,own) - scale * (K_own - k) * k], over m.
  const double scale = resolution / g.total_weight;
  std::vector<std::uint32_t> queue = ShuffledNodes(n, rng);
  std::vector<char> queued(n, 1);
  std::size_t head = 0, pending = n;
  NeighborWeights to(n);
  bool moved_any = false;
  while (pending > 0) {
    const std::uint32_t v = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --pending;
    queued[v] = 0;
    const std::uint32_t own = community[v];
    const double k = g.degree[v];
    for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      to.Add(community[g.targets[a]], g.weights[a]);
    }
    community_degree[own] -= k;
    std::uint32_t best = own;
    double best_gain = to[own] - scale * community_degree[own] * k;
    for (std::uint32_t d : to.touched()) {
      const double gain = to[d] - scale * community_degree[d] * k;
      if (gain > best_gain) best = d, best_gain = gain;
    }
    // Alone in an empty community the gain is 0; only worth asking when v is not alone.
    if (members[own] > 1 && best_gain < 0 && !empty.empty()) best = empty.back();
    to.Clear();
    community_degree[best] += k;
    if (best == own) continue;
    if (!empty.empty() && best == empty.back()) empty.pop_back();
    if (--members[own] == 0) empty.push_back(own);
    ++members[best];
    community[v] = best;
    moved_any = true;
    for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      const std::uint32_t u = g.targets[a];
      if (queued[u] || community[u] == best) continue;
      queued[u] = 1;
      queue[(head + pending) % n] = u;
      ++pending;
    }
  }
  return moved_any;
}

// Leiden refinement: splits each community of `community` into sub-communities, starting from
// single nodes and merging a node that is still alone into the sub-community of the same
// community that raises Q most, provided both are well connected to the rest of their
// community. A node only ever joins a sub-community it has a link to, so every sub-community is
// connected. Returns the sub-community of each node (ids below g.size()).
std::vector<std::uint32_t> Refine(const LevelGraph& g, double resolution,
                                  const std::vector<std::uint32_t>& community,
                                  std::mt19937_64& rng) {
  const std::size_t n = g.size();
  const double scale = resolution / g.total_weight;
  std::vector<std::uint32_t> sub(n);
  std::iota(sub.begin(), sub.end(), 0u);
  std::vector<double> sub_degree(g.degree);
  std::vector<std::uint32_t> sub_members(n, 1);
  std::vector<double> community_degree(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) community_degree[community[v]] += g.degree[v];
  // outside[s]: weight of links from sub-community s to the rest of its community.
  std::vector<double> outside(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      if (community[g.targets[a]] == community[v]) outside[v] += g.weights[a];
    }
  }
  auto well_connected = [&](std::uint32_t s, std::uint32_t c) {
    return outside[s] >= scale * sub_degree[s] * (community_degree[c] - sub_degree[s]);
  };
  NeighborWeights to(n);
  for (std::uint32_t v : ShuffledNodes(n, rng)) {
    const std::uint32_t c = community[v];
    if (sub_members[sub[v]] > 1 || !well_connected(v, c)) continue;
    for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
      const std::uint32_t u = g.targets[a];
      if (community[u] == c) to.Add(sub[u], g.weights[a]);
    }
    const double k = g.degree[v];
    std::uint32_t best = v;
    double best_gain = 0;
    for (std::uint32_t s : to.touched()) {
      if (s == v || !well_connected(s, c)) continue;
      const double gain = to[s] - scale * sub_degree[s] * k;
      if (gain > best_gain) best = s, best_gain = gain;
    }
    if (best != v) {
      outside[best] += outside[v] - 2 * to[best];
      sub_degree[best] += k;
      ++sub_members[best];
      sub_members[v] = 0;
      sub[v] = best;
    }
    to.Clear();
  }
  return sub;
}

// Renumbers `ids` (each below `bound`) 0.. in order of first appearance; returns how many
// distinct ids there are.
std::uint32_t Compact(std::vector<std::uint32_t>& ids, std::size_t bound) {
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::vector<std::uint32_t> renumber(bound, kNone);
  std::uint32_t next = 0;
  for (std::uint32_t& id : ids) {
    if (renumber[id] == kNone) renumber[id] = next++;
    id = renumber[id];
  }
  return next;
}

// The graph whose node s is the set {v : group[v] == s} of g (group ids dense, below `count`).
// Each slice of groups is built on a thread of its own with its own scratch, then joined.
LevelGraph Aggregate(const LevelGraph& g, const std::vector<std::uint32_t>& group,
                     std::uint32_t count, unsigned threads) {
  std::vector<std::uint64_t> first(count + 1, 0);
  for (std::uint32_t s : group) ++first[s + 1];
  std::partial_sum(first.begin(), first.end(), first.begin());
  std::vector<std::uint32_t> members(g.size());
  {
    std::vector<std::uint64_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t v = 0; v < g.size(); ++v) members[next[group[v]]++] = v;
  }
  LevelGraph h;
  h.self_weight.assign(count, 0.0);
  h.degree.assign(count, 0.0);
  h.total_weight = g.total_weight;
  struct Part {
    std::vector<std::uint64_t> row_sizes;
    std::vector<std::uint32_t> targets;
    std::vector<double> weights;
  };
  const unsigned slices = SliceCount(threads, g.targets.size() / 8 + 1);
  std::vector<Part> parts(slices);
  ForSlices(count, slices, [&](std::size_t begin, std::size_t end, unsigned slice) {
    Part& part = parts[slice];
    NeighborWeights to(count);
    for (std::size_t s = begin; s < end; ++s) {
      double self = 0, row = 0;
      for (std::uint64_t i = first[s]; i < first[s + 1]; ++i) {
        const std::uint32_t v = members[i];
        self += g.self_weight[v];
        for (std::uint64_t a = g.offsets[v]; a < g.offsets[v + 1]; ++a) {
          const std::uint32_t t = group[g.targets[a]];
          if (t == s) {
            self += g.weights[a];
          } else {
            to.Add(t, g.weights[a]);
          }
        }
      }
      for (std::uint32_t t : to.touched()) {
        part.targets.push_back(t);
        part.weights.push_back(to[t]);
        row += to[t];
      }
      part.row_sizes.push_back(to.touched().size());
      to.Clear();
      h.self_weight[s] = self;
      h.degree[s] = self + row;
    }
  });
  h.offsets.assign(count + 1, 0);
  std::size_t s = 0;
  for (const Part& part : parts) {
    for (std::uint64_t size : part.row_sizes) {
      h.offsets[s + 1] = h.offsets[s] + size;
      ++s;
    }
  }
  h.targets.reserve(h.offsets.back());
  h.weights.reserve(h.offsets.back());
  for (Part& part : parts) {
    h.targets.insert(h.targets.end(), part.targets.begin(), part.targets.end());
    h.weights.insert(h.weights.end(), part.weights.begin(), part.weights.end());
  }
  return h;
}

// Relabels `community` so that each label is one connected piece of a community, numbered in
// order of its smallest node. Splitting a community whose pieces share no link removes only the
// penalty term between the pieces, so Q never drops.
std::vector<std::uint32_t> ConnectedPieces(const UndirectedGraph& graph,
                                           const std::vector<std::uint32_t>& community,
                                           std::vector<std::uint64_t>& sizes) {
  constexpr std::uint32_t kUnseen = UINT32_MAX;
  const std::size_t n = graph.node_count();
  std::vector<std::uint32_t> piece(n, kUnseen);
  std::vector<LocalId> queue(n);
  std::size_t tail = 0;
  sizes.clear();
  for (LocalId start = 0; start < n; ++start) {
    if (piece[start] != kUnseen) continue;
    const auto id = static_cast<std::uint32_t>(sizes.size());
    const std::size_t begin = tail;
    piece[start] = id;
    queue[tail++] = start;
    for (std::size_t head = begin; head < tail; ++head) {
      const LocalId v = queue[head];
      for (LocalId w : graph.neighbors(v)) {
        if (piece[w] != kUnseen || community[w] != community[v]) continue;
        piece[w] = id;
        queue[tail++] = w;
      }
    }
    sizes.push_back(tail - begin);
  }
  return piece;
}

// One pass of the multi-level method from the partition `community` of `graph` (one entry per
// node, ids below node_count): local moving, then (with options.refine) refinement, then
// aggregation, level after level. Returns the partition reached and adds the rounds run to
// `levels`.
std::vector<std::uint32_t> RunLevels(const UndirectedGraph& graph,
                                     std::vector<std::uint32_t> community,
                                     const CommunityOptions& options, std::mt19937_64& rng,
                                     int& levels) {
  const std::size_t n = graph.node_count();
  LevelGraph level = FirstLevel(graph, options.weighted);
  // node_at[v]: the node of the current level that holds original node v.
  std::vector<std::uint32_t> node_at(n);
  std::iota(node_at.begin(), node_at.end(), 0u);
  for (int round = 0;
       level.total_weight > 0 && (options.max_levels == 0 || round < options.max_levels);) {
    const bool moved = MoveNodes(level, options.resolution, community, rng);
    // Louvain is done when no node moves. With refinement a level merges only refined pieces,
    // and moving the bigger pieces of the next level may still gain, so it goes on as long as
    // there is something to merge.
    if (!moved && !options.refine) break;
    std::vector<std::uint32_t> group =
        options.refine ? Refine(level, options.resolution, community, rng) : community;
    const std::uint32_t count = Compact(group, level.size());
    if (count == level.size()) {
      levels += moved;
      break;
    }
    ++round;
    ++levels;
    std::vector<std::uint32_t> next_community(count);
    for (std::size_t v = 0; v < level.size(); ++v) next_community[group[v]] = community[v];
    for (std::uint32_t& node : node_at) node = group[node];
    if (options.refine) {
      Compact(next_community, level.size());
      community = std::move(next_community);
    } else {
      community.resize(count);
      std::iota(community.begin(), community.end(), 0u);
    }
    level = Aggregate(level, group, count, options.threads);
  }
  std::vector<std::uint32_t> flat(n);
  for (std::size_t v = 0; v < n; ++v) flat[v] = community[node_at[v]];
  return flat;
}

}  // namespace

double Modularity(const UndirectedGraph& graph, std::span<const std::uint32_t> community,
                  bool weighted, double resolution) {
  const std::size_t n = graph.node_count();
  if (community.size() != n || !std::isfinite(resolution)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  std::vector<std::uint32_t> ids(community.begin(), community.end());
  if (n > 0 && *std::max_element(ids.begin(), ids.end()) >= n) {
    std::vector<std::uint32_t> sorted(ids);
    std::sort(sorted.begin(), sorted.end());
    for (std::uint32_t& id : ids) {
      id = static_cast<std::uint32_t>(std::lower_bound(sorted.begin(), sorted.end(), id) -
                                      sorted.begin());
    }
  }
  std::vector<double> inside(n, 0.0), degree(n, 0.0);
  double total = 0;
  for (LocalId v = 0; v < n; ++v) {
    const auto neighbors = graph.neighbors(v);
    const auto strengths = graph.strengths(v);
    for (std::size_t i = 0; i < neighbors.size(); ++i) {
      const double w = weighted ? strengths[i] : 1.0;
      degree[ids[v]] += w;
      if (ids[neighbors[i]] == ids[v]) inside[ids[v]] += w;
    }
  }
  for (double d : degree) total += d;
  if (total == 0) return 0;
  double q = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const double share = degree[c] / total;
    q += inside[c] / total - resolution * share * share;
  }
  return q;
}

StatusOr<Communities> DetectCommunities(const UndirectedGraph& graph,
                                        const CommunityOptions& options) {
  if (!std::isfinite(options.resolution) || options.resolution < 0) {
    return InvalidArgument("community detection: resolution must be a number >= 0, got " +
                           std::to_string(options.resolution));
  }
  if (options.max_levels < 0) {
    return InvalidArgument("community detection: max_levels must be >= 0 (0: no limit), got " +
                           std::to_string(options.max_levels));
  }
  if (options.iterations < 1) {
    return InvalidArgument("community detection: iterations must be >= 1, got " +
                           std::to_string(options.iterations));
  }
  Communities result;
  std::mt19937_64 rng(options.seed);
  result.community.resize(graph.node_count());
  std::iota(result.community.begin(), result.community.end(), 0u);
  for (int pass = 0; pass < options.iterations; ++pass) {
    // Each pass starts from connected communities, so Q never drops from pass to pass.
    std::vector<std::uint32_t> next = ConnectedPieces(
        graph, RunLevels(graph, result.community, options, rng, result.levels), result.sizes);
    if (next == result.community) break;  // a fixed point: later passes would start here too
    result.community = std::move(next);
  }
  result.modularity = Modularity(graph, result.community, options.weighted, options.resolution);
  return result;
}

}  // namespace sutra::algorithms
