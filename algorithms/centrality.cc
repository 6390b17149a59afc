#include "algorithms/centrality.h"

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <random>
#include <string>

#include "algorithms/parallel.h"

namespace sutra::algorithms {
namespace {

constexpr std::uint32_t kUnseen = std::numeric_limits<std::uint32_t>::max();

Status CheckNodes(const UndirectedGraph& g, std::span<const LocalId> nodes, const char* what) {
  for (LocalId v : nodes) {
    if (v >= g.node_count()) {
      return InvalidArgument(std::string(what) + ": node " + std::to_string(v) +
                             " is out of range (the graph has " + std::to_string(g.node_count()) +
                             " nodes)");
    }
  }
  return Status::Ok();
}

// Threads worth using for `items` independent tasks of `cost_each` elementary steps.
unsigned TaskThreads(unsigned threads, std::size_t items, std::size_t cost_each) {
  const unsigned slices = SliceCount(threads, items * std::max<std::size_t>(cost_each, 1));
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(slices, items)));
}

// The graph renumbered in breadth-first order, component by component from the node of highest
// degree, so that nodes a search reaches together (a hub and its neighbours, one level of the
// search) sit together in memory. Searches over a graph of a million links spend their time in
// cache misses on the per-node arrays: on a preferential-attachment graph of 1.2M links in
// random order this layout cut Brandes' time by about 40% (the copy costs about one search).
class LocalityGraph {
 public:
  explicit LocalityGraph(const UndirectedGraph& g) {
    const std::size_t n = g.node_count();
    original_.reserve(n);
    renumbered_.assign(n, kUnseen);
    std::vector<LocalId> by_degree(n);
    std::iota(by_degree.begin(), by_degree.end(), LocalId{0});
    std::stable_sort(by_degree.begin(), by_degree.end(),
                     [&](LocalId a, LocalId b) { return g.degree(a) > g.degree(b); });
    for (LocalId root : by_degree) {
      if (renumbered_[root] != kUnseen) continue;
      std::size_t head = original_.size();
      renumbered_[root] = static_cast<LocalId>(original_.size());
      original_.push_back(root);
      for (; head < original_.size(); ++head) {
        for (LocalId w : g.neighbors(original_[head])) {
          if (renumbered_[w] != kUnseen) continue;
          renumbered_[w] = static_cast<LocalId>(original_.size());
          original_.push_back(w);
        }
      }
    }
    offsets_.resize(n + 1);
    offsets_[0] = 0;
    targets_.reserve(2 * g.edge_count());
    for (std::size_t v = 0; v < n; ++v) {
      for (LocalId w : g.neighbors(original_[v])) targets_.push_back(renumbered_[w]);
      std::sort(targets_.begin() + static_cast<std::ptrdiff_t>(offsets_[v]), targets_.end());
      offsets_[v + 1] = targets_.size();
    }
  }

  std::size_t node_count() const { return original_.size(); }
  std::span<const LocalId> neighbors(LocalId v) const {
    return {targets_.data() + offsets_[v], targets_.data() + offsets_[v + 1]};
  }
  LocalId original(LocalId v) const { return original_[v]; }
  LocalId renumbered(LocalId v) const { return renumbered_[v]; }

 private:
  std::vector<std::uint64_t> offsets_;
  std::vector<LocalId> targets_;
  std::vector<LocalId> original_;    // by new number
  std::vector<LocalId> renumbered_;  // by original number
};

// Per-node state of one Brandes pass. `value` holds the number of shortest paths from the
// source during the search and then, in the backward pass, (1 + dependency) / paths. Keeping
// it beside the distance makes each neighbour visit touch one cache line.
struct BrandesSlot {
  double value;
  std::uint32_t dist;
};

// One thread's buffers for Brandes passes, allocated once and reused for every source.
class BrandesWorker {
 public:
  explicit BrandesWorker(std::size_t n) : slots_(n, BrandesSlot{0.0, kUnseen}), order_(n) {}

