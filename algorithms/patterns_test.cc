#include "algorithms/patterns.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <vector>

namespace sutra::algorithms {
namespace {

using storage::EdgeType;
using storage::NodeId;
using storage::NodeType;

// A crime graph written by hand: node ids 1, 2, 3... in the order added.
class CrimeGraph {
 public:
  NodeId Add(NodeType type, std::uint8_t flags = 0, std::int32_t day = kNoDay) {
    nodes_.push_back({next_node_, type, flags, day});
    return next_node_++;
  }
  void Link(EdgeType type, NodeId from, NodeId to) {
    edges_.push_back({next_edge_++, type, from, to});
  }
  CsrGraph Build() const { return CsrGraph::Build(nodes_, edges_); }
  const std::vector<EdgeEntry>& edges() const { return edges_; }

 private:
  std::vector<NodeEntry> nodes_;
  std::vector<EdgeEntry> edges_;
  NodeId next_node_ = 1;
  storage::EdgeId next_edge_ = 1;
};

DenseId Dense(const CsrGraph& g, NodeId id) { return *g.Find(id); }

LinkFilter AllLinks() { return LinkFilter{}; }

// ---- PersonOf and co-accused pairs ------------------------------------------------------------

// Persons A and B accused together in cases 1-3 and in an acquitted case 4, each FIR with records
// of its own resolved by SAME_AS; C shares only case 1 with them.
struct Gang {
  CrimeGraph graph;
  NodeId a, b, c;
  std::vector<NodeId> cases;
  std::vector<NodeId> a_records;

