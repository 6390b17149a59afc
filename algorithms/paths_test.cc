#include "algorithms/paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace sutra::algorithms {
namespace {

using storage::EdgeType;
using storage::kAllEdgeTypes;
using storage::kAllNodeTypes;
using storage::NodeType;

constexpr std::int32_t kRobberyDay = 18000;
constexpr std::int32_t kOtherCaseDay = 18500;

// The investigator's graph, ids = dense ids + 1 (dense ids follow id order):
//   A (phone, 1) -- R2 (record, 2) -- C3 (robbery, 3)               2 links, one each
//   A ==3 calls== B (phone, 4) -- R6 (6) ==accused+arrested== C3    3 links, strength 3,1,2
//   A -- D (phone, 5) -- R10 (10) -- C3                             3 links, one each
//   A -- R8 (8) -- C9 (case, 9) -- S7 (station, 7) -- C3            4 links, one each
// The simple paths from A to C3 are exactly these four.
std::vector<NodeEntry> GoldenNodes() {
  return {{1, NodeType::kPhone},
          {2, NodeType::kPersonRecord},
          {3, NodeType::kCase, 0, kRobberyDay},
          {4, NodeType::kPhone},
          {5, NodeType::kPhone},
          {6, NodeType::kPersonRecord},
          {7, NodeType::kStation},
          {8, NodeType::kPersonRecord},
          {9, NodeType::kCase, 0, kOtherCaseDay},
          {10, NodeType::kPersonRecord}};
}
std::vector<EdgeEntry> GoldenEdges() {
  return {{20, EdgeType::kUses, 2, 1},        {21, EdgeType::kWitnessIn, 2, 3},
          {30, EdgeType::kCalled, 1, 4},      {31, EdgeType::kCalled, 1, 4},
          {32, EdgeType::kCalled, 4, 1},      {33, EdgeType::kUses, 6, 4},
          {34, EdgeType::kAccusedIn, 6, 3},   {35, EdgeType::kArrestedIn, 6, 3},
          {50, EdgeType::kCalled, 1, 5},      {51, EdgeType::kUses, 10, 5},
          {52, EdgeType::kVictimIn, 10, 3},   {40, EdgeType::kUses, 8, 1},
          {41, EdgeType::kAccusedIn, 8, 9},   {60, EdgeType::kRegisteredAt, 3, 7},
          {61, EdgeType::kRegisteredAt, 9, 7}};
}
CsrGraph Golden() { return CsrGraph::Build(GoldenNodes(), GoldenEdges()); }

DenseId D(const CsrGraph& g, storage::NodeId id) { return *g.Find(id); }
std::vector<DenseId> Ds(const CsrGraph& g, std::vector<storage::NodeId> ids) {
  std::vector<DenseId> out;
  for (auto id : ids) out.push_back(D(g, id));
  return out;
}

PathSearch Answer(StatusOr<PathSearch> r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : PathSearch{};
}

const std::vector<storage::NodeId> kViaWitness{1, 2, 3};
const std::vector<storage::NodeId> kViaCalls{1, 4, 6, 3};
const std::vector<storage::NodeId> kViaVictim{1, 5, 10, 3};
const std::vector<storage::NodeId> kViaStation{1, 8, 9, 7, 3};

TEST(ShortestPath, FewestLinksNamesTheLinks) {
  CsrGraph g = Golden();
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 3), {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaWitness));
  EXPECT_EQ(r.paths[0].edges, (std::vector<storage::EdgeId>{20, 21}));
  EXPECT_EQ(r.paths[0].cost, 2);
  EXPECT_FALSE(r.capped);
  EXPECT_GT(r.visited, 0u);
}

TEST(ShortestPath, StrongerTiesBeatFewerLinks) {
  CsrGraph g = Golden();
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 3), {.cost = PathCost::kLinkStrength}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaCalls));
  // Each step names the smallest of its links: call 30 of 30-32, accused 34 before arrested 35.
  EXPECT_EQ(r.paths[0].edges, (std::vector<storage::EdgeId>{30, 33, 34}));
  EXPECT_NEAR(r.paths[0].cost, 1.0 / 3 + 1 + 1.0 / 2, 1e-12);
}

