#include "algorithms/k_hop.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <random>

namespace sutra::algorithms {
namespace {

using storage::EdgeType;
using storage::NodeType;

// A star: a hub phone (id 1) used by records 2..11, and record 2 accused in case 12.
CsrGraph Star() {
  std::vector<NodeEntry> nodes{{1, NodeType::kPhone}};
  std::vector<EdgeEntry> edges;
  for (storage::NodeId r = 2; r <= 11; ++r) {
    nodes.push_back({r, NodeType::kPersonRecord});
    edges.push_back({100 + r, EdgeType::kUses, r, 1});
  }
  nodes.push_back({12, NodeType::kCase});
  edges.push_back({200, EdgeType::kAccusedIn, 2, 12});
  return CsrGraph::Build(nodes, edges);
}

TEST(CsrGraph, EachEdgeAppearsFromBothEnds) {
  CsrGraph g = Star();
  EXPECT_EQ(g.node_count(), 12u);
  EXPECT_EQ(g.arc_count(), 22u);
  auto hub = g.Find(1);
  ASSERT_TRUE(hub);
  EXPECT_EQ(g.arcs(*hub).size(), 10u);
  EXPECT_EQ(g.arcs(*hub)[0].direction, storage::Direction::kIn);
  EXPECT_FALSE(g.Find(99));
}

TEST(CsrGraph, DanglingEdgesAreCountedNotFollowed) {
  CsrGraph g = CsrGraph::Build({{1, NodeType::kPhone}}, {{5, EdgeType::kCalled, 1, 77}});
  EXPECT_EQ(g.dangling_edges(), 1u);
  EXPECT_EQ(g.arc_count(), 0u);
}

TEST(KHop, TwoHopsFromARecordReachesItsCoUsersAndCase) {
  CsrGraph g = Star();
  KHopResult r = KHop(g, *g.Find(3), {.hops = 2, .filter = {}});
  EXPECT_EQ(r.nodes.size(), 11u);  // record 3, the hub, 9 other records; the case is hop 3
  EXPECT_EQ(r.left_out, 0u);
  r = KHop(g, *g.Find(3), {.hops = 3, .filter = {}});
  EXPECT_EQ(r.nodes.size(), 12u);
  EXPECT_EQ(r.depth.back(), 3);
}

TEST(KHop, HubCapReportsWhatWasLeftOut) {
  CsrGraph g = Star();
  KHopResult r = KHop(g, *g.Find(1), {.hops = 1, .per_node_limit = 4, .filter = {}});
  EXPECT_EQ(r.nodes.size(), 5u);
  EXPECT_EQ(r.left_out, 6u);
  r = KHop(g, *g.Find(1), {.hops = 2, .max_nodes = 3, .filter = {}});
  EXPECT_EQ(r.nodes.size(), 3u);
  // 8 records not taken from the hub, and record 2's link to its case found no room.
  EXPECT_EQ(r.left_out, 9u);
}

TEST(KHop, PerHopLimitsCapEachRingAndCountWhatWasLeftOut) {
  CsrGraph g = Star();
  KHopOptions options;
  options.hops = 2;
  options.per_hop_nodes = {3};  // three records at one link from the hub, none further capped
  KHopResult r = KHop(g, *g.Find(1), options);
  std::size_t at_one = 0;
  for (int d : r.depth) at_one += d == 1;
  EXPECT_EQ(at_one, 3u);
  EXPECT_EQ(r.left_out, 7u);        // the hub's 7 other records
  options.per_hop_nodes = {10, 0};  // every record, but nothing at two links
  r = KHop(g, *g.Find(1), options);
  EXPECT_EQ(r.nodes.size(), 11u);
  EXPECT_EQ(r.depth.back(), 1);
  EXPECT_GT(r.left_out, 0u);
}

// Property: with no caps, KHop's depths equal BFS distances computed by Boost.Graph.
TEST(KHop, DepthsMatchBoostBfsOnRandomGraphs) {
  std::mt19937 rng(5);
  for (int round = 0; round < 50; ++round) {
    const std::size_t n = 2 + rng() % 40;
    std::vector<NodeEntry> nodes;
    for (std::size_t i = 0; i < n; ++i) nodes.push_back({10 + i, NodeType::kPersonRecord});
    std::vector<EdgeEntry> edges;
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> reference(n);
    for (std::size_t e = 0, m = rng() % (2 * n); e < m; ++e) {
      std::size_t a = rng() % n, b = rng() % n;
      edges.push_back({e + 1, EdgeType::kCalled, 10 + a, 10 + b});
      boost::add_edge(a, b, reference);
    }
    CsrGraph g = CsrGraph::Build(nodes, edges);
    std::vector<int> distance(n, -1);
    distance[0] = 0;
    boost::breadth_first_search(
        reference, boost::vertex(0, reference),
        boost::visitor(boost::make_bfs_visitor(boost::record_distances(
            boost::make_iterator_property_map(distance.begin(),
                                              boost::get(boost::vertex_index, reference)),
            boost::on_tree_edge()))));
    KHopResult r = KHop(
        g, 0, {.hops = 1 << 20, .per_node_limit = SIZE_MAX, .max_nodes = SIZE_MAX, .filter = {}});
    std::vector<int> got(n, -1);
    for (std::size_t i = 0; i < r.nodes.size(); ++i) got[r.nodes[i]] = r.depth[i];
    EXPECT_EQ(got, distance) << "round " << round;  // -1: unreachable in both
    EXPECT_EQ(r.left_out, 0u);
    // Every link of the start's component is reported exactly once (self-loops and parallel
    // links included), and no other.
    std::vector<storage::EdgeId> expected;
    for (const EdgeEntry& e : edges) {
      if (distance[e.from - 10] >= 0) expected.push_back(e.id);
    }
    std::vector<storage::EdgeId> reported = r.edges;
    std::sort(reported.begin(), reported.end());
    EXPECT_EQ(reported, expected) << "round " << round;
  }
}

}  // namespace
}  // namespace sutra::algorithms