  explicit Gang(bool resolved) {
    a = graph.Add(NodeType::kPerson);
    b = graph.Add(NodeType::kPerson);
    c = graph.Add(NodeType::kPerson);
    for (int i = 0; i < 4; ++i) {
      const NodeId fir = graph.Add(NodeType::kCase, i == 3 ? kAcquitted : 0);
      cases.push_back(fir);
      for (NodeId person : {a, b}) {
        const NodeId record = graph.Add(NodeType::kPersonRecord);
        if (person == a) a_records.push_back(record);
        // B's record in case 2 is both accused and arrested: the case still counts once.
        graph.Link(i == 1 && person == b ? EdgeType::kArrestedIn : EdgeType::kAccusedIn, record,
                   fir);
        if (i == 1 && person == b) graph.Link(EdgeType::kAccusedIn, record, fir);
        if (resolved) graph.Link(EdgeType::kSameAs, record, person);
      }
    }
    const NodeId c_record = graph.Add(NodeType::kPersonRecord);
    graph.Link(EdgeType::kAccusedIn, c_record, cases[0]);
    if (resolved) graph.Link(EdgeType::kSameAs, c_record, c);
  }
};

TEST(PersonOf, ARecordIsItsResolvedPersonOrItself) {
  Gang resolved(true), raw(false);
  const CsrGraph g = resolved.graph.Build(), h = raw.graph.Build();
  const DenseId record = Dense(g, resolved.a_records[0]);
  EXPECT_EQ(PersonOf(g, record, PatternFilter()), Dense(g, resolved.a));
  EXPECT_EQ(PersonOf(g, Dense(g, resolved.a), PatternFilter()), Dense(g, resolved.a));
  EXPECT_EQ(PersonOf(h, Dense(h, raw.a_records[0]), PatternFilter()), Dense(h, raw.a_records[0]));
  // The record in the acquitted case is exonerated, but still the same human.
  EXPECT_EQ(PersonOf(g, Dense(g, resolved.a_records[3]), PatternFilter()), Dense(g, resolved.a));
  // A filter without SAME_AS asks for records as written.
  LinkFilter no_same_as = PatternFilter();
  no_same_as.edge_types &= ~Bit(EdgeType::kSameAs);
  EXPECT_EQ(PersonOf(g, record, no_same_as), record);
}

TEST(CoAccusedPairs, AcquittedCaseLeftOutByDefault) {
  Gang gang(true);
  const CsrGraph g = gang.graph.Build();
  const CoAccusedResult result = CoAccusedPairs(g);
  ASSERT_EQ(result.pairs.size(), 1u);
  EXPECT_EQ(result.total_pairs, 1u);
  EXPECT_EQ(result.pairs[0].a, Dense(g, gang.a));
  EXPECT_EQ(result.pairs[0].b, Dense(g, gang.b));
  EXPECT_EQ(result.pairs[0].cases,
            (std::vector<DenseId>{Dense(g, gang.cases[0]), Dense(g, gang.cases[1]),
                                  Dense(g, gang.cases[2])}));

  CoAccusedOptions with_acquitted;
  with_acquitted.filter.exclude_exonerated = false;
  const CoAccusedResult all = CoAccusedPairs(g, with_acquitted);
  ASSERT_EQ(all.pairs.size(), 1u);
  EXPECT_EQ(all.pairs[0].cases.size(), 4u);
}

TEST(CoAccusedPairs, UnresolvedRecordsAreSeparatePersons) {
  Gang gang(false);
  const CsrGraph g = gang.graph.Build();
  EXPECT_TRUE(CoAccusedPairs(g).pairs.empty());
  CoAccusedOptions once;
  once.min_cases = 1;
  // Case 1: A, B, C's records (3 pairs); cases 2, 3: one pair each. Case 4 acquitted.
  EXPECT_EQ(CoAccusedPairs(g, once).total_pairs, 5u);
}

TEST(CoAccusedPairs, MostFrequentFirstAndLimited) {
  Gang gang(true);
  const CsrGraph g = gang.graph.Build();
  CoAccusedOptions options;
  options.min_cases = 1;
  options.limit = 2;
  const CoAccusedResult result = CoAccusedPairs(g, options);
  EXPECT_EQ(result.total_pairs, 3u);  // A-B, A-C, B-C
  ASSERT_EQ(result.pairs.size(), 2u);
  EXPECT_EQ(result.pairs[0].cases.size(), 3u);
  EXPECT_EQ(result.pairs[1].a, Dense(g, gang.a));
  EXPECT_EQ(result.pairs[1].b, Dense(g, gang.c));
}

TEST(CoAccusedPairs, CrowdedCaseSkippedAndCounted) {
  Gang gang(true);
  const CsrGraph g = gang.graph.Build();
  CoAccusedOptions options;
  options.max_accused_per_case = 2;  // case 1 has three accused persons
  const CoAccusedResult result = CoAccusedPairs(g, options);
  EXPECT_EQ(result.cases_skipped, 1u);
  ASSERT_EQ(result.pairs.size(), 1u);
  EXPECT_EQ(result.pairs[0].cases.size(), 2u);
}

TEST(CoAccusedPairs, TimeWindowLimitsTheCases) {
  CrimeGraph graph;
  const NodeId a = graph.Add(NodeType::kPersonRecord), b = graph.Add(NodeType::kPersonRecord);
  for (std::int32_t day : {100, 200, 300}) {
    const NodeId fir = graph.Add(NodeType::kCase, 0, day);
    graph.Link(EdgeType::kAccusedIn, a, fir);
    graph.Link(EdgeType::kAccusedIn, b, fir);
  }
  // Two records accused in three cases each: not how records work, but the filter's business.
  const CsrGraph g = graph.Build();
  CoAccusedOptions options;
  EXPECT_EQ(CoAccusedPairs(g, options).pairs.at(0).cases.size(), 3u);
  options.filter.from_day = 150;
  EXPECT_EQ(CoAccusedPairs(g, options).pairs.at(0).cases.size(), 2u);
  options.filter.to_day = 250;
  EXPECT_TRUE(CoAccusedPairs(g, options).pairs.empty());
}

// Random graphs: the pairs and their cases equal a count over every pair of persons.
TEST(CoAccusedPairs, AgreesWithBruteForceOnRandomGraphs) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    CrimeGraph graph;
    std::vector<NodeId> persons, cases, records;
    for (int i = 0; i < 6; ++i) persons.push_back(graph.Add(NodeType::kPerson));
    for (int i = 0; i < 8; ++i) {
      cases.push_back(graph.Add(NodeType::kCase, rng() % 6 == 0 ? kDischarged : 0));
    }
    for (int i = 0; i < 40; ++i) {
      const NodeId record =
          graph.Add(NodeType::kPersonRecord, rng() % 15 == 0 ? kWrongfulArrest : 0);
      records.push_back(record);
      graph.Link(rng() % 3 == 0 ? EdgeType::kArrestedIn : EdgeType::kAccusedIn, record,
                 cases[rng() % cases.size()]);
      if (rng() % 4 != 0) graph.Link(EdgeType::kSameAs, record, persons[rng() % persons.size()]);
    }
    const CsrGraph g = graph.Build();
    // Brute force from the edge list: who each record is, which (person, case) links pass.
    std::map<NodeId, NodeId> person_of;
    for (const EdgeEntry& e : graph.edges()) {
      if (e.type == EdgeType::kSameAs) person_of[e.from] = e.to;
    }
    std::set<std::pair<NodeId, NodeId>> accused;  // (person, case)
    for (const EdgeEntry& e : graph.edges()) {
      if (e.type != EdgeType::kAccusedIn && e.type != EdgeType::kArrestedIn) continue;
      if (((g.node(Dense(g, e.from)).flags | g.node(Dense(g, e.to)).flags) & kExonerated) != 0) {
        continue;
      }
      accused.emplace(person_of.contains(e.from) ? person_of[e.from] : e.from, e.to);
    }
    std::map<std::pair<DenseId, DenseId>, std::vector<DenseId>> expected;
    for (auto [p, c] : accused) {
      for (auto [q, d] : accused) {
        if (c == d && Dense(g, p) < Dense(g, q)) {
          expected[{Dense(g, p), Dense(g, q)}].push_back(Dense(g, c));
        }
      }
    }
    CoAccusedOptions options;
    options.min_cases = 2;
    options.limit = 1000;
    std::map<std::pair<DenseId, DenseId>, std::vector<DenseId>> got;
    const CoAccusedResult result = CoAccusedPairs(g, options);
    for (std::size_t i = 0; i < result.pairs.size(); ++i) {
      const CoAccusedPair& pair = result.pairs[i];
      got[{pair.a, pair.b}] = pair.cases;
      if (i > 0) {
        EXPECT_GE(result.pairs[i - 1].cases.size(), pair.cases.size());
      }
    }
    std::erase_if(expected, [](const auto& entry) { return entry.second.size() < 2; });
    for (auto& [pair, shared] : expected) std::sort(shared.begin(), shared.end());
    EXPECT_EQ(got, expected) << "seed " << seed;
  }
}

