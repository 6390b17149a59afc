// Tests of ConnectedComponents, Modularity and DetectCommunities.
#include "algorithms/communities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <cmath>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "algorithms/components.h"

namespace sutra::algorithms {
namespace {

using Edges = std::vector<std::pair<LocalId, LocalId>>;

// n nodes, `links` links between random distinct nodes (repeats allowed: they add strength).
Edges RandomEdges(std::size_t n, std::size_t links, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<LocalId> node(0, static_cast<LocalId>(n - 1));
  Edges edges;
  while (edges.size() < links) {
    const LocalId a = node(rng), b = node(rng);
    if (a != b) edges.emplace_back(a, b);
  }
  return edges;
}

// `groups` groups of `group_size` nodes (group of v = v / group_size); each pair is linked with
// probability p_in inside a group and p_out across groups.
Edges PlantedPartition(int groups, int group_size, double p_in, double p_out, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coin(0, 1);
  const auto n = static_cast<LocalId>(groups * group_size);
  Edges edges;
  for (LocalId a = 0; a < n; ++a) {
    for (LocalId b = a + 1; b < n; ++b) {
      const bool same = a / group_size == b / group_size;
      if (coin(rng) < (same ? p_in : p_out)) edges.emplace_back(a, b);
    }
  }
  return edges;
}

UndirectedGraph Graph(std::size_t n, const Edges& edges) {
  return UndirectedGraph::FromEdges(n, edges);
}

// Labels numbered 0.. by first appearance, `sizes` matching the label counts.
void ExpectCanonicalPartition(const std::vector<std::uint32_t>& label,
                              const std::vector<std::uint64_t>& sizes) {
  std::vector<std::uint64_t> counted(sizes.size(), 0);
  std::uint32_t next = 0;
  for (std::uint32_t l : label) {
    ASSERT_LT(l, sizes.size());
    if (counted[l]++ == 0) {
      EXPECT_EQ(l, next++) << "labels must be numbered by first node";
    }
  }
  EXPECT_EQ(counted, sizes);
  for (std::uint64_t s : sizes) EXPECT_GT(s, 0u);
}

// Whether the nodes with label l induce a connected subgraph, for every l.
bool EveryLabelConnected(const UndirectedGraph& g, const std::vector<std::uint32_t>& label,
                         std::size_t label_count) {
  std::vector<char> seen(g.node_count(), 0);
  std::vector<char> label_started(label_count, 0);
  for (LocalId start = 0; start < g.node_count(); ++start) {
    if (seen[start]) continue;
    if (label_started[label[start]]) return false;  // a second piece of the same label
    label_started[label[start]] = 1;
    std::vector<LocalId> stack{start};
    seen[start] = 1;
    while (!stack.empty()) {
      const LocalId v = stack.back();
      stack.pop_back();
      for (LocalId w : g.neighbors(v)) {
        if (seen[w] || label[w] != label[v]) continue;
        seen[w] = 1;
        stack.push_back(w);
      }
    }
  }
  return true;
}

TEST(ConnectedComponents, HandMadeGraphWithIsolatedNodes) {
  // 0-1-2 a path, 3 alone, 4-5 a pair, 6 alone, 7-8-9 a triangle.
  UndirectedGraph g = Graph(10, {{1, 0}, {1, 2}, {5, 4}, {7, 8}, {8, 9}, {9, 7}});
  Components c = ConnectedComponents(g);
  EXPECT_EQ(c.component, (std::vector<std::uint32_t>{0, 0, 0, 1, 2, 2, 3, 4, 4, 4}));
  EXPECT_EQ(c.sizes, (std::vector<std::uint64_t>{3, 1, 2, 1, 3}));
  EXPECT_EQ(c.count(), 5u);
}

TEST(ConnectedComponents, EmptyGraph) {
  Components c = ConnectedComponents(Graph(0, {}));
  EXPECT_TRUE(c.component.empty());
  EXPECT_EQ(c.count(), 0u);
}

TEST(ConnectedComponents, RandomGraphsMatchBoostAndPartitionTheNodes) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const std::size_t n = 50 + seed * 17;
    const Edges edges = RandomEdges(n, n * 6 / 10, seed);
    UndirectedGraph g = Graph(n, edges);
    Components c = ConnectedComponents(g);
    ASSERT_EQ(c.component.size(), n);
    ExpectCanonicalPartition(c.component, c.sizes);
    for (auto [a, b] : edges) EXPECT_EQ(c.component[a], c.component[b]) << "link crosses";
    EXPECT_TRUE(EveryLabelConnected(g, c.component, c.count()));

    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> reference(n);
    for (auto [a, b] : edges) boost::add_edge(a, b, reference);
    std::vector<int> reference_component(n);
    EXPECT_EQ(c.count(), static_cast<std::size_t>(
                             boost::connected_components(reference, reference_component.data())));
  }
}

