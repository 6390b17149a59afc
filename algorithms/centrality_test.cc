#include "algorithms/centrality.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <queue>
#include <random>

namespace sutra::algorithms {
namespace {

using Edges = std::vector<std::pair<LocalId, LocalId>>;
using storage::EdgeType;
using storage::NodeType;

UndirectedGraph Graph(std::size_t n, const Edges& edges) {
  return UndirectedGraph::FromEdges(n, edges);
}

// 0-1-2-3-4
UndirectedGraph PathOf(std::size_t n) {
  Edges edges;
  for (LocalId v = 0; v + 1 < n; ++v) edges.push_back({v, v + 1});
  return Graph(n, edges);
}

// Centre 0, leaves 1..4.
UndirectedGraph Star() { return Graph(5, {{0, 1}, {0, 2}, {0, 3}, {0, 4}}); }

// Triangles 0-1-2 and 3-4-5 joined by the bridge 2-3.
UndirectedGraph TwoTriangles() {
  return Graph(6, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 3}});
}

UndirectedGraph RandomGraph(std::size_t n, double p, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::bernoulli_distribution link(p);
  Edges edges;
  for (LocalId a = 0; a < n; ++a) {
    for (LocalId b = a + 1; b < n; ++b) {
      if (link(random)) edges.push_back({a, b});
    }
  }
  return Graph(n, edges);
}

std::vector<double> Values(StatusOr<std::vector<double>> result) {
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? *result : std::vector<double>{};
}

void ExpectNear(const std::vector<double>& actual, const std::vector<double>& expected,
                double tolerance) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], tolerance) << "node " << i;
  }
}

TEST(Degree, CountsNeighboursOrLinkStrengths) {
  // The link 0-1 is given three times (say two calls and a shared case): one neighbour, strength 3.
  const UndirectedGraph g = Graph(4, {{0, 1}, {1, 0}, {0, 1}, {1, 2}});
  EXPECT_EQ(Degree(g), (std::vector<double>{1, 2, 1, 0}));
  EXPECT_EQ(Degree(g, /*weighted=*/true), (std::vector<double>{3, 4, 1, 0}));
}

TEST(Betweenness, PathOfFive) {
  // Node 1 lies on the paths 0-2, 0-3, 0-4; node 2 on 0-3, 0-4, 1-3, 1-4; node 3 mirrors 1.
  ExpectNear(Values(Betweenness(PathOf(5))), {0, 3, 4, 3, 0}, 1e-12);
}

TEST(Betweenness, StarCentreCarriesEveryPairOfLeaves) {
  // C(4, 2) = 6 leaf pairs, each through the centre.
  ExpectNear(Values(Betweenness(Star())), {6, 0, 0, 0, 0}, 1e-12);
}

TEST(Betweenness, BridgeEndsCarryThePairsAcrossIt) {
  // 2 and 3 each lie on the 3 x 3 - 3 = 6 paths between {0, 1} and {3, 4, 5} (for 2) or
  // between {0, 1, 2} and {4, 5} (for 3); corners of a triangle lie on no shortest path.
  ExpectNear(Values(Betweenness(TwoTriangles())), {0, 0, 6, 6, 0, 0}, 1e-12);
}

TEST(Betweenness, SourcesHalveEachPairAsIgraphDoes) {
  // igraph_betweenness_subset with sources {0}, all targets, undirected: the dependencies of
  // source 0 on the path 0-1-2-3-4 are 3, 2, 1 for nodes 1, 2, 3, halved.
  BetweennessOptions options;
  options.sources = {0};
  ExpectNear(Values(Betweenness(PathOf(5), options)), {0, 1.5, 1, 0.5, 0}, 1e-12);
}

TEST(Betweenness, RejectsASourceOutOfRange) {
  BetweennessOptions options;
  options.sources = {5};
  EXPECT_EQ(Betweenness(PathOf(5), options).status().code(), StatusCode::kInvalidArgument);
}