TEST(ShortestPath, SameNodeAndNoPathAndBadIds) {
  CsrGraph g = Golden();
  PathSearch r = Answer(ShortestPath(g, D(g, 4), D(g, 4), {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, {4}));
  EXPECT_TRUE(r.paths[0].edges.empty());

  r = Answer(ShortestPath(g, D(g, 1), D(g, 3), {.max_length = 1}));
  EXPECT_TRUE(r.paths.empty());
  EXPECT_FALSE(r.capped);
  r = Answer(ShortestPath(g, D(g, 1), D(g, 3), {.max_length = 2}));
  EXPECT_EQ(r.paths.size(), 1u);

  auto bad = ShortestPath(g, 0, 10, {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KShortestPaths(g, 0, 1, 0, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AllSimplePaths(g, 99, 1, 3, {}).status().code(), StatusCode::kInvalidArgument);
}

TEST(ShortestPath, ExcludedLinkTypesReroute) {
  CsrGraph g = Golden();
  PathOptions no_witness;
  no_witness.filter.edge_types &= ~Bit(EdgeType::kWitnessIn);
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 3), no_witness));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes.size(), 4u);  // via the calls or via the victim: 3 links either way
  EXPECT_TRUE(r.paths[0].nodes == Ds(g, kViaCalls) || r.paths[0].nodes == Ds(g, kViaVictim));

  PathOptions no_calls = no_witness;
  no_calls.filter.edge_types &= ~Bit(EdgeType::kCalled);
  r = Answer(ShortestPath(g, D(g, 1), D(g, 3), no_calls));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaStation));
  EXPECT_EQ(r.paths[0].edges, (std::vector<storage::EdgeId>{40, 41, 61, 60}));
}

TEST(ShortestPath, ExoneratedRecordIsLeftOutOnRequest) {
  std::vector<NodeEntry> nodes = GoldenNodes();
  nodes[1].flags = kAcquitted;  // R2
  CsrGraph g = CsrGraph::Build(nodes, GoldenEdges());
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 3), {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaWitness));

  PathOptions options;
  options.filter.exclude_exonerated = true;
  r = Answer(ShortestPath(g, D(g, 1), D(g, 3), options));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes.size(), 4u);
  EXPECT_EQ(std::count(r.paths[0].nodes.begin(), r.paths[0].nodes.end(), D(g, 2)), 0);
}

TEST(ShortestPath, TimeWindowPicksTheCaseOfThatDay) {
  // From phone A to the station: through the robbery (day 18000) or the other case (18500).
  CsrGraph g = Golden();
  PathOptions late;
  late.filter.from_day = 18400;
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 7), late));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, {1, 8, 9, 7}));

  PathOptions early;
  early.filter.to_day = 18100;
  r = Answer(ShortestPath(g, D(g, 1), D(g, 7), early));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, {1, 2, 3, 7}));

  early.filter.from_day = 17000;
  early.filter.to_day = 17100;  // no case that day: only the undated calls remain
  r = Answer(ShortestPath(g, D(g, 1), D(g, 7), early));
  EXPECT_TRUE(r.paths.empty());
  r = Answer(ShortestPath(g, D(g, 1), D(g, 4), early));
  EXPECT_EQ(r.paths.size(), 1u);
}

// Two cases registered at one busy station, and linked otherwise only through a resolved
// person: C1 <- R1 -> P <- R2 -> C2.
CsrGraph StationHub() {
  std::vector<NodeEntry> nodes{{1, NodeType::kCase},         {2, NodeType::kCase},
                               {3, NodeType::kStation},      {4, NodeType::kPersonRecord},
                               {5, NodeType::kPersonRecord}, {6, NodeType::kPerson}};
  std::vector<EdgeEntry> edges{
      {10, EdgeType::kRegisteredAt, 1, 3}, {11, EdgeType::kRegisteredAt, 2, 3},
      {12, EdgeType::kAccusedIn, 4, 1},    {13, EdgeType::kAccusedIn, 5, 2},
      {14, EdgeType::kSameAs, 4, 6},       {15, EdgeType::kSameAs, 5, 6}};
  for (storage::NodeId c = 7; c < 12; ++c) {
    nodes.push_back({c, NodeType::kCase});
    edges.push_back({c + 100, EdgeType::kRegisteredAt, c, 3});
  }
  return CsrGraph::Build(nodes, edges);
}

