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

// A node built field by field (a braced aggregate with a map inside trips GCC 12's
// -Wmaybe-uninitialized under the sanitizers).
rpc::FlaggedNode Flagged(storage::NodeId id, NodeType type, storage::Properties properties,
                         std::vector<std::string> flags) {
  rpc::FlaggedNode out;
  out.node.id = id;
  out.node.type = type;
  out.node.properties = std::move(properties);
  out.flags = std::move(flags);
  return out;
}

TEST(ChartModel, HitOnlyAndWithheldNodesAreLabelledForWhatTheyAre) {
  ChartModel chart;
  storage::Properties held_at;
  held_at["holding_stations"] = std::string("MH-PUN-0027;MH-PUN-0012");
  const ChartNode& held = chart.AddFlaggedNode(
      Flagged(7, NodeType::kPersonRecord, held_at, {"hit-only"}), std::nullopt);
  EXPECT_TRUE(held.hit_only);
  EXPECT_EQ(held.label, "held at MH-PUN-0027, MH-PUN-0012");
  EXPECT_TRUE(held.flags.empty()) << "a hit is not a sensitive fact";

  storage::Properties age;
  age["age"] = std::int64_t{16};
  const ChartNode& withheld = chart.AddFlaggedNode(
      Flagged(8, NodeType::kPersonRecord, age, {"juvenile", "juvenile:redacted"}), std::nullopt);
  EXPECT_TRUE(withheld.identity_withheld);
  EXPECT_FALSE(withheld.hit_only);
  EXPECT_EQ(withheld.label, kIdentityWithheldLabel);
  EXPECT_EQ(withheld.flags, (std::vector<std::string>{"juvenile", "juvenile:redacted"}));

  // A case with an acquittal keeps its own label; the flag is not repeated.
  storage::Properties case_properties;
  case_properties["fir_number"] = std::string("0087/2021");
  case_properties["status"] = std::string("acquitted");
  const rpc::FlaggedNode fir = Flagged(9, NodeType::kCase, case_properties, {"acquitted"});
  const ChartNode& acquitted = chart.AddFlaggedNode(fir, std::nullopt);
  EXPECT_EQ(acquitted.label, storage::DisplayLabel(fir.node));
  EXPECT_EQ(acquitted.flags, (std::vector<std::string>{"acquitted"}));
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
