#include "algorithms/csr_graph.h"

#include <gtest/gtest.h>

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

TEST(CsrBuilder, RowsLeftOutAreEmptyAndMoreArcsThanReservedAreKept) {
  CsrGraph::Builder builder(ThreeNodes(), 1);
  EXPECT_TRUE(builder.Add(2, CsrArc::Make(2, EdgeType::kCalled, Direction::kOut, 1)));
  EXPECT_TRUE(builder.Add(2, CsrArc::Make(2, EdgeType::kCalled, Direction::kIn, 1)));
  auto built = std::move(builder).Finish();
  ASSERT_TRUE(built.ok());
  EXPECT_TRUE(built->arcs(0).empty());
  EXPECT_TRUE(built->arcs(1).empty());
  ASSERT_EQ(built->arcs(2).size(), 2u);
  EXPECT_EQ(built->arcs(2)[1].edge(), 1u);
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
           {"not in ascending order", {{1, a}, {0, a}}},
           {"target out of range", {{0, CsrArc::Make(3, EdgeType::kUses, Direction::kOut, 1)}}},
           {"out of range", {{3, a}}},
       }) {
    CsrGraph::Builder builder(ThreeNodes(), 4);
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