TEST(CoAccusedPairs, SameAnswerOnSeveralThreads) {
  // 30,000 cases of two or three accused drawn from 3,000 persons: enough person-case links
  // (over 20,000 a slice) to split the work.
  std::mt19937 rng(5);
  CrimeGraph graph;
  std::vector<NodeId> persons;
  for (int i = 0; i < 3000; ++i) persons.push_back(graph.Add(NodeType::kPerson));
  for (int c = 0; c < 30000; ++c) {
    const NodeId fir = graph.Add(NodeType::kCase);
    for (unsigned k = 0; k < 2 + rng() % 2; ++k) {
      const NodeId record = graph.Add(NodeType::kPersonRecord);
      graph.Link(EdgeType::kAccusedIn, record, fir);
      // Gangs: persons near each other in number offend together.
      graph.Link(EdgeType::kSameAs, record, persons[(c % 1000) * 3 + rng() % 5]);
    }
  }
  const CsrGraph g = graph.Build();
  CoAccusedOptions options;
  options.limit = 1'000'000;
  options.threads = 1;
  const CoAccusedResult one = CoAccusedPairs(g, options);
  options.threads = 3;
  const CoAccusedResult three = CoAccusedPairs(g, options);
  ASSERT_GT(one.pairs.size(), 1000u);
  ASSERT_EQ(one.pairs.size(), three.pairs.size());
  for (std::size_t i = 0; i < one.pairs.size(); ++i) {
    EXPECT_EQ(one.pairs[i].a, three.pairs[i].a);
    EXPECT_EQ(one.pairs[i].b, three.pairs[i].b);
    EXPECT_EQ(one.pairs[i].cases, three.pairs[i].cases);
  }
}

// ---- Shared identifiers -----------------------------------------------------------------------

TEST(SharedIdentifiers, PhoneAcrossFirsReportedWithinOneFirNot) {
  CrimeGraph graph;
  const NodeId fir1 = graph.Add(NodeType::kCase), fir2 = graph.Add(NodeType::kCase);
  const NodeId x = graph.Add(NodeType::kPersonRecord), y = graph.Add(NodeType::kPersonRecord);
  const NodeId z = graph.Add(NodeType::kPersonRecord);
  graph.Link(EdgeType::kAccusedIn, x, fir1);
  graph.Link(EdgeType::kVictimIn, y, fir2);
  graph.Link(EdgeType::kAccusedIn, z, fir1);
  const NodeId across = graph.Add(NodeType::kPhone), within = graph.Add(NodeType::kPhone);
  graph.Link(EdgeType::kUses, x, across);
  graph.Link(EdgeType::kUses, y, across);
  graph.Link(EdgeType::kUses, x, within);
  graph.Link(EdgeType::kUses, z, within);
  const CsrGraph g = graph.Build();
  const SharedIdentifiersResult result = SharedIdentifiers(g);
  ASSERT_EQ(result.shared.size(), 1u);
  EXPECT_EQ(result.total, 1u);
  EXPECT_TRUE(result.busy.empty());
  EXPECT_EQ(result.shared[0].identifier, Dense(g, across));
  EXPECT_EQ(result.shared[0].persons, (std::vector<DenseId>{Dense(g, x), Dense(g, y)}));
  EXPECT_EQ(result.shared[0].cases, (std::vector<DenseId>{Dense(g, fir1), Dense(g, fir2)}));
}

