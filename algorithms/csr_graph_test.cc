#include "algorithms/csr_graph.h"

#include <gtest/gtest.h>

#include <thread>

namespace sutra::algorithms {
namespace {

using storage::Direction;
using storage::EdgeType;
using storage::NodeType;

std::vector<NodeEntry> ThreeNodes() {
  return {{10, NodeType::kPersonRecord}, {11, NodeType::kPhone}, {12, NodeType::kCase}};
}

TEST(CsrBuilder, BuildsWhatBuildMakesFromTheSameEdges) {
  // Edges 5: 10 -> 11 (uses), 6: 12 -> 10 (accused in). Rows in CSR order by hand.
  CsrGraph::Builder builder(ThreeNodes(), 4);
  EXPECT_TRUE(builder.Add(0, CsrArc::Make(2, EdgeType::kAccusedIn, Direction::kIn, 6)));
  EXPECT_TRUE(builder.Add(0, CsrArc::Make(1, EdgeType::kUses, Direction::kOut, 5)));
  EXPECT_TRUE(builder.Add(1, CsrArc::Make(0, EdgeType::kUses, Direction::kIn, 5)));
  EXPECT_TRUE(builder.Add(2, CsrArc::Make(0, EdgeType::kAccusedIn, Direction::kOut, 6)));
  auto built = std::move(builder).Finish();
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const CsrGraph expected = CsrGraph::Build(
      ThreeNodes(), {{5, EdgeType::kUses, 10, 11}, {6, EdgeType::kAccusedIn, 12, 10}});
  ASSERT_EQ(built->arc_count(), expected.arc_count());
  for (DenseId v = 0; v < 3; ++v) {
    ASSERT_EQ(built->arcs(v).size(), expected.arcs(v).size());
    for (std::size_t a = 0; a < expected.arcs(v).size(); ++a) {
      EXPECT_EQ(built->arcs(v)[a].order(), expected.arcs(v)[a].order());
    }
  }
}

TEST(CsrBuilder, RowsLeftOutAreEmpty) {
  CsrGraph::Builder builder(ThreeNodes(), 2);
  EXPECT_TRUE(builder.Add(2, CsrArc::Make(2, EdgeType::kCalled, Direction::kOut, 1)));
  EXPECT_TRUE(builder.Add(2, CsrArc::Make(2, EdgeType::kCalled, Direction::kIn, 1)));
  auto built = std::move(builder).Finish();
  ASSERT_TRUE(built.ok());
  EXPECT_TRUE(built->arcs(0).empty());
  EXPECT_TRUE(built->arcs(1).empty());
  ASSERT_EQ(built->arcs(2).size(), 2u);
  EXPECT_EQ(built->arcs(2)[1].edge(), 1u);
}

TEST(CsrBuilder, TwoWritersFromBothEndsMeetInTheMiddle) {
  // Six nodes; rows 0 and 2 from the front, rows 5 and 3 from the back (on another thread),
  // rows 1 and 4 empty.
  std::vector<NodeEntry> nodes;
  for (storage::NodeId id = 1; id <= 6; ++id) nodes.push_back({id, NodeType::kPhone});
  auto arc = [](DenseId target, storage::EdgeId edge) {
    return CsrArc::Make(target, EdgeType::kCalled, Direction::kOut, edge);
  };
  CsrGraph::Builder builder(nodes, 6);
  std::thread back([&] {
    const std::vector<CsrArc> five{arc(0, 7)}, three{arc(1, 8), arc(4, 9)};
    EXPECT_TRUE(builder.AddRowFromBack(5, five));
    EXPECT_TRUE(builder.AddRowFromBack(3, three));
  });
  EXPECT_TRUE(builder.Add(0, arc(1, 1)));
  EXPECT_TRUE(builder.Add(0, arc(2, 2)));
  EXPECT_TRUE(builder.Add(2, arc(3, 3)));
  back.join();
  auto built = std::move(builder).Finish();
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  const std::vector<std::size_t> sizes{2, 0, 1, 2, 0, 1};
  for (DenseId v = 0; v < 6; ++v) EXPECT_EQ(built->arcs(v).size(), sizes[v]) << v;
  EXPECT_EQ(built->arcs(3)[1].edge(), 9u);
  EXPECT_EQ(built->arcs(5)[0].edge(), 7u);
  EXPECT_EQ(built->arcs(2)[0].target, 3u);
}

TEST(CsrBuilder, AnArcCountOtherThanAnnouncedFails) {
  CsrGraph::Builder fewer(ThreeNodes(), 2);
  EXPECT_TRUE(fewer.Add(0, CsrArc::Make(1, EdgeType::kUses, Direction::kOut, 1)));
  auto built = std::move(fewer).Finish();
  ASSERT_FALSE(built.ok());
  EXPECT_NE(built.status().message().find("1 CSR arcs were added, but 2"), std::string::npos)
      << built.status().ToString();
  CsrGraph::Builder more(ThreeNodes(), 1);
  EXPECT_TRUE(more.Add(0, CsrArc::Make(1, EdgeType::kUses, Direction::kOut, 1)));
  EXPECT_FALSE(more.Add(0, CsrArc::Make(2, EdgeType::kUses, Direction::kOut, 2)));
  EXPECT_FALSE(std::move(more).Finish().ok());
  // A back writer cannot see the front one: it finds out that they overlapped at Finish().
  CsrGraph::Builder overlapping(ThreeNodes(), 1);
  const std::vector<CsrArc> row{CsrArc::Make(0, EdgeType::kUses, Direction::kIn, 1)};
  EXPECT_TRUE(overlapping.Add(0, CsrArc::Make(1, EdgeType::kUses, Direction::kOut, 1)));
  EXPECT_TRUE(overlapping.AddRowFromBack(2, row));
  EXPECT_FALSE(overlapping.AddRowFromBack(1, row));  // no room left at the back
  EXPECT_FALSE(std::move(overlapping).Finish().ok());
}

TEST(CsrBuilder, EdgeIdsKeepAll48Bits) {
  const storage::EdgeId big = CsrArc::kMaxEdgeId - 3;
  EXPECT_EQ(CsrArc::Make(0, EdgeType::kUses, Direction::kOut, big).edge(), big);
}

TEST(CsrBuilder, NamesTheFirstViolation) {
  struct Case {
    const char* expected;
    std::vector<std::pair<DenseId, CsrArc>> arcs;
  };
  const CsrArc a = CsrArc::Make(1, EdgeType::kUses, Direction::kOut, 1);
  const CsrArc b = CsrArc::Make(2, EdgeType::kUses, Direction::kOut, 2);
  for (const Case& c : std::vector<Case>{
           {"not sorted", {{0, b}, {0, a}}},
           {"not in order", {{1, a}, {0, a}}},
           {"target out of range", {{0, CsrArc::Make(3, EdgeType::kUses, Direction::kOut, 1)}}},
           {"out of range", {{3, a}}},
       }) {
    CsrGraph::Builder builder(ThreeNodes(), c.arcs.size());
    bool all_accepted = true;
    for (const auto& [v, arc] : c.arcs) all_accepted = builder.Add(v, arc) && all_accepted;
    EXPECT_FALSE(all_accepted) << c.expected;
    auto built = std::move(builder).Finish();
    ASSERT_FALSE(built.ok()) << c.expected;
    EXPECT_NE(built.status().message().find(c.expected), std::string::npos)
        << built.status().ToString();
  }
  CsrGraph::Builder unordered({{11, NodeType::kPhone}, {10, NodeType::kPhone}}, 0);
  EXPECT_FALSE(std::move(unordered).Finish().ok());
}

}  // namespace
}  // namespace sutra::algorithms