TEST(ShortestPath, HubsCanBeAvoided) {
  CsrGraph g = StationHub();
  PathSearch r = Answer(ShortestPath(g, D(g, 1), D(g, 2), {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, {1, 3, 2}));

  for (PathOptions options :
       {PathOptions{.max_degree_through = 3}, PathOptions{.avoid_through = Bit(NodeType::kStation)},
        PathOptions{.cost = PathCost::kLinkStrength, .max_degree_through = 3}}) {
    r = Answer(ShortestPath(g, D(g, 1), D(g, 2), options));
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(r.paths[0].nodes, Ds(g, {1, 4, 6, 5, 2}));
    // The hub may still be an end of the path (through either case: a tie).
    r = Answer(ShortestPath(g, D(g, 3), D(g, 6), options));
    ASSERT_EQ(r.paths.size(), 1u);
    EXPECT_EQ(r.paths[0].nodes.size(), 4u);
    EXPECT_EQ(r.paths[0].nodes.front(), D(g, 3));
  }
}

TEST(ShortestPath, VisitCapIsReported) {
  CsrGraph g = StationHub();
  PathSearch r = Answer(ShortestPath(g, D(g, 7), D(g, 6), {.max_visited = 4}));
  EXPECT_TRUE(r.paths.empty());
  EXPECT_TRUE(r.capped);
  EXPECT_EQ(r.visited, 4u);
  r = Answer(ShortestPath(g, D(g, 7), D(g, 6), {}));
  EXPECT_EQ(r.paths.size(), 1u);
  EXPECT_FALSE(r.capped);
}

TEST(ShortestPathBetweenSets, NearestPairWins) {
  CsrGraph g = Golden();
  // From {B, R8} to {C3, S7}: R8 -- C9 -- S7 and B -- R6 -- C3 both take 2 links; B -- A is 1
  // link from A, which is not a source.
  std::vector<DenseId> sources = Ds(g, {4, 8}), targets = Ds(g, {3, 7});
  PathSearch r = Answer(ShortestPathBetweenSets(g, sources, targets, {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes.size(), 3u);
  targets.push_back(D(g, 1));
  r = Answer(ShortestPathBetweenSets(g, sources, targets, {}));
  ASSERT_EQ(r.paths.size(), 1u);
  EXPECT_EQ(r.paths[0].nodes.size(), 2u);
  r = Answer(ShortestPathBetweenSets(g, {}, targets, {}));
  EXPECT_TRUE(r.paths.empty());
  std::vector<DenseId> bad{77};
  EXPECT_FALSE(ShortestPathBetweenSets(g, sources, bad, {}).ok());
}

TEST(KShortestPaths, GoldenByHopsAndByStrength) {
  CsrGraph g = Golden();
  PathSearch r = Answer(KShortestPaths(g, D(g, 1), D(g, 3), 3, {}));
  ASSERT_EQ(r.paths.size(), 3u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaWitness));
  EXPECT_EQ(r.paths[1].nodes, Ds(g, kViaCalls));  // ties in cost go by node sequence
  EXPECT_EQ(r.paths[2].nodes, Ds(g, kViaVictim));
  EXPECT_EQ(r.paths[2].cost, 3);

  r = Answer(KShortestPaths(g, D(g, 1), D(g, 3), 10, {.cost = PathCost::kLinkStrength}));
  ASSERT_EQ(r.paths.size(), 4u);  // all there are
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaCalls));
  EXPECT_EQ(r.paths[1].nodes, Ds(g, kViaWitness));
  EXPECT_EQ(r.paths[2].nodes, Ds(g, kViaVictim));
  EXPECT_EQ(r.paths[3].nodes, Ds(g, kViaStation));
  EXPECT_EQ(r.paths[3].cost, 4);

  r = Answer(KShortestPaths(g, D(g, 1), D(g, 3), 10, {.max_length = 3}));
  EXPECT_EQ(r.paths.size(), 3u);

  // A visit cap cuts the list short, but what it returns is still the cheapest, in order.
  PathSearch full =
      Answer(KShortestPaths(g, D(g, 1), D(g, 3), 10, {.cost = PathCost::kLinkStrength}));
  EXPECT_FALSE(full.capped);
  PathSearch cut = Answer(KShortestPaths(
      g, D(g, 1), D(g, 3), 10, {.cost = PathCost::kLinkStrength, .max_visited = full.visited / 2}));
  EXPECT_TRUE(cut.capped);
  EXPECT_LE(cut.visited, full.visited / 2);
  ASSERT_LT(cut.paths.size(), full.paths.size());
  for (std::size_t i = 0; i < cut.paths.size(); ++i) {
    EXPECT_EQ(cut.paths[i].nodes, full.paths[i].nodes);
  }
}