  // Adds the dependency of every node on `source` (Brandes' delta_s) to `sum`, all in g's
  // numbering.
  void AddDependencies(const LocalityGraph& g, LocalId source, std::vector<double>& sum) {
    BrandesSlot* slot = slots_.data();
    LocalId* order = order_.data();
    std::size_t tail = 0;
    order[tail++] = source;
    slot[source] = {1.0, 0};
    for (std::size_t head = 0; head < tail; ++head) {
      const LocalId v = order[head];
      const std::uint32_t next_dist = slot[v].dist + 1;
      const double paths = slot[v].value;
      for (LocalId w : g.neighbors(v)) {
        BrandesSlot& s = slot[w];
        if (s.dist == kUnseen) {
          s = {paths, next_dist};
          order[tail++] = w;
        } else if (s.dist == next_dist) {
          s.value += paths;
        }
      }
    }
    // Backward over the search order: a node's successors are final before it is reached.
    // With c(w) = (1 + delta(w)) / sigma(w), delta(v) = sigma(v) * sum of c over successors.
    for (std::size_t i = tail; i-- > 1;) {
      const LocalId v = order[i];
      const std::uint32_t next_dist = slot[v].dist + 1;
      double successors = 0.0;
      for (LocalId w : g.neighbors(v)) {
        if (slot[w].dist == next_dist) successors += slot[w].value;
      }
      sum[v] += slot[v].value * successors;
      slot[v].value = 1.0 / slot[v].value + successors;
    }
    for (std::size_t i = 0; i < tail; ++i) slot[order[i]].dist = kUnseen;
  }

 private:
  std::vector<BrandesSlot> slots_;
  std::vector<LocalId> order_;
};

// Sums the dependencies of `sources` over threads, each with its own buffers and sums. Ids in
// and out are the UndirectedGraph's.
std::vector<double> SumDependencies(const UndirectedGraph& graph, std::span<const LocalId> sources,
                                    unsigned threads) {
  const std::size_t n = graph.node_count();
  const unsigned slices = TaskThreads(threads, sources.size(), 2 * graph.edge_count() + n);
  const LocalityGraph g(graph);
  std::vector<std::vector<double>> sums(slices);
  // Thread s takes every slices-th source from s: interleaving spreads the expensive sources
  // (those in the giant component) evenly, and a fixed assignment keeps the sums' rounding,
  // hence the result, the same from run to run. Buffers are made inside each thread, on its
  // own memory.
  ForSlices(slices, slices, [&](std::size_t, std::size_t, unsigned slice) {
    sums[slice].assign(n, 0.0);
    BrandesWorker worker(n);
    for (std::size_t i = slice; i < sources.size(); i += slices) {
      worker.AddDependencies(g, g.renumbered(sources[i]), sums[slice]);
    }
  });
  std::vector<double> total(n, 0.0);
  for (std::size_t v = 0; v < n; ++v) {
    for (unsigned s = 0; s < slices; ++s) total[g.original(static_cast<LocalId>(v))] += sums[s][v];
  }
  return total;
}

// Uniform sample of k distinct nodes (partial Fisher-Yates), reproducible from `seed`.
std::vector<LocalId> SampleNodes(std::size_t n, std::size_t k, std::uint64_t seed) {
  std::vector<LocalId> nodes(n);
  std::iota(nodes.begin(), nodes.end(), LocalId{0});
  std::mt19937_64 random(seed);
  for (std::size_t i = 0; i < k; ++i) {
    std::uniform_int_distribution<std::size_t> pick(i, n - 1);
    std::swap(nodes[i], nodes[pick(random)]);
  }
  nodes.resize(k);
  return nodes;
}

// Hop distances from `source` within its component: how many nodes it reaches (itself
// included) and the sum of their distances. `seen` holds a stamp per node so that it needs no
// clearing between searches.
struct Reach {
  std::size_t reached = 0;
  std::uint64_t distance_sum = 0;
};
Reach BreadthFirst(const LocalityGraph& g, LocalId source, std::uint32_t stamp,
                   std::vector<std::uint32_t>& seen, std::vector<LocalId>& queue) {
  Reach reach;
  std::size_t tail = 0, level_end = 1;
  std::uint64_t dist = 0;
  queue[tail++] = source;
  seen[source] = stamp;
  for (std::size_t head = 0; head < tail; ++head) {
    if (head == level_end) {
      ++dist;
      level_end = tail;
    }
    reach.distance_sum += dist;
    for (LocalId w : g.neighbors(queue[head])) {
      if (seen[w] == stamp) continue;
      seen[w] = stamp;
      queue[tail++] = w;
    }
  }
  reach.reached = tail;
  return reach;
}