// Betweenness by enumerating every shortest path of every pair explicitly.
std::vector<double> BruteForceBetweenness(const UndirectedGraph& g) {
  const std::size_t n = g.node_count();
  std::vector<double> result(n, 0.0);
  for (LocalId s = 0; s < n; ++s) {
    std::vector<int> dist(n, -1);
    std::queue<LocalId> queue;
    dist[s] = 0;
    queue.push(s);
    while (!queue.empty()) {
      const LocalId v = queue.front();
      queue.pop();
      for (LocalId w : g.neighbors(v)) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue.push(w);
        }
      }
    }
    for (LocalId t = s + 1; t < n; ++t) {
      if (dist[t] < 0) continue;
      // Walk every path of dist[t] links from s; those ending at t are its shortest paths.
      std::vector<LocalId> path{s};
      std::vector<double> through(n, 0.0);
      double paths = 0;
      std::function<void()> extend = [&] {
        const LocalId v = path.back();
        if (static_cast<int>(path.size()) - 1 == dist[t]) {
          if (v != t) return;
          ++paths;
          for (std::size_t i = 1; i + 1 < path.size(); ++i) ++through[path[i]];
          return;
        }
        for (LocalId w : g.neighbors(v)) {
          path.push_back(w);
          extend();
          path.pop_back();
        }
      };
      extend();
      for (std::size_t v = 0; v < n; ++v) result[v] += through[v] / paths;
    }
  }
  return result;
}

TEST(Betweenness, EqualsAnExplicitCountOfShortestPathsOnTinyRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    const std::size_t n = 2 + seed % 8;  // 2..9 nodes
    const UndirectedGraph g = RandomGraph(n, 0.2 + 0.1 * static_cast<double>(seed % 5), seed);
    SCOPED_TRACE(seed);
    ExpectNear(Values(Betweenness(g)), BruteForceBetweenness(g), 1e-9);
  }
}

TEST(Betweenness, AllSourcesOrAFullSampleEqualTheExactValue) {
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    const UndirectedGraph g = RandomGraph(60, 0.05, seed);
    const std::vector<double> exact = Values(Betweenness(g));
    BetweennessOptions all_sources;
    for (LocalId v = 0; v < g.node_count(); ++v) all_sources.sources.push_back(v);
    ExpectNear(Values(Betweenness(g, all_sources)), exact, 1e-9);
    BetweennessOptions full_sample;
    full_sample.sample = g.node_count();
    full_sample.seed = seed;
    ExpectNear(Values(Betweenness(g, full_sample)), exact, 1e-9);
  }
}

TEST(Betweenness, ThreadsDoNotChangeTheResult) {
  const UndirectedGraph g = RandomGraph(300, 0.02, 7);
  BetweennessOptions one, four;
  one.threads = 1;
  four.threads = 4;
  ExpectNear(Values(Betweenness(g, four)), Values(Betweenness(g, one)), 1e-9);
}

TEST(Betweenness, SampleIsReproducibleAndScaledToTheExactTotal) {
  const UndirectedGraph g = RandomGraph(200, 0.03, 11);
  BetweennessOptions options;
  options.sample = 50;
  options.seed = 3;
  const std::vector<double> a = Values(Betweenness(g, options));
  EXPECT_EQ(a, Values(Betweenness(g, options)));
  // Estimated total within 20% of the exact total (the estimator is unbiased).
  const std::vector<double> exact = Values(Betweenness(g));
  double estimated_sum = 0, exact_sum = 0;
  for (std::size_t v = 0; v < a.size(); ++v) estimated_sum += a[v], exact_sum += exact[v];
  EXPECT_NEAR(estimated_sum / exact_sum, 1.0, 0.2);
}