TEST(AllSimplePaths, GoldenAndCap) {
  CsrGraph g = Golden();
  PathSearch r = Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 4, {}));
  ASSERT_EQ(r.paths.size(), 4u);
  EXPECT_EQ(r.paths[0].nodes, Ds(g, kViaWitness));
  EXPECT_EQ(r.paths[3].nodes, Ds(g, kViaStation));
  EXPECT_FALSE(r.capped);
  EXPECT_EQ(Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 3, {})).paths.size(), 3u);
  EXPECT_EQ(Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 2, {})).paths.size(), 1u);
  r = Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 4, {.max_paths = 2}));
  EXPECT_EQ(r.paths.size(), 2u);
  EXPECT_TRUE(r.capped);
  // Phone B has 4 links and R6 has 3; every other inner node has 2.
  r = Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 4, {.max_degree_through = 3}));
  EXPECT_EQ(r.paths.size(), 3u);
  r = Answer(AllSimplePaths(g, D(g, 1), D(g, 3), 4, {.max_degree_through = 1}));
  EXPECT_EQ(r.paths.size(), 0u);
}

// ---- Property tests on random graphs --------------------------------------------------------

struct Random {
  CsrGraph graph;
  PathOptions options;
};

// Links as the data model allows them: (type, from-node type, to-node type).
struct LinkShape {
  EdgeType type;
  NodeType from, to;
};
constexpr LinkShape kLinkShapes[] = {
    {EdgeType::kAccusedIn, NodeType::kPersonRecord, NodeType::kCase},
    {EdgeType::kVictimIn, NodeType::kPersonRecord, NodeType::kCase},
    {EdgeType::kComplainantIn, NodeType::kPersonRecord, NodeType::kCase},
    {EdgeType::kWitnessIn, NodeType::kPersonRecord, NodeType::kCase},
    {EdgeType::kArrestedIn, NodeType::kPersonRecord, NodeType::kCase},
    {EdgeType::kSameAs, NodeType::kPersonRecord, NodeType::kPerson},
    {EdgeType::kUses, NodeType::kPersonRecord, NodeType::kPhone},
    {EdgeType::kUses, NodeType::kPerson, NodeType::kPhone},
    {EdgeType::kOwns, NodeType::kPerson, NodeType::kVehicle},
    {EdgeType::kDrove, NodeType::kPersonRecord, NodeType::kVehicle},
    {EdgeType::kResidesAt, NodeType::kPersonRecord, NodeType::kLocation},
    {EdgeType::kOccurredAt, NodeType::kCase, NodeType::kLocation},
    {EdgeType::kRegisteredAt, NodeType::kCase, NodeType::kStation},
    {EdgeType::kSeizedIn, NodeType::kVehicle, NodeType::kCase},
    {EdgeType::kUsedIn, NodeType::kVehicle, NodeType::kCase},
    {EdgeType::kCalled, NodeType::kPhone, NodeType::kPhone},
    {EdgeType::kCalled, NodeType::kPhone, NodeType::kPhone},
};

// n nodes of mixed types (n >= 7), m links of the shapes above between random nodes (parallel
// links and a phone calling itself included), dated cases, some exonerated records; and, when
// `constrain`, a random filter, hub limits and length bound.
Random MakeRandom(std::uint32_t seed, std::size_t n, std::size_t m, bool constrain) {
  std::mt19937 rng(seed);
  std::vector<NodeEntry> nodes;
  std::map<NodeType, std::vector<storage::NodeId>> of_type;
  for (std::size_t v = 0; v < n; ++v) {
    NodeEntry e;
    e.id = 1000 + 3 * v;
    e.type = kAllNodeTypes[v < 7 ? v : rng() % 7];
    if (e.type == NodeType::kCase) e.day = static_cast<std::int32_t>(18000 + rng() % 100);
    if (e.type == NodeType::kCase && rng() % 8 == 0) e.flags = kAcquitted;
    if (e.type == NodeType::kPersonRecord && rng() % 10 == 0) e.flags = kWrongfulArrest;
    nodes.push_back(e);
    of_type[e.type].push_back(e.id);
  }
  std::vector<EdgeEntry> edges;
  for (std::size_t i = 0; i < m; ++i) {
    const LinkShape& shape = kLinkShapes[rng() % std::size(kLinkShapes)];
    const auto& from = of_type[shape.from];
    const auto& to = of_type[shape.to];
    edges.push_back({i + 1, shape.type, from[rng() % from.size()], to[rng() % to.size()]});
  }
  Random r{CsrGraph::Build(nodes, edges), {}};
  r.options.cost = rng() % 2 ? PathCost::kHops : PathCost::kLinkStrength;
  if (constrain) {
    r.options.filter.edge_types &= ~Bit(kAllEdgeTypes[rng() % 15]);
    r.options.filter.exclude_exonerated = rng() % 2;
    if (rng() % 2) r.options.filter.from_day = 18030;
    if (rng() % 3 == 0) r.options.max_degree_through = 2 + rng() % 4;
    if (rng() % 3 == 0) r.options.avoid_through = Bit(kAllNodeTypes[rng() % 7]);
    if (rng() % 3 == 0) r.options.max_length = 2 + rng() % 4;
  }
  return r;
}