// Sum of each node's link weights: degree, or strength when `weighted`.
Eigen::VectorXd OutWeight(const UndirectedGraph& g, bool weighted) {
  const std::vector<double> d = Degree(g, weighted);
  return Eigen::Map<const Eigen::VectorXd>(d.data(), static_cast<Eigen::Index>(d.size()));
}

// out[v] = sum over v's links of (weight of the link) * in[u], u the neighbour, for v in
// [begin, end). Pull-based: each thread writes only its own slice.
void PullSum(const UndirectedGraph& g, bool weighted, const double* in, double* out,
             std::size_t begin, std::size_t end) {
  for (std::size_t v = begin; v < end; ++v) {
    const auto nbrs = g.neighbors(static_cast<LocalId>(v));
    double sum = 0.0;
    if (weighted) {
      const auto strengths = g.strengths(static_cast<LocalId>(v));
      for (std::size_t i = 0; i < nbrs.size(); ++i) sum += strengths[i] * in[nbrs[i]];
    } else {
      for (LocalId u : nbrs) sum += in[u];
    }
    out[v] = sum;
  }
}

unsigned MatrixSlices(const UndirectedGraph& g, unsigned threads) {
  return SliceCount(threads, 2 * g.edge_count() + g.node_count());
}

}  // namespace

std::vector<double> Degree(const UndirectedGraph& g, bool weighted) {
  std::vector<double> degree(g.node_count());
  for (LocalId v = 0; v < g.node_count(); ++v) {
    if (weighted) {
      const auto s = g.strengths(v);
      degree[v] = std::accumulate(s.begin(), s.end(), 0.0);
    } else {
      degree[v] = static_cast<double>(g.degree(v));
    }
  }
  return degree;
}

StatusOr<std::vector<double>> Betweenness(const UndirectedGraph& g,
                                          const BetweennessOptions& options) {
  if (Status s = CheckNodes(g, options.sources, "betweenness source"); !s.ok()) return s;
  const std::size_t n = g.node_count();
  std::vector<LocalId> sources = options.sources;
  double scale = 0.5;  // each unordered pair is seen from both ends
  if (sources.empty()) {
    const std::size_t k = options.sample == 0 ? n : std::min(options.sample, n);
    sources = SampleNodes(n, k, options.seed);
    if (k > 0) scale *= static_cast<double>(n) / static_cast<double>(k);
  }
  std::vector<double> result = SumDependencies(g, sources, options.threads);
  for (double& x : result) x *= scale;
  return result;
}

StatusOr<std::vector<double>> Closeness(const UndirectedGraph& graph,
                                        const ClosenessOptions& options) {
  if (Status s = CheckNodes(graph, options.nodes, "closeness node"); !s.ok()) return s;
  const std::size_t n = graph.node_count();
  std::vector<LocalId> nodes = options.nodes;
  if (nodes.empty()) {
    nodes.resize(n);
    std::iota(nodes.begin(), nodes.end(), LocalId{0});
  }
  // Each thread writes the slots of its own nodes: no node may be listed twice.
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::vector<double> closeness(n, 0.0);
  const unsigned slices = TaskThreads(options.threads, nodes.size(), 2 * graph.edge_count() + n);
  const LocalityGraph g(graph);
  std::atomic<std::size_t> next = 0;
  ForSlices(slices, slices, [&](std::size_t, std::size_t, unsigned) {
    std::vector<std::uint32_t> seen(n, 0);
    std::vector<LocalId> queue(n);
    std::uint32_t stamp = 0;
    for (std::size_t i = next++; i < nodes.size(); i = next++) {
      if (++stamp == 0) {  // stamps wrapped: start afresh
        std::fill(seen.begin(), seen.end(), 0);
        stamp = 1;
      }
      const Reach r = BreadthFirst(g, g.renumbered(nodes[i]), stamp, seen, queue);
      closeness[nodes[i]] = r.distance_sum == 0 ? 0.0
                                                : static_cast<double>(r.reached - 1) /
                                                      static_cast<double>(r.distance_sum);
    }
  });
  return closeness;
}