TEST(SharedIdentifiers, OnePersonAcrossFirsIsNotSharing) {
  CrimeGraph graph;
  const NodeId person = graph.Add(NodeType::kPerson), phone = graph.Add(NodeType::kPhone);
  for (int i = 0; i < 2; ++i) {
    const NodeId fir = graph.Add(NodeType::kCase), record = graph.Add(NodeType::kPersonRecord);
    graph.Link(EdgeType::kAccusedIn, record, fir);
    graph.Link(EdgeType::kSameAs, record, person);
    graph.Link(EdgeType::kUses, record, phone);
  }
  const CsrGraph g = graph.Build();
  EXPECT_TRUE(SharedIdentifiers(g).shared.empty());
  SharedIdentifiersOptions as_written;
  as_written.filter.edge_types &= ~Bit(EdgeType::kSameAs);
  EXPECT_EQ(SharedIdentifiers(g, as_written).shared.size(), 1u);
}

TEST(SharedIdentifiers, StationPhoneSkippedAndCounted) {
  CrimeGraph graph;
  const NodeId station_phone = graph.Add(NodeType::kPhone), car = graph.Add(NodeType::kVehicle);
  for (int i = 0; i < 12; ++i) {
    const NodeId fir = graph.Add(NodeType::kCase), record = graph.Add(NodeType::kPersonRecord);
    graph.Link(EdgeType::kComplainantIn, record, fir);
    graph.Link(EdgeType::kUses, record, station_phone);
    if (i == 0) graph.Link(EdgeType::kOwns, record, car);
    if (i == 1) graph.Link(EdgeType::kDrove, record, car);
  }
  const CsrGraph g = graph.Build();
  const SharedIdentifiersResult result = SharedIdentifiers(g);
  EXPECT_EQ(result.busy, (std::vector<DenseId>{Dense(g, station_phone)}));
  ASSERT_EQ(result.shared.size(), 1u);
  EXPECT_EQ(result.shared[0].identifier, Dense(g, car));

  SharedIdentifiersOptions wide;
  wide.max_sharers = 12;
  wide.vehicles = false;
  const SharedIdentifiersResult phones = SharedIdentifiers(g, wide);
  EXPECT_TRUE(phones.busy.empty());
  ASSERT_EQ(phones.shared.size(), 1u);
  EXPECT_EQ(phones.shared[0].persons.size(), 12u);
}

TEST(SharedIdentifiers, ExoneratedRecordLeftOut) {
  CrimeGraph graph;
  const NodeId phone = graph.Add(NodeType::kPhone);
  const NodeId fir = graph.Add(NodeType::kCase), acquitted = graph.Add(NodeType::kCase, kAcquitted);
  const NodeId x = graph.Add(NodeType::kPersonRecord), y = graph.Add(NodeType::kPersonRecord);
  graph.Link(EdgeType::kAccusedIn, x, fir);
  graph.Link(EdgeType::kAccusedIn, y, acquitted);
  graph.Link(EdgeType::kUses, x, phone);
  graph.Link(EdgeType::kUses, y, phone);
  const CsrGraph g = graph.Build();
  EXPECT_TRUE(SharedIdentifiers(g).shared.empty());
  SharedIdentifiersOptions all;
  all.filter = AllLinks();
  EXPECT_EQ(SharedIdentifiers(g, all).shared.size(), 1u);
}

// ---- Triangles --------------------------------------------------------------------------------

TEST(CountTriangles, CompleteGraphOnFourNodes) {
  // K4: each node closes a triangle with every pair of the other three (3), and there are
  // C(4,3) = 4 triangles.
  const std::vector<std::pair<LocalId, LocalId>> links{{0, 1}, {0, 2}, {0, 3},
                                                       {1, 2}, {1, 3}, {2, 3}};
  const TriangleCounts counts = CountTriangles(UndirectedGraph::FromEdges(4, links));
  EXPECT_EQ(counts.per_node, (std::vector<std::uint64_t>{3, 3, 3, 3}));
  EXPECT_EQ(counts.total, 4u);
}

