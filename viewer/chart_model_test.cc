#include "viewer/chart_model.h"

#include <gtest/gtest.h>

#include "viewer/palette.h"

namespace sutra::viewer {
namespace {

using storage::EdgeType;
using storage::NodeType;

storage::Node MakeNode(storage::NodeId id, NodeType type, std::string name) {
  storage::Node node;
  node.id = id;
  node.type = type;
  node.properties["name"] = std::move(name);
  return node;
}

storage::Edge MakeEdge(storage::EdgeId id, storage::NodeId from, storage::NodeId to) {
  storage::Edge edge;
  edge.id = id;
  edge.type = EdgeType::kAccusedIn;
  edge.from = from;
  edge.to = to;
  return edge;
}

TEST(ChartModel, AddingANodeAgainKeepsItsPositionAndRefreshesItsData) {
  ChartModel model;
  model.AddNode(MakeNode(1, NodeType::kPersonRecord, "Ravi"), std::nullopt);
  model.mutable_nodes()[0].position = {10, 20};
  model.AddNode(MakeNode(1, NodeType::kPersonRecord, "Ravi Kumar"), std::nullopt);
  ASSERT_EQ(model.nodes().size(), 1u);
  EXPECT_EQ(model.nodes()[0].position.x, 10);
  EXPECT_EQ(model.nodes()[0].label, "Ravi Kumar");
}

TEST(ChartModel, AnEdgeNeedsBothEndsOnTheChart) {
  ChartModel model;
  model.AddNode(MakeNode(1, NodeType::kPersonRecord, "A"), std::nullopt);
  EXPECT_FALSE(model.AddEdge(MakeEdge(7, 1, 2)));
  EXPECT_TRUE(model.edges().empty());
  model.AddNode(MakeNode(2, NodeType::kPersonRecord, "B"), 1);
  EXPECT_TRUE(model.AddEdge(MakeEdge(7, 1, 2)));
  EXPECT_TRUE(model.AddEdge(MakeEdge(7, 1, 2)));  // already there: no duplicate
  EXPECT_EQ(model.edges().size(), 1u);
}

TEST(ChartModel, ExpansionRecordsShownAndTotalNeighbours) {
  ChartModel model;
  storage::Subgraph answer;
  answer.nodes = {MakeNode(1, NodeType::kPhone, "hub"), MakeNode(2, NodeType::kPersonRecord, "A"),
                  MakeNode(3, NodeType::kPersonRecord, "B")};
  answer.edges = {MakeEdge(10, 2, 1), MakeEdge(11, 3, 1)};
  answer.total_neighbors = 120;
  answer.truncated = true;
  model.MergeExpansion(1, answer, 2);
  const ChartNode* hub = model.FindNode(1);
  ASSERT_NE(hub, nullptr);
  EXPECT_TRUE(hub->expanded);
  EXPECT_TRUE(hub->truncated);
  EXPECT_EQ(hub->shown_links, 2u);
  EXPECT_EQ(hub->total_links, 120u);
  EXPECT_EQ(model.edges().size(), 2u);
  EXPECT_EQ(model.EdgesOf(1).size(), 2u);
}

TEST(ChartModel, PlacementIsReproducibleAndSpreadsNeighbours) {
  auto build = [] {
    ChartModel model;
    storage::Subgraph answer;
    answer.nodes.push_back(MakeNode(100, NodeType::kCase, "FIR"));
    for (storage::NodeId id = 1; id <= 12; ++id) {
      answer.nodes.push_back(MakeNode(id, NodeType::kPersonRecord, "P" + std::to_string(id)));
      answer.edges.push_back(MakeEdge(id, id, 100));
    }
    answer.total_neighbors = 12;
    model.MergeExpansion(100, answer, 50);
    return model;
  };
  ChartModel a = build();
  ChartModel b = build();
  ASSERT_EQ(a.nodes().size(), 13u);
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    EXPECT_EQ(a.nodes()[i].position.x, b.nodes()[i].position.x);
    EXPECT_EQ(a.nodes()[i].position.y, b.nodes()[i].position.y);
    for (std::size_t j = 0; j < i; ++j) {
      float dx = a.nodes()[i].position.x - a.nodes()[j].position.x;
      float dy = a.nodes()[i].position.y - a.nodes()[j].position.y;
      EXPECT_GT(dx * dx + dy * dy, 1.0f) << "nodes " << i << " and " << j << " start together";
    }
  }
}

TEST(ChartModel, RemovingANodeDropsItsEdgesAndSelection) {
  ChartModel model;
  model.AddNode(MakeNode(1, NodeType::kPersonRecord, "A"), std::nullopt);
  model.AddNode(MakeNode(2, NodeType::kCase, "B"), 1);
  model.AddNode(MakeNode(3, NodeType::kCase, "C"), 1);
  model.AddEdge(MakeEdge(1, 1, 2));
  model.AddEdge(MakeEdge(2, 1, 3));
  model.Select(2);
  std::uint64_t before = model.revision();
  EXPECT_TRUE(model.RemoveNode(2));
  EXPECT_GT(model.revision(), before);
  EXPECT_EQ(model.FindNode(2), nullptr);
  EXPECT_EQ(model.edges().size(), 1u);
  EXPECT_FALSE(model.selected().has_value());
  ASSERT_NE(model.FindNode(3), nullptr);  // the index was rebuilt
  EXPECT_EQ(model.FindNode(3)->node.id, 3u);
  EXPECT_FALSE(model.RemoveNode(2));
}

TEST(ChartModel, FindsLabelsIgnoringCaseAndSelectsOnlyChartNodes) {
  ChartModel model;
  model.AddNode(MakeNode(5, NodeType::kPersonRecord, "Sachin Kale"), std::nullopt);
  ASSERT_NE(model.FindByLabel("sachin KALE"), nullptr);
  EXPECT_EQ(model.FindByLabel("Sachin"), nullptr);
  model.Select(5);
  EXPECT_EQ(model.selected_node()->node.id, 5u);
  model.Select(99);
  EXPECT_FALSE(model.selected().has_value());
}

TEST(SensitiveFlags, ReadsBooleansFlagListsAndCaseOutcomes) {
  storage::Properties record{{"name", std::string("X")},
                             {"juvenile", true},
                             {"wrongful_arrest", false},
                             {"flags", std::string("sexual_offence_victim; juvenile")}};
  EXPECT_EQ(SensitiveFlags(record),
            (std::vector<std::string>{"sexual_offence_victim", "juvenile"}));
  storage::Properties acquitted{{"status", std::string("acquitted")}};
  EXPECT_EQ(SensitiveFlags(acquitted), (std::vector<std::string>{"acquitted"}));
  storage::Properties convicted{{"status", std::string("convicted")}};
  EXPECT_TRUE(SensitiveFlags(convicted).empty());
}

TEST(Palette, EveryNodeTypeHasItsOwnColourAndShape) {
  static_assert(PaletteIsDistinct());
  EXPECT_EQ(NodeShapeOf(NodeType::kCase), NodeShape::kSquare);
  EXPECT_EQ(NodeShapeOf(NodeType::kPersonRecord), NodeShape::kCircle);
  EXPECT_EQ(NodeShapeOf(NodeType::kPhone), NodeShape::kTriangle);
  EXPECT_EQ(NodeShapeOf(NodeType::kVehicle), NodeShape::kDiamond);
  EXPECT_EQ(NodeShapeOf(NodeType::kLocation), NodeShape::kHexagon);
}

}  // namespace
}  // namespace sutra::viewer