bool Passable(const CsrGraph& g, const PathOptions& o, DenseId v) {
  return (o.avoid_through & Bit(g.node(v).type)) == 0 && g.arcs(v).size() <= o.max_degree_through;
}

// Links joining a and b that the filter allows.
std::uint32_t Links(const CsrGraph& g, const LinkFilter& f, DenseId a, DenseId b) {
  std::uint32_t links = 0;
  for (const CsrArc& arc : g.arcs(a)) links += arc.target == b && f.AllowsLink(g, a, arc);
  return links;
}

// The cheapest cost of a path of at most o.max_length links from `from` to each node, with
// only passable inner nodes: hop-layered relaxation (Bellman-Ford), the plain reference.
std::vector<double> ReferenceCosts(const CsrGraph& g, const PathOptions& o, DenseId from) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> cost(g.node_count(), inf);
  cost[from] = 0;
  const std::uint32_t layers = std::min<std::uint32_t>(o.max_length, g.node_count());
  for (std::uint32_t layer = 0; layer < layers; ++layer) {
    std::vector<double> next = cost;
    for (DenseId u = 0; u < g.node_count(); ++u) {
      if (cost[u] == inf || (u != from && !Passable(g, o, u))) continue;
      for (const CsrArc& arc : g.arcs(u)) {
        if (arc.target == u || !o.filter.AllowsLink(g, u, arc)) continue;
        const double step =
            o.cost == PathCost::kHops ? 1.0 : 1.0 / Links(g, o.filter, u, arc.target);
        next[arc.target] = std::min(next[arc.target], cost[u] + step);
      }
    }
    cost.swap(next);
  }
  return cost;
}

// A path from `from` to `to` along allowed links named by `edges`, simple, through passable
// inner nodes, within max_length, costing what it says.
void ExpectValidPath(const CsrGraph& g, const PathOptions& o, const Path& p, DenseId from,
                     DenseId to) {
  ASSERT_FALSE(p.nodes.empty());
  EXPECT_EQ(p.nodes.front(), from);
  EXPECT_EQ(p.nodes.back(), to);
  ASSERT_EQ(p.edges.size() + 1, p.nodes.size());
  EXPECT_LE(p.edges.size(), o.max_length);
  EXPECT_EQ(std::set<DenseId>(p.nodes.begin(), p.nodes.end()).size(), p.nodes.size());
  double cost = 0;
  for (std::size_t i = 0; i < p.edges.size(); ++i) {
    const DenseId a = p.nodes[i], b = p.nodes[i + 1];
    if (i > 0) {
      EXPECT_TRUE(Passable(g, o, a));
    }
    bool named = false;
    for (const CsrArc& arc : g.arcs(a)) {
      named |= arc.target == b && arc.edge() == p.edges[i] && o.filter.AllowsLink(g, a, arc);
    }
    EXPECT_TRUE(named) << "edge " << p.edges[i] << " does not join step " << i;
    cost += o.cost == PathCost::kHops ? 1.0 : 1.0 / Links(g, o.filter, a, b);
  }
  EXPECT_NEAR(p.cost, cost, 1e-9);
}