TEST(Modularity, HandComputedOnAWeightedPath) {
  // Path 0=1-2, the link 0-1 given twice (strength 2). Partition {0,1} {2}.
  UndirectedGraph g = Graph(3, {{0, 1}, {1, 0}, {1, 2}});
  const std::vector<std::uint32_t> partition{7, 7, 3};
  // Unweighted: m = 2, degrees 1,2,1. Q = 2/4 - (3/4)^2 - (1/4)^2 = -0.125.
  EXPECT_NEAR(Modularity(g, partition, false), -0.125, 1e-12);
  // Resolution 0.5: 2/4 - 0.5 * (9/16 + 1/16) = 0.1875.
  EXPECT_NEAR(Modularity(g, partition, false, 0.5), 0.1875, 1e-12);
  // Weighted: m = 3, degrees 2,3,1. Q = 4/6 - (5/6)^2 - (1/6)^2 = -1/18.
  EXPECT_NEAR(Modularity(g, partition, true), -1.0 / 18, 1e-12);
}

TEST(Modularity, BadInputIsNaNAndNoLinksIsZero) {
  UndirectedGraph g = Graph(3, {{0, 1}});
  EXPECT_TRUE(std::isnan(Modularity(g, std::vector<std::uint32_t>{0, 0}, false)));
  EXPECT_TRUE(std::isnan(Modularity(g, std::vector<std::uint32_t>{0, 0, 1}, false, NAN)));
  EXPECT_EQ(Modularity(Graph(3, {}), std::vector<std::uint32_t>{0, 1, 2}, false), 0.0);
}

// Two 5-cliques {0..4} and {5..9} joined by the link 4-5: m = 21, each half has 10 inner links
// and degree sum 4*5 + 1 = 21, so Q = 2 * (10/21 - (21/42)^2) = 20/21 - 1/2 = 0.452380952...
Edges TwoCliques() {
  Edges edges;
  for (LocalId base : {0u, 5u}) {
    for (LocalId a = 0; a < 5; ++a) {
      for (LocalId b = a + 1; b < 5; ++b) edges.emplace_back(base + a, base + b);
    }
  }
  edges.emplace_back(4, 5);
  return edges;
}

TEST(DetectCommunities, TwoCliquesJoinedByOneLink) {
  UndirectedGraph g = Graph(10, TwoCliques());
  for (bool refine : {false, true}) {
    CommunityOptions options;
    options.refine = refine;
    StatusOr<Communities> found = DetectCommunities(g, options);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->community, (std::vector<std::uint32_t>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
    EXPECT_EQ(found->sizes, (std::vector<std::uint64_t>{5, 5}));
    EXPECT_NEAR(found->modularity, 20.0 / 21 - 0.5, 1e-12);
    EXPECT_GE(found->levels, 1);
  }
}

TEST(DetectCommunities, WeightsDecideASquare) {
  // Square 0-1-2-3-0 whose links 1-2 and 3-0 are given ten times: weighted, those pairs group.
  Edges edges{{0, 1}, {2, 3}};
  for (int i = 0; i < 10; ++i) edges.insert(edges.end(), {{1, 2}, {3, 0}});
  CommunityOptions options;
  options.weighted = true;
  StatusOr<Communities> found = DetectCommunities(Graph(4, edges), options);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->community, (std::vector<std::uint32_t>{0, 1, 1, 0}));
}

TEST(DetectCommunities, NoLinksLeavesEveryNodeAlone) {
  StatusOr<Communities> found = DetectCommunities(Graph(4, {}), {});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->community, (std::vector<std::uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(found->modularity, 0.0);
}

TEST(DetectCommunities, RejectsBadOptions) {
  UndirectedGraph g = Graph(10, TwoCliques());
  CommunityOptions options;
  options.resolution = -1;
  EXPECT_EQ(DetectCommunities(g, options).status().code(), StatusCode::kInvalidArgument);
  options.resolution = NAN;
  EXPECT_EQ(DetectCommunities(g, options).status().code(), StatusCode::kInvalidArgument);
  options = {};
  options.max_levels = -2;
  EXPECT_EQ(DetectCommunities(g, options).status().code(), StatusCode::kInvalidArgument);
  options = {};
  options.iterations = 0;
  EXPECT_EQ(DetectCommunities(g, options).status().code(), StatusCode::kInvalidArgument);
}

TEST(DetectCommunities, RandomGraphsArePartitionedIntoConnectedCommunities) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const std::size_t n = 100 + seed * 40;
    UndirectedGraph g = Graph(n, RandomEdges(n, n * 2, seed));
    for (bool refine : {false, true}) {
      for (bool weighted : {false, true}) {
        CommunityOptions options;
        options.refine = refine;
        options.weighted = weighted;
        options.seed = seed;
        StatusOr<Communities> found = DetectCommunities(g, options);
        ASSERT_TRUE(found.ok());
        ASSERT_EQ(found->community.size(), n);
        ExpectCanonicalPartition(found->community, found->sizes);
        EXPECT_TRUE(EveryLabelConnected(g, found->community, found->count()));
        EXPECT_NEAR(found->modularity, Modularity(g, found->community, weighted), 1e-12);
        // A sparse random graph has clear modular structure at this size (Q well above 0.3).
        EXPECT_GT(found->modularity, 0.3);
        StatusOr<Communities> again = DetectCommunities(g, options);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again->community, found->community) << "same seed, same answer";
      }
    }
  }
}

