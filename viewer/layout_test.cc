#include "viewer/layout.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sutra::viewer {
namespace {

using storage::NodeType;

// A case with `n` records around it, plus a phone linked to the first record.
ChartModel Star(int n) {
  ChartModel model;
  storage::Subgraph answer;
  storage::Node fir{1000, NodeType::kCase, {{"fir_number", std::string("0001/2024")}}};
  answer.nodes.push_back(fir);
  for (int i = 1; i <= n; ++i) {
    answer.nodes.push_back({static_cast<storage::NodeId>(i),
                            NodeType::kPersonRecord,
                            {{"name", "P" + std::to_string(i)}}});
    answer.edges.push_back({static_cast<storage::EdgeId>(i),
                            storage::EdgeType::kAccusedIn,
                            static_cast<storage::NodeId>(i),
                            1000,
                            {},
                            {}});
  }
  answer.total_neighbors = static_cast<std::uint64_t>(n);
  model.MergeExpansion(1000, answer, 50);
  model.AddNode({2000, NodeType::kPhone, {{"number", std::string("+919800000000")}}}, 1);
  model.AddEdge({500, storage::EdgeType::kUses, 1, 2000, {}, {}});
  return model;
}

float Distance(const ChartModel& model, storage::NodeId a, storage::NodeId b) {
  Vec2 pa = model.FindNode(a)->position;
  Vec2 pb = model.FindNode(b)->position;
  return std::hypot(pa.x - pb.x, pa.y - pb.y);
}

TEST(ForceLayout, SameInputGivesTheSamePicture) {
  ChartModel a = Star(15);
  ChartModel b = Star(15);
  ForceLayout la;
  ForceLayout lb;
  la.Step(a, 300);
  lb.Step(b, 300);
  for (std::size_t i = 0; i < a.nodes().size(); ++i) {
    EXPECT_EQ(a.nodes()[i].position.x, b.nodes()[i].position.x);
    EXPECT_EQ(a.nodes()[i].position.y, b.nodes()[i].position.y);
  }
}

TEST(ForceLayout, ConvergesAndKeepsLinkedNodesNearTheEdgeLength) {
  ChartModel model = Star(8);
  ForceLayout layout;
  int run = layout.Step(model, 5000);
  EXPECT_TRUE(layout.converged());
  EXPECT_LT(run, 5000);
  const float k = layout.params().edge_length;
  float d = Distance(model, 1, 1000);
  EXPECT_GT(d, 0.4f * k);
  EXPECT_LT(d, 2.5f * k);  // leaves of a star push each other outwards a little
  // The phone, two links from the case, sits further from it than its record does.
  EXPECT_LT(d, Distance(model, 2000, 1000));
  // Nobody sits on anybody else.
  for (std::size_t i = 0; i < model.nodes().size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      EXPECT_GT(Distance(model, model.nodes()[i].node.id, model.nodes()[j].node.id), 0.25f * k);
    }
  }
}

TEST(ForceLayout, ChangingTheChartStartsItAgain) {
  ChartModel model = Star(3);
  ForceLayout layout;
  layout.Step(model, 5000);
  ASSERT_TRUE(layout.converged());
  EXPECT_EQ(layout.Step(model, 10), 0);  // nothing to do
  model.AddNode({3000, NodeType::kVehicle, {{"registration", std::string("MH12AB1234")}}}, 1);
  EXPECT_GT(layout.Step(model, 10), 0);
  EXPECT_FALSE(layout.converged());
}

TEST(ForceLayout, PinnedNodesStayAndCoincidentNodesSeparate) {
  ChartModel model;
  model.AddNode({1, NodeType::kPersonRecord, {{"name", std::string("A")}}}, std::nullopt);
  model.AddNode({2, NodeType::kPersonRecord, {{"name", std::string("B")}}}, std::nullopt);
  model.AddNode({3, NodeType::kPersonRecord, {{"name", std::string("C")}}}, std::nullopt);
  for (ChartNode& node : model.mutable_nodes()) node.position = {5, 5};
  model.mutable_nodes()[0].pinned = true;
  ForceLayout layout;
  layout.Step(model, 200);
  EXPECT_EQ(model.nodes()[0].position.x, 5);
  EXPECT_EQ(model.nodes()[0].position.y, 5);
  for (const ChartNode& node : model.nodes()) {
    EXPECT_TRUE(std::isfinite(node.position.x) && std::isfinite(node.position.y));
  }
  EXPECT_GT(Distance(model, 2, 3), 10.0f);
}

}  // namespace
}  // namespace sutra::viewer