TEST(PathProperties, ShortestPathsAreRealAndNoneIsShorter) {
  int connected = 0;
  for (std::uint32_t seed = 1; seed <= 40; ++seed) {
    Random r = MakeRandom(seed, 60 + seed, 90 + 3 * seed, seed % 4 != 0);
    const CsrGraph& g = r.graph;
    std::mt19937 rng(seed * 7);
    for (int q = 0; q < 8; ++q) {
      const DenseId from = rng() % g.node_count(), to = rng() % g.node_count();
      const std::vector<double> reference = ReferenceCosts(g, r.options, from);
      PathSearch found = Answer(ShortestPath(g, from, to, r.options));
      if (std::isinf(reference[to])) {
        EXPECT_TRUE(found.paths.empty()) << "seed " << seed;
        continue;
      }
      ASSERT_EQ(found.paths.size(), 1u) << "seed " << seed << " " << from << "->" << to;
      ++connected;
      ExpectValidPath(g, r.options, found.paths[0], from, to);
      EXPECT_NEAR(found.paths[0].cost, reference[to], 1e-9) << "seed " << seed;
      // The same question as sets, and the other way round, costs the same.
      PathSearch as_sets = Answer(ShortestPathBetweenSets(g, {&from, 1}, {&to, 1}, r.options));
      ASSERT_EQ(as_sets.paths.size(), 1u);
      EXPECT_NEAR(as_sets.paths[0].cost, reference[to], 1e-9);
      PathSearch back = Answer(ShortestPath(g, to, from, r.options));
      ASSERT_EQ(back.paths.size(), 1u)
          << "seed " << seed << " " << to << "->" << from << " cost "
          << static_cast<int>(r.options.cost) << " max_length " << r.options.max_length;
      EXPECT_NEAR(back.paths[0].cost, reference[to], 1e-9);
    }
  }
  EXPECT_GE(connected, 100) << "too few connected pairs to test anything";
}

TEST(PathProperties, BetweenSetsMatchesTheBestPair) {
  for (std::uint32_t seed = 100; seed < 120; ++seed) {
    Random r = MakeRandom(seed, 80, 120, seed % 2 == 0);
    const CsrGraph& g = r.graph;
    std::mt19937 rng(seed);
    std::vector<DenseId> sources, targets;
    for (int i = 0; i < 3; ++i) sources.push_back(rng() % g.node_count());
    for (int i = 0; i < 4; ++i) targets.push_back(rng() % g.node_count());
    double best = std::numeric_limits<double>::infinity();
    for (DenseId s : sources) {
      const std::vector<double> cost = ReferenceCosts(g, r.options, s);
      for (DenseId t : targets) best = std::min(best, cost[t]);
    }
    PathSearch found = Answer(ShortestPathBetweenSets(g, sources, targets, r.options));
    if (std::isinf(best)) {
      EXPECT_TRUE(found.paths.empty());
      continue;
    }
    ASSERT_EQ(found.paths.size(), 1u) << "seed " << seed;
    const Path& p = found.paths[0];
    EXPECT_NE(std::find(sources.begin(), sources.end(), p.nodes.front()), sources.end());
    EXPECT_NE(std::find(targets.begin(), targets.end(), p.nodes.back()), targets.end());
    ExpectValidPath(g, r.options, p, p.nodes.front(), p.nodes.back());
    EXPECT_NEAR(p.cost, best, 1e-9) << "seed " << seed;
  }
}

// Every simple path from `from` to `to` of at most max_length links through passable inner
// nodes, as node sequences: plain depth-first search over each node's allowed links.
void BruteForce(const CsrGraph& g, const PathOptions& o, DenseId to, std::uint32_t max_length,
                std::vector<DenseId>& stack, std::set<std::vector<DenseId>>& out) {
  const DenseId u = stack.back();
  if (u == to) {
    out.insert(stack);
    return;
  }
  if (stack.size() > 1 && !Passable(g, o, u)) return;
  if (stack.size() > max_length) return;
  for (const CsrArc& arc : g.arcs(u)) {
    if (!o.filter.AllowsLink(g, u, arc)) continue;
    if (std::find(stack.begin(), stack.end(), arc.target) != stack.end()) continue;
    stack.push_back(arc.target);
    BruteForce(g, o, to, max_length, stack, out);
    stack.pop_back();
  }
}