TEST(DetectCommunities, ResolutionZeroGivesTheComponents) {
  // With gamma 0 any link inside a community is pure gain, so each component becomes one.
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    UndirectedGraph g = Graph(300, RandomEdges(300, 200, seed));
    CommunityOptions options;
    options.resolution = 0;
    StatusOr<Communities> found = DetectCommunities(g, options);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->community, ConnectedComponents(g).component);
  }
}

TEST(DetectCommunities, RecoversAPlantedPartition) {
  constexpr int kGroups = 8, kGroupSize = 50;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    UndirectedGraph g =
        Graph(kGroups * kGroupSize, PlantedPartition(kGroups, kGroupSize, 0.3, 0.01, seed));
    std::vector<std::uint32_t> planted(g.node_count());
    for (LocalId v = 0; v < g.node_count(); ++v) planted[v] = v / kGroupSize;
    const double planted_q = Modularity(g, planted, false);
    for (bool refine : {false, true}) {
      CommunityOptions options;
      options.refine = refine;
      options.seed = seed;
      StatusOr<Communities> found = DetectCommunities(g, options);
      ASSERT_TRUE(found.ok());
      EXPECT_EQ(found->count(), static_cast<std::size_t>(kGroups));
      // Nodes whose community is the one most of their planted group landed in.
      std::size_t agree = 0;
      for (int group = 0; group < kGroups; ++group) {
        std::map<std::uint32_t, std::size_t> votes;
        for (int i = 0; i < kGroupSize; ++i) ++votes[found->community[group * kGroupSize + i]];
        std::size_t most = 0;
        for (auto [label, count] : votes) most = std::max(most, count);
        agree += most;
      }
      EXPECT_GE(agree, g.node_count() * 99 / 100);
      EXPECT_GE(found->modularity, planted_q - 0.005);
    }
  }
}

TEST(DetectCommunities, HigherResolutionGivesMoreCommunities) {
  UndirectedGraph g = Graph(2000, RandomEdges(2000, 6000, 42));
  std::size_t previous = 0;
  for (double resolution : {0.25, 1.0, 4.0}) {
    CommunityOptions options;
    options.resolution = resolution;
    StatusOr<Communities> found = DetectCommunities(g, options);
    ASSERT_TRUE(found.ok());
    EXPECT_GT(found->count(), previous) << "resolution " << resolution;
    previous = found->count();
  }
}

TEST(DetectCommunities, MaxLevelsStopsEarly) {
  UndirectedGraph g = Graph(3000, RandomEdges(3000, 9000, 7));
  CommunityOptions options;
  options.iterations = 1;
  options.max_levels = 1;
  StatusOr<Communities> one = DetectCommunities(g, options);
  options.max_levels = 0;
  StatusOr<Communities> all = DetectCommunities(g, options);
  ASSERT_TRUE(one.ok() && all.ok());
  EXPECT_EQ(one->levels, 1);
  EXPECT_GT(all->levels, 1);
  EXPECT_GT(one->count(), all->count());
  EXPECT_GT(all->modularity, one->modularity);
}

TEST(DetectCommunities, ThreadsDoNotChangeTheAnswer) {
  // Big enough (400,000 link ends) for the aggregation to be split across two threads.
  UndirectedGraph g = Graph(40000, RandomEdges(40000, 200000, 11));
  CommunityOptions options;
  options.refine = true;
  StatusOr<Communities> one = DetectCommunities(g, options);
  options.threads = 2;
  StatusOr<Communities> two = DetectCommunities(g, options);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(one->community, two->community);
  EXPECT_EQ(one->modularity, two->modularity);
}

TEST(DetectCommunities, MorePassesNeverLowerModularity) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    UndirectedGraph g = Graph(400, PlantedPartition(20, 20, 0.3, 0.02, seed));
    for (bool refine : {false, true}) {
      double previous = -1;
      for (int iterations : {1, 2, 4}) {
        CommunityOptions options;
        options.refine = refine;
        options.seed = seed;
        options.iterations = iterations;
        StatusOr<Communities> found = DetectCommunities(g, options);
        ASSERT_TRUE(found.ok());
        // The same seed replays the same first passes, so each run extends the one before.
        EXPECT_GE(found->modularity, previous - 1e-12) << iterations << " passes";
        previous = found->modularity;
      }
    }
  }
}

}  // namespace
}  // namespace sutra::algorithms