TEST(CountTriangles, NoneOnAStarOrPath) {
  const std::vector<std::pair<LocalId, LocalId>> links{{0, 1}, {0, 2}, {0, 3}, {3, 4}};
  const TriangleCounts counts = CountTriangles(UndirectedGraph::FromEdges(5, links));
  EXPECT_EQ(counts.total, 0u);
  EXPECT_EQ(counts.per_node, std::vector<std::uint64_t>(5, 0));
}

TEST(CountTriangles, AgreesWithBruteForceOnRandomGraphs) {
  struct Case {
    std::size_t n;
    double p;
    unsigned threads;
  };
  // The last is big enough (about 41,000 forward links) to run on two slices.
  for (const Case& test :
       {Case{30, 0.3, 1}, Case{60, 0.1, 1}, Case{80, 0.5, 1}, Case{300, 0.92, 2}}) {
    for (unsigned seed = 1; seed <= 3; ++seed) {
      std::mt19937 rng(seed);
      std::bernoulli_distribution link(test.p);
      std::vector<std::vector<char>> adjacent(test.n, std::vector<char>(test.n, 0));
      std::vector<std::pair<LocalId, LocalId>> links;
      for (LocalId u = 0; u < test.n; ++u) {
        for (LocalId v = u + 1; v < test.n; ++v) {
          if (!link(rng)) continue;
          adjacent[u][v] = adjacent[v][u] = 1;
          links.emplace_back(u, v);
          if (rng() % 5 == 0) links.emplace_back(v, u);  // a repeated link folds into one
        }
      }
      std::vector<std::uint64_t> expected(test.n, 0);
      std::uint64_t expected_total = 0;
      for (std::size_t a = 0; a < test.n; ++a) {
        for (std::size_t b = a + 1; b < test.n; ++b) {
          if (!adjacent[a][b]) continue;
          for (std::size_t c = b + 1; c < test.n; ++c) {
            if (!adjacent[a][c] || !adjacent[b][c]) continue;
            ++expected[a], ++expected[b], ++expected[c], ++expected_total;
          }
        }
      }
      const TriangleCounts counts =
          CountTriangles(UndirectedGraph::FromEdges(test.n, links), test.threads);
      EXPECT_EQ(counts.total, expected_total) << "n " << test.n << " seed " << seed;
      EXPECT_EQ(counts.per_node, expected) << "n " << test.n << " seed " << seed;
    }
  }
}

TEST(PersonProjection, CoOffendersLinkedByTheirSnapshotIds) {
  // A, B, C accused together in one FIR; A and B again in another; D alone.
  CrimeGraph graph;
  std::vector<NodeId> persons;
  for (int i = 0; i < 4; ++i) persons.push_back(graph.Add(NodeType::kPerson));
  const NodeId fir1 = graph.Add(NodeType::kCase), fir2 = graph.Add(NodeType::kCase);
  auto accuse = [&](NodeId person, NodeId fir) {
    const NodeId record = graph.Add(NodeType::kPersonRecord);
    graph.Link(EdgeType::kAccusedIn, record, fir);
    graph.Link(EdgeType::kSameAs, record, person);
  };
  for (int i = 0; i < 3; ++i) accuse(persons[i], fir1);
  accuse(persons[0], fir2);
  accuse(persons[1], fir2);
  accuse(persons[3], graph.Add(NodeType::kCase));
  const CsrGraph g = graph.Build();
  const UndirectedGraph network = PersonProjection(g);
  ASSERT_EQ(network.node_count(), g.node_count());
  EXPECT_EQ(network.edge_count(), 3u);
  const DenseId a = Dense(g, persons[0]), b = Dense(g, persons[1]);
  EXPECT_EQ(network.snapshot_id(a), a);
  ASSERT_EQ(network.neighbors(a).size(), 2u);
  EXPECT_EQ(network.neighbors(a)[0], b);
  EXPECT_EQ(network.strengths(a)[0], 2.0f);  // two shared cases
  EXPECT_EQ(network.degree(Dense(g, persons[3])), 0u);
  const TriangleCounts triangles = CountTriangles(network);
  EXPECT_EQ(triangles.total, 1u);
  EXPECT_EQ(triangles.per_node[a], 1u);
  EXPECT_EQ(triangles.per_node[Dense(g, persons[3])], 0u);
}

// ---- Repeat offenders -------------------------------------------------------------------------