TEST(Closeness, GoldenGraphs) {
  // Path of 5: node 0 sums 1+2+3+4 = 10, node 1 sums 1+1+2+3 = 7, node 2 sums 2+1+1+2 = 6.
  ExpectNear(Values(Closeness(PathOf(5))), {4.0 / 10, 4.0 / 7, 4.0 / 6, 4.0 / 7, 4.0 / 10}, 1e-12);
  // Star: the centre is 1 from all 4; a leaf is 1 from the centre and 2 from 3 leaves.
  ExpectNear(Values(Closeness(Star())), {1, 4.0 / 7, 4.0 / 7, 4.0 / 7, 4.0 / 7}, 1e-12);
  // Two triangles: 0 sums 1+1+2+3+3 = 10; 2 sums 1+1+1+2+2 = 7.
  ExpectNear(Values(Closeness(TwoTriangles())), {0.5, 0.5, 5.0 / 7, 5.0 / 7, 0.5, 0.5}, 1e-12);
}

TEST(Closeness, OnlyTheNodesComponentCountsAndIsolatedNodesScoreZero) {
  // Path 0-1-2, link 3-4, node 5 alone.
  const UndirectedGraph g = Graph(6, {{0, 1}, {1, 2}, {3, 4}});
  ExpectNear(Values(Closeness(g)), {2.0 / 3, 1, 2.0 / 3, 1, 1, 0}, 1e-12);
}

TEST(Closeness, PathMatchesTheFormula) {
  // On a path of n, node i is at distances 1..i on one side and 1..n-1-i on the other.
  const std::size_t n = 40;
  const std::vector<double> closeness = Values(Closeness(PathOf(n)));
  for (std::size_t i = 0; i < n; ++i) {
    const double sum = i * (i + 1) / 2.0 + (n - 1 - i) * (n - i) / 2.0;
    EXPECT_NEAR(closeness[i], (n - 1) / sum, 1e-12) << i;
  }
}