TEST(PathProperties, AllSimplePathsMatchBruteForce) {
  std::size_t paths_seen = 0;
  for (std::uint32_t seed = 200; seed < 240; ++seed) {
    Random r = MakeRandom(seed, 12, 30 + seed % 15, seed % 2 == 0);
    const CsrGraph& g = r.graph;
    std::mt19937 rng(seed);
    const DenseId from = rng() % g.node_count(), to = rng() % g.node_count();
    const std::uint32_t max_length = 1 + rng() % 6;
    std::set<std::vector<DenseId>> expected;
    std::vector<DenseId> stack{from};
    PathOptions brute = r.options;
    brute.max_length = std::min(max_length, r.options.max_length);
    BruteForce(g, brute, to, brute.max_length, stack, expected);
    paths_seen += expected.size();
    PathSearch found = Answer(AllSimplePaths(g, from, to, max_length, r.options));
    EXPECT_FALSE(found.capped);
    std::set<std::vector<DenseId>> got;
    for (std::size_t i = 0; i < found.paths.size(); ++i) {
      ExpectValidPath(g, brute, found.paths[i], from, to);
      got.insert(found.paths[i].nodes);
      if (i > 0) {
        EXPECT_LE(found.paths[i - 1].cost, found.paths[i].cost + 1e-12);
      }
    }
    EXPECT_EQ(got.size(), found.paths.size()) << "duplicates, seed " << seed;
    EXPECT_EQ(got, expected) << "seed " << seed;
  }
  EXPECT_GE(paths_seen, 100u) << "too few paths to test anything";
}

TEST(PathProperties, YenFindsTheKCheapestSimplePaths) {
  int several = 0;
  for (std::uint32_t seed = 300; seed < 340; ++seed) {
    Random r = MakeRandom(seed, 11, 24 + seed % 8, seed % 3 == 0);
    const CsrGraph& g = r.graph;
    std::mt19937 rng(seed);
    const DenseId from = rng() % g.node_count(), to = rng() % g.node_count();
    const std::size_t k = 1 + rng() % 8;
    // Reference: every simple path, cheapest first.
    std::set<std::vector<DenseId>> all;
    std::vector<DenseId> stack{from};
    BruteForce(g, r.options, to, std::min<std::uint32_t>(r.options.max_length, 64), stack, all);
    std::vector<double> costs;
    for (const auto& nodes : all) {
      double c = 0;
      for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
        c += r.options.cost == PathCost::kHops
                 ? 1.0
                 : 1.0 / Links(g, r.options.filter, nodes[i], nodes[i + 1]);
      }
      costs.push_back(c);
    }
    std::sort(costs.begin(), costs.end());

    PathSearch found = Answer(KShortestPaths(g, from, to, k, r.options));
    ASSERT_EQ(found.paths.size(), std::min(k, costs.size())) << "seed " << seed;
    std::set<std::vector<DenseId>> distinct;
    for (std::size_t i = 0; i < found.paths.size(); ++i) {
      ExpectValidPath(g, r.options, found.paths[i], from, to);
      distinct.insert(found.paths[i].nodes);
      EXPECT_NEAR(found.paths[i].cost, costs[i], 1e-9) << "seed " << seed << " path " << i;
      if (i > 0) {
        EXPECT_LE(found.paths[i - 1].cost, found.paths[i].cost + 1e-12);
      }
    }
    EXPECT_EQ(distinct.size(), found.paths.size());
    several += found.paths.size() >= 3;
    if (!found.paths.empty()) {
      PathSearch shortest = Answer(ShortestPath(g, from, to, r.options));
      ASSERT_EQ(shortest.paths.size(), 1u);
      EXPECT_NEAR(shortest.paths[0].cost, found.paths[0].cost, 1e-9);
    }
  }
  EXPECT_GE(several, 10) << "too few pairs with several paths to test anything";
}

TEST(PathProperties, ConcurrentCallsAgree) {
  Random r = MakeRandom(7, 3000, 6000, false);
  const CsrGraph& g = r.graph;
  std::vector<std::pair<DenseId, DenseId>> queries;
  std::mt19937 rng(7);
  for (int q = 0; q < 200; ++q) queries.emplace_back(rng() % 3000, rng() % 3000);
  auto answer = [&](std::size_t q) {
    PathSearch s = Answer(ShortestPath(g, queries[q].first, queries[q].second, {}));
    return s.paths.empty() ? -1.0 : s.paths[0].cost;
  };
  std::vector<double> serial(queries.size()), parallel(queries.size());
  for (std::size_t q = 0; q < queries.size(); ++q) serial[q] = answer(q);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t q = t; q < queries.size(); q += 4) parallel[q] = answer(q);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(serial, parallel);
}

}  // namespace
}  // namespace sutra::algorithms