TEST(RepeatOffenders, AccusedInTwoDistricts) {
  CrimeGraph graph;
  const NodeId s1 = graph.Add(NodeType::kStation), s2 = graph.Add(NodeType::kStation);
  const NodeId s3 = graph.Add(NodeType::kStation), unknown = graph.Add(NodeType::kStation);
  const std::map<NodeId, std::int32_t> district{{s1, 1}, {s2, 1}, {s3, 2}};
  const NodeId roamer = graph.Add(NodeType::kPerson), local = graph.Add(NodeType::kPerson);
  auto accused_at = [&](NodeId person, NodeId station) {
    const NodeId fir = graph.Add(NodeType::kCase);
    graph.Link(EdgeType::kRegisteredAt, fir, station);
    const NodeId record = graph.Add(NodeType::kPersonRecord);
    graph.Link(EdgeType::kAccusedIn, record, fir);
    graph.Link(EdgeType::kSameAs, record, person);
    return fir;
  };
  const NodeId r1 = accused_at(roamer, s1), r2 = accused_at(roamer, s3);
  const NodeId r3 = accused_at(roamer, unknown);
  accused_at(local, s1);
  accused_at(local, s2);
  const CsrGraph g = graph.Build();
  const DistrictOfStation district_of = [&](DenseId station) -> std::optional<std::int32_t> {
    auto it = district.find(g.node(station).id);
    if (it == district.end()) return std::nullopt;
    return it->second;
  };
  const RepeatOffendersResult result = RepeatOffenders(g, district_of);
  ASSERT_EQ(result.offenders.size(), 1u);
  EXPECT_EQ(result.total, 1u);
  EXPECT_EQ(result.offenders[0].person, Dense(g, roamer));
  EXPECT_EQ(result.offenders[0].districts, (std::vector<std::int32_t>{1, 2}));
  EXPECT_EQ(result.offenders[0].cases,
            (std::vector<DenseId>{Dense(g, r1), Dense(g, r2), Dense(g, r3)}));

  RepeatOffenderOptions any;
  any.min_districts = 1;
  const RepeatOffendersResult both = RepeatOffenders(g, district_of, any);
  ASSERT_EQ(both.offenders.size(), 2u);
  EXPECT_EQ(both.offenders[0].person, Dense(g, roamer));  // more districts first
  EXPECT_EQ(both.offenders[1].person, Dense(g, local));
  EXPECT_EQ(both.offenders[1].districts, (std::vector<std::int32_t>{1}));
}

// ---- Template matching ------------------------------------------------------------------------

GraphTemplate SharedPhoneTemplate() {
  GraphTemplate t;
  t.nodes = {{NodeType::kPersonRecord, std::nullopt},
             {NodeType::kPhone, std::nullopt},
             {NodeType::kPersonRecord, std::nullopt}};
  t.edges = {{0, 1, EdgeType::kUses, true}, {2, 1, EdgeType::kUses, true}};
  return t;
}

struct PhoneGraph {
  CrimeGraph graph;
  NodeId r1, r2, r3, p1, p2, p3;
  PhoneGraph() {
    r1 = graph.Add(NodeType::kPersonRecord);
    r2 = graph.Add(NodeType::kPersonRecord);
    r3 = graph.Add(NodeType::kPersonRecord);
    p1 = graph.Add(NodeType::kPhone);
    p2 = graph.Add(NodeType::kPhone);
    p3 = graph.Add(NodeType::kPhone);
    graph.Link(EdgeType::kUses, r1, p1);
    graph.Link(EdgeType::kUses, r2, p1);
    graph.Link(EdgeType::kUses, r1, p1);  // the same fact from a second FIR
    graph.Link(EdgeType::kUses, r3, p2);
    graph.Link(EdgeType::kUses, r1, p3);
    graph.Link(EdgeType::kUses, r3, p3);
    graph.Link(EdgeType::kCalled, p2, p3);
  }
};

std::set<std::vector<DenseId>> AsSet(const TemplateMatches& found) {
  return {found.matches.begin(), found.matches.end()};
}

TEST(MatchTemplate, PersonsSharingAPhone) {
  PhoneGraph phones;
  const CsrGraph g = phones.graph.Build();
  auto found = MatchTemplate(g, SharedPhoneTemplate());
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_FALSE(found->capped);
  const DenseId r1 = Dense(g, phones.r1), r2 = Dense(g, phones.r2), r3 = Dense(g, phones.r3);
  const DenseId p1 = Dense(g, phones.p1), p3 = Dense(g, phones.p3);
  // Each pair once per symmetry; never r1 with itself, though r1 has two links to p1.
  const std::set<std::vector<DenseId>> expected{
      {r1, p1, r2}, {r2, p1, r1}, {r1, p3, r3}, {r3, p3, r1}};
  EXPECT_EQ(found->matches.size(), expected.size());
  EXPECT_EQ(AsSet(*found), expected);
}