TEST(Closeness, ListedNodesOnlyAndInAnyThreadCount) {
  const UndirectedGraph g = RandomGraph(150, 0.03, 5);
  ClosenessOptions one_thread;
  one_thread.threads = 1;
  const std::vector<double> all = Values(Closeness(g, one_thread));
  ClosenessOptions three_threads;
  three_threads.threads = 3;
  EXPECT_EQ(Values(Closeness(g, three_threads)), all);
  ClosenessOptions options;
  options.nodes = {149, 3, 77, 3};
  const std::vector<double> some = Values(Closeness(g, options));
  for (LocalId v = 0; v < g.node_count(); ++v) {
    const bool listed = v == 3 || v == 77 || v == 149;
    EXPECT_DOUBLE_EQ(some[v], listed ? all[v] : 0.0) << v;
  }
  options.nodes = {150};
  EXPECT_EQ(Closeness(g, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(PageRank, Star) {
  // Centre x, leaves y: y = 0.15/5 + 0.85 x/4 and x + 4y = 1 give x = 0.132/0.2775.
  const double x = 0.132 / 0.2775, y = (1 - x) / 4;
  ExpectNear(Values(PageRank(Star())), {x, y, y, y, y}, 1e-9);
}

TEST(PageRank, TwoTriangles) {
  // Corners a, bridge ends b: a = 0.15/6 + 0.85 (a/2 + b/3), 4a + 2b = 1, so a = 20/137 and
  // b = 57/274 (igraph: 0.145985..., 0.208029...).
  const double a = 20.0 / 137, b = 57.0 / 274;
  ExpectNear(Values(PageRank(TwoTriangles())), {a, a, b, b, a, a}, 1e-9);
}

TEST(PageRank, IsolatedNodeSpreadsItsRankLikeIgraph) {
  // Path 0-1-2, link 3-4, node 5 alone; expected values from igraph 0.10 pagerank().
  const UndirectedGraph g = Graph(6, {{0, 1}, {1, 2}, {3, 4}});
  ExpectNear(Values(PageRank(g)),
             {0.14956704277092628, 0.2833901863028077, 0.14956704277092628, 0.19417475728155342,
              0.19417475728155342, 0.029126213592233018},
             1e-9);
}

// The PageRank equation's residual: how far `rank` is from being its own update.
double Residual(const UndirectedGraph& g, const std::vector<double>& rank, bool weighted) {
  const std::size_t n = g.node_count();
  const std::vector<double> out = Degree(g, weighted);
  double dangling = 0;
  for (std::size_t v = 0; v < n; ++v) dangling += out[v] == 0 ? rank[v] : 0;
  double residual = 0;
  for (LocalId v = 0; v < n; ++v) {
    double in = 0;
    for (std::size_t i = 0; i < g.neighbors(v).size(); ++i) {
      const LocalId u = g.neighbors(v)[i];
      in += (weighted ? g.strengths(v)[i] : 1.0) * rank[u] / out[u];
    }
    residual += std::abs(0.15 / n + 0.85 * (dangling / n + in) - rank[v]);
  }
  return residual;
}

TEST(PageRank, SumsToOneIsPositiveAndSolvesItsEquationOnRandomGraphs) {
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    // Sparse enough to leave isolated nodes; some links repeated to give strengths.
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<LocalId> node(0, 99);
    Edges edges;
    for (int i = 0; i < 120; ++i) edges.push_back({node(random), node(random)});
    const UndirectedGraph g = Graph(100, edges);
    for (bool weighted : {false, true}) {
      PageRankOptions options;
      options.weighted = weighted;
      options.threads = seed % 3;
      const std::vector<double> rank = Values(PageRank(g, options));
      double sum = 0;
      for (double r : rank) {
        EXPECT_GT(r, 0.0);
        sum += r;
      }
      EXPECT_NEAR(sum, 1.0, 1e-12);
      EXPECT_LT(Residual(g, rank, weighted), 1e-9) << "seed " << seed << " weighted " << weighted;
    }
  }
}

// A sparse random graph big enough for the iterations to be split over threads.
UndirectedGraph LargeRandomGraph() {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<LocalId> node(0, 19999);
  Edges edges;
  for (int i = 0; i < 60000; ++i) edges.push_back({node(random), node(random)});
  return Graph(20000, edges);
}

TEST(PageRank, ThreadsDoNotChangeTheResult) {
  const UndirectedGraph g = LargeRandomGraph();
  PageRankOptions one, four;
  one.threads = 1;
  four.threads = 4;
  const std::vector<double> rank = Values(PageRank(g, one));
  ExpectNear(Values(PageRank(g, four)), rank, 1e-15);
  EXPECT_LT(Residual(g, rank, false), 1e-9);
}

TEST(PageRank, RejectsBadOptions) {
  PageRankOptions options;
  options.damping = 1.0;
  EXPECT_EQ(PageRank(Star(), options).status().code(), StatusCode::kInvalidArgument);
  options.damping = 0.85;
  options.tolerance = 0;
  EXPECT_EQ(PageRank(Star(), options).status().code(), StatusCode::kInvalidArgument);
}

TEST(Eigenvector, GoldenGraphs) {
  // Star K(1,4): eigenvalue 2, a leaf holds half the centre's value.
  ExpectNear(Values(Eigenvector(Star())), {1, 0.5, 0.5, 0.5, 0.5}, 1e-8);
  // Two triangles: lambda a = a + b, lambda b = 2a + b give lambda = 1 + sqrt(2), b = sqrt(2) a.
  const double a = 1 / std::sqrt(2.0);
  ExpectNear(Values(Eigenvector(TwoTriangles())), {a, a, 1, 1, a, a}, 1e-8);
}

TEST(Eigenvector, RegularGraphsScoreOneEverywhereEvenWhenBipartite) {
  // An even cycle is 2-regular and bipartite (plain power iteration would oscillate there);
  // the 3-cube is 3-regular and bipartite; K4 is 3-regular and not.
  Edges cycle;
  for (LocalId v = 0; v < 10; ++v) cycle.push_back({v, (v + 1) % 10});
  Edges cube;
  for (LocalId v = 0; v < 8; ++v) {
    for (LocalId bit : {1u, 2u, 4u}) {
      if ((v & bit) == 0) cube.push_back({v, v | bit});
    }
  }
  const Edges k4 = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
  ExpectNear(Values(Eigenvector(Graph(10, cycle))), std::vector<double>(10, 1.0), 1e-9);
  ExpectNear(Values(Eigenvector(Graph(8, cube))), std::vector<double>(8, 1.0), 1e-9);
  ExpectNear(Values(Eigenvector(Graph(4, k4))), std::vector<double>(4, 1.0), 1e-9);
}

TEST(Eigenvector, BipartitePathConverges) {
  // Path 0-1-2-3 (bipartite): eigenvalue golden ratio phi, values 1/phi, 1, 1, 1/phi.
  const double phi = (1 + std::sqrt(5.0)) / 2;
  ExpectNear(Values(Eigenvector(PathOf(4))), {1 / phi, 1, 1, 1 / phi}, 1e-8);
}

TEST(Eigenvector, WeakerComponentsDecayToZeroAsInIgraph) {
  // Path 0-1-2 (eigenvalue sqrt 2) and link 3-4 (eigenvalue 1); igraph gives 0.7071, 1, 0.7071,
  // 0, 0. Node 5 is isolated.
  const UndirectedGraph g = Graph(6, {{0, 1}, {1, 2}, {3, 4}});
  ExpectNear(Values(Eigenvector(g)), {1 / std::sqrt(2.0), 1, 1 / std::sqrt(2.0), 0, 0, 0}, 1e-6);
}

TEST(Eigenvector, ThreadsDoNotChangeTheResult) {
  const UndirectedGraph g = LargeRandomGraph();
  EigenvectorOptions one, four;
  one.threads = 1;
  four.threads = 4;
  ExpectNear(Values(Eigenvector(g, four)), Values(Eigenvector(g, one)), 1e-12);
}

TEST(Eigenvector, NoLinksScoresOneEverywhere) {
  ExpectNear(Values(Eigenvector(Graph(3, {}))), {1, 1, 1}, 0);
}

TEST(TopK, LargestFirstTiesByIndex) {
  const std::vector<double> values = {0.5, 2, 0.5, 3, 2, 0.1};
  using Pairs = std::vector<std::pair<LocalId, double>>;
  EXPECT_EQ(TopK(values, 4), (Pairs{{3, 3}, {1, 2}, {4, 2}, {0, 0.5}}));
  EXPECT_EQ(TopK(values, 100).size(), 6u);
  EXPECT_TRUE(TopK(values, 0).empty());
}

TEST(Centrality, RunsOnASnapshotViewWithALinkTypeFilteredOut) {
  // Phones 1-2-3 call in a line; person record 4 uses phones 1 and 3, closing a 4-cycle.
  std::vector<NodeEntry> nodes = {{1, NodeType::kPhone},
                                  {2, NodeType::kPhone},
                                  {3, NodeType::kPhone},
                                  {4, NodeType::kPersonRecord}};
  const CsrGraph snapshot = CsrGraph::Build(nodes, {{10, EdgeType::kCalled, 1, 2},
                                                    {11, EdgeType::kCalled, 2, 3},
                                                    {12, EdgeType::kUses, 4, 1},
                                                    {13, EdgeType::kUses, 4, 3}});
  // All links: a 4-cycle, each node between its two neighbours half the time.
  const UndirectedGraph all = UndirectedGraph::FromSnapshot(snapshot, LinkFilter{});
  ExpectNear(Values(Betweenness(all)), {0.5, 0.5, 0.5, 0.5}, 1e-12);
  // Calls only: the path 1-2-3 with the record left alone.
  const UndirectedGraph calls =
      UndirectedGraph::FromSnapshot(snapshot, LinkFilter::OnlyEdges({EdgeType::kCalled}));
  ASSERT_EQ(calls.node_count(), 4u);
  const std::vector<double> betweenness = Values(Betweenness(calls));
  const LocalId middle = *calls.local_id(*snapshot.Find(2));
  const LocalId record = *calls.local_id(*snapshot.Find(4));
  for (LocalId v = 0; v < 4; ++v) EXPECT_EQ(betweenness[v], v == middle ? 1.0 : 0.0) << v;
  EXPECT_EQ(Degree(calls)[record], 0.0);
  EXPECT_EQ(Values(Closeness(calls))[record], 0.0);
}

}  // namespace
}  // namespace sutra::algorithms