StatusOr<std::vector<double>> PageRank(const UndirectedGraph& g, const PageRankOptions& options) {
  if (!(options.damping >= 0.0 && options.damping < 1.0)) {
    return InvalidArgument("pagerank: damping must be in [0, 1), got " +
                           std::to_string(options.damping));
  }
  if (!(options.tolerance > 0.0) || options.max_iterations < 1) {
    return InvalidArgument("pagerank: tolerance must be positive and max_iterations at least 1");
  }
  const std::size_t n = g.node_count();
  if (n == 0) return std::vector<double>{};
  const Eigen::Index size = static_cast<Eigen::Index>(n);
  const double d = options.damping;
  // share[v] = 1 / (v's total link weight): the fraction of v's rank each unit of link gets.
  const Eigen::VectorXd weight = OutWeight(g, options.weighted);
  const Eigen::ArrayXd dangling = (weight.array() == 0.0).cast<double>();
  const Eigen::ArrayXd share = (weight.array() > 0.0).select(weight.array().inverse(), 0.0);

  Eigen::VectorXd rank = Eigen::VectorXd::Constant(size, 1.0 / static_cast<double>(n));
  Eigen::VectorXd outflow(size), next(size);
  const unsigned slices = MatrixSlices(g, options.threads);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    outflow.array() = rank.array() * share;
    const double dangling_rank = (rank.array() * dangling).sum();
    // Teleport plus the rank of dangling nodes, the same for every node.
    const double base = ((1.0 - d) + d * dangling_rank) / static_cast<double>(n);
    ForSlices(n, slices, [&](std::size_t begin, std::size_t end, unsigned) {
      PullSum(g, options.weighted, outflow.data(), next.data(), begin, end);
      for (std::size_t v = begin; v < end; ++v) next[v] = base + d * next[v];
    });
    next /= next.sum();  // keeps the sum at 1 against rounding drift
    const double change = (next - rank).lpNorm<1>();
    rank.swap(next);
    if (change < options.tolerance) break;
  }
  return std::vector<double>(rank.data(), rank.data() + n);
}

StatusOr<std::vector<double>> Eigenvector(const UndirectedGraph& g,
                                          const EigenvectorOptions& options) {
  if (!(options.tolerance > 0.0) || options.max_iterations < 1) {
    return InvalidArgument(
        "eigenvector centrality: tolerance must be positive and max_iterations at least 1");
  }
  const std::size_t n = g.node_count();
  if (n == 0) return std::vector<double>{};
  if (g.edge_count() == 0) return std::vector<double>(n, 1.0);
  const Eigen::Index size = static_cast<Eigen::Index>(n);
  // The degree vector is a good start (it is one step of the iteration from all ones) and,
  // having no negative entries, is never orthogonal to the principal eigenvector.
  Eigen::VectorXd x = OutWeight(g, options.weighted);
  x /= x.maxCoeff();
  Eigen::VectorXd next(size);
  const unsigned slices = MatrixSlices(g, options.threads);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    ForSlices(n, slices, [&](std::size_t begin, std::size_t end, unsigned) {
      PullSum(g, options.weighted, x.data(), next.data(), begin, end);
      for (std::size_t v = begin; v < end; ++v) next[v] += x[v];  // (A + I) x
    });
    next /= next.maxCoeff();
    const double change = (next - x).lpNorm<Eigen::Infinity>();
    x.swap(next);
    if (change < options.tolerance) break;
  }
  return std::vector<double>(x.data(), x.data() + n);
}

std::vector<std::pair<LocalId, double>> TopK(std::span<const double> values, std::size_t k) {
  std::vector<std::pair<LocalId, double>> all(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) all[i] = {static_cast<LocalId>(i), values[i]};
  k = std::min(k, all.size());
  const auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(), before);
  all.resize(k);
  return all;
}

}  // namespace sutra::algorithms