TEST(MatchTemplate, DirectionTypeAndPinning) {
  PhoneGraph phones;
  const CsrGraph g = phones.graph.Build();
  GraphTemplate backwards = SharedPhoneTemplate();
  backwards.edges[0] = {1, 0, EdgeType::kUses, true};  // Phone -> PersonRecord: never stored
  EXPECT_TRUE(MatchTemplate(g, backwards)->matches.empty());
  backwards.edges[0].directed = false;
  EXPECT_EQ(MatchTemplate(g, backwards)->matches.size(), 4u);

  GraphTemplate pinned = SharedPhoneTemplate();
  pinned.nodes[2].pinned = Dense(g, phones.r2);
  const auto found = MatchTemplate(g, pinned);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(AsSet(*found), (std::set<std::vector<DenseId>>{
                               {Dense(g, phones.r1), Dense(g, phones.p1), Dense(g, phones.r2)}}));

  // Two phones that called each other, any link type to a record each.
  GraphTemplate calls;
  calls.nodes = {{NodeType::kPersonRecord, std::nullopt},
                 {NodeType::kPhone, std::nullopt},
                 {NodeType::kPhone, std::nullopt}};
  calls.edges = {{0, 1, std::nullopt, false}, {1, 2, EdgeType::kCalled, true}};
  EXPECT_EQ(AsSet(*MatchTemplate(g, calls)),
            (std::set<std::vector<DenseId>>{
                {Dense(g, phones.r3), Dense(g, phones.p2), Dense(g, phones.p3)}}));
}

TEST(MatchTemplate, ExoneratedLinksLeftOutByDefault) {
  CrimeGraph graph;
  const NodeId acquitted = graph.Add(NodeType::kCase, kAcquitted),
               phone = graph.Add(NodeType::kPhone);
  const NodeId x = graph.Add(NodeType::kPersonRecord), y = graph.Add(NodeType::kPersonRecord);
  graph.Link(EdgeType::kAccusedIn, x, acquitted);
  graph.Link(EdgeType::kUses, x, phone);
  graph.Link(EdgeType::kUses, y, phone);
  const CsrGraph g = graph.Build();
  EXPECT_TRUE(MatchTemplate(g, SharedPhoneTemplate())->matches.empty());
  TemplateOptions all;
  all.filter = AllLinks();
  EXPECT_EQ(MatchTemplate(g, SharedPhoneTemplate(), all)->matches.size(), 2u);
}

TEST(MatchTemplate, HubCannotFreezeTheSearch) {
  CrimeGraph graph;
  const NodeId phone = graph.Add(NodeType::kPhone);
  for (int i = 0; i < 3000; ++i)
    graph.Link(EdgeType::kUses, graph.Add(NodeType::kPersonRecord), phone);
  const CsrGraph g = graph.Build();
  TemplateOptions options;
  options.max_steps = 10'000;
  options.limit = 1'000'000;
  const auto found = MatchTemplate(g, SharedPhoneTemplate(), options);
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->capped);
  EXPECT_LE(found->steps, options.max_steps + 1);
  EXPECT_GT(found->matches.size(), 0u);

  options.max_steps = 100'000'000;
  options.limit = 7;
  const auto first = MatchTemplate(g, SharedPhoneTemplate(), options);
  EXPECT_TRUE(first->capped);
  EXPECT_EQ(first->matches.size(), 7u);
}

TEST(MatchTemplate, RefusesBadTemplates) {
  PhoneGraph phones;
  const CsrGraph g = phones.graph.Build();
  EXPECT_FALSE(MatchTemplate(g, GraphTemplate{}).ok());
  GraphTemplate bad_edge = SharedPhoneTemplate();
  bad_edge.edges.push_back({0, 3, std::nullopt, false});
  EXPECT_EQ(MatchTemplate(g, bad_edge).status().code(), StatusCode::kInvalidArgument);
  GraphTemplate bad_pin = SharedPhoneTemplate();
  bad_pin.nodes[0].pinned = static_cast<DenseId>(g.node_count());
  EXPECT_EQ(MatchTemplate(g, bad_pin).status().code(), StatusCode::kInvalidArgument);
  GraphTemplate huge;
  huge.nodes.resize(kMaxTemplateNodes + 1);
  EXPECT_FALSE(MatchTemplate(g, huge).ok());
  TemplateOptions no_room;
  no_room.limit = 0;
  EXPECT_FALSE(MatchTemplate(g, SharedPhoneTemplate(), no_room).ok());
}

// Random typed graphs and templates: the matches are exactly the injective maps that meet every
// template node's type and every template edge, found by trying all of them.
TEST(MatchTemplate, AgreesWithBruteForceOnRandomGraphs) {
  const NodeType node_types[] = {NodeType::kPersonRecord, NodeType::kPhone, NodeType::kCase};
  const EdgeType edge_types[] = {EdgeType::kUses, EdgeType::kCalled, EdgeType::kAccusedIn};
  std::size_t total_matches = 0;
  for (unsigned seed = 1; seed <= 180; ++seed) {
    std::mt19937 rng(seed);
    CrimeGraph graph;
    const std::size_t n = 6 + rng() % 5;
    for (std::size_t i = 0; i < n; ++i) {
      graph.Add(node_types[rng() % 3], rng() % 10 == 0 ? kWrongfulArrest : 0);
    }
    // The last seeds give rows of many parallel links, long enough to be binary-searched.
    const std::size_t m = seed <= 150 ? n + rng() % (2 * n) : 30 * n;
    for (std::size_t i = 0; i < m; ++i) {
      graph.Link(edge_types[rng() % 3], 1 + rng() % n, 1 + rng() % n);  // self-loops too
    }
    const CsrGraph g = graph.Build();

    GraphTemplate pattern;
    const std::size_t k = 1 + rng() % 4;
    for (std::size_t t = 0; t < k; ++t) {
      TemplateNode node;
      if (rng() % 3 != 0) node.type = node_types[rng() % 3];
      if (rng() % 12 == 0) node.pinned = static_cast<DenseId>(rng() % n);
      pattern.nodes.push_back(node);
    }
    const std::size_t edges = rng() % (k + 2);
    for (std::size_t e = 0; e < edges; ++e) {
      TemplateEdge edge;
      edge.from = rng() % k;
      edge.to = rng() % k;
      if (rng() % 3 != 0) edge.type = edge_types[rng() % 3];
      edge.directed = rng() % 2 == 0;
      pattern.edges.push_back(edge);
    }

    // Whether some stored edge the default filter allows meets template edge e under `image`.
    auto meets = [&](const TemplateEdge& e, const std::vector<DenseId>& image) {
      for (const EdgeEntry& stored : graph.edges()) {
        const DenseId from = Dense(g, stored.from), to = Dense(g, stored.to);
        if (e.type && stored.type != *e.type) continue;
        if (((g.node(from).flags | g.node(to).flags) & kExonerated) != 0) continue;
        const bool forward = from == image[e.from] && to == image[e.to];
        const bool backward = from == image[e.to] && to == image[e.from];
        if (forward || (!e.directed && backward)) return true;
      }
      return false;
    };
    auto is_match = [&](const std::vector<DenseId>& image) {
      for (std::size_t t = 0; t < k; ++t) {
        const TemplateNode& node = pattern.nodes[t];
        if (node.type && g.node(image[t]).type != *node.type) return false;
        if (node.pinned && image[t] != *node.pinned) return false;
        for (std::size_t u = 0; u < t; ++u) {
          if (image[u] == image[t]) return false;
        }
      }
      return std::all_of(pattern.edges.begin(), pattern.edges.end(),
                         [&](const TemplateEdge& e) { return meets(e, image); });
    };
    std::set<std::vector<DenseId>> expected;
    std::vector<DenseId> image(k, 0);
    for (;;) {
      if (is_match(image)) expected.insert(image);
      std::size_t t = 0;
      while (t < k && ++image[t] == n) image[t++] = 0;
      if (t == k) break;
    }

    TemplateOptions options;
    options.limit = 100000;
    const auto found = MatchTemplate(g, pattern, options);
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_FALSE(found->capped);
    for (const auto& match : found->matches) {
      EXPECT_TRUE(is_match(match)) << "seed " << seed;
    }
    EXPECT_EQ(found->matches.size(), AsSet(*found).size()) << "seed " << seed << ": repeated";
    EXPECT_EQ(AsSet(*found), expected) << "seed " << seed;
    total_matches += expected.size();
  }
  EXPECT_GT(total_matches, 100u);  // the random templates are not all unmatchable
}

}  // namespace
}  // namespace sutra::algorithms
